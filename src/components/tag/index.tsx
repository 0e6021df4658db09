import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import { cx, type BasicComponent } from '../types'
import './index.scss'

export type TagType = 'primary' | 'solid' | 'gold' | 'default'

export interface TagProps extends BasicComponent {
  /** Colour scheme: `primary` light red, `solid` filled red, `gold` for CEO, `default` grey. */
  type?: TagType
  /** The label; always words, so the meaning never rests on colour alone. */
  children: ReactNode
}

/** A short label such as 置顶, 园区 or a branch name. */
export function Tag({ type = 'default', className, style, children }: TagProps) {
  return (
    <Text className={cx('tag', `tag--${type}`, className)} style={style}>
      {children}
    </Text>
  )
}

export default Tag
