import type { Branch, Company, JoinRequest, Me, Member } from '../../types/api'
import { member } from './fixtures'

/** A WeChat user the roster does not know yet: no roles, no branch. */
export const newcomer: Me = {
  ...member,
  id: 40,
  name: '微信用户',
  roles: [],
  branch: null,
  company: null,
  politicalStatus: 'masses',
  points: { total: 0 },
  onRoster: false,
  phone: null,
  joinRequest: null,
}

export function company(overrides: Partial<Company> = {}): Company {
  return {
    id: 3,
    name: '云栈科技',
    industry: '软件和信息技术服务',
    status: 'operating',
    partyOrg: 'own',
    branch: { id: 3, name: '云栈科技党支部' },
    instructor: null,
    ...overrides,
  }
}

export function branch(overrides: Partial<Branch> = {}): Branch {
  return {
    id: 3,
    name: '云栈科技党支部',
    kind: 'own',
    companies: [{ id: 3, name: '云栈科技' }],
    secretary: { id: 2, name: '陈书记' },
    memberCount: 12,
    ...overrides,
  }
}

export function rosterMember(overrides: Partial<Member> = {}): Member {
  return {
    id: 7,
    name: '林晓帆',
    phone: '13800000007',
    company: { id: 3, name: '云栈科技' },
    branch: { id: 3, name: '云栈科技党支部' },
    politicalStatus: 'party_member',
    roles: ['member'],
    isCeo: false,
    birthDate: null,
    bound: true,
    active: true,
    ...overrides,
  }
}

export function joinRequest(overrides: Partial<JoinRequest> = {}): JoinRequest {
  return {
    id: 5,
    status: 'pending',
    name: '周新人',
    phone: '13900000005',
    company: { id: 3, name: '云栈科技' },
    branch: { id: 3, name: '云栈科技党支部' },
    note: '10月入职，研发部',
    reason: null,
    createdAt: '2026-11-20T02:00:00.000Z',
    decidedAt: null,
    decidedBy: null,
    memberId: null,
    ...overrides,
  }
}
