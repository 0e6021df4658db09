import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx, type BasicComponent } from '../types'
import './index.scss'

export interface MenuGroupProps extends BasicComponent {
  /** A small heading above the rows, e.g. 支部管理. */
  title?: string
  /** The rows. */
  children: ReactNode
}

/** A white card of menu rows, as on 我的 and 设置. */
export function MenuGroup({ title, className, style, children }: MenuGroupProps) {
  return (
    <View className={cx('menu', className)} style={style}>
      {title ? <Text className="menu__title">{title}</Text> : null}
      {children}
    </View>
  )
}

export interface MenuItemProps extends BasicComponent {
  /** What the row opens, e.g. 我的报名. */
  label: string
  /** A short grey note on the right, e.g. 已报名 2 · 候补 1. */
  hint?: string
  /** Called when the row is tapped. */
  onClick: () => void
}

/** One tappable row with a label, an optional hint and an arrow; at least a touch target tall. */
export function MenuItem({ label, hint, onClick, className, style }: MenuItemProps) {
  return (
    <View
      className={cx('menu-item', className)}
      style={style}
      hoverClass="menu-item--active"
      role="button"
      onClick={onClick}
    >
      <Text className="menu-item__label">{label}</Text>
      {hint ? <Text className="menu-item__hint">{hint}</Text> : null}
      <Text className="menu-item__arrow" aria-hidden="true">
        ›
      </Text>
    </View>
  )
}

export default MenuItem
