import { Type, type Static } from '@sinclair/typebox'
import { Id, IsoTime, NamedRef, PageQuery, TextField } from './common'
import { LIMITS } from './limits'
import { AnnouncementDetail } from './announcements'
import { PoliticalStatus } from './auth'
import { MonthFigures, StatsCount } from './park-stats'

/** The rules a member earns 学习积分 by; the server alone decides when one applies. */
export const PointsRuleCode = Type.Union([
  Type.Literal('read_notice'), // 阅读通知公告
  Type.Literal('study_material'), // 学习资料
  Type.Literal('training_present'), // 参加培训
  Type.Literal('training_late'), // 参加培训(迟到)
  Type.Literal('attend_event'), // 参加活动
])
export type PointsRuleCode = Static<typeof PointsRuleCode>

export const PointsRule = Type.Object({
  code: PointsRuleCode,
  name: Type.String(),
  /** points per award (per full unit of reading for study_material) */
  points: Type.Integer(),
  /** at most this many points a day from this rule; null: no daily cap */
  dailyCap: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  /** at most one award per member and object (notice, session, event) */
  oncePerObject: Type.Boolean(),
  /** how the rule reads to a member, e.g. 每阅读一条通知 +1 */
  description: Type.String(),
})
export type PointsRule = Static<typeof PointsRule>
export const PointsRuleList = Type.Array(PointsRule)

export const PointsEntry = Type.Object({
  id: Id,
  delta: Type.Integer(),
  rule: PointsRuleCode,
  /** e.g. 阅读通知《…》 */
  reason: Type.String(),
  createdAt: IsoTime,
})
export type PointsEntry = Static<typeof PointsEntry>

export const MyPoints = Type.Object({
  /** the sum of the member's whole ledger */
  total: Type.Integer(),
  /** the sum of today's entries (park time, Asia/Shanghai) */
  today: Type.Integer(),
  items: Type.Array(PointsEntry),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export type MyPoints = Static<typeof MyPoints>

export const MyPointsQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })
export type MyPointsQuery = Static<typeof MyPointsQuery>

/** What the card shows and what staff see after a scan: public fields only. */
export const CardMember = Type.Object({
  id: Id,
  name: Type.String(),
  branch: Type.Union([NamedRef, Type.Null()]),
  company: Type.Union([NamedRef, Type.Null()]),
  politicalStatus: PoliticalStatus,
})
export type CardMember = Static<typeof CardMember>

export const MemberCard = Type.Object({
  /** what the card QR encodes: `REDE1.<claims>.<signature>`, valid until expiresAt */
  payload: Type.String(),
  expiresAt: IsoTime,
  /** fetch a new card after this many milliseconds, well before it expires */
  refreshInMs: Type.Integer({ minimum: 0 }),
  member: CardMember,
  /** the card's title, by the member's status: 数字党员名片 for (probationary) party members, else 园区名片 */
  title: Type.Union([Type.Literal('数字党员名片'), Type.Literal('园区名片')]),
})
export type MemberCard = Static<typeof MemberCard>

export const CardPayloadBody = Type.Object(
  { payload: TextField({ minLength: 1, maxLength: LIMITS.cardPayload }) },
  { additionalProperties: false },
)
export type CardPayloadBody = Static<typeof CardPayloadBody>

export const VerifiedCard = Type.Object({
  member: Type.Object({
    id: Id,
    name: Type.String(),
    branch: Type.Union([NamedRef, Type.Null()]),
    politicalStatus: PoliticalStatus,
  }),
})
export type VerifiedCard = Static<typeof VerifiedCard>

export const EventCheckinResult = Type.Object({
  member: Type.Object({ id: Id, name: Type.String(), branch: Type.Union([NamedRef, Type.Null()]) }),
  checkedInAt: IsoTime,
  pointsAwarded: Type.Integer({ minimum: 0 }),
})
export type EventCheckinResult = Static<typeof EventCheckinResult>

export const ReadingStarted = Type.Object({
  readingId: Id,
  openedAt: IsoTime,
})
export type ReadingStarted = Static<typeof ReadingStarted>

export const ReadingCloseBody = Type.Object({ readingId: Id }, { additionalProperties: false })
export type ReadingCloseBody = Static<typeof ReadingCloseBody>

export const ReadingClosed = Type.Object({
  /** whole minutes between the server's own open and close times (at most the counted maximum) */
  minutes: Type.Integer({ minimum: 0 }),
  pointsAwarded: Type.Integer({ minimum: 0 }),
})
export type ReadingClosed = Static<typeof ReadingClosed>

export const BranchStatsQuery = Type.Object(
  {
    /** park admins: one branch; omitted: the whole park. Secretaries: their own branch only. */
    branchId: Type.Optional(Id),
    /** a month in park time, `2026-11`; default the current month */
    month: Type.Optional(Type.String({ pattern: '^20[0-9]{2}-(0[1-9]|1[0-2])$', examples: ['2026-11'] })),
  },
  { additionalProperties: false },
)
export type BranchStatsQuery = Static<typeof BranchStatsQuery>

/** Aggregates only: no figure here names or ranks a person. */
export const BranchStats = Type.Object({
  scope: Type.Union([Type.Literal('branch'), Type.Literal('park')]),
  branch: Type.Union([NamedRef, Type.Null()]),
  month: Type.String(),
  members: Type.Integer({ minimum: 0 }),
  /** members with at least one points entry in the month */
  activeMembers: Type.Integer({ minimum: 0 }),
  pointsTotal: Type.Integer(),
  /** pointsTotal ÷ members, one decimal */
  pointsAverage: Type.Number(),
  /** notices read by members of the scope in the month */
  noticesRead: Type.Integer({ minimum: 0 }),
  /** event check-ins of the month */
  eventsAttended: Type.Integer({ minimum: 0 }),
  /** training sessions attended (present or late) in the month */
  trainingsAttended: Type.Integer({ minimum: 0 }),
  /** members of the scope now, by 政治面貌 */
  byPoliticalStatus: Type.Array(StatsCount),
  /** 入党申请 of the scope by their current stage */
  applicationsByStage: Type.Array(StatsCount),
  /** the twelve months ending with `month`, oldest first: the branch's events and courses held, its members' part */
  trend: Type.Array(MonthFigures),
})
export type BranchStats = Static<typeof BranchStats>

/** A notice as its detail page gets it: opening it may award read_notice once. */
export const AnnouncementReading = Type.Composite([
  AnnouncementDetail,
  Type.Object({
    /** points this opening earned: 1 on the first read while under the daily cap, else 0 */
    pointsAwarded: Type.Integer({ minimum: 0 }),
  }),
])
export type AnnouncementReading = Static<typeof AnnouncementReading>
