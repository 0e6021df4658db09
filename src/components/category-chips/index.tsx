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

const chipId = (code: CategoryCode | null) => `category-chip-${code ?? 'all'}`

/** A row of filter chips: 全部 and one per category; the chosen one is filled and says 已选. */
export function CategoryChips({ categories, value, onChange, className, style }: CategoryChipsProps) {
  const chips: Array<{ code: CategoryCode | null; name: string }> = [
    { code: null, name: '全部' },
    ...categories.map((category) => ({ code: category.code, name: category.name })),
  ]
  return (
    // The chosen chip is scrolled fully into view, so it is never cut off at the edge.
    <ScrollView
      className={cx('category-chips', className)}
      style={style}
      scrollX
      enableFlex
      scrollWithAnimation
      scrollIntoView={chipId(value)}
    >
      <View className="category-chips__track" role="tablist">
        {chips.map((chip) => {
          const active = chip.code === value
          return (
            <View
              key={chip.code ?? 'all'}
              id={chipId(chip.code)}
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
