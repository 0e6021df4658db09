import { sql } from 'kysely'
import { STEPS } from '../../../../server/src/domain/applications/steps'
import { updateMember } from '../../../../server/src/domain/organisation/members'
import { viewerOf } from '../../../../server/src/domain/access'
import { findUserById } from '../../../../server/src/domain/users/repository'
import type {
  Application,
  ApplicationList,
  ApplicationOverview,
  StepCode,
} from '../../../../server/src/schemas'
import { addMembers, databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

/** The app's clock: 2026-11-24 in the park. */
const NOW = new Date('2026-11-24T04:00:00.000Z')
const TODAY = '2026-11-24'
const monthsAgo = (months: number, days = 0) => {
  const at = new Date(Date.UTC(2026, 10 - months, 24 - days))
  return at.toISOString().slice(0, 10)
}

type Headers = Record<string, string>

describe.each(databases)('party membership applications on $name', (database) => {
  let t: TestApp
  let admin: Headers
  let secretary: Headers
  let otherSecretary: Headers
  let branchId: number
  let otherBranchId: number
  /** full party members of the branch, for mentors and sponsors */
  let partyMembers: number[]
  let outsider: number
  let secretaryId: number

  /** A new member of the branch, 群众, born on `birthDate`. */
  async function newMember(birthDate: string | null = '1998-03-01', branch = branchId): Promise<number> {
    const [id] = await addMembers(t.app, 1, { branchId: branch, name: (n) => `申请人${Date.now()}${n}` })
    await t.app.db
      .updateTable('users')
      .set({ political_status: 'masses', birth_date: birthDate })
      .where('id', '=', id!)
      .execute()
    return id!
  }

  const post = (url: string, headers: Headers, payload: object) =>
    t.app.inject({ method: 'POST', url, headers, payload })
  const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers })
  const statusOf = async (id: number) =>
    (
      await t.app.db
        .selectFrom('users')
        .select('political_status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).political_status

  /** Whoever records this step: the branch's secretary or the committee (park admin). */
  const recorderOf = (code: StepCode) =>
    STEPS.find((def) => def.code === code)!.level === 'committee' ? admin : secretary

  async function step(id: number, code: StepCode, date: string, extra: object = {}) {
    const people =
      code === 'mentors'
        ? { peopleIds: [partyMembers[0]] }
        : code === 'sponsors'
          ? { peopleIds: partyMembers.slice(0, 2) }
          : {}
    return post(`/api/applications/${id}/steps`, recorderOf(code), { code, date, ...people, ...extra })
  }

  async function walk(id: number, steps: Array<[StepCode, string]>) {
    for (const [code, date] of steps) {
      const response = await step(id, code, date)
      if (response.statusCode !== 201) throw new Error(`${code} ${date}: ${response.body}`)
    }
  }

  async function paper(memberId: number, appliedAt: string): Promise<number> {
    const response = await post('/api/applications', secretary, {
      memberId,
      appliedAt,
      statement: '纸质申请书',
    })
    expect(response.statusCode).toBe(201)
    return response.json<Application>().id
  }

  beforeAll(async () => {
    t = await startApp(database, { now: () => NOW })
    const people = await seededPeople(t.app)
    admin = tokenFor(t.app, people.parkAdmins[0]!.id)
    const secretaries = people.secretaries.filter((user) => !user.roles.includes('park_admin'))
    branchId = secretaries[0]!.branch_id!
    otherBranchId = secretaries[1]!.branch_id!
    secretaryId = secretaries[0]!.id
    secretary = tokenFor(t.app, secretaryId)
    otherSecretary = tokenFor(t.app, secretaries[1]!.id)
    partyMembers = await addMembers(t.app, 3, { branchId, name: (n) => `老党员${n}` })
    const [other] = await addMembers(t.app, 1, { branchId: otherBranchId, name: () => '外支部党员' })
    outsider = other!
  })
  afterAll(async () => t.close())

  it('a member applies: stage applied, 入党申请人, the talk due within a month; once only', async () => {
    const id = await newMember()
    const headers = tokenFor(t.app, id)
    const response = await post('/api/applications', headers, {
      statement: '我志愿加入中国共产党',
      birthDate: '1998-03-01',
    })
    expect(response.statusCode).toBe(201)
    const application = response.json<Application>()
    expect(application.stage).toBe('applied')
    expect(application.appliedOn).toBe(TODAY)
    expect(application.steps.map((s) => s.code)).toEqual(['apply'])
    expect(application.nextStep).toEqual({
      code: 'talk',
      name: '党组织派人谈话',
      level: 'branch',
      earliestAt: TODAY,
      dueBy: '2026-12-24',
      overdue: false,
    })
    expect(application.stages.map((s) => s.stage)).toEqual([
      'applied',
      'activist',
      'candidate',
      'probationary',
      'full',
    ])
    expect(await statusOf(id)).toBe('applicant')
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers })
    expect(me.json().politicalStatus).toBe('applicant')

    const mine = await get('/api/applications/mine', headers)
    expect(mine.statusCode).toBe(200)
    expect(mine.json<Application>().id).toBe(application.id)

    const again = await post('/api/applications', headers, { statement: '再次申请' })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('ALREADY_APPLIED')
  })

  it('refuses the young, party members, a missing birth date, a blank statement and a member appliedAt', async () => {
    const young = tokenFor(t.app, await newMember('2009-01-01'))
    const tooYoung = await post('/api/applications', young, { statement: '申请' })
    expect(tooYoung.statusCode).toBe(422)
    expect(tooYoung.json().error.code).toBe('TOO_YOUNG')
    // 18 on the very day counts.
    const eighteen = tokenFor(t.app, await newMember('2008-11-24'))
    expect((await post('/api/applications', eighteen, { statement: '申请' })).statusCode).toBe(201)

    const member = tokenFor(t.app, partyMembers[2]!)
    const already = await post('/api/applications', member, { statement: '申请', birthDate: '1990-01-01' })
    expect(already.statusCode).toBe(422)
    expect(already.json().error.code).toBe('ALREADY_MEMBER')

    const noBirth = tokenFor(t.app, await newMember(null))
    const missing = await post('/api/applications', noBirth, { statement: '申请' })
    expect(missing.statusCode).toBe(400)
    // The birth date on the application is enough.
    expect(
      (await post('/api/applications', noBirth, { statement: '申请', birthDate: '1995-06-01' })).statusCode,
    ).toBe(201)

    const someone = tokenFor(t.app, await newMember())
    expect((await post('/api/applications', someone, { statement: '   ' })).statusCode).toBe(400)
    expect(
      (await post('/api/applications', someone, { statement: '申请', appliedAt: '2020-01-01' })).statusCode,
    ).toBe(400)
  })

  it('a paper application: its secretary only, with a historic date not in the future, 18 on that day', async () => {
    const memberId = await newMember('2000-05-01')
    expect((await post('/api/applications', admin, { memberId, appliedAt: '2024-01-01' })).statusCode).toBe(
      403,
    )
    expect(
      (await post('/api/applications', otherSecretary, { memberId, appliedAt: '2024-01-01' })).statusCode,
    ).toBe(403)
    expect((await post('/api/applications', secretary, { memberId })).statusCode).toBe(400)
    const future = await post('/api/applications', secretary, { memberId, appliedAt: '2026-12-01' })
    expect(future.statusCode).toBe(422)
    expect(future.json().error.code).toBe('STEP_DATE_INVALID')
    const young = await post('/api/applications', secretary, { memberId, appliedAt: '2018-01-01' })
    expect(young.json().error.code).toBe('TOO_YOUNG')
    const id = await paper(memberId, '2023-09-01')
    const application = (await get(`/api/applications/${id}`, secretary)).json<Application>()
    expect(application.appliedOn).toBe('2023-09-01')
    expect(application.stageSince).toBe('2023-09-01')
    // The talk was due within a month of the paper application: long overdue.
    expect(application.nextStep).toMatchObject({ code: 'talk', dueBy: '2023-10-01', overdue: true })
  })

  it('the secretary backfills an activist of 13 months and records candidate; the committee files it', async () => {
    const memberId = await newMember()
    const id = await paper(memberId, monthsAgo(15))
    await walk(id, [
      ['talk', monthsAgo(14)],
      ['activist', monthsAgo(13)],
    ])
    expect(await statusOf(memberId)).toBe('activist')

    // 备案 is the committee's: the secretary is refused, the park admin records it.
    const bySecretary = await post(`/api/applications/${id}/steps`, secretary, {
      code: 'activist_filing',
      date: monthsAgo(13),
    })
    expect(bySecretary.statusCode).toBe(403)
    const waiting = (await get('/api/applications?waiting=committee', admin)).json<ApplicationList>()
    expect(waiting.items.find((item) => item.id === id)?.nextStep?.code).toBe('activist_filing')
    expect((await step(id, 'activist_filing', monthsAgo(13))).statusCode).toBe(201)
    // …and a branch step is not the park admin's.
    const byAdmin = await post(`/api/applications/${id}/steps`, admin, {
      code: 'mentors',
      date: monthsAgo(12),
      peopleIds: [partyMembers[0]],
    })
    expect(byAdmin.statusCode).toBe(403)

    // Mentors are full party members of the branch.
    const notMember = await post(`/api/applications/${id}/steps`, secretary, {
      code: 'mentors',
      date: monthsAgo(12),
      peopleIds: [await newMember()],
    })
    expect(notMember.json().error.code).toBe('PEOPLE_NOT_ELIGIBLE')
    const otherBranch = await post(`/api/applications/${id}/steps`, secretary, {
      code: 'mentors',
      date: monthsAgo(12),
      peopleIds: [outsider],
    })
    expect(otherBranch.json().error.code).toBe('PEOPLE_NOT_ELIGIBLE')
    const none = await post(`/api/applications/${id}/steps`, secretary, {
      code: 'mentors',
      date: monthsAgo(12),
    })
    expect(none.statusCode).toBe(400)
    await walk(id, [
      ['mentors', monthsAgo(12)],
      ['review', monthsAgo(6)],
      ['review', monthsAgo(1)],
    ])
    const response = await step(id, 'candidate', TODAY)
    expect(response.statusCode).toBe(201)
    const application = response.json<Application>()
    expect(application.stage).toBe('candidate')
    expect(application.mentors).toEqual([{ id: partyMembers[0], name: '老党员0' }])
    expect(application.nextStep).toMatchObject({ code: 'candidate_filing', level: 'committee' })
    expect(application.steps.filter((s) => s.code === 'review')).toHaveLength(2)
    expect(await statusOf(memberId)).toBe('candidate')
  })

  it('no step is skipped, repeated when not repeatable, dated in the future or before the one before', async () => {
    const id = await paper(await newMember(), monthsAgo(3))
    const skip = await step(id, 'activist', monthsAgo(2))
    expect(skip.statusCode).toBe(422)
    expect(skip.json().error.code).toBe('STEP_OUT_OF_ORDER')
    const future = await step(id, 'talk', '2026-11-25')
    expect(future.json().error.code).toBe('STEP_DATE_INVALID')
    const before = await step(id, 'talk', monthsAgo(4))
    expect(before.json().error.code).toBe('STEP_DATE_INVALID')
    expect((await step(id, 'talk', monthsAgo(2))).statusCode).toBe(201)
    const twice = await step(id, 'talk', monthsAgo(2))
    expect(twice.json().error.code).toBe('STEP_OUT_OF_ORDER')
    const unknown = await post(`/api/applications/${id}/steps`, secretary, { code: 'party', date: TODAY })
    expect(unknown.statusCode).toBe(400)
  })

  it('under a year as activist before candidate: INTERVAL_NOT_MET, and the day it becomes possible', async () => {
    const id = await paper(await newMember(), monthsAgo(10))
    await walk(id, [
      ['talk', monthsAgo(9)],
      ['activist', monthsAgo(8)],
      ['activist_filing', monthsAgo(8)],
      ['mentors', monthsAgo(8)],
      ['review', monthsAgo(2)],
    ])
    const application = (await get(`/api/applications/${id}`, secretary)).json<Application>()
    expect(application.nextStep).toMatchObject({ code: 'candidate', earliestAt: '2027-03-24' })
    const early = await step(id, 'candidate', TODAY)
    expect(early.statusCode).toBe(422)
    expect(early.json().error.code).toBe('INTERVAL_NOT_MET')
  })

  it('probation: a year before full_vote, extended once by up to a year with a reason; committee_approval due within 3 months', async () => {
    const memberId = await newMember('1990-01-01')
    const id = await paper(memberId, monthsAgo(40))
    await walk(id, [
      ['talk', monthsAgo(40)],
      ['activist', monthsAgo(39)],
      ['activist_filing', monthsAgo(39)],
      ['mentors', monthsAgo(39)],
      ['review', monthsAgo(30)],
      ['candidate', monthsAgo(26)],
      ['candidate_filing', monthsAgo(26)],
      ['sponsors', monthsAgo(26)],
      ['political_review', monthsAgo(25)],
      ['training', monthsAgo(25)],
      ['branch_review', monthsAgo(25)],
      ['pre_review', monthsAgo(25)],
      ['volunteer_form', monthsAgo(24)],
      ['branch_vote', monthsAgo(24)],
    ])
    let application = (await get(`/api/applications/${id}`, admin)).json<Application>()
    expect(application.sponsors.map((p) => p.id)).toEqual(partyMembers.slice(0, 2))
    // 派人谈话 comes before 审批; both fall under the 3 months after the branch vote.
    expect(application.nextStep).toMatchObject({
      code: 'committee_talk',
      dueBy: monthsAgo(21),
      overdue: true,
    })
    await walk(id, [
      ['committee_talk', monthsAgo(23)],
      ['committee_approval', monthsAgo(14)],
    ])
    expect(await statusOf(memberId)).toBe('probationary')
    await walk(id, [
      ['org_filing', monthsAgo(14)],
      ['assign_group', monthsAgo(14)],
      ['oath', monthsAgo(14)],
      ['probation_review', monthsAgo(8)],
    ])
    const extend = (payload: object, headers = secretary) =>
      post(`/api/applications/${id}/extension`, headers, payload)
    expect((await extend({ date: monthsAgo(3), months: 13, reason: '考察' })).statusCode).toBe(400)
    expect((await extend({ date: monthsAgo(3), months: 6 })).statusCode).toBe(400)
    expect((await extend({ date: monthsAgo(3), months: 6, reason: '需继续考察' }, admin)).statusCode).toBe(
      403,
    )
    const extended = await extend({ date: monthsAgo(3), months: 6, reason: '需继续考察' })
    expect(extended.statusCode).toBe(201)
    expect(extended.json<Application>().extension).toEqual({
      months: 6,
      reason: '需继续考察',
      date: monthsAgo(3),
    })
    const twice = await extend({ date: monthsAgo(2), months: 3, reason: '再延长' })
    expect(twice.statusCode).toBe(409)
    expect(twice.json().error.code).toBe('ALREADY_EXTENDED')

    await walk(id, [['full_request', monthsAgo(1)]])
    application = (await get(`/api/applications/${id}`, secretary)).json<Application>()
    // 14 months ago + 12 + 6 months
    expect(application.nextStep).toMatchObject({ code: 'full_vote', earliestAt: '2027-03-24' })
    const early = await step(id, 'full_vote', TODAY)
    expect(early.json().error.code).toBe('INTERVAL_NOT_MET')
    expect(await statusOf(memberId)).toBe('probationary')
  })

  it('a full member: full_vote after the year, the committee approves, politicalStatus party_member', async () => {
    const memberId = await newMember('1990-01-01')
    const id = await paper(memberId, monthsAgo(40))
    const codes = STEPS.map((def) => def.code).slice(1)
    const dates: Record<string, string> = {
      candidate: monthsAgo(26),
      committee_approval: monthsAgo(13),
      full_vote: monthsAgo(1),
    }
    let date = monthsAgo(40)
    for (const code of codes) {
      date = dates[code] ?? date
      expect((await step(id, code, date)).statusCode).toBe(201)
    }
    const application = (await get(`/api/applications/${id}`, secretary)).json<Application>()
    expect(application.stage).toBe('full')
    expect(application.nextStep).toBeNull()
    expect(application.allowedSteps).toEqual([])
    expect(await statusOf(memberId)).toBe('party_member')
    expect(
      (await post(`/api/applications/${id}/withdraw`, secretary, { date: TODAY, note: '撤回' })).statusCode,
    ).toBe(422)
  })

  it('a correction is a new step with a note, and must keep the intervals', async () => {
    const id = await paper(await newMember(), monthsAgo(20))
    await walk(id, [
      ['talk', monthsAgo(20)],
      ['activist', monthsAgo(14)],
    ])
    const application = (await get(`/api/applications/${id}`, secretary)).json<Application>()
    const activist = application.steps.find((s) => s.code === 'activist')!
    const correct = (date: string, note?: string) =>
      post(`/api/applications/${id}/steps`, secretary, {
        code: 'activist',
        date,
        correctsStepId: activist.id,
        ...(note ? { note } : {}),
      })
    expect((await correct(monthsAgo(15))).statusCode).toBe(400)
    const corrected = await correct(monthsAgo(15), '原记录日期有误')
    expect(corrected.statusCode).toBe(201)
    const after = corrected.json<Application>()
    expect(after.steps).toHaveLength(4)
    expect(after.steps.find((s) => s.id === activist.id)?.corrected).toBe(true)
    expect(after.stageSince).toBe(monthsAgo(15))
    await walk(id, [
      ['activist_filing', monthsAgo(1)],
      ['mentors', monthsAgo(1)],
      ['review', monthsAgo(1)],
      ['candidate', TODAY],
    ])
    // Moving the activist date later would break the year before candidate.
    const latest = (await get(`/api/applications/${id}`, secretary)).json<Application>()
    const current = latest.steps.find((s) => s.code === 'activist' && !s.corrected)!
    const broken = await post(`/api/applications/${id}/steps`, secretary, {
      code: 'activist',
      date: monthsAgo(2),
      correctsStepId: current.id,
      note: '再次更正',
    })
    expect(broken.json().error.code).toBe('INTERVAL_NOT_MET')
    const wrongCode = await post(`/api/applications/${id}/steps`, secretary, {
      code: 'talk',
      date: monthsAgo(14),
      correctsStepId: current.id,
      note: '更正',
    })
    expect(wrongCode.statusCode).toBe(400)
  })

  it('the trail is append-only: the database refuses updates and deletes', async () => {
    const id = await paper(await newMember(), monthsAgo(1))
    const stored = () =>
      t.app.db
        .selectFrom('application_steps')
        .select(['id', 'date'])
        .where('application_id', '=', id)
        .execute()
    expect(await stored()).toHaveLength(1)
    // Matched by message: better-sqlite3's error class may come from another test file's realm in
    // the same worker, so `toThrow` (which wants this realm's Error) would miss it.
    const refused = { message: expect.stringContaining('append-only') }
    await expect(
      t.app.db
        .updateTable('application_steps')
        .set({ date: TODAY })
        .where('application_id', '=', id)
        .execute(),
    ).rejects.toMatchObject(refused)
    await expect(
      t.app.db.deleteFrom('application_steps').where('application_id', '=', id).execute(),
    ).rejects.toMatchObject(refused)
    await expect(
      t.app.db.updateTable('applications').set({ statement: 'x' }).where('id', '=', id).execute(),
    ).rejects.toMatchObject(refused)
    await expect(sql`delete from applications where id = ${id}`.execute(t.app.db)).rejects.toMatchObject(
      refused,
    )
  })

  it('politicalStatus follows the stage: the roster may not set it while an application is open; withdrawal', async () => {
    const memberId = await newMember()
    const id = await paper(memberId, monthsAgo(2))
    const secretaryUser = await findUserById(t.app.db, secretaryId)
    const viewer = viewerOf(secretaryUser!)
    await expect(
      t.app.db
        .transaction()
        .execute((trx) => updateMember(trx, viewer, memberId, { politicalStatus: 'party_member' }, NOW)),
    ).rejects.toMatchObject({ code: 'STATUS_FOLLOWS_APPLICATION' })
    expect(await statusOf(memberId)).toBe('applicant')

    const applicant = tokenFor(t.app, memberId)
    expect(
      (await post(`/api/applications/${id}/withdraw`, otherSecretary, { date: TODAY, note: '本人撤回' }))
        .statusCode,
    ).toBe(404)
    const withdrawn = await post(`/api/applications/${id}/withdraw`, applicant, {
      date: TODAY,
      note: '本人撤回',
    })
    expect(withdrawn.statusCode).toBe(201)
    expect(withdrawn.json<Application>().stage).toBe('withdrawn')
    expect(await statusOf(memberId)).toBe('masses')
    expect((await step(id, 'talk', TODAY)).json().error.code).toBe('STEP_OUT_OF_ORDER')
    // The roster may set it again, and the member may apply again.
    await t.app.db.transaction().execute((trx) => updateMember(trx, viewer, memberId, { name: '改名' }, NOW))
    expect((await post('/api/applications', applicant, { statement: '重新申请' })).statusCode).toBe(201)
  })

  it('who sees what: the applicant and their secretary and park admins; lists for secretaries and admins', async () => {
    const memberId = await newMember()
    const id = await paper(memberId, monthsAgo(2))
    expect((await get(`/api/applications/${id}`, tokenFor(t.app, memberId))).statusCode).toBe(200)
    expect((await get(`/api/applications/${id}`, otherSecretary)).statusCode).toBe(404)
    expect((await get(`/api/applications/${id}`, tokenFor(t.app, partyMembers[1]!))).statusCode).toBe(404)
    expect((await step(id, 'talk', TODAY)).statusCode).toBe(201)
    expect(
      (await post(`/api/applications/${id}/steps`, otherSecretary, { code: 'activist', date: TODAY }))
        .statusCode,
    ).toBe(404)
    expect((await get('/api/applications', tokenFor(t.app, memberId))).statusCode).toBe(403)
    expect((await get(`/api/applications?branchId=${branchId}`, otherSecretary)).statusCode).toBe(403)
    expect((await get('/api/applications/mine', tokenFor(t.app, partyMembers[1]!))).statusCode).toBe(404)

    const mine = (await get('/api/applications', secretary)).json<ApplicationList>()
    expect(mine.items.length).toBeGreaterThan(0)
    expect(mine.items.every((item) => item.branch.id === branchId && item.stage !== 'withdrawn')).toBe(true)
    // Overdue first.
    const overdue = mine.items.map((item) => item.nextStep?.overdue ?? false)
    expect(overdue).toEqual([...overdue].sort((a, b) => Number(b) - Number(a)))
    const candidates = (await get('/api/applications?stage=candidate', secretary)).json<ApplicationList>()
    expect(candidates.items.every((item) => item.stage === 'candidate')).toBe(true)

    const csv = await get('/api/applications?format=csv', secretary)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body.startsWith('\uFEFF姓名,支部,阶段')).toBe(true)
    expect(csv.body.split('\r\n').length).toBe(mine.items.length + 2)

    const overview = (await get('/api/applications/overview', admin)).json<ApplicationOverview>()
    const here = overview.branches.find((entry) => entry.branch.id === branchId)!
    expect(Object.values(here.byStage).reduce((a, b) => a + b, 0)).toBe(mine.items.length)
    expect(
      (await get('/api/applications/overview', otherSecretary)).json<ApplicationOverview>().branches,
    ).toHaveLength(1)
  })

  it('concurrent writes: one application per member, and one step per place in the trail', async () => {
    const memberId = await newMember()
    const headers = tokenFor(t.app, memberId)
    const applies = await Promise.all(
      Array.from({ length: 6 }, () => post('/api/applications', headers, { statement: '申请' })),
    )
    expect(applies.filter((response) => response.statusCode === 201)).toHaveLength(1)
    for (const response of applies.filter((one) => one.statusCode !== 201)) {
      expect(response.statusCode).toBe(409)
      expect(response.json().error.code).toBe('ALREADY_APPLIED')
    }
    const id = applies.find((response) => response.statusCode === 201)!.json<Application>().id
    const talks = await Promise.all(Array.from({ length: 6 }, () => step(id, 'talk', TODAY)))
    expect(talks.filter((response) => response.statusCode === 201)).toHaveLength(1)
    for (const response of talks.filter((one) => one.statusCode !== 201)) {
      expect(['STEP_CONFLICT', 'STEP_OUT_OF_ORDER']).toContain(response.json().error.code)
    }
    const stored = await t.app.db
      .selectFrom('application_steps')
      .select('code')
      .where('application_id', '=', id)
      .execute()
    expect(stored.map((row) => row.code)).toEqual(['apply', 'talk'])
  })
})
