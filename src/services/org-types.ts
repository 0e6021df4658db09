// The organisation's shapes as API.md "Organisation and joining" has them, until the server's
// TypeBox schemas are shared (then these become re-exports from types/api).
import type { NamedRef, PoliticalStatus, Role } from '../../types/api'

export type CompanyStatus = 'operating' | 'closed'
export type PartyOrg = 'own' | 'joint' | 'none'
export type BranchKind = 'own' | 'joint'

export interface Company {
  id: number
  name: string
  industry: string
  status: CompanyStatus
  partyOrg: PartyOrg
  branch: NamedRef | null
  instructor: NamedRef | null
}

export interface CompanyInput {
  name: string
  industry: string
  status?: CompanyStatus
  instructorId?: number | null
}

export interface Branch {
  id: number
  name: string
  kind: BranchKind
  companies: NamedRef[]
  secretary: NamedRef | null
  memberCount: number
}

export interface BranchInput {
  name: string
  kind: BranchKind
  companyIds: number[]
}

export interface BranchPatch {
  name?: string
  companyIds?: number[]
  secretaryId?: number | null
}

export interface Member {
  id: number
  name: string
  /** Masked (138****5678) for everyone but park admins and the member's own secretary. */
  phone: string | null
  company: NamedRef | null
  branch: NamedRef | null
  politicalStatus: PoliticalStatus
  roles: Role[]
  isCeo: boolean
  birthDate: string | null
  bound: boolean
  active: boolean
}

export interface MemberInput {
  name: string
  phone: string
  companyId: number
  branchId?: number
  politicalStatus: PoliticalStatus
  isCeo?: boolean
  birthDate?: string | null
}

export type MemberPatch = Partial<Omit<MemberInput, 'branchId'>> & {
  branchId?: number | null
  roles?: Role[]
  active?: boolean
}

export interface ImportResult {
  created: number
  updated: number
  unchanged: number
  errors: Array<{ line: number; message: string }>
  /** true: nothing was written (a dry run, or a file with errors) */
  dryRun: boolean
}

export interface Invite {
  code: string
  expiresAt: string
}

export type JoinRequestStatus = 'pending' | 'approved' | 'rejected'

export interface JoinRequest {
  id: number
  status: JoinRequestStatus
  name: string
  phone: string
  company: NamedRef
  branch: NamedRef
  note: string
  reason: string | null
  createdAt: string
  decidedAt: string | null
  decidedBy: NamedRef | null
  memberId: number | null
}

export interface JoinRequestInput {
  branchId: number
  companyId: number
  name: string
  phone: string
  note?: string
}

export type AuditEntity = 'company' | 'branch' | 'member' | 'invite' | 'join_request'

export interface AuditEntry {
  id: number
  actor: NamedRef | null
  action: string
  entity: AuditEntity
  entityId: number
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  at: string
}

/** My own latest join request, as GET /api/me shows it to someone not on the roster yet. */
export interface MyJoinRequest {
  id: number
  status: JoinRequestStatus
  company: NamedRef
  branch: NamedRef
  reason: string | null
  createdAt: string
}

/** What GET /api/me adds for joining. */
export interface MeJoining {
  onRoster: boolean
  phone: string | null
  joinRequest: MyJoinRequest | null
}
