import { Text, View } from '@tarojs/components'
import { cx, type BasicComponent } from '../types'
import './index.scss'

export interface SegmentTabsProps<T extends string> extends BasicComponent {
  /** The choices in order, each with its label. */
  options: ReadonlyArray<readonly [T, string]>
  /** The choice shown now. */
  value: T
  onChange: (value: T) => void
}

/** Two or three lists of one page (即将开始 / 往期回顾), one underlined tab each. */
export function SegmentTabs<T extends string>({
  options,
  value,
  onChange,
  className,
  style,
}: SegmentTabsProps<T>) {
  return (
    <View className={cx('segment-tabs', className)} style={style} role="tablist">
      {options.map(([option, label]) => (
        <View
          key={option}
          role="tab"
          aria-selected={value === option}
          className={cx('segment-tabs__tab', value === option && 'segment-tabs__tab--active')}
          onClick={() => onChange(option)}
        >
          <Text>{label}</Text>
        </View>
      ))}
    </View>
  )
}

export default SegmentTabs
