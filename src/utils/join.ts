import type { Me } from '../../types/api'
import { ROUTES } from './routes'

/**
 * Where the signed-in person stands, as GET /api/me says: on the roster (any role), waiting for a
 * join request, or new. The phone decides nothing: a person without roles is not on the roster.
 */
export type JoinState = 'member' | 'pending' | 'new'

interface MaybeJoinRequest {
  joinRequest?: { status?: string } | null
}

export function joinStateOf(user: Me | null | undefined): JoinState {
  if (!user) return 'new'
  if (user.roles.length > 0) return 'member'
  return (user as Me & MaybeJoinRequest).joinRequest?.status === 'pending' ? 'pending' : 'new'
}

const INVITE_CODE = /^[A-Za-z0-9]{8}$/

/** The origin that serves the H5 app: where a phone's camera takes a scanned invite. */
function appOrigin(): string {
  if (process.env.TARO_APP_API) return process.env.TARO_APP_API
  return typeof location === 'undefined' ? '' : location.origin
}

/** What an invite QR encodes: a link to 完善信息 with the code, so any phone camera can open it. */
export function inviteLink(code: string): string {
  return `${appOrigin()}/#${ROUTES.joinProfile}?invite=${encodeURIComponent(code)}`
}

/** The code in a scanned invite (its link, or the code itself), or null when it is none. */
export function inviteCodeFrom(text: string): string | null {
  const trimmed = text.trim()
  if (INVITE_CODE.test(trimmed)) return trimmed
  const match = /[?&]invite=([A-Za-z0-9]{8})(?:&|$)/.exec(trimmed)
  return match ? match[1] : null
}
