import { Button as TaroButton } from '@tarojs/components'
import { cx } from '../types'
import type { ButtonProps } from './types'

/** WeChat: the native button (its own role, hover state and loading spinner). */
export function Button({ className, style, disabled, loading, onClick, children, ...aria }: ButtonProps) {
  return (
    <TaroButton
      className={cx('app-button', className)}
      style={style}
      disabled={disabled || loading}
      loading={loading}
      ariaLabel={aria['aria-label']}
      onClick={onClick}
    >
      {children}
    </TaroButton>
  )
}

export default Button
