import type { ApplicationStage, PoliticalStatus, StepCode, StepLevel } from '../../schemas'
import { STEP_CODES } from '../../schemas'

/*
 * 发展党员工作细则 as data: the 25 steps in the order they are recorded (STEP_CODES), who records
 * each (`branch`: the branch's secretary; `committee`: the park's 联合党委, i.e. a park admin), the
 * stage a step starts, the people it names, and the intervals between steps. Nothing else in the
 * code knows the order or the levels.
 */

export interface StepDef {
  code: StepCode
  /** 1..25 */
  order: number
  name: string
  level: StepLevel
  /** recording it moves the application to this stage */
  startsStage?: Exclude<ApplicationStage, 'withdrawn'>
  /** may be recorded again before the next step (培养教育考察, 预备期考察) */
  repeatable?: true
  /** the people it names: full party members of the applicant's branch */
  people?: { min: number; max: number }
  /** it may name who did it (谈话人), anyone on the roster */
  optionalPeople?: true
}

const INFO: Record<StepCode, Omit<StepDef, 'code' | 'order'>> = {
  apply: { name: '递交入党申请书', level: 'branch', startsStage: 'applied' },
  talk: { name: '党组织派人谈话', level: 'branch', optionalPeople: true },
  activist: { name: '推荐和确定入党积极分子', level: 'branch', startsStage: 'activist' },
  activist_filing: { name: '入党积极分子报上级党委备案', level: 'committee' },
  mentors: { name: '指定培养联系人', level: 'branch', people: { min: 1, max: 2 } },
  review: { name: '培养教育考察', level: 'branch', repeatable: true },
  candidate: { name: '确定发展对象', level: 'branch', startsStage: 'candidate' },
  candidate_filing: { name: '发展对象报上级党委备案', level: 'committee' },
  sponsors: { name: '确定入党介绍人', level: 'branch', people: { min: 2, max: 2 } },
  political_review: { name: '政治审查', level: 'branch' },
  training: { name: '短期集中培训', level: 'branch' },
  branch_review: { name: '支部委员会审查', level: 'branch' },
  pre_review: { name: '上级党委预审', level: 'committee' },
  volunteer_form: { name: '填写入党志愿书', level: 'branch' },
  branch_vote: { name: '支部大会讨论', level: 'branch' },
  committee_talk: { name: '上级党委派人谈话', level: 'committee', optionalPeople: true },
  committee_approval: { name: '上级党委审批', level: 'committee', startsStage: 'probationary' },
  org_filing: { name: '报组织部门备案', level: 'committee' },
  assign_group: { name: '编入党支部和党小组', level: 'branch' },
  oath: { name: '入党宣誓', level: 'branch' },
  probation_review: { name: '预备期考察', level: 'branch', repeatable: true },
  full_request: { name: '提出转正申请', level: 'branch' },
  full_vote: { name: '支部大会讨论转正', level: 'branch' },
  full_approval: { name: '上级党委审批转正', level: 'committee', startsStage: 'full' },
  archive: { name: '材料归档', level: 'branch' },
}

export const STEPS: readonly StepDef[] = STEP_CODES.map((code, index) => ({
  code,
  order: index + 1,
  ...INFO[code],
}))

export const stepOf = (code: StepCode): StepDef => STEPS[STEP_CODES.indexOf(code)]

/** "At least": the step may not be recorded before `months` after `after` (plus the extension). */
export interface MinimumInterval {
  step: StepCode
  after: StepCode
  months: number
  /** the probation's one extension adds to it */
  extendable?: true
  message: string
}

export const MINIMUM_INTERVALS: readonly MinimumInterval[] = [
  {
    step: 'candidate',
    after: 'activist',
    months: 12,
    message: '确定为入党积极分子满一年后才能确定为发展对象',
  },
  {
    step: 'full_vote',
    after: 'committee_approval',
    months: 12,
    extendable: true,
    message: '预备期满一年(含延长的预备期)后才能讨论转正',
  },
]

/** "Within": the step is due by `months` after `after`, and overdue past it. */
export interface Deadline {
  step: StepCode
  after: StepCode
  months: number
}

export const DEADLINES: readonly Deadline[] = [
  { step: 'talk', after: 'apply', months: 1 },
  { step: 'committee_approval', after: 'branch_vote', months: 3 },
]

/** The probation is extended at most once, by up to a year. */
export const MAX_EXTENSION_MONTHS = 12
export const MIN_APPLICANT_AGE = 18

export const STAGE_NAMES: Readonly<Record<ApplicationStage, string>> = {
  applied: '入党申请人',
  activist: '入党积极分子',
  candidate: '发展对象',
  probationary: '预备党员',
  full: '正式党员',
  withdrawn: '已撤回',
}

export const OPEN_STAGES = ['applied', 'activist', 'candidate', 'probationary', 'full'] as const

/** The member's 政治面貌 at each stage: it follows the stage and nothing else. */
export const STATUS_OF_STAGE: Readonly<Record<ApplicationStage, PoliticalStatus>> = {
  applied: 'applicant',
  activist: 'activist',
  candidate: 'candidate',
  probationary: 'probationary',
  full: 'party_member',
  withdrawn: 'masses',
}

export const RECORD_NAMES = {
  withdraw: '撤回申请',
  probation_extension: '延长预备期',
} as const
