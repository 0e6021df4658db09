import type { Branch, BranchKind, NamedRef } from '../../schemas'

/** `{ id, name }` of a joined branch, company or person; null when the row has none. */
export function refOf(id: number | null, name: string | null): NamedRef | null {
  return id !== null && name !== null ? { id, name } : null
}

/** The columns of a person (`u`) with their branch (`b`), as lists of members select them. */
export const MEMBER_COLUMNS = [
  'u.id as user_id',
  'u.name as user_name',
  'u.branch_id',
  'b.name as branch_name',
] as const

export interface MemberRow {
  user_id: number
  user_name: string
  branch_id: number | null
  branch_name: string | null
}

/** `{ id, name, branch }` of a member in a list (attendance, attendees). */
export function toMemberRef(row: MemberRow): { id: number; name: string; branch: NamedRef | null } {
  return { id: row.user_id, name: row.user_name, branch: refOf(row.branch_id, row.branch_name) }
}

/** A branch row with what the organisation pages show about it. */
export interface BranchRow {
  id: number
  name: string
  kind: BranchKind
  secretary_id: number | null
  secretary_name: string | null
  member_count: number | string
}

export function toBranch(row: BranchRow, companies: NamedRef[]): Branch {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    companies,
    secretary: refOf(row.secretary_id, row.secretary_name),
    memberCount: Number(row.member_count),
  }
}

/** `138****5678`: the first three and last four digits of a phone number. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****'
}
