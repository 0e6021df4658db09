import type {
  Announcement,
  DemoUser,
  Event,
  EventDetail,
  HealthPackage,
  Me,
  MeSummary,
} from '../../types/api'
import { saveSession } from '@/stores/session'
import { saveTools } from '@/stores/tools'

export const member: Me = {
  id: 7,
  name: '林晓帆',
  roles: ['member'],
  isCeo: false,
  branch: { id: 3, name: '云栈科技党支部' },
  company: { id: 3, name: '云栈科技' },
  politicalStatus: 'party_member',
  points: { total: 35 },
  onRoster: true,
  phone: '13800000007',
  joinRequest: null,
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
    important: false,
    publishedAt: '2026-11-24T06:00:00.000Z',
    editedAt: null,
    read: false,
    canManage: false,
    ...overrides,
  }
}

export const demoUsers: DemoUser[] = [
  { id: 1, name: '郑园区', roles: ['member', 'park_admin'], isCeo: false, branchName: null },
  { id: 2, name: '陈书记', roles: ['member', 'secretary'], isCeo: false, branchName: '云栈科技党支部' },
  { id: 3, name: '王总', roles: ['member'], isCeo: true, branchName: '海豚互娱党支部' },
  { id: 7, name: '林晓帆', roles: ['member'], isCeo: false, branchName: '云栈科技党支部' },
]

export const ceo: Me = {
  ...member,
  id: 3,
  name: '王总',
  isCeo: true,
  branch: { id: 5, name: '海豚互娱党支部' },
  company: { id: 5, name: '海豚互娱' },
}

export const parkAdmin: Me = {
  ...member,
  id: 1,
  name: '郑园区',
  roles: ['member', 'park_admin'],
  branch: null,
  company: null,
}

/** "Now" in the client tests that pin the clock: 2026-11-21 14:00 in Xiamen. */
export const NOW = Date.parse('2026-11-21T06:00:00.000Z')

export function event(overrides: Partial<Event> = {}): Event {
  return {
    id: 12,
    title: '青创沙龙第八期：90后员工如何做好职业规划',
    category: 'salon',
    categoryName: '青创沙龙',
    startsAt: '2026-11-24T06:00:00.000Z',
    endsAt: '2026-11-24T08:00:00.000Z',
    venue: '创新驿站二楼多功能厅',
    capacity: 60,
    confirmedCount: 56,
    waitlistCount: 0,
    signupDeadline: '2026-11-24T06:00:00.000Z',
    cancelDeadline: '2026-11-24T04:00:00.000Z',
    status: 'open',
    branch: null,
    mySignup: null,
    canManage: false,
    ...overrides,
  }
}

export function eventDetail(overrides: Partial<EventDetail> = {}): EventDetail {
  return {
    ...event(),
    description: '邀请园区人力资源专家分享职业规划经验。\n现场交流，名额有限。',
    canManage: false,
    ...overrides,
  }
}

export function healthPackage(overrides: Partial<HealthPackage> = {}): HealthPackage {
  return {
    id: 1,
    name: '党员CEO健康大礼包（2026冬季）',
    description: '年度体检套餐一份、中医理疗体验券两张。',
    stock: 10,
    remaining: 6,
    claimStart: '2026-11-20T01:00:00.000Z',
    claimEnd: '2026-12-09T10:00:00.000Z',
    status: 'open',
    eligible: true,
    ineligibleReason: null,
    myClaim: null,
    ...overrides,
  }
}

/** The tools GET /api/me/summary gives each of these people (the server decides them by role). */
export function toolsOf(user: Me): MeSummary['tools'] {
  if (user.roles.includes('park_admin')) return { scope: 'park', healthPackages: true }
  if (user.roles.includes('secretary')) return { scope: 'branch', healthPackages: false }
  return { scope: null, healthPackages: false }
}

/** Signed in as `user`, with the tools the server last said they hold. */
export function signIn(token: string, user: Me) {
  saveSession(token, user)
  saveTools(toolsOf(user))
}

export function meSummary(user: Me, overrides: Partial<MeSummary> = {}): MeSummary {
  return {
    points: { total: user.points.total, today: 0 },
    signups: { confirmed: 0, waitlisted: 0 },
    courses: { enrolled: 0 },
    healthPackage: null,
    card:
      user.onRoster === false
        ? null
        : {
            title: ['party_member', 'probationary'].includes(user.politicalStatus)
              ? '数字党员名片'
              : '园区名片',
          },
    tools: toolsOf(user),
    ...overrides,
  }
}
