import type { App } from '../../../server/src/app'
import type { Application } from '../../../server/src/schemas'
import { addMembers, databases, seededPeople, tokenFor } from '../harness'
import { startInstances, type Instances } from './instances'

const DAY = 24 * 3600 * 1000
/** 2026-11-24, noon in the park. */
const START = Date.parse('2026-11-24T04:00:00.000Z')

type Headers = Record<string, string>

describe.each(databases)('application steps remind the secretary on $name', (database) => {
  // Two instances share the database on PostgreSQL: each message still goes out once.
  const instances = database.name === 'postgres' ? 2 : 1
  let clock = START
  let t: Instances
  let a: App
  let secretary: Headers
  let secretaryIds: number[]
  let branchId: number

  beforeAll(async () => {
    t = await startInstances(database, instances, { now: () => new Date(clock) })
    a = t.apps[0]!
    const people = await seededPeople(a)
    const own = people.secretaries.filter((user) => !user.roles.includes('park_admin'))
    branchId = own[0]!.branch_id!
    secretary = tokenFor(a, own[0]!.id)
    secretaryIds = own.filter((user) => user.branch_id === branchId).map((user) => user.id)
  })
  afterAll(() => t.close())

  /** Every worker runs a tick, a few minutes later each time (the look-over runs once a minute). */
  const tickAll = async () => {
    clock += 5 * 60 * 1000
    await Promise.all(t.apps.map((app) => app.notifier.runOnce()))
  }
  const told = (applicationId: number) =>
    a.db
      .selectFrom('notifications')
      .select(['user_id', 'title', 'body', 'link'])
      .where('kind', '=', 'application_step_due')
      .where('object_type', '=', 'application')
      .where('object_id', '=', applicationId)
      .orderBy('id')
      .execute()

  it('谈话 within a month of the letter: told once when it comes due, once when overdue, then never', async () => {
    const [memberId] = await addMembers(a, 1, { branchId, name: () => '周申请' })
    await a.db
      .updateTable('users')
      .set({ political_status: 'masses', birth_date: '1999-05-01' })
      .where('id', '=', memberId!)
      .execute()
    const filed = await a.inject({
      method: 'POST',
      url: '/api/applications',
      headers: secretary,
      payload: { memberId, appliedAt: '2026-11-24', statement: '纸质申请书' },
    })
    expect(filed.statusCode).toBe(201)
    const id = filed.json<Application>().id

    // Due by 12-24: nothing to say today, nor on 12-16.
    await tickAll()
    clock = Date.parse('2026-12-16T04:00:00.000Z')
    await tickAll()
    expect(await told(id)).toEqual([])

    // A week before: the secretary is told it is due, however many ticks and instances run.
    clock = Date.parse('2026-12-17T04:00:00.000Z')
    await tickAll()
    await tickAll()
    clock += DAY
    await tickAll()
    const due = await told(id)
    expect(due.map((row) => row.user_id).sort()).toEqual([...secretaryIds].sort())
    expect(due[0]).toMatchObject({
      title: '发展党员:步骤即将到期',
      link: `/packages/party/application/index?id=${id}`,
    })
    expect(due[0]!.body).toContain('周申请的「党组织派人谈话」应在2026-12-24前完成')

    // The day after the deadline: overdue, once.
    clock = Date.parse('2026-12-25T04:00:00.000Z')
    await tickAll()
    await tickAll()
    const overdue = (await told(id)).slice(due.length)
    expect(overdue).toHaveLength(secretaryIds.length)
    expect(overdue[0]!.title).toBe('发展党员:步骤已逾期')

    // The talk recorded: the next step has no "within" deadline, so no more reminders.
    const talk = await a.inject({
      method: 'POST',
      url: `/api/applications/${id}/steps`,
      headers: secretary,
      payload: { code: 'talk', date: '2026-12-25' },
    })
    expect(talk.statusCode).toBe(201)
    clock += 40 * DAY
    await tickAll()
    expect(await told(id)).toHaveLength(due.length + overdue.length)
  })
})
