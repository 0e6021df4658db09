import type { CSSProperties } from 'react'

/** Props every component accepts. */
export interface BasicComponent {
  /** Extra class names, appended after the component's own. */
  className?: string
  /** Inline style for one-off adjustments. */
  style?: CSSProperties
}

/** Joins class names, skipping falsy ones. */
export function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ')
}
