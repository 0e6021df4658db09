import type { LoginResult, PageOf, PoliticalStatus } from '../../types/api'
import type {
  AuditEntry,
  Branch,
  BranchInput,
  BranchPatch,
  Company,
  CompanyInput,
  ImportResult,
  Invite,
  JoinRequest,
  JoinRequestInput,
  JoinRequestStatus,
  Member,
  MemberInput,
  MemberPatch,
} from './org-types'
import { request } from './request'

export type * from './org-types'

export const PAGE_SIZE = 20

// ---- companies and branches (park admins; secretaries read their own) ----

export function companies(cursor?: string | null, q?: string): Promise<PageOf<Company>> {
  return request<PageOf<Company>>('/api/companies', {
    data: { limit: 50, cursor: cursor || undefined, q: q || undefined },
  })
}

/** Every company, page after page (a park has dozens, not thousands). */
export async function allCompanies(): Promise<Company[]> {
  const all: Company[] = []
  let cursor: string | null = null
  do {
    const page: PageOf<Company> = await companies(cursor)
    all.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return all
}

export function createCompany(input: CompanyInput): Promise<Company> {
  return request<Company>('/api/companies', { method: 'POST', data: input })
}

export function updateCompany(id: number, input: Partial<CompanyInput>): Promise<Company> {
  return request<Company>(`/api/companies/${id}`, { method: 'PATCH', data: input })
}

/** Every branch with the companies it covers (also what someone asking to join chooses from). */
export function branches(): Promise<Branch[]> {
  return request<PageOf<Branch>>('/api/branches').then((page) => page.items)
}

export function createBranch(input: BranchInput): Promise<Branch> {
  return request<Branch>('/api/branches', { method: 'POST', data: input })
}

export function updateBranch(id: number, patch: BranchPatch): Promise<Branch> {
  return request<Branch>(`/api/branches/${id}`, { method: 'PATCH', data: patch })
}

// ---- the roster ----

export interface MemberFilter {
  branchId?: number
  q?: string
  politicalStatus?: PoliticalStatus
}

/** Where the roster CSV (the import's columns) is answered, for 导出. */
export function membersCsvPath(filter: MemberFilter): string {
  const query = new URLSearchParams({ format: 'csv' })
  if (filter.branchId) query.set('branchId', String(filter.branchId))
  if (filter.q) query.set('q', filter.q)
  if (filter.politicalStatus) query.set('politicalStatus', filter.politicalStatus)
  return `/api/members?${query.toString()}`
}

export function members(filter: MemberFilter, cursor?: string | null): Promise<PageOf<Member>> {
  return request<PageOf<Member>>('/api/members', {
    data: {
      limit: PAGE_SIZE,
      cursor: cursor || undefined,
      branchId: filter.branchId,
      q: filter.q || undefined,
      politicalStatus: filter.politicalStatus,
    },
  })
}

/** A branch's whole roster, for choosing its secretary (a branch has dozens, not thousands). */
export async function allMembers(filter: MemberFilter): Promise<Member[]> {
  const all: Member[] = []
  let cursor: string | null = null
  do {
    const page: PageOf<Member> = await request<PageOf<Member>>('/api/members', {
      data: { limit: 50, cursor: cursor || undefined, branchId: filter.branchId, q: filter.q || undefined },
    })
    all.push(...page.items)
    cursor = page.nextCursor
  } while (cursor && all.length < 1000)
  return all
}

export function member(id: number): Promise<Member> {
  return request<Member>(`/api/members/${id}`)
}

export function createMember(input: MemberInput): Promise<Member> {
  return request<Member>('/api/members', { method: 'POST', data: input })
}

export function updateMember(id: number, patch: MemberPatch): Promise<Member> {
  return request<Member>(`/api/members/${id}`, { method: 'PATCH', data: patch })
}

/** The roster CSV (header 姓名,手机号,公司,支部,政治面貌,是否CEO,出生日期); a dry run writes nothing. */
export function importMembers(csv: string, dryRun: boolean): Promise<ImportResult> {
  return request<ImportResult>(`/api/members/import${dryRun ? '?dryRun=1' : ''}`, {
    method: 'POST',
    data: csv,
    header: { 'Content-Type': 'text/csv; charset=utf-8' },
  })
}

export function invite(memberId: number): Promise<Invite> {
  return request<Invite>(`/api/members/${memberId}/invite`, { method: 'POST' })
}

// ---- joining ----

/** Binds the signed-in WeChat account to its roster entry: an invite code, or WeChat's phone-number code. */
export function bind(input: { inviteCode: string } | { phoneCode: string }): Promise<LoginResult> {
  return request<LoginResult>('/api/me/bind', { method: 'POST', data: input })
}

export function requestToJoin(input: JoinRequestInput): Promise<{ id: number; status: 'pending' }> {
  return request<{ id: number; status: 'pending' }>('/api/join-requests', { method: 'POST', data: input })
}

export function joinRequests(
  status: JoinRequestStatus,
  cursor?: string | null,
): Promise<PageOf<JoinRequest>> {
  return request<PageOf<JoinRequest>>('/api/join-requests', {
    data: { status, limit: PAGE_SIZE, cursor: cursor || undefined },
  })
}

export function approveJoinRequest(id: number): Promise<unknown> {
  return request<unknown>(`/api/join-requests/${id}/approve`, { method: 'POST' })
}

export function rejectJoinRequest(id: number, reason: string): Promise<unknown> {
  return request<unknown>(`/api/join-requests/${id}/reject`, { method: 'POST', data: { reason } })
}

// ---- the audit log (park admins) ----

export function auditLog(entity: string | undefined, cursor?: string | null): Promise<PageOf<AuditEntry>> {
  return request<PageOf<AuditEntry>>('/api/audit-log', {
    data: { entity: entity || undefined, cursor: cursor || undefined, limit: PAGE_SIZE },
  })
}
