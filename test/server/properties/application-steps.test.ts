import fc from 'fast-check'
import { addMonths, checkTrail, stageOf, trailOf } from '../../../server/src/domain/applications/rules'
import { MINIMUM_INTERVALS, STATUS_OF_STAGE, STEPS } from '../../../server/src/domain/applications/steps'
import type { Application, StepCode } from '../../../server/src/schemas'
import { STEP_CODES } from '../../../server/src/schemas'
import { addMembers, databases, seededPeople, startApp, tokenFor, type TestApp } from '../harness'

/*
 * Random step sequences against the API: each attempt is a step code (half the time the one that
 * comes next, otherwise any) and a day between the application and today. Whatever is accepted,
 * the trail never skips a step, never breaks an interval, and the member's 政治面貌 always
 * matches the stage.
 */

const NOW = new Date('2026-11-24T04:00:00.000Z')
const TODAY = '2026-11-24'
const APPLIED = '2022-11-01'
const DAYS = Math.round((Date.parse(TODAY) - Date.parse(APPLIED)) / 86_400_000)
const dayAfter = (start: string, days: number) =>
  new Date(Date.parse(start) + days * 86_400_000).toISOString().slice(0, 10)

type Headers = Record<string, string>

describe.each(databases)('random step sequences on $name', (database) => {
  let t: TestApp
  let admin: Headers
  let secretary: Headers
  let secretaryId: number
  let branchId: number
  let partyMembers: number[]

  beforeAll(async () => {
    t = await startApp(database, { now: () => NOW })
    const people = await seededPeople(t.app)
    admin = tokenFor(t.app, people.parkAdmins[0]!.id)
    const found = people.secretaries.find((user) => !user.roles.includes('park_admin'))!
    secretaryId = found.id
    branchId = found.branch_id!
    secretary = tokenFor(t.app, secretaryId)
    partyMembers = await addMembers(t.app, 2, { branchId, name: (n) => `介绍人${n}` })
  })
  afterAll(async () => t.close())

  it('never skips a step, breaks an interval or leaves politicalStatus out of step', async () => {
    const attempt = fc.record({
      next: fc.boolean(),
      code: fc.constantFrom(...STEP_CODES),
      // mostly small steps forward, sometimes a jump anywhere
      days: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: DAYS })),
      forward: fc.boolean(),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(attempt, { minLength: 5, maxLength: 60 }), async (attempts) => {
        const [memberId] = await addMembers(t.app, 1, { branchId, name: () => '随机申请人' })
        await t.app.db
          .updateTable('users')
          .set({ political_status: 'masses', birth_date: '1995-01-01' })
          .where('id', '=', memberId!)
          .execute()
        const created = await t.app.inject({
          method: 'POST',
          url: '/api/applications',
          headers: secretary,
          payload: { memberId, appliedAt: APPLIED },
        })
        expect(created.statusCode).toBe(201)
        let application = created.json<Application>()
        for (const { next, code: anyCode, days, forward } of attempts) {
          const code: StepCode = next && application.nextStep ? application.nextStep.code : anyCode
          const last = application.steps[application.steps.length - 1]!.date
          const date = forward ? dayAfter(last, days) : dayAfter(APPLIED, days)
          const level = STEPS.find((def) => def.code === code)!.level
          const people =
            code === 'mentors' ? [partyMembers[0]] : code === 'sponsors' ? partyMembers : undefined
          const response = await t.app.inject({
            method: 'POST',
            url: `/api/applications/${application.id}/steps`,
            headers: level === 'committee' ? admin : secretary,
            payload: { code, date: date > TODAY ? TODAY : date, ...(people ? { peopleIds: people } : {}) },
          })
          expect([201, 422]).toContain(response.statusCode)
          if (response.statusCode === 422) {
            expect(['STEP_OUT_OF_ORDER', 'INTERVAL_NOT_MET', 'STEP_DATE_INVALID']).toContain(
              response.json().error.code,
            )
            continue
          }
          application = response.json<Application>()
          // The trail as stored replays from nothing without a problem: in order, dated in order,
          // the intervals held.
          const stored = await t.app.db
            .selectFrom('application_steps')
            .select(['id', 'code', 'date', 'months', 'corrects_step_id as correctsStepId'])
            .where('application_id', '=', application.id)
            .orderBy('seq')
            .execute()
          const trail = trailOf(stored)
          expect(checkTrail(trail, TODAY)).toBeNull()
          trail.steps.forEach((entry, index) => {
            const order = STEPS.find((def) => def.code === entry.code)!.order
            const before =
              index === 0 ? 0 : STEPS.find((def) => def.code === trail.steps[index - 1]!.code)!.order
            expect(order === before + 1 || (order === before && STEPS[order - 1]!.repeatable)).toBe(true)
          })
          for (const rule of MINIMUM_INTERVALS) {
            const at = trail.steps.find((entry) => entry.code === rule.step)
            const anchor = trail.steps.find((entry) => entry.code === rule.after)
            if (at) expect(at.date >= addMonths(anchor!.date, rule.months)).toBe(true)
          }
          const { stage } = stageOf(trail)
          expect(application.stage).toBe(stage)
          const user = await t.app.db
            .selectFrom('users')
            .select('political_status')
            .where('id', '=', memberId!)
            .executeTakeFirstOrThrow()
          expect(user.political_status).toBe(STATUS_OF_STAGE[stage])
        }
      }),
      { numRuns: database.name === 'postgres' ? 12 : 25 },
    )
  }, 240_000)
})
