import { ScrollView, Text, View } from '@tarojs/components'
import type { Category, CategoryCode } from '../../../types/api'
import { cx, type BasicComponent } from '../types'
import './index.scss'

export interface CategoryChipsProps extends BasicComponent {
  /** The categories to offer after 全部. */
  categories: readonly Category[]
  /** The chosen category; null is 全部. */
  value: CategoryCode | null
  /** Called with the tapped category (null for 全部). */
  onChange: (value: CategoryCode | null) => void
}

/** A row of filter chips: 全部 and one per category; the chosen one is filled and says 已选. */
export function CategoryChips({ categories, value, onChange, className, style }: CategoryChipsProps) {
  const chips: Array<{ code: CategoryCode | null; name: string }> = [
    { code: null, name: '全部' },
    ...categories.map((category) => ({ code: category.code, name: category.name })),
  ]
  return (
    <ScrollView className={cx('category-chips', className)} style={style} scrollX enableFlex>
      <View className="category-chips__track" role="tablist">
        {chips.map((chip) => {
          const active = chip.code === value
          return (
            <View
              key={chip.code ?? 'all'}
              className={cx('category-chip', active && 'category-chip--active')}
              onClick={() => onChange(chip.code)}
              role="tab"
              aria-selected={active}
              aria-label={`${chip.name}${active ? '，已选' : ''}`}
            >
              <Text>{chip.name}</Text>
            </View>
          )
        })}
      </View>
    </ScrollView>
  )
}

export default CategoryChips
