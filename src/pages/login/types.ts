import type { LoginResult } from '../../../types/api'

export interface LoginPanelProps {
  /** Called once the server has answered with a session. */
  onLoggedIn: (result: LoginResult) => void
}
