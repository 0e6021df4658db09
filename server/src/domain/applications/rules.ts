import dayjs from 'dayjs'
import type { ApplicationRecordCode, ApplicationStage, NextStep, StepCode } from '../../schemas'
import { DEADLINES, MIN_APPLICANT_AGE, MINIMUM_INTERVALS, STEPS, stepOf, type StepDef } from './steps'

/*
 * Pure rules on an application's trail: which step may come next, from when, by when, and what the
 * trail says the stage is. Days are park days (`2026-11-24`); `today` is passed in.
 */

export interface TrailEntry {
  code: StepCode
  date: string
}

export interface Trail {
  /** the ordered steps as they stand (corrections applied) */
  steps: readonly TrailEntry[]
  /** months the probation was extended by; null: not extended */
  extensionMonths: number | null
  /** the day it was withdrawn; null: open */
  withdrawnOn: string | null
}

export type ProblemCode = 'STEP_OUT_OF_ORDER' | 'INTERVAL_NOT_MET' | 'STEP_DATE_INVALID'
export interface Problem {
  code: ProblemCode
  message: string
}

export const addMonths = (day: string, months: number): string =>
  dayjs(day).add(months, 'month').format('YYYY-MM-DD')

/** Whole years between a birth date and a day. */
export const ageOn = (birthDate: string, day: string): number => dayjs(day).diff(dayjs(birthDate), 'year')

export const oldEnough = (birthDate: string, day: string): boolean =>
  ageOn(birthDate, day) >= MIN_APPLICANT_AGE

const lastOf = (trail: Trail): TrailEntry | undefined => trail.steps[trail.steps.length - 1]

const firstDateOf = (trail: Trail, code: StepCode): string | null =>
  trail.steps.find((entry) => entry.code === code)?.date ?? null

const has = (trail: Trail, code: StepCode) => trail.steps.some((entry) => entry.code === code)

/** The steps that may be recorded now: the next one, and a repeatable one again. */
export function allowedSteps(trail: Trail): StepDef[] {
  if (trail.withdrawnOn !== null) return []
  const last = lastOf(trail)
  if (!last) return [STEPS[0]]
  const def = stepOf(last.code)
  const next = STEPS[def.order] as StepDef | undefined
  return [...(def.repeatable ? [def] : []), ...(next ? [next] : [])]
}

/** The next step that moves the application on; null once archived or withdrawn. */
export function advancingStep(trail: Trail): StepDef | null {
  if (trail.withdrawnOn !== null) return null
  const last = lastOf(trail)
  if (!last) return STEPS[0]
  return (STEPS[stepOf(last.code).order] as StepDef | undefined) ?? null
}

/** The first day a step may be recorded: not before the last step, nor before an "at least" interval ends. */
export function earliestFor(trail: Trail, code: StepCode): string | null {
  let earliest = lastOf(trail)?.date ?? null
  for (const rule of MINIMUM_INTERVALS) {
    if (rule.step !== code) continue
    const anchor = firstDateOf(trail, rule.after)
    if (anchor === null) continue
    const until = addMonths(anchor, rule.months + (rule.extendable ? (trail.extensionMonths ?? 0) : 0))
    if (earliest === null || until > earliest) earliest = until
  }
  return earliest
}

/** The day a step is due by: the earliest "within" deadline open over it (anchor recorded, target not). */
export function dueByFor(trail: Trail, code: StepCode): string | null {
  const order = stepOf(code).order
  let due: string | null = null
  for (const rule of DEADLINES) {
    const anchor = firstDateOf(trail, rule.after)
    if (anchor === null || has(trail, rule.step) || order > stepOf(rule.step).order) continue
    const by = addMonths(anchor, rule.months)
    if (due === null || by < due) due = by
  }
  return due
}

export function nextStep(trail: Trail, today: string): NextStep | null {
  const def = advancingStep(trail)
  if (!def) return null
  const dueBy = dueByFor(trail, def.code)
  return {
    code: def.code,
    name: def.name,
    level: def.level,
    earliestAt: earliestFor(trail, def.code) ?? today,
    dueBy,
    overdue: dueBy !== null && today > dueBy,
  }
}

