import type { DemoUser, Me, NamedRef, PoliticalStatus, Role } from '../../schemas'
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
  }
}

export function toMe(user: CurrentUser, pointsTotal: number): Me {
  return {
    id: user.id,
    name: user.name,
    roles: user.roles,
    isCeo: user.isCeo,
    branch: user.branch,
    company: user.company,
    politicalStatus: user.politicalStatus,
    points: { total: pointsTotal },
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
