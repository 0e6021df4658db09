import { Type, type Static } from '@sinclair/typebox'
import { Id, IsoTime, NamedRef, TextField } from './common'
import { BirthDate } from './organisation'

/*
 * 入党申请. The order of the steps and who records each live in
 * `domain/applications/steps.ts`; the codes are listed here for the API's validation.
 */

const literals = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) })

export const APPLICATION_STAGES = [
  'applied',
  'activist',
  'candidate',
  'probationary',
  'full',
  'withdrawn',
] as const
export const ApplicationStage = literals(
  APPLICATION_STAGES,
  '入党申请人 → 入党积极分子 → 发展对象 → 预备党员 → 正式党员;或已撤回',
)
export type ApplicationStage = Static<typeof ApplicationStage>

/** The 25 steps of 发展党员工作细则, in the order they are recorded. */
export const STEP_CODES = [
  'apply',
  'talk',
  'activist',
  'activist_filing',
  'mentors',
  'review',
  'candidate',
  'candidate_filing',
  'sponsors',
  'political_review',
  'training',
  'branch_review',
  'pre_review',
  'volunteer_form',
  'branch_vote',
  'committee_talk',
  'committee_approval',
  'org_filing',
  'assign_group',
  'oath',
  'probation_review',
  'full_request',
  'full_vote',
  'full_approval',
  'archive',
] as const
export const StepCode = literals(STEP_CODES)
export type StepCode = Static<typeof StepCode>

/** What else the trail records: a withdrawal and the one extension of the probation. */
export const RECORD_CODES = [...STEP_CODES, 'withdraw', 'probation_extension'] as const
export const ApplicationRecordCode = literals(RECORD_CODES)
export type ApplicationRecordCode = Static<typeof ApplicationRecordCode>

export const StepLevel = literals(
  ['branch', 'committee'] as const,
  'branch: 支部书记记录;committee: 园区管理员(上级党委)记录',
)
export type StepLevel = Static<typeof StepLevel>

const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', examples: ['2026-11-24'] })
const NullableDay = Type.Union([Day, Type.Null()])

/** What comes next on an application, as the server works it out. */
export const NextStep = Type.Object({
  code: StepCode,
  name: Type.String(),
  level: StepLevel,
  /** the first day it may be recorded (the day of the last step, or later where a rule says "at least") */
  earliestAt: Day,
  /** the last day it is due by where a rule says "within"; null: no deadline */
  dueBy: NullableDay,
  /** dueBy has passed */
  overdue: Type.Boolean(),
})
export type NextStep = Static<typeof NextStep>

export const ApplicationStep = Type.Object({
  id: Id,
  code: ApplicationRecordCode,
  name: Type.String(),
  level: StepLevel,
  date: Day,
  note: Type.String(),
  people: Type.Array(NamedRef),
  /** probation extension: its length */
  months: Type.Union([Type.Integer(), Type.Null()]),
  /** a correction: the step it corrects */
  correctsStepId: Type.Union([Id, Type.Null()]),
  /** a later correction replaced this step */
  corrected: Type.Boolean(),
  recordedBy: NamedRef,
  recordedAt: IsoTime,
})
export type ApplicationStep = Static<typeof ApplicationStep>

/** A step the viewer may be shown as possible now; `canRecord` says whether this viewer may. */
export const AllowedStep = Type.Object({
  code: StepCode,
  name: Type.String(),
  level: StepLevel,
  earliestAt: Day,
  dueBy: NullableDay,
  /** the people it needs (mentors 1–2, sponsors 2): full party members of the branch */
  people: Type.Union([Type.Object({ min: Type.Integer(), max: Type.Integer() }), Type.Null()]),
  canRecord: Type.Boolean(),
})
export type AllowedStep = Static<typeof AllowedStep>

export const StageProgress = Type.Object({
  stage: literals(['applied', 'activist', 'candidate', 'probationary', 'full'] as const),
  name: Type.String(),
  /** the day it was reached; null: not yet */
  reachedOn: NullableDay,
  current: Type.Boolean(),
  steps: Type.Array(
    Type.Object({
      code: StepCode,
      name: Type.String(),
      level: StepLevel,
      /** the days recorded (several for a repeatable step); empty: not yet */
      dates: Type.Array(Day),
    }),
  ),
})
export type StageProgress = Static<typeof StageProgress>

