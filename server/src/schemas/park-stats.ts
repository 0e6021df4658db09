import { Type, type Static } from '@sinclair/typebox'
import { Id, IsoTime, NamedRef } from './common'
import { PartyOrg } from './organisation'

/*
 * 园区数据: the park's figures for one month and the trend over the twelve months ending with it.
 * Counts, sums, shares and averages only — nothing here names or ranks a person.
 */

export const StatsMonthQuery = Type.Object(
  {
    /** a month in park time, `2026-11`; default the current month; never a month to come */
    month: Type.Optional(Type.String({ pattern: '^20[0-9]{2}-(0[1-9]|1[0-2])$', examples: ['2026-11'] })),
  },
  { additionalProperties: false },
)
export type StatsMonthQuery = Static<typeof StatsMonthQuery>

/** A share 0..1 (four decimals); null when there is nothing to divide by. */
const Share = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()])
const Count = Type.Integer({ minimum: 0 })

/** One bar of a breakdown, with the label the app shows. */
export const StatsCount = Type.Object({ key: Type.String(), label: Type.String(), count: Count })
export type StatsCount = Static<typeof StatsCount>

/** Coverage of operating companies at a moment (organisation: own or joint branch; work: that or an instructor). */
export const CoverageFigures = Type.Object({
  organisation: Share,
  work: Share,
  operating: Count,
  ownOrg: Count,
  jointOrg: Count,
  /** operating companies without a party organisation but with a 党建工作指导员 */
  instructorOnly: Count,
  /** operating companies with neither */
  none: Count,
  closed: Count,
})
export type CoverageFigures = Static<typeof CoverageFigures>

/** What happened in one park-time month (events and sessions held: started before now, not cancelled). */
export const MonthFigures = Type.Object({
  month: Type.String(),
  eventsHeld: Count,
  /** confirmed signups of the events held */
  eventSignups: Count,
  /** of those, checked in at the door */
  eventAttended: Count,
  eventAttendanceRate: Share,
  /** training and study sessions held */
  sessionsHeld: Count,
  /** enrolled members expected at those sessions */
  sessionExpected: Count,
  /** present or late */
  sessionAttended: Count,
  sessionAttendanceRate: Share,
  /** 入党申请 received (by the date on the letter) */
  applicationsFiled: Count,
  pointsTotal: Type.Integer(),
  /** members with at least one points entry in the month */
  pointsActiveMembers: Count,
})
export type MonthFigures = Static<typeof MonthFigures>

export const ParkTrendPoint = Type.Composite([
  MonthFigures,
  Type.Object({
    /** at the end of the month (now, for the current month) */
    coverage: CoverageFigures,
    helpFiled: Count,
    helpResolved: Count,
  }),
])
export type ParkTrendPoint = Static<typeof ParkTrendPoint>

/** An operating company the park still has to act on. */
export const LackingCompany = Type.Object({
  id: Id,
  name: Type.String(),
  industry: Type.String(),
  partyOrg: PartyOrg,
  instructor: Type.Union([NamedRef, Type.Null()]),
  /** no party organisation: short of organisation coverage */
  lacksOrganisation: Type.Boolean(),
  /** neither an organisation nor an instructor: short of work coverage too */
  lacksWork: Type.Boolean(),
})

export const BranchMembers = Type.Object({
  branch: NamedRef,
  members: Count,
  /** 中共党员 and 预备党员 */
  partyMembers: Count,
})

export const HelpRequestFigures = Type.Object({
  /** filed in the month, by category */
  byCategory: Type.Array(StatsCount),
  filed: Count,
  /** filed in the month through the 红色服务通道 */
  priority: Count,
  /** all requests now: still open (submitted, assigned, in progress), resolved, closed */
  open: Count,
  resolved: Count,
  closed: Count,
  /** of the requests filed in the month: average hours to the first reply and to resolution */
  firstResponseHours: Type.Union([Type.Number(), Type.Null()]),
  resolutionHours: Type.Union([Type.Number(), Type.Null()]),
  /** answered (resolved) by the due time fixed when filed, of those answered (resolved) */
  firstResponseOnTime: Share,
  resolvedOnTime: Share,
  /** the targets: first reply within 2 working days (1 on the 红色服务通道) */
  targets: Type.Object({
    firstResponseWorkingDays: Count,
    priorityFirstResponseWorkingDays: Count,
  }),
})

export const ParkStats = Type.Object({
  month: Type.String(),
  /** the moment the stock figures (coverage, members, stages, open requests) describe */
  asOf: IsoTime,
  coverage: Type.Composite([
    CoverageFigures,
    Type.Object({
      targets: Type.Object({ organisation: Type.Number(), work: Type.Number() }),
      /** whether each share reaches its target */
      met: Type.Object({ organisation: Type.Boolean(), work: Type.Boolean() }),
      /** how many more covered companies each target needs (0 once met) */
      shortBy: Type.Object({ organisation: Count, work: Count }),
    }),
  ]),
  companies: Type.Object({
    operating: Count,
    ownOrg: Count,
    jointOrg: Count,
    instructorOnly: Count,
    none: Count,
    closed: Count,
    /** operating companies without a party organisation, those without an instructor either first */
    lacking: Type.Array(LackingCompany),
  }),
  members: Type.Object({
    total: Count,
    byPoliticalStatus: Type.Array(StatsCount),
    byBranch: Type.Array(BranchMembers),
  }),
  applications: Type.Object({ byStage: Type.Array(StatsCount), filed: Count }),
  events: Type.Object({ held: Count, signups: Count, attended: Count }),
  trainings: Type.Object({ held: Count, expected: Count, attended: Count }),
  attendance: Type.Object({ events: Share, trainings: Share }),
  helpRequests: HelpRequestFigures,
  points: Type.Object({ total: Type.Integer(), activeMembers: Count, averagePerMember: Type.Number() }),
  /** the twelve months ending with `month`, oldest first */
  trend: Type.Array(ParkTrendPoint),
})
export type ParkStats = Static<typeof ParkStats>
