import type { CourseDetail, MemberCard, PointsEntry, PointsRule } from '../../types/api'
import { member } from './fixtures'

export function pointsEntry(overrides: Partial<PointsEntry> = {}): PointsEntry {
  return {
    id: 1,
    delta: 1,
    rule: 'read_notice',
    reason: '阅读通知《关于开展主题党日活动的通知》',
    createdAt: '2026-11-25T02:00:00.000Z',
    ...overrides,
  }
}

export const pointsRules: PointsRule[] = [
  {
    code: 'read_notice',
    name: '阅读通知公告',
    points: 1,
    dailyCap: 5,
    oncePerObject: true,
    description: '每阅读一条通知 +1',
  },
  {
    code: 'study_material',
    name: '学习资料',
    points: 1,
    dailyCap: 8,
    oncePerObject: false,
    description: '每认真阅读满4分钟 +1',
  },
  {
    code: 'attend_event',
    name: '参加活动',
    points: 3,
    dailyCap: null,
    oncePerObject: true,
    description: '活动现场扫码签到 +3',
  },
]

/** A card as GET /api/me/card answers it at `now`: valid five minutes, refresh after four. */
export function memberCard(payload: string, now: number, overrides: Partial<MemberCard> = {}): MemberCard {
  return {
    payload,
    expiresAt: new Date(now + 5 * 60 * 1000).toISOString(),
    refreshInMs: 4 * 60 * 1000,
    title: '数字党员名片',
    member: {
      id: member.id,
      name: member.name,
      branch: member.branch,
      company: member.company,
      politicalStatus: member.politicalStatus,
    },
    ...overrides,
  }
}

export function courseDetail(overrides: Partial<CourseDetail> = {}): CourseDetail {
  return {
    id: 4,
    title: '新时代党支部书记履职能力培训',
    kind: 'training',
    description: '面向各支部书记的系统培训。',
    branch: null,
    capacity: 60,
    enrolledCount: 40,
    enrolled: true,
    status: 'open',
    enrolmentOpen: true,
    sessionCount: 3,
    nextSessionAt: '2026-11-28T06:00:00.000Z',
    sessions: [
      {
        id: 41,
        startsAt: '2026-11-14T06:00:00.000Z',
        endsAt: '2026-11-14T08:00:00.000Z',
        venue: '党群服务中心报告厅',
        lecturer: '市委党校讲师',
        myAttendance: 'present',
        checkinOpensAt: '2026-11-14T05:30:00.000Z',
        checkinStatus: 'closed',
        cancelledAt: null,
        cancelReason: null,
      },
      {
        id: 42,
        startsAt: '2026-11-21T06:00:00.000Z',
        endsAt: '2026-11-21T08:00:00.000Z',
        venue: '党群服务中心报告厅',
        lecturer: '市委党校讲师',
        myAttendance: 'late',
        checkinOpensAt: '2026-11-21T05:30:00.000Z',
        checkinStatus: 'closed',
        cancelledAt: null,
        cancelReason: null,
      },
      {
        id: 43,
        startsAt: '2026-11-28T06:00:00.000Z',
        endsAt: '2026-11-28T08:00:00.000Z',
        venue: '党群服务中心报告厅',
        lecturer: '市委党校讲师',
        myAttendance: null,
        checkinOpensAt: '2026-11-28T05:30:00.000Z',
        checkinStatus: 'not_open',
        cancelledAt: null,
        cancelReason: null,
      },
    ],
    materials: [],
    canManage: false,
    ...overrides,
  }
}
