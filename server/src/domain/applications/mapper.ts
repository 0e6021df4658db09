import type {
  AllowedStep,
  Application,
  ApplicationRecordCode,
  ApplicationStage,
  ApplicationStep,
  ApplicationSummary,
  NamedRef,
  StageProgress,
} from '../../schemas'
import type { Viewer } from '../access'
import {
  allowedSteps,
  dueByFor,
  earliestFor,
  extensionProblem,
  nextStep,
  stageOf,
  trailOf,
  type Trail,
} from './rules'
import { OPEN_STAGES, RECORD_NAMES, STAGE_NAMES, STEPS, stepOf, type StepDef } from './steps'

/** An application with its applicant, their branch and its current stage (snake_case, as selected). */
export interface ApplicationRow {
  id: number
  user_id: number
  member_name: string
  branch_id: number
  branch_name: string
  statement: string
  birth_date: string
  applied_on: string
  created_by: number
  creator_name: string
  stage: ApplicationStage
  stage_since: string
}

export interface RecordRow {
  id: number
  application_id: number
  seq: number
  code: ApplicationRecordCode
  date: string
  note: string
  months: number | null
  corrects_step_id: number | null
  recorded_by: number
  recorder_name: string
  recorded_at: string
  people: NamedRef[]
}

export function trailOfRows(records: readonly RecordRow[]) {
  return trailOf(
    records.map((record) => ({
      id: record.id,
      code: record.code,
      date: record.date,
      months: record.months,
      correctsStepId: record.corrects_step_id,
    })),
  )
}

/** May the viewer record a step of this level on an application of this branch? */
export function mayRecord(viewer: Viewer, level: StepDef['level'], branchId: number): boolean {
  return level === 'committee' ? viewer.parkAdmin : viewer.secretary && viewer.branchId === branchId
}

export function toSummary(row: ApplicationRow, trail: Trail, today: string): ApplicationSummary {
  return {
    id: row.id,
    member: { id: row.user_id, name: row.member_name },
    branch: { id: row.branch_id, name: row.branch_name },
    stage: row.stage,
    stageName: STAGE_NAMES[row.stage],
    stageSince: row.stage_since,
    appliedOn: row.applied_on,
    nextStep: nextStep(trail, today),
  }
}

const stageOfStep = (def: StepDef) => {
  let stage: (typeof OPEN_STAGES)[number] = 'applied'
  for (const step of STEPS) {
    if (step.startsStage) stage = step.startsStage
    if (step.code === def.code) return stage
  }
  return stage
}

function stagesOf(trail: Trail): StageProgress[] {
  const current = stageOf(trail).stage
  return OPEN_STAGES.map((stage) => {
    const starting = STEPS.find((def) => def.startsStage === stage) as StepDef
    return {
      stage,
      name: STAGE_NAMES[stage],
      reachedOn: trail.steps.find((entry) => entry.code === starting.code)?.date ?? null,
      current: stage === current,
      steps: STEPS.filter((def) => stageOfStep(def) === stage).map((def) => ({
        code: def.code,
        name: def.name,
        level: def.level,
        dates: trail.steps.filter((entry) => entry.code === def.code).map((entry) => entry.date),
      })),
    }
  })
}

export function toApplication(
  row: ApplicationRow,
  records: readonly RecordRow[],
  viewer: Viewer,
  today: string,
  materials: Application['materials'],
): Application {
  const trail = trailOfRows(records)
  const effective = new Set(trail.stepIds)
  const peopleOf = (code: ApplicationRecordCode): NamedRef[] => {
    const latest = [...records].reverse().find((record) => record.code === code && effective.has(record.id))
    return latest?.people ?? []
  }
  const steps: ApplicationStep[] = records.map((record) => {
    const special = record.code === 'withdraw' || record.code === 'probation_extension'
    return {
      id: record.id,
      code: record.code,
      name: special
        ? RECORD_NAMES[record.code as keyof typeof RECORD_NAMES]
        : stepOf(record.code as StepDef['code']).name,
      level: special ? 'branch' : stepOf(record.code as StepDef['code']).level,
      date: record.date,
      note: record.note,
      people: record.people,
      months: record.months,
      correctsStepId: record.corrects_step_id,
      corrected: trail.corrected.has(record.id),
      recordedBy: { id: record.recorded_by, name: record.recorder_name },
      recordedAt: record.recorded_at,
    }
  })
  const allowed: AllowedStep[] = allowedSteps(trail).map((def) => ({
    code: def.code,
    name: def.name,
    level: def.level,
    earliestAt: earliestFor(trail, def.code) ?? today,
    dueBy: dueByFor(trail, def.code),
    people: def.people ?? null,
    canRecord: mayRecord(viewer, def.level, row.branch_id),
  }))
  const extensionRecord = records.find((record) => record.code === 'probation_extension')
  const secretaryHere = mayRecord(viewer, 'branch', row.branch_id)
  return {
    ...toSummary(row, trail, today),
    statement: row.statement,
    birthDate: row.birth_date,
    steps,
    stages: stagesOf(trail),
    mentors: peopleOf('mentors'),
    sponsors: peopleOf('sponsors'),
    allowedSteps: allowed,
    extension: extensionRecord
      ? { months: extensionRecord.months ?? 0, reason: extensionRecord.note, date: extensionRecord.date }
      : null,
    canExtend: secretaryHere && extensionProblem(trail) === null,
    canWithdraw:
      (secretaryHere || viewer.id === row.user_id) && row.stage !== 'withdrawn' && row.stage !== 'full',
    materials,
    createdBy: { id: row.created_by, name: row.creator_name },
  }
}
