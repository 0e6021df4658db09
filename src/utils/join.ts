import type { Me } from '../../types/api'
import { ROUTES } from './routes'

/**
 * Where the signed-in person stands, as GET /api/me says: on the roster, waiting for a join request,
 * refused (with the secretary's reason), or new. The phone decides nothing.
 */
export type JoinState = 'member' | 'pending' | 'rejected' | 'new'

type Joining = Pick<Me, 'onRoster' | 'phone' | 'joinRequest'>

/** The joining fields of GET /api/me (a profile stored by an older version has none). */
export function joiningOf(user: Me | null | undefined): Partial<Joining> {
  return user ?? {}
}

export function joinStateOf(user: Me | null | undefined): JoinState {
  if (!user) return 'new'
  const { onRoster, joinRequest } = joiningOf(user)
  // A profile cached by an older version lacks `onRoster`: anyone with a role is on the roster.
  if (onRoster ?? user.roles.length > 0) return 'member'
  if (joinRequest?.status === 'pending') return 'pending'
  if (joinRequest?.status === 'rejected') return 'rejected'
  return 'new'
}

const INVITE_CODE = /^[A-Za-z0-9]{8}$/

/** The origin that serves the H5 app: where a phone's camera takes a scanned invite. */
function appOrigin(): string {
  if (process.env.TARO_APP_API) return process.env.TARO_APP_API
  return typeof location === 'undefined' ? '' : location.origin
}

/**
 * What an invite QR encodes: a link to the H5 login page with the code, so any phone camera can
 * open it (it signs in with the invite); the mini-program's own scanner reads the code out of it.
 */
export function inviteLink(code: string): string {
  return `${appOrigin()}/#${ROUTES.login}?invite=${encodeURIComponent(code)}`
}

/** The code in a scanned invite (its link, or the code itself), or null when it is none. */
export function inviteCodeFrom(text: string): string | null {
  const trimmed = text.trim()
  if (INVITE_CODE.test(trimmed)) return trimmed
  const match = /[?&]invite=([A-Za-z0-9]{8})(?:&|$)/.exec(trimmed)
  return match ? match[1] : null
}