export const ApplicationSummary = Type.Object({
  id: Id,
  member: NamedRef,
  branch: NamedRef,
  stage: ApplicationStage,
  stageName: Type.String(),
  stageSince: Day,
  appliedOn: Day,
  nextStep: Type.Union([NextStep, Type.Null()]),
})
export type ApplicationSummary = Static<typeof ApplicationSummary>

export const Application = Type.Object({
  ...ApplicationSummary.properties,
  statement: Type.String(),
  birthDate: Day,
  steps: Type.Array(ApplicationStep),
  stages: Type.Array(StageProgress),
  mentors: Type.Array(NamedRef),
  sponsors: Type.Array(NamedRef),
  /** the steps that may be recorded now (the next one; a repeatable one again) */
  allowedSteps: Type.Array(AllowedStep),
  /** the probation extension: months and reason; null: none */
  extension: Type.Union([
    Type.Object({ months: Type.Integer(), reason: Type.String(), date: Day }),
    Type.Null(),
  ]),
  canExtend: Type.Boolean(),
  canWithdraw: Type.Boolean(),
  /** what to read: the park's courses with a 短期集中培训 (training) session */
  materials: Type.Array(Type.Object({ courseId: Id, title: Type.String() })),
  createdBy: NamedRef,
})
export type Application = Static<typeof Application>

export const ApplicationCreateBody = Type.Object(
  {
    /** a paper application entered by the member's secretary */
    memberId: Type.Optional(Id),
    /** the day on the paper application; only with memberId (an applicant applies today) */
    appliedAt: Type.Optional(Day),
    /** needed when the roster has none */
    birthDate: Type.Optional(BirthDate),
    statement: Type.Optional(TextField({ maxLength: 5000, multiline: true })),
  },
  { additionalProperties: false },
)
export type ApplicationCreateBody = Static<typeof ApplicationCreateBody>

export const StepBody = Type.Object(
  {
    code: StepCode,
    /** the day it was done; default today (the committee's one-tap steps) */
    date: Type.Optional(Day),
    note: Type.Optional(TextField({ maxLength: 1000, multiline: true })),
    peopleIds: Type.Optional(Type.Array(Id, { maxItems: 2, uniqueItems: true })),
    /** a correction of this earlier step (same code; a note is required) */
    correctsStepId: Type.Optional(Id),
  },
  { additionalProperties: false },
)
export type StepBody = Static<typeof StepBody>

export const ExtendBody = Type.Object(
  {
    date: Day,
    months: Type.Integer({ minimum: 1, maximum: 12 }),
    reason: TextField({ minLength: 1, maxLength: 1000, multiline: true }),
  },
  { additionalProperties: false },
)
export type ExtendBody = Static<typeof ExtendBody>

export const WithdrawBody = Type.Object(
  { date: Day, note: TextField({ minLength: 1, maxLength: 1000, multiline: true }) },
  { additionalProperties: false },
)
export type WithdrawBody = Static<typeof WithdrawBody>

export const ApplicationListQuery = Type.Object(
  {
    branchId: Type.Optional(Id),
    /** default: every open application (not withdrawn) */
    stage: Type.Optional(ApplicationStage),
    /** `committee`: only those whose next step is the committee's (备案, 预审, 派人谈话, 审批) */
    waiting: Type.Optional(literals(['committee', 'branch'] as const)),
    /** `csv`: the pipeline as a UTF-8 (BOM) CSV */
    format: Type.Optional(literals(['json', 'csv'] as const)),
  },
  { additionalProperties: false },
)
export type ApplicationListQuery = Static<typeof ApplicationListQuery>

export const ApplicationList = Type.Object({
  items: Type.Array(ApplicationSummary),
  nextCursor: Type.Null(),
})
export type ApplicationList = Static<typeof ApplicationList>

export const ApplicationOverview = Type.Object({
  stages: Type.Array(Type.Object({ stage: ApplicationStage, name: Type.String() })),
  branches: Type.Array(
    Type.Object({
      branch: NamedRef,
      byStage: Type.Record(Type.String(), Type.Integer()),
      overdue: Type.Integer(),
      waitingForCommittee: Type.Integer(),
    }),
  ),
  totals: Type.Object({
    byStage: Type.Record(Type.String(), Type.Integer()),
    overdue: Type.Integer(),
    waitingForCommittee: Type.Integer(),
  }),
})
export type ApplicationOverview = Static<typeof ApplicationOverview>

export const NamedRefList = Type.Object({ items: Type.Array(NamedRef), nextCursor: Type.Null() })
export type NamedRefList = Static<typeof NamedRefList>
