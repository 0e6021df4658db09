import type { Transaction } from 'kysely'
import { isUniqueViolation } from '../../db/errors'
import type { Database } from '../../db/types'
import { AppError, forbidden, validationFailed } from '../../errors'
import type { ApplicationRecordCode, ExtendBody, StepBody, WithdrawBody } from '../../schemas'
import type { Viewer } from '../access'
import { parkDay } from '../park-time'
import { mayRecord, trailOfRows, type ApplicationRow } from './mapper'
import { tellStageChange } from './notices'
import { applicationNotFound, findVisibleApplication, loadRecords } from './repository'
import { checkAppend, checkTrail, extensionProblem, stageOf, type Trail } from './rules'
import { STATUS_OF_STAGE, stepOf } from './steps'

/*
 * Every write appends to the trail: a step, a correction (a new step naming the one it corrects),
 * the probation's one extension, a withdrawal. `application_state` and the member's 政治面貌 then
 * follow what the trail says the stage is.
 */

const conflict = () => new AppError(409, 'STEP_CONFLICT', '该申请刚被他人更新,请刷新后重试')
const problem = (found: { code: string; message: string }, status = 422) =>
  new AppError(status, found.code, found.message)

async function load(trx: Transaction<Database>, viewer: Viewer, id: number) {
  const row = await findVisibleApplication(trx, viewer, id)
  if (!row) throw applicationNotFound()
  const records = (await loadRecords(trx, [id])).get(id) ?? []
  return { row, records, trail: trailOfRows(records) }
}

