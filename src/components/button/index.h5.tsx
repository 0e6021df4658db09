import { cx } from '../types'
import type { ButtonProps } from './types'
import './index.h5.scss'

/**
 * Browser: a real <button type="button">. With `h5.useHtmlComponents` Taro's Button is a <div>
 * whose library rule (`.taro-button-core.taro-btn-default`, two classes) outranks our own button
 * classes, and a div has no button role, no keyboard activation and no real `disabled`. This
 * element has all three, and its base look sits at zero specificity, so every class of ours wins.
 */
export function Button({ className, style, disabled, loading, onClick, children, ...aria }: ButtonProps) {
  return (
    <button
      type="button"
      className={cx('app-button', loading && 'app-button--loading', className)}
      style={style}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      aria-label={aria['aria-label']}
      onClick={onClick}
    >
      {loading ? <span className="app-button__spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  )
}

export default Button
