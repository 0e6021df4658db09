import type { Transaction } from 'kysely'
import { checkTrail, stageOf, type TrailEntry } from '../domain/applications/rules'
import { STATUS_OF_STAGE, STEPS } from '../domain/applications/steps'
import { parkDay } from '../domain/park-time'
import type { StepCode } from '../schemas'
import type { Database } from './types'

/*
 * Demo 入党申请: everyone the roster shows on the way in (入党申请人 … 预备党员) gets the trail that
 * got them there, and a few full members the one that made them full. Some are waiting for the
 * committee, some are overdue (a talk not held a month after the letter, an approval three months
 * after the branch vote).
 */

const DAY = 24 * 3600 * 1000

/** Days after the letter each step is done on, keeping every interval of the rules. */
const SCHEDULE: Record<StepCode, number> = {
  apply: 0,
  talk: 20,
  activist: 80,
  activist_filing: 87,
  mentors: 90,
  review: 200,
  candidate: 452,
  candidate_filing: 459,
  sponsors: 462,
  political_review: 480,
  training: 500,
  branch_review: 510,
  pre_review: 520,
  volunteer_form: 530,
  branch_vote: 540,
  committee_talk: 550,
  committee_approval: 570,
  org_filing: 575,
  assign_group: 580,
  oath: 585,
  probation_review: 750,
  full_request: 920,
  full_vote: 942,
  full_approval: 950,
  archive: 960,
}

/** The last step done, per 政治面貌, cycled through so every step shows up; `overdue` waits long. */
const PLANS: Record<string, Array<{ last: StepCode; waited: number }>> = {
  applicant: [
    { last: 'apply', waited: 6 },
    { last: 'apply', waited: 47 },
    { last: 'talk', waited: 12 },
  ],
  activist: [
    { last: 'activist', waited: 3 },
    { last: 'activist_filing', waited: 10 },
    { last: 'mentors', waited: 30 },
    { last: 'review', waited: 20 },
    // a year as activist is up: 确定发展对象 may be recorded today
    { last: 'review', waited: 252 },
  ],
  candidate: [
    { last: 'candidate', waited: 2 },
    { last: 'candidate_filing', waited: 5 },
    { last: 'sponsors', waited: 9 },
    { last: 'branch_review', waited: 4 },
    { last: 'pre_review', waited: 6 },
    { last: 'branch_vote', waited: 15 },
    { last: 'committee_talk', waited: 95 },
  ],
  probationary: [
    { last: 'committee_approval', waited: 3 },
    { last: 'oath', waited: 40 },
    { last: 'probation_review', waited: 60 },
    { last: 'full_request', waited: 10 },
  ],
  party_member: [
    { last: 'full_approval', waited: 5 },
    { last: 'archive', waited: 30 },
  ],
}

export async function seedApplications(trx: Transaction<Database>, now: Date): Promise<void> {
  const people = await trx
    .selectFrom('users')
    .select(['id', 'branch_id', 'political_status', 'roles', 'birth_date'])
    .where('branch_id', 'is not', null)
    .where('wechat_openid', 'is', null)
    .orderBy('id')
    .execute()
  const admin = people.find((person) => person.roles.includes('park_admin'))
  const parkAdmin =
    admin?.id ??
    (await trx.selectFrom('users').select('id').where('roles', 'like', '%park_admin%').executeTakeFirst())?.id
  if (parkAdmin === undefined) return
  const secretaryOf = new Map(
    people
      .filter((person) => person.roles.includes('secretary'))
      .map((person) => [person.branch_id, person.id]),
  )
  const fullOf = (branchId: number | null, except: number) =>
    people
      .filter(
        (person) =>
          person.branch_id === branchId && person.political_status === 'party_member' && person.id !== except,
      )
      .map((person) => person.id)

  const counters = new Map<string, number>()
  let fullMembers = 0
  const at = now.toISOString()
  for (const person of people) {
    const status = person.political_status
    const plans = PLANS[status]
    if (!plans || person.roles.includes('secretary')) continue
    if (status === 'party_member' && fullMembers >= 2) continue
    const secretary = secretaryOf.get(person.branch_id)
    const mentors = fullOf(person.branch_id, person.id)
    if (secretary === undefined || mentors.length < 2) continue
    // Full members who have no one else in their branch keep the branch's three; take the fourth on.
    if (status === 'party_member' && mentors.length < 4) continue
    if (status === 'party_member') fullMembers += 1

    const index = counters.get(status) ?? 0
    counters.set(status, index + 1)
    const plan = plans[index % plans.length]!
    const lastAt = STEPS.find((def) => def.code === plan.last)!.order
    const start = now.getTime() - (SCHEDULE[plan.last] + plan.waited) * DAY
    const steps: TrailEntry[] = STEPS.slice(0, lastAt).map((def) => ({
      code: def.code,
      date: parkDay(start + SCHEDULE[def.code] * DAY),
    }))
    const trail = { steps, extensionMonths: null, withdrawnOn: null }
    const problem = checkTrail(trail, parkDay(now))
    if (problem) throw new Error(`demo application for ${person.id}: ${problem.message}`)
    const { stage, since } = stageOf(trail)

    const birthDate =
      person.birth_date ?? `19${90 + (person.id % 9)}-0${1 + (person.id % 9)}-1${person.id % 9}`
    const { id } = await trx
      .insertInto('applications')
      .values({
        user_id: person.id,
        branch_id: person.branch_id as number,
        statement: '我志愿加入中国共产党,拥护党的纲领,遵守党的章程,履行党员义务,执行党的决定,严守党的纪律。',
        birth_date: birthDate,
        applied_on: steps[0]!.date,
        created_by: secretary,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const [seq, entry] of steps.entries()) {
      const def = STEPS[seq]!
      const { id: stepId } = await trx
        .insertInto('application_steps')
        .values({
          application_id: id,
          seq: seq + 1,
          code: entry.code,
          date: entry.date,
          note: seq === 0 ? '纸质入党申请书补录' : '',
          months: null,
          corrects_step_id: null,
          recorded_by: def.level === 'committee' ? parkAdmin : secretary,
          recorded_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const named =
        def.code === 'mentors' ? mentors.slice(0, 1) : def.code === 'sponsors' ? mentors.slice(0, 2) : []
      if (named.length > 0) {
        await trx
          .insertInto('application_step_people')
          .values(named.map((userId) => ({ step_id: stepId, user_id: userId })))
          .execute()
      }
    }
    await trx
      .insertInto('application_state')
      .values({ application_id: id, user_id: person.id, stage, stage_since: since, updated_at: at })
      .execute()
    await trx
      .updateTable('users')
      .set({
        political_status: STATUS_OF_STAGE[stage],
        ...(person.birth_date ? {} : { birth_date: birthDate }),
      })
      .where('id', '=', person.id)
      .execute()
  }
}
