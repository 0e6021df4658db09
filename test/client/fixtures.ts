import type { Announcement, DemoUser, Me } from '../../types/api'

export const member: Me = {
  id: 7,
  name: '林晓帆',
  roles: ['member'],
  isCeo: false,
  branch: { id: 3, name: '云栈科技党支部' },
  company: { id: 3, name: '云栈科技' },
  politicalStatus: 'party_member',
  points: { total: 35 },
}

export const secretary: Me = {
  ...member,
  id: 2,
  name: '陈书记',
  roles: ['member', 'secretary'],
}

export function announcement(overrides: Partial<Announcement> = {}): Announcement {
  return {
    id: 1,
    title: '关于开展主题党日活动的通知',
    summary: '本周五下午在园区党群服务中心开展主题党日活动。',
    scope: 'park',
    branch: null,
    pinned: false,
    publishedAt: '2026-11-24T06:00:00.000Z',
    read: false,
    ...overrides,
  }
}

export const demoUsers: DemoUser[] = [
  { id: 1, name: '郑园区', roles: ['member', 'park_admin'], isCeo: false, branchName: null },
  { id: 2, name: '陈书记', roles: ['member', 'secretary'], isCeo: false, branchName: '云栈科技党支部' },
  { id: 3, name: '王总', roles: ['member'], isCeo: true, branchName: '海豚互娱党支部' },
  { id: 7, name: '林晓帆', roles: ['member'], isCeo: false, branchName: '云栈科技党支部' },
]
