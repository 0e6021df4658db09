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
  status: CompanyStatus
  partyOrg: PartyOrg
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
  secretaryId?: number
}

export interface Member {
  id: number
  name: string
  /** Masked (138****5678) for everyone but park admins and the member's own secretary. */
  phone: string
  company: NamedRef | null
  branch: NamedRef | null
  politicalStatus: PoliticalStatus
  roles: Role[]
  isCeo: boolean
  bound: boolean
  active: boolean
  birthDate?: string | null
}

export interface MemberInput {
  name: string
  phone: string
  companyId: number
  branchId?: number
  politicalStatus: PoliticalStatus
  isCeo?: boolean
  birthDate?: string
}

export type MemberPatch = Partial<MemberInput> & { roles?: Role[]; active?: boolean }

export interface ImportResult {
  created: number
  updated: number
  unchanged: number
  errors: Array<{ line: number; message: string }>
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
  note?: string | null
  company: NamedRef
  branch: NamedRef
  reason?: string | null
  createdAt: string
}

export interface JoinRequestInput {
  branchId: number
  companyId: number
  name: string
  phone: string
  note?: string
}

export interface AuditEntry {
  id: number
  actor: NamedRef | null
  action: string
  entity: string
  entityId: number
  before: unknown
  after: unknown
  at: string
}
