import type {
  AnnouncementDetail,
  AnnouncementPage,
  AnnouncementReaders,
  ReminderSent,
} from '../../../../server/src/schemas'
import { databases, seededPeople, startApp, tokenFor, type TestApp } from '../../harness'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE

type Headers = Record<string, string>

describe.each(databases)('organising notices on $name', (database) => {
  let t: TestApp
  let clock = 0
  let branchA: number
  let branchB: number
  let memberAId: number
  let memberA: Headers
  let memberB: Headers
  let secretaryA: Headers
  let secretaryB: Headers
  let parkAdmin: Headers

  beforeAll(async () => {
    clock = Date.now()
    t = await startApp(database, { now: () => new Date(clock) })
    const people = await seededPeople(t.app)
    const branches = await t.app.db.selectFrom('branches').select('id').orderBy('id').execute()
    branchA = branches[0]!.id
    branchB = branches[1]!.id
    memberAId = people.memberOf(branchA).id
    memberA = tokenFor(t.app, memberAId)
    memberB = tokenFor(t.app, people.memberOf(branchB).id)
    secretaryA = tokenFor(t.app, people.secretaryOf(branchA).id)
    secretaryB = tokenFor(t.app, people.secretaryOf(branchB).id)
    parkAdmin = tokenFor(t.app, people.parkAdmins[0]!.id)
  })
  afterAll(() => t.close())

  const send = (
    method: 'POST' | 'PATCH' | 'GET' | 'DELETE',
    url: string,
    headers: Headers,
    payload?: object,
  ) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
  const codeOf = (response: { json: () => { error: { code: string } } }) => response.json().error.code
  const publish = async (headers: Headers, fields: Record<string, unknown> = {}) => {
    const response = await send('POST', '/api/announcements', headers, {
      title: '关于开展主题党日活动的通知',
      body: '各位党员:本周五下午开展主题党日活动。',
      scope: 'branch',
      ...fields,
    })
    expect(response.statusCode).toBe(201)
    return response.json<AnnouncementDetail>()
  }
  const feed = async (headers: Headers) =>
    (await send('GET', '/api/announcements?limit=50', headers)).json<AnnouncementPage>().items
  const audienceOf = async (branchId: number | null) => {
    const rows = await t.app.db
      .selectFrom('users')
      .select('id')
      .$if(branchId === null, (q) => q.where('branch_id', 'is not', null))
      .$if(branchId !== null, (q) => q.where('branch_id', '=', branchId))
      .execute()
    return rows.length
  }

  it('edits a notice: the reader sees 已编辑 with the time; pinning is not an edit', async () => {
    const notice = await publish(secretaryA)
    expect(notice).toMatchObject({ editedAt: null, canManage: true })
    expect((await send('GET', `/api/announcements/${notice.id}`, memberA)).json()).toMatchObject({
      canManage: false,
    })
    clock += 5 * MINUTE
    const edited = await send('PATCH', `/api/announcements/${notice.id}`, secretaryA, {
      title: ' 关于开展主题党日活动的通知(更正) ',
      body: '时间改为本周五下午三点。',
    })
    expect(edited.statusCode).toBe(200)
    const at = new Date(clock).toISOString()
    expect(edited.json<AnnouncementDetail>()).toMatchObject({
      title: '关于开展主题党日活动的通知(更正)',
      body: '时间改为本周五下午三点。',
      editedAt: at,
      publishedAt: notice.publishedAt,
    })
    const read = (await send('GET', `/api/announcements/${notice.id}`, memberA)).json<AnnouncementDetail>()
    expect(read).toMatchObject({ editedAt: at, body: '时间改为本周五下午三点。' })

    clock += MINUTE
    const pinned = await send('PATCH', `/api/announcements/${notice.id}`, secretaryA, { pinned: true })
    expect(pinned.json<AnnouncementDetail>()).toMatchObject({ pinned: true, editedAt: at })
    expect((await feed(memberA))[0]).toMatchObject({ id: notice.id, pinned: true, editedAt: at })
    const unpinned = await send('PATCH', `/api/announcements/${notice.id}`, secretaryA, { pinned: false })
    expect(unpinned.json<AnnouncementDetail>().pinned).toBe(false)
  })

  it('withdraws a notice: gone from every list and the badge; a stale link says so', async () => {
    const notice = await publish(secretaryA)
    const before = (await send('GET', '/api/announcements/unread-count', memberA)).json<{ count: number }>()
      .count
    const withdrawn = await send('DELETE', `/api/announcements/${notice.id}`, secretaryA)
    expect(withdrawn.statusCode).toBe(200)
    expect(withdrawn.json()).toEqual({ id: notice.id, withdrawnAt: new Date(clock).toISOString() })
    expect((await feed(memberA)).map((n) => n.id)).not.toContain(notice.id)
    expect((await feed(parkAdmin)).map((n) => n.id)).not.toContain(notice.id)
    const managed = (
      await send('GET', '/api/announcements?managed=1&limit=50', secretaryA)
    ).json<AnnouncementPage>()
    expect(managed.items.map((n) => n.id)).not.toContain(notice.id)
    expect((await send('GET', '/api/announcements/unread-count', memberA)).json()).toEqual({
      count: before - 1,
    })
    for (const [method, url, body] of [
      ['GET', `/api/announcements/${notice.id}`, undefined],
      ['PATCH', `/api/announcements/${notice.id}`, { pinned: true }],
      ['GET', `/api/announcements/${notice.id}/readers`, undefined],
      ['DELETE', `/api/announcements/${notice.id}`, undefined],
    ] as const) {
      const response = await send(
        method,
        url,
        method === 'GET' && !url.endsWith('readers') ? memberA : secretaryA,
        body,
      )
      expect([response.statusCode, codeOf(response), response.json().error.message]).toEqual([
        404,
        'NOTICE_WITHDRAWN',
        '该通知已撤回',
      ])
    }
    // Another branch's member still learns nothing about it.
    const other = await send('GET', `/api/announcements/${notice.id}`, memberB)
    expect([other.statusCode, codeOf(other)]).toEqual([404, 'NOT_FOUND'])
  })

  it('lists only the notices the viewer organises with managed=1', async () => {
    const mine = await publish(secretaryA)
    const theirs = await publish(secretaryB)
    const park = await publish(parkAdmin, { scope: 'park' })
    const ids = async (headers: Headers) =>
      (await send('GET', '/api/announcements?managed=1&limit=50', headers))
        .json<AnnouncementPage>()
        .items.map((n) => n.id)
    const a = await ids(secretaryA)
    expect(a).toContain(mine.id)
    expect(a).not.toContain(theirs.id)
    expect(a).not.toContain(park.id)
    expect(await ids(parkAdmin)).toEqual(expect.arrayContaining([mine.id, theirs.id, park.id]))
    const member = await send('GET', '/api/announcements?managed=1', memberA)
    expect([member.statusCode, codeOf(member)]).toEqual([403, 'FORBIDDEN'])
  })

  it('shows who has read (with the time) and who has not, over the branch', async () => {
    const notice = await publish(secretaryA)
    clock += 2 * MINUTE
    await send('GET', `/api/announcements/${notice.id}`, memberA)
    const response = await send('GET', `/api/announcements/${notice.id}/readers`, secretaryA)
    expect(response.statusCode).toBe(200)
    const readers = response.json<AnnouncementReaders>()
    const audience = await audienceOf(branchA)
    expect(readers.readCount + readers.unreadCount).toBe(audience)
    expect(readers.read.map((r) => r.member.id)).toContain(memberAId)
    expect(readers.read.find((r) => r.member.id === memberAId)?.readAt).toBe(new Date(clock).toISOString())
    expect(readers.unread.map((r) => r.member.id)).not.toContain(memberAId)
    expect(readers.byBranch).toEqual([
      {
        branch: expect.objectContaining({ id: branchA }),
        read: readers.readCount,
        unread: readers.unreadCount,
      },
    ])
    expect(readers.remindedAt).toBeNull()
  })

  it('counts a park notice per branch', async () => {
    const notice = await publish(parkAdmin, { scope: 'park' })
    await send('GET', `/api/announcements/${notice.id}`, memberA)
    await send('GET', `/api/announcements/${notice.id}`, memberB)
    const readers = (
      await send('GET', `/api/announcements/${notice.id}/readers`, parkAdmin)
    ).json<AnnouncementReaders>()
    expect(readers.readCount + readers.unreadCount).toBe(await audienceOf(null))
    const branchIds = await t.app.db.selectFrom('branches').select('id').execute()
    expect(readers.byBranch.length).toBe(branchIds.length)
    const rowOf = (id: number) => readers.byBranch.find((b) => b.branch.id === id)!
    expect(rowOf(branchA).read).toBeGreaterThanOrEqual(1)
    expect(rowOf(branchB).read).toBeGreaterThanOrEqual(1)
    expect(readers.byBranch.reduce((sum, b) => sum + b.read + b.unread, 0)).toBe(await audienceOf(null))
    // A park notice is the park's: a secretary does not run it.
    const bySecretary = await send('GET', `/api/announcements/${notice.id}/readers`, secretaryA)
    expect([bySecretary.statusCode, codeOf(bySecretary)]).toEqual([403, 'FORBIDDEN'])
  })

  it('reminds the unread once an hour, as in-app notifications', async () => {
    const notice = await publish(secretaryA)
    await send('GET', `/api/announcements/${notice.id}`, memberA)
    const { unreadCount, unread } = (
      await send('GET', `/api/announcements/${notice.id}/readers`, secretaryA)
    ).json<AnnouncementReaders>()
    const reminded = await send('POST', `/api/announcements/${notice.id}/remind`, secretaryA)
    expect(reminded.statusCode).toBe(200)
    expect(reminded.json<ReminderSent>()).toEqual({
      notified: unreadCount,
      remindedAt: new Date(clock).toISOString(),
    })
    const rows = await t.app.db
      .selectFrom('notifications')
      .select(['user_id', 'title', 'body'])
      .where('kind', '=', 'notice_reminder')
      .where('body', 'like', `%${notice.title}%`)
      .execute()
    expect(rows.map((row) => row.user_id).sort((a, b) => a - b)).toEqual(
      unread.map((r) => r.member.id).sort((a, b) => a - b),
    )
    expect(rows.map((row) => row.user_id)).not.toContain(memberAId)

    const again = await send('POST', `/api/announcements/${notice.id}/remind`, secretaryA)
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'REMINDED_RECENTLY'])
    const readers = (
      await send('GET', `/api/announcements/${notice.id}/readers`, secretaryA)
    ).json<AnnouncementReaders>()
    expect(readers.remindAgainAt).toBe(new Date(clock + HOUR).toISOString())
    clock += HOUR
    expect((await send('POST', `/api/announcements/${notice.id}/remind`, secretaryA)).statusCode).toBe(200)
  })

  it('sends one reminder when two organisers press at once', async () => {
    const notice = await publish(secretaryA)
    const [one, two] = await Promise.all([
      send('POST', `/api/announcements/${notice.id}/remind`, secretaryA),
      send('POST', `/api/announcements/${notice.id}/remind`, parkAdmin),
    ])
    expect([one.statusCode, two.statusCode].sort()).toEqual([200, 409])
  })

  it('refuses other branches, members, bad input and unknown notices', async () => {
    const notice = await publish(secretaryA)
    const routes = [
      ['PATCH', `/api/announcements/${notice.id}`, { title: 'x' }],
      ['DELETE', `/api/announcements/${notice.id}`, undefined],
      ['GET', `/api/announcements/${notice.id}/readers`, undefined],
      ['POST', `/api/announcements/${notice.id}/remind`, undefined],
    ] as const
    for (const [method, url, body] of routes) {
      const other = await send(method, url, secretaryB, body)
      expect([other.statusCode, codeOf(other)]).toEqual([404, 'NOT_FOUND'])
      const member = await send(method, url, memberA, body)
      expect([member.statusCode, codeOf(member)]).toEqual([403, 'FORBIDDEN'])
    }
    for (const body of [
      {},
      { title: '' },
      { body: '   ' },
      { scope: 'park' },
      { pinned: 'yes' },
      { title: 'a\u0000b' },
    ]) {
      const response = await send('PATCH', `/api/announcements/${notice.id}`, secretaryA, body)
      expect([response.statusCode, codeOf(response)]).toEqual([400, 'VALIDATION_FAILED'])
    }
    expect((await send('DELETE', '/api/announcements/999999', parkAdmin)).statusCode).toBe(404)
    expect((await send('GET', '/api/announcements/abc/readers', parkAdmin)).statusCode).toBe(400)
  })
})
