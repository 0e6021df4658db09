import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { notify, type Message } from '../notifications/notify'
import { hasRole } from '../organisation/repository'
import { parkDay } from '../park-time'
import { trailOfRows } from './mapper'
import { listOpenApplications, loadRecords } from './repository'
import { nextStep } from './rules'
import dayjs from 'dayjs'

/*
 * The "within" intervals (谈话 within a month of the letter, 审批 within three months of the branch
 * vote) remind the branch secretary: once when the step comes due (a week before its day) and once
 * when it is overdue. Each message's key names the application, the step and the state, so every
 * instance's worker may run this as often as it likes: the database lets each through once.
 */

/** A step is "due" this many days before its deadline. */
export const DUE_SOON_DAYS = 7

type StepState = 'due' | 'overdue'

function stateOf(dueBy: string, overdue: boolean, today: string): StepState | null {
  if (overdue) return 'overdue'
  return today >= dayjs(dueBy).subtract(DUE_SOON_DAYS, 'day').format('YYYY-MM-DD') ? 'due' : null
}

/** Tells secretaries of the steps that came due or went overdue; returns how many were told anew. */
export async function remindDueApplicationSteps(db: Kysely<Database>, now: Date): Promise<number> {
  const today = parkDay(now)
  const rows = await listOpenApplications(db)
  if (rows.length === 0) return 0
  const records = await loadRecords(
    db,
    rows.map((row) => row.id),
  )
  const pending = rows.flatMap((row) => {
    const next = nextStep(trailOfRows(records.get(row.id) ?? []), today)
    if (!next?.dueBy) return []
    const state = stateOf(next.dueBy, next.overdue, today)
    return state ? [{ row, next: { ...next, dueBy: next.dueBy }, state }] : []
  })
  if (pending.length === 0) return 0
  const branchIds = [...new Set(pending.map((item) => item.row.branch_id))]
  const secretaries = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.branch_id'])
    .where('u.branch_id', 'in', branchIds)
    .where('u.active', '=', 1)
    .where(hasRole('secretary'))
    .execute()
  const messages: Message[] = pending.flatMap(({ row, next, state }) =>
    secretaries
      .filter((secretary) => secretary.branch_id === row.branch_id)
      .map((secretary) => ({
        userId: secretary.id,
        kind: 'application_step_due' as const,
        title: state === 'overdue' ? '发展党员:步骤已逾期' : '发展党员:步骤即将到期',
        body:
          state === 'overdue'
            ? `${row.member_name}的「${next.name}」应在${next.dueBy}前完成,现已逾期,请尽快办理。`
            : `${row.member_name}的「${next.name}」应在${next.dueBy}前完成,请及时安排。`,
        object: { type: 'application' as const, id: row.id },
        occasion: `${next.code}:${state}`,
        link: `/packages/party/application/index?id=${row.id}`,
      })),
  )
  if (messages.length === 0) return 0
  return db.transaction().execute((trx) => notify(trx, messages, now))
}