/** Why `entry` may not be added to the trail today; null: it may. */
export function checkAppend(trail: Trail, entry: TrailEntry, today: string): Problem | null {
  if (trail.withdrawnOn !== null) return { code: 'STEP_OUT_OF_ORDER', message: '该入党申请已撤回' }
  const allowed = allowedSteps(trail)
  if (!allowed.some((def) => def.code === entry.code)) {
    const next = advancingStep(trail)
    return {
      code: 'STEP_OUT_OF_ORDER',
      message: next ? `下一步应为「${next.name}」,不能跳过或重复步骤` : '全部步骤已完成',
    }
  }
  if (entry.date > today) return { code: 'STEP_DATE_INVALID', message: '步骤日期不能晚于今天' }
  const last = lastOf(trail)
  if (last && entry.date < last.date) {
    return { code: 'STEP_DATE_INVALID', message: `步骤日期不能早于上一步(${last.date})` }
  }
  for (const rule of MINIMUM_INTERVALS) {
    if (rule.step !== entry.code) continue
    const earliest = earliestFor(trail, entry.code)
    if (earliest !== null && entry.date < earliest) {
      return { code: 'INTERVAL_NOT_MET', message: `${rule.message},最早 ${earliest}` }
    }
  }
  return null
}

/** Replays a whole trail from nothing: the first problem, or null when every step holds. */
export function checkTrail(trail: Trail, today: string): Problem | null {
  const steps: TrailEntry[] = []
  for (const entry of trail.steps) {
    const problem = checkAppend(
      { steps, extensionMonths: trail.extensionMonths, withdrawnOn: null },
      entry,
      today,
    )
    if (problem) return problem
    steps.push(entry)
  }
  return null
}

/** The stage the trail has reached and the day it did. */
export function stageOf(trail: Trail): { stage: ApplicationStage; since: string } {
  if (trail.withdrawnOn !== null) return { stage: 'withdrawn', since: trail.withdrawnOn }
  let stage: ApplicationStage = 'applied'
  let since = trail.steps[0]?.date ?? ''
  for (const entry of trail.steps) {
    const starts = stepOf(entry.code).startsStage
    if (starts) {
      stage = starts
      since = entry.date
    }
  }
  return { stage, since }
}

/** The probation may be extended once, while probationary and before the vote on full membership. */
export function extensionProblem(trail: Trail): { status: 409 | 422; code: string; message: string } | null {
  if (trail.extensionMonths !== null) {
    return { status: 409, code: 'ALREADY_EXTENDED', message: '预备期只能延长一次' }
  }
  if (trail.withdrawnOn !== null || stageOf(trail).stage !== 'probationary' || has(trail, 'full_vote')) {
    return { status: 422, code: 'STEP_OUT_OF_ORDER', message: '只有预备期内、讨论转正之前可以延长预备期' }
  }
  return null
}

export interface StoredRecord {
  id: number
  code: ApplicationRecordCode
  date: string
  months: number | null
  correctsStepId: number | null
}

const isStep = (code: ApplicationRecordCode): code is StepCode =>
  code !== 'withdraw' && code !== 'probation_extension'

/**
 * The trail as it stands from the stored records in their order: a correction takes the place of
 * the step it corrects (and of the corrections before it).
 */
export function trailOf(
  records: readonly StoredRecord[],
): Trail & { stepIds: number[]; corrected: Set<number> } {
  const steps: TrailEntry[] = []
  const stepIds: number[] = []
  const corrected = new Set<number>()
  let extensionMonths: number | null = null
  let withdrawnOn: string | null = null
  for (const record of records) {
    if (record.code === 'withdraw') withdrawnOn = record.date
    else if (record.code === 'probation_extension') extensionMonths = record.months
    else if (isStep(record.code)) {
      const at = record.correctsStepId === null ? -1 : stepIds.indexOf(record.correctsStepId)
      if (at >= 0) {
        corrected.add(stepIds[at])
        steps[at] = { code: record.code, date: record.date }
        stepIds[at] = record.id
      } else {
        steps.push({ code: record.code, date: record.date })
        stepIds.push(record.id)
      }
    }
  }
  return { steps, stepIds, corrected, extensionMonths, withdrawnOn }
}
