import type {
  AuditEntity,
  AuditEntry,
  Branch,
  BranchKind,
  Company,
  CompanyStatus,
  JoinRequest,
  JoinRequestStatus,
  Member,
  MyJoinRequest,
  NamedRef,
  PoliticalStatus,
} from '../../schemas'
import type { Viewer } from '../access'
import { parseRoles } from '../users/mapper'
import { partyOrgOf, seesFullPhone } from './rules'

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

export interface CompanyRow {
  id: number
  name: string
  industry: string
  status: CompanyStatus
  branch_id: number | null
  branch_name: string | null
  branch_kind: BranchKind | null
  instructor_id: number | null
  instructor_name: string | null
}

export function toCompany(row: CompanyRow): Company {
  return {
    id: row.id,
    name: row.name,
    industry: row.industry,
    status: row.status,
    partyOrg: partyOrgOf(row.branch_id === null ? null : row.branch_kind),
    branch: refOf(row.branch_id, row.branch_name),
    instructor: refOf(row.instructor_id, row.instructor_name),
  }
}

/** A roster row: the person with their branch and company names. */
export interface RosterRow {
  id: number
  name: string
  phone: string | null
  company_id: number | null
  company_name: string | null
  branch_id: number | null
  branch_name: string | null
  political_status: PoliticalStatus
  roles: string
  is_ceo: number
  birth_date: string | null
  wechat_openid: string | null
  active: number
}

export function toMember(row: RosterRow, viewer: Viewer): Member {
  const phone =
    row.phone === null || seesFullPhone(viewer, row.branch_id) || viewer.id === row.id
      ? row.phone
      : maskPhone(row.phone)
  return {
    id: row.id,
    name: row.name,
    phone,
    company: refOf(row.company_id, row.company_name),
    branch: refOf(row.branch_id, row.branch_name),
    politicalStatus: row.political_status,
    roles: parseRoles(row.roles),
    isCeo: row.is_ceo === 1,
    birthDate: row.birth_date,
    bound: row.wechat_openid !== null,
    active: row.active === 1,
  }
}

export interface JoinRequestRow {
  id: number
  user_id: number
  status: JoinRequestStatus
  name: string
  phone: string
  company_id: number
  company_name: string
  branch_id: number
  branch_name: string
  note: string
  reason: string | null
  created_at: string
  decided_at: string | null
  decided_by: number | null
  decider_name: string | null
  member_id: number | null
}

export function toJoinRequest(row: JoinRequestRow, viewer: Viewer): JoinRequest {
  const full = seesFullPhone(viewer, row.branch_id) || viewer.id === row.user_id
  return {
    id: row.id,
    status: row.status,
    name: row.name,
    phone: full ? row.phone : maskPhone(row.phone),
    company: { id: row.company_id, name: row.company_name },
    branch: { id: row.branch_id, name: row.branch_name },
    note: row.note,
    reason: row.reason,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    decidedBy: refOf(row.decided_by, row.decider_name),
    memberId: row.member_id,
  }
}

export function toMyJoinRequest(row: JoinRequestRow): MyJoinRequest {
  return {
    id: row.id,
    status: row.status,
    company: { id: row.company_id, name: row.company_name },
    branch: { id: row.branch_id, name: row.branch_name },
    reason: row.reason,
    createdAt: row.created_at,
  }
}

export interface AuditRow {
  id: number
  actor_id: number | null
  actor_name: string | null
  action: string
  entity: AuditEntity
  entity_id: number
  before_json: string | null
  after_json: string | null
  at: string
}

const parseState = (json: string | null): Record<string, unknown> | null =>
  json === null ? null : (JSON.parse(json) as Record<string, unknown>)

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    actor: refOf(row.actor_id, row.actor_name),
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: parseState(row.before_json),
    after: parseState(row.after_json),
    at: row.at,
  }
}
