import { Input, Picker, Text, View } from '@tarojs/components'
import { LIMITS } from '../../../server/src/schemas/limits'
import { describeWeekly, WEEKDAYS, type WeeklyValues } from './schedule'

interface WeeklyFieldsProps {
  values: WeeklyValues
  onChange: (values: WeeklyValues) => void
}

/** 每周几、几点、从哪天起、共几次、每次多久 — and the rule said back in one line. */
export function WeeklyFields({ values, onChange }: WeeklyFieldsProps) {
  const set = <K extends keyof WeeklyValues>(key: K, value: WeeklyValues[K]) =>
    onChange({ ...values, [key]: value })
  return (
    <View className="admin-form__field weekly-fields">
      <Text className="admin-form__label">每周重复</Text>
      <Picker
        mode="selector"
        range={[...WEEKDAYS]}
        value={values.weekday - 1}
        onChange={(e) => set('weekday', Number(e.detail.value) + 1)}
      >
        <View className="admin-form__picker weekly-fields__weekday">
          <Text>每{WEEKDAYS[values.weekday - 1]}</Text>
          <Text className="admin-form__arrow" aria-hidden="true">
            ›
          </Text>
        </View>
      </Picker>
      <Picker mode="time" value={values.time} onChange={(e) => set('time', String(e.detail.value))}>
        <View className="admin-form__picker weekly-fields__time">
          <Text>上课时间 {values.time}</Text>
          <Text className="admin-form__arrow" aria-hidden="true">
            ›
          </Text>
        </View>
      </Picker>
      <Picker mode="date" value={values.from} onChange={(e) => set('from', String(e.detail.value))}>
        <View className="admin-form__picker weekly-fields__from">
          <Text>从 {values.from} 起</Text>
          <Text className="admin-form__arrow" aria-hidden="true">
            ›
          </Text>
        </View>
      </Picker>
      <View className="weekly-fields__numbers">
        <Text className="weekly-fields__unit">共</Text>
        <Input
          className="admin-form__input weekly-fields__count"
          type="number"
          value={values.count}
          maxlength={2}
          placeholder="次数"
          onInput={(e) => set('count', e.detail.value.replace(/\D/g, '').slice(0, 2))}
          aria-label="上课次数"
        />
        <Text className="weekly-fields__unit">次，每次</Text>
        <Input
          className="admin-form__input weekly-fields__duration"
          type="number"
          value={values.durationMinutes}
          maxlength={3}
          placeholder="分钟"
          onInput={(e) => set('durationMinutes', e.detail.value.replace(/\D/g, '').slice(0, 3))}
          aria-label="每次时长（分钟）"
        />
        <Text className="weekly-fields__unit">分钟</Text>
      </View>
      <Text className="admin-form__hint weekly-fields__summary">
        {describeWeekly(values)}（最多 {LIMITS.recurringSessions} 次）
      </Text>
    </View>
  )
}
