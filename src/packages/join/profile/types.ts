import type { LoginResult } from '../../../../types/api'

export interface PhoneBindProps {
  /** Called with the server's answer once the account is bound to its roster entry. */
  onBound: (result: LoginResult) => void
}
