import { AppError } from '../../errors'
import type { Viewer } from './viewer'

/**
 * What a branch-scoped object (notice, event, course, session, material…) says about its audience:
 * the branch it belongs to, or null for park-wide.
 */
export interface Scoped {
  branchId: number | null
}

/**
 * Addressed to the viewer: park-wide, or their own branch's. This is a member's feed, what the
 * unread badge counts.
 */
export function isAddressedTo(viewer: Viewer, scope: Scoped): boolean {
  return scope.branchId === null || scope.branchId === viewer.branchId
}

/**
 * What the viewer may open and take part in: what is addressed to them, and for park admins every
 * branch's objects. Anything else answers 404, as if it did not exist.
 */
export function canView(viewer: Viewer, scope: Scoped): boolean {
  return viewer.parkAdmin || isAddressedTo(viewer, scope)
}

/**
 * Organisers of an object: a park admin for everything, a branch's secretary for their branch's
 * objects. A park-wide object is the park's: no secretary runs it.
 */
export function canManage(viewer: Viewer, object: Scoped): boolean {
  if (viewer.parkAdmin) return true
  return viewer.secretary && object.branchId !== null && object.branchId === viewer.branchId
}

/** Organises something: a park admin, or a secretary of a branch. */
export function isOrganiser(viewer: Viewer): boolean {
  return viewer.parkAdmin || viewer.secretary
}

/**
 * Organisers record other people's attendance, never their own: scanning one's own card or marking
 * oneself present would be points for nothing. They sign in like everyone else.
 */
export function checkNotSelf(viewer: Viewer, memberId: number): void {
  if (viewer.id === memberId) {
    throw new AppError(422, 'SELF_RECORD', '组织者不能为自己登记签到,请扫描现场签到码或请其他组织者登记')
  }
}
