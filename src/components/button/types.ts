import type { ReactNode } from 'react'
import type { BasicComponent } from '../types'

export interface ButtonProps extends BasicComponent {
  children?: ReactNode
  /** Taps are ignored and the button says so to assistive technology. */
  disabled?: boolean
  /** A request is under way: a spinner before the label, and taps are ignored (disabled too). */
  loading?: boolean
  /** The tap; a button inside a tappable row can stop it reaching the row. */
  onClick?: (event: { stopPropagation: () => void }) => void
  /** The accessible name when the label alone does not say enough. */
  'aria-label'?: string
}
