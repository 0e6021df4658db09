import type { DemoUser, Event, Me } from '../../types/api'

export type Role = Me['roles'][number]
export type PoliticalStatus = Me['politicalStatus']

/** `member` is every signed-in user, party member or not, hence 成员 rather than 党员. */
export const ROLE_LABELS: Record<Role, string> = {
  member: '成员',
  secretary: '支部书记',
  park_admin: '园区管理员',
  helper: '红e帮帮团',
}

/** 政治面貌 */
export const POLITICAL_STATUS_LABELS: Record<PoliticalStatus, string> = {
  party_member: '中共党员',
  probationary: '中共预备党员',
  candidate: '发展对象',
  activist: '入党积极分子',
  applicant: '入党申请人',
  masses: '群众',
}

/** Roles worth a tag: everyone is a member. */
export function officeLabels(roles: readonly Role[]): string[] {
  return (['park_admin', 'secretary', 'helper'] as const)
    .filter((role) => roles.includes(role))
    .map((r) => ROLE_LABELS[r])
}

/** Who organises an event: the park committee or a branch. */
export function organiserLabel(event: Pick<Event, 'branch'>): string {
  return event.branch?.name ?? '园区联合党委'
}

export type DemoGroup = '园区管理员' | '支部书记' | '企业CEO' | '党员群众'

export const DEMO_GROUP_ORDER: DemoGroup[] = ['园区管理员', '支部书记', '企业CEO', '党员群众']

/** A demo account sits in the group of its most senior role. */
export function demoGroupOf(user: Pick<DemoUser, 'roles' | 'isCeo'>): DemoGroup {
  if (user.roles.includes('park_admin')) return '园区管理员'
  if (user.roles.includes('secretary')) return '支部书记'
  if (user.isCeo) return '企业CEO'
  return '党员群众'
}