async function append(
  trx: Transaction<Database>,
  viewer: Viewer,
  row: ApplicationRow,
  seq: number,
  record: {
    code: ApplicationRecordCode
    date: string
    note: string
    months?: number | null
    correctsStepId?: number | null
    peopleIds?: readonly number[]
  },
  now: Date,
): Promise<void> {
  let stepId: number
  try {
    const inserted = await trx
      .insertInto('application_steps')
      .values({
        application_id: row.id,
        seq,
        code: record.code,
        date: record.date,
        note: record.note,
        months: record.months ?? null,
        corrects_step_id: record.correctsStepId ?? null,
        recorded_by: viewer.id,
        recorded_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    stepId = inserted.id
  } catch (error) {
    throw isUniqueViolation(error) ? conflict() : error
  }
  if (record.peopleIds && record.peopleIds.length > 0) {
    await trx
      .insertInto('application_step_people')
      .values(record.peopleIds.map((userId) => ({ step_id: stepId, user_id: userId })))
      .execute()
  }
}

/** Moves application_state and the member's 政治面貌 to what the trail now says. */
async function follow(trx: Transaction<Database>, row: ApplicationRow, trail: Trail, now: Date) {
  const { stage, since } = stageOf(trail)
  await trx
    .updateTable('application_state')
    .set({ stage, stage_since: since, updated_at: now.toISOString() })
    .where('application_id', '=', row.id)
    .execute()
  await trx
    .updateTable('users')
    .set({ political_status: STATUS_OF_STAGE[stage] })
    .where('id', '=', row.user_id)
    .execute()
  if (stage !== row.stage) {
    await tellStageChange(trx, { applicationId: row.id, applicantId: row.user_id, stage }, now)
  }
}

/** The people a step names: mentors and sponsors are full party members of the applicant's branch. */
async function checkPeople(
  trx: Transaction<Database>,
  row: ApplicationRow,
  code: StepBody['code'],
  peopleIds: readonly number[],
) {
  const def = stepOf(code)
  if (def.people) {
    const { min, max } = def.people
    if (peopleIds.length < min || peopleIds.length > max) {
      throw validationFailed(
        `body/peopleIds 「${def.name}」需要 ${min === max ? min : `${min}–${max}`} 名正式党员`,
      )
    }
    const eligible = await trx
      .selectFrom('users')
      .select('id')
      .where('id', 'in', peopleIds)
      .where('branch_id', '=', row.branch_id)
      .where('political_status', '=', 'party_member')
      .where('active', '=', 1)
      .where('id', '<>', row.user_id)
      .execute()
    if (eligible.length !== peopleIds.length) {
      throw new AppError(422, 'PEOPLE_NOT_ELIGIBLE', '培养联系人和入党介绍人须为本支部的正式党员')
    }
  } else if (peopleIds.length > 0) {
    if (!def.optionalPeople) throw validationFailed(`body/peopleIds 「${def.name}」不需要指定人员`)
    const found = await trx
      .selectFrom('users')
      .select('id')
      .where('id', 'in', peopleIds)
      .where('active', '=', 1)
      .where('roles', '<>', '')
      .execute()
    if (found.length !== peopleIds.length) throw validationFailed('body/peopleIds 有人员不在花名册中')
  }
}

export async function recordStep(
  trx: Transaction<Database>,
  viewer: Viewer,
  id: number,
  input: StepBody,
  now: Date,
): Promise<void> {
  const { row, records, trail } = await load(trx, viewer, id)
  const def = stepOf(input.code)
  if (!mayRecord(viewer, def.level, row.branch_id)) {
    throw forbidden(
      def.level === 'committee'
        ? `「${def.name}」由上级党委(园区管理员)记录`
        : `「${def.name}」由本支部书记记录`,
    )
  }
  const today = parkDay(now)
  const date = input.date ?? today
  const note = (input.note ?? '').trim()
  const peopleIds = input.peopleIds ?? []
  const seq = (records[records.length - 1]?.seq ?? 0) + 1

  if (input.correctsStepId !== undefined) {
    // A correction: the same step again, with the right date or people and a note saying why.
    const at = trail.stepIds.indexOf(input.correctsStepId)
    if (at < 0) throw validationFailed('body/correctsStepId 不是该申请当前有效的步骤')
    if (trail.steps[at].code !== input.code) throw validationFailed('body/code 更正须与原步骤相同')
    if (note === '') throw validationFailed('body/note 更正须说明原因')
    const steps = trail.steps.map((entry, index) => (index === at ? { code: input.code, date } : entry))
    const corrected = { ...trail, steps }
    const found = checkTrail(corrected, today)
    if (found) throw problem(found)
    if (def.people || peopleIds.length > 0) await checkPeople(trx, row, input.code, peopleIds)
    await append(trx, viewer, row, seq, { ...input, date, note, peopleIds }, now)
    await follow(trx, row, corrected, now)
    return
  }

  const entry = { code: input.code, date }
  const found = checkAppend(trail, entry, today)
  if (found) throw problem(found)
  await checkPeople(trx, row, input.code, peopleIds)
  await append(trx, viewer, row, seq, { ...input, date, note, peopleIds }, now)
  await follow(trx, row, { ...trail, steps: [...trail.steps, entry] }, now)
}

/** 延长预备期: once, by up to a year, with the reason; the vote on full membership moves with it. */
export async function extendProbation(
  trx: Transaction<Database>,
  viewer: Viewer,
  id: number,
  input: ExtendBody,
  now: Date,
): Promise<void> {
  const { row, records, trail } = await load(trx, viewer, id)
  if (!mayRecord(viewer, 'branch', row.branch_id)) throw forbidden('延长预备期由本支部书记记录')
  const found = extensionProblem(trail)
  if (found) throw problem(found, found.status)
  const last = trail.steps[trail.steps.length - 1]
  if (input.date > parkDay(now) || input.date < last.date) {
    throw new AppError(422, 'STEP_DATE_INVALID', `日期须在 ${last.date} 与今天之间`)
  }
  const seq = (records[records.length - 1]?.seq ?? 0) + 1
  await append(
    trx,
    viewer,
    row,
    seq,
    { code: 'probation_extension', date: input.date, note: input.reason.trim(), months: input.months },
    now,
  )
}

/** 撤回: the applicant or their secretary; the member is 群众 again and may apply later. */
export async function withdrawApplication(
  trx: Transaction<Database>,
  viewer: Viewer,
  id: number,
  input: WithdrawBody,
  now: Date,
): Promise<void> {
  const { row, records, trail } = await load(trx, viewer, id)
  if (viewer.id !== row.user_id && !mayRecord(viewer, 'branch', row.branch_id)) {
    throw forbidden('只有申请人或本支部书记可以撤回')
  }
  const { stage } = stageOf(trail)
  if (stage === 'withdrawn' || stage === 'full') {
    throw new AppError(422, 'STEP_OUT_OF_ORDER', stage === 'full' ? '已转为正式党员' : '该入党申请已撤回')
  }
  const last = trail.steps[trail.steps.length - 1]
  if (input.date > parkDay(now) || input.date < last.date) {
    throw new AppError(422, 'STEP_DATE_INVALID', `日期须在 ${last.date} 与今天之间`)
  }
  const seq = (records[records.length - 1]?.seq ?? 0) + 1
  await append(trx, viewer, row, seq, { code: 'withdraw', date: input.date, note: input.note.trim() }, now)
  await follow(trx, row, { ...trail, withdrawnOn: input.date }, now)
}
