import type { PoliticalStatus, Role } from '../../schemas'
import type { CurrentUser } from '../users/mapper'

/**
 * Who is asking. Built once per request by the auth plugin (`request.viewer`) from the user read
 * fresh from the database, so a changed role or branch applies at once. Every rule about who may
 * see or do what takes a Viewer; no domain builds its own.
 */
export interface Viewer {
  id: number
  roles: readonly Role[]
  /** The viewer's branch; null for park staff without one and for people not on the roster yet. */
  branchId: number | null
  parkAdmin: boolean
  /** The secretary of `branchId` (a secretary always has a branch). */
  secretary: boolean
  /** A 红e帮帮团 member who answers help requests. */
  helper: boolean
  /** On the park's roster. A WeChat user who has not joined yet has no roles and no branch. */
  onRoster: boolean
  isCeo: boolean
  politicalStatus: PoliticalStatus
}

export function viewerOf(user: CurrentUser): Viewer {
  const branchId = user.branch?.id ?? null
  return {
    id: user.id,
    roles: user.roles,
    branchId,
    parkAdmin: user.roles.includes('park_admin'),
    secretary: user.roles.includes('secretary') && branchId !== null,
    helper: user.roles.includes('helper'),
    onRoster: user.roles.length > 0,
    isCeo: user.isCeo,
    politicalStatus: user.politicalStatus,
  }
}
