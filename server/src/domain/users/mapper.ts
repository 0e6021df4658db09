import type { DemoUser, Me, MyJoinRequest, NamedRef, PoliticalStatus, Role } from '../../schemas'
import { refOf } from '../organisation/mapper'

/** The signed-in user as the routes see it, read fresh from the database on every request. */
export interface CurrentUser {
  id: number
  name: string
  roles: Role[]
  isCeo: boolean
  politicalStatus: PoliticalStatus
  branch: NamedRef | null
  company: NamedRef | null
  /** the user's own phone number (never shown to others unmasked but by their organisers) */
  phone: string | null
  /** false: left the park, or a WeChat account merged into its roster entry; cannot sign in */
  active: boolean
  /** logins issued at or before this moment are refused */
  sessionsValidAfter: string | null
}

/** A users row joined with its branch and company names. */
export interface UserJoinedRow {
  id: number
  name: string
  roles: string
  is_ceo: number
  political_status: PoliticalStatus
  branch_id: number | null
  branch_name: string | null
  company_id: number | null
  company_name: string | null
  phone: string | null
  active: number
  sessions_valid_after: string | null
}

const ROLES: readonly Role[] = ['member', 'secretary', 'park_admin', 'helper']

export function parseRoles(text: string): Role[] {
  const listed = new Set(text.split(',').map((role) => role.trim()))
  return ROLES.filter((role) => listed.has(role))
}

export function toCurrentUser(row: UserJoinedRow): CurrentUser {
  return {
    id: row.id,
    name: row.name,
    roles: parseRoles(row.roles),
    isCeo: row.is_ceo === 1,
    politicalStatus: row.political_status,
    branch: refOf(row.branch_id, row.branch_name),
    company: refOf(row.company_id, row.company_name),
    phone: row.phone,
    active: row.active === 1,
    sessionsValidAfter: row.sessions_valid_after,
  }
}

export function toMe(user: CurrentUser, pointsTotal: number, joinRequest: MyJoinRequest | null = null): Me {
  return {
    id: user.id,
    name: user.name,
    roles: user.roles,
    isCeo: user.isCeo,
    branch: user.branch,
    company: user.company,
    politicalStatus: user.politicalStatus,
    points: { total: pointsTotal },
    onRoster: user.roles.length > 0,
    phone: user.phone,
    joinRequest: user.roles.length > 0 ? null : joinRequest,
  }
}

export function toDemoUser(user: CurrentUser): DemoUser {
  return {
    id: user.id,
    name: user.name,
    roles: user.roles,
    isCeo: user.isCeo,
    branchName: user.branch?.name ?? null,
  }
}

/** Picker order: park admins, secretaries, CEOs, then everyone else. */
export function demoRank(user: CurrentUser): number {
  if (user.roles.includes('park_admin')) return 0
  if (user.roles.includes('secretary')) return 1
  if (user.isCeo) return 2
  return 3
}
