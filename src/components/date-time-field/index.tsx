import { Picker, Text, View } from '@tarojs/components'
import { cx, type BasicComponent } from '../types'
import { fromDateTimeInput, toDateInput, toTimeInput } from '@/utils/time'
import './index.scss'

export interface DateTimeFieldProps extends BasicComponent {
  /** The field's name, e.g. 开始时间. */
  label: string
  /** ISO 8601 time, or null when not chosen yet. */
  value: string | null
  /** Called with the new ISO time (China time on the pickers). */
  onChange: (value: string) => void
  /** Shown instead of a date before one is chosen. */
  placeholder?: string
  /** A sentence under the pickers, e.g. what happens when left empty. */
  hint?: string
  /** Shows a 清除 link that sets the value back to null. */
  onClear?: () => void
}

/** A date picker and a time picker for one moment, in China time whatever the phone's zone. */
export function DateTimeField({
  label,
  value,
  onChange,
  placeholder = '选择日期',
  hint,
  onClear,
  className,
  style,
}: DateTimeFieldProps) {
  const date = value ? toDateInput(value) : ''
  const time = value ? toTimeInput(value) : ''
  return (
    <View className={cx('date-time-field', className)} style={style}>
      <View className="date-time-field__top">
        <Text className="date-time-field__label">{label}</Text>
        {onClear && value ? (
          <Text className="date-time-field__clear" onClick={onClear}>
            清除
          </Text>
        ) : null}
      </View>
      <View className="date-time-field__pickers">
        <Picker
          className="date-time-field__date-picker"
          mode="date"
          value={date}
          onChange={(event) => onChange(fromDateTimeInput(String(event.detail.value), time || '09:00'))}
        >
          <View className={cx('date-time-field__value', 'date-time-field__date', !date && 'is-empty')}>
            {date || placeholder}
          </View>
        </Picker>
        <Picker
          mode="time"
          value={time || '09:00'}
          onChange={(event) =>
            onChange(fromDateTimeInput(date || toDateInput(Date.now()), String(event.detail.value)))
          }
        >
          <View className={cx('date-time-field__value', 'date-time-field__time', !time && 'is-empty')}>
            {time || '时间'}
          </View>
        </Picker>
      </View>
      {hint ? <Text className="date-time-field__hint">{hint}</Text> : null}
    </View>
  )
}

export default DateTimeField
