import type { Announcement, AnnouncementDetail, AnnouncementPage } from '../../../../server/src/schemas'
import { bearer, databases, login, seededPeople, startApp, type TestApp } from '../../harness'

describe.each(databases)('announcements on $name', (database) => {
  let t: TestApp
  let people: Awaited<ReturnType<typeof seededPeople>>
  let branchA: number
  let branchB: number
  let memberA: string
  let memberB: string
  let secretaryA: string
  let parkAdmin: string

  beforeAll(async () => {
    t = await startApp(database)
    people = await seededPeople(t.app)
    const branches = await t.app.db.selectFrom('branches').select('id').orderBy('id').execute()
    branchA = branches[0]!.id
    branchB = branches[1]!.id
    memberA = await login(t.app, people.memberOf(branchA).id)
    memberB = await login(t.app, people.memberOf(branchB).id)
    secretaryA = await login(t.app, people.secretaryOf(branchA).id)
    parkAdmin = await login(t.app, people.parkAdmins[0]!.id)
  })
  afterAll(() => t.close())

  const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) })
  const publish = (token: string, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/api/announcements',
      headers: bearer(token),
      payload: payload as object,
    })
  const unread = async (token: string) =>
    (await get('/api/announcements/unread-count', token)).json<{ count: number }>().count

  async function readAll(token: string, limit: number): Promise<Announcement[]> {
    const items: Announcement[] = []
    let cursor: string | null = null
    for (let page = 0; page < 100; page++) {
      const query: string = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const response = await get(`/api/announcements?${query}`, token)
      expect(response.statusCode).toBe(200)
      const body = response.json<AnnouncementPage>()
      expect(body.items.length).toBeLessThanOrEqual(limit)
      items.push(...body.items)
      cursor = body.nextCursor
      if (!cursor) return items
    }
    throw new Error('pagination never ended')
  }

  const visibleCount = async (branchId: number) => {
    const rows = await t.app.db
      .selectFrom('announcements')
      .select('id')
      .where((eb) => eb.or([eb('scope', '=', 'park'), eb('branch_id', '=', branchId)]))
      .execute()
    return rows.length
  }

  it('requires a login', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/announcements' })
    expect(response.statusCode).toBe(401)
    expect(response.json().error.code).toBe('UNAUTHENTICATED')
  })

  it('lists pinned first, then newest, in the documented shape', async () => {
    const response = await get('/api/announcements', memberA)
    expect(response.statusCode).toBe(200)
    const { items, nextCursor } = response.json<AnnouncementPage>()
    const visible = await visibleCount(branchA)
    expect(items).toHaveLength(Math.min(20, visible)) // 20 is the default limit
    expect(nextCursor === null).toBe(visible <= 20)
    expect(Object.keys(items[0]!).sort()).toEqual(
      [
        'branch',
        'canManage',
        'editedAt',
        'id',
        'important',
        'pinned',
        'publishedAt',
        'read',
        'scope',
        'summary',
        'title',
      ].sort(),
    )
    for (const item of items) {
      expect(item.summary.length).toBeLessThanOrEqual(61)
      expect(item.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    }
    const all = await readAll(memberA, 50)
    const pinnedFlags = all.map((item) => item.pinned)
    expect(pinnedFlags).toEqual([...pinnedFlags].sort((a, b) => Number(b) - Number(a)))
    expect(pinnedFlags[0]).toBe(true)
    for (let i = 1; i < all.length; i++) {
      const [before, after] = [all[i - 1]!, all[i]!]
      if (before.pinned === after.pinned) {
        expect(before.publishedAt >= after.publishedAt).toBe(true)
        if (before.publishedAt === after.publishedAt) expect(before.id).toBeGreaterThan(after.id)
      }
    }
  })

  it('pages with the cursor through every visible notice exactly once', async () => {
    const expected = await visibleCount(branchA)
    for (const limit of [1, 7, 50]) {
      const items = await readAll(memberA, limit)
      const ids = items.map((item) => item.id)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids).toHaveLength(expected)
    }
  })

  it('never shows a member another branch’s notices, in the list or in detail', async () => {
    const items = await readAll(memberA, 50)
    for (const item of items) {
      if (item.scope === 'branch') expect(item.branch?.id).toBe(branchA)
      else expect(item.branch).toBeNull()
    }
    const foreign = await t.app.db
      .selectFrom('announcements')
      .select('id')
      .where('branch_id', '=', branchB)
      .executeTakeFirstOrThrow()
    expect(items.some((item) => item.id === foreign.id)).toBe(false)
    const detail = await get(`/api/announcements/${foreign.id}`, memberA)
    expect(detail.statusCode).toBe(404)
    expect(detail.json().error.code).toBe('NOT_FOUND')
    // Indistinguishable from a notice that does not exist.
    const missing = await get('/api/announcements/999999', memberA)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error).toEqual(detail.json().error)
    // …while its own branch can read it.
    expect((await get(`/api/announcements/${foreign.id}`, memberB)).statusCode).toBe(200)
  })

  it('opening a notice marks it read once and the unread count drops by one', async () => {
    const items = await readAll(memberA, 50)
    const target = items.find((item) => !item.read)
    expect(target).toBeDefined()
    const before = await unread(memberA)
    expect(before).toBe(items.filter((item) => !item.read).length)

    const detail = await get(`/api/announcements/${target!.id}`, memberA)
    expect(detail.statusCode).toBe(200)
    const body = detail.json<AnnouncementDetail>()
    expect(body).toMatchObject({ id: target!.id, title: target!.title, read: true })
    expect(body.body.length).toBeGreaterThan(0)
    expect(body.author).toEqual({ id: expect.any(Number), name: expect.any(String) })
    expect(await unread(memberA)).toBe(before - 1)

    expect((await get(`/api/announcements/${target!.id}`, memberA)).statusCode).toBe(200)
    expect(await unread(memberA)).toBe(before - 1)
    const listed = (await readAll(memberA, 50)).find((item) => item.id === target!.id)
    expect(listed?.read).toBe(true)
  })

  describe('publishing', () => {
    it('lets a secretary publish to their own branch, defaulting branchId', async () => {
      const before = await unread(memberA)
      const response = await publish(secretaryA, {
        title: '支部学习通知',
        body: '本周五晚学习党章第一章。',
        scope: 'branch',
      })
      expect(response.statusCode).toBe(201)
      const created = response.json<AnnouncementDetail>()
      expect(created).toMatchObject({
        title: '支部学习通知',
        body: '本周五晚学习党章第一章。',
        summary: '本周五晚学习党章第一章。',
        scope: 'branch',
        branch: { id: branchA },
        pinned: false,
        read: true,
        author: { id: people.secretaryOf(branchA).id },
      })
      expect(await unread(memberA)).toBe(before + 1)
      const list = await readAll(memberA, 50)
      expect(list.find((item) => !item.pinned)?.id).toBe(created.id)
      expect((await readAll(memberB, 50)).some((item) => item.id === created.id)).toBe(false)
      expect((await get(`/api/announcements/${created.id}`, memberB)).statusCode).toBe(404)
    })

    it('forbids a secretary another branch or the whole park', async () => {
      const otherBranch = await publish(secretaryA, {
        title: '越权',
        body: '内容',
        scope: 'branch',
        branchId: branchB,
      })
      expect(otherBranch.statusCode).toBe(403)
      expect(otherBranch.json().error.code).toBe('FORBIDDEN')
      const park = await publish(secretaryA, { title: '越权', body: '内容', scope: 'park' })
      expect(park.statusCode).toBe(403)
      expect(park.json().error.code).toBe('FORBIDDEN')
    })

    it('lets a park admin publish park-wide (pinned goes first) and to any branch', async () => {
      const park = await publish(parkAdmin, {
        title: '园区重要通知',
        body: '全体注意。',
        scope: 'park',
        pinned: true,
      })
      expect(park.statusCode).toBe(201)
      expect(park.json()).toMatchObject({ scope: 'park', branch: null, pinned: true })
      expect((await readAll(memberB, 50))[0]?.id).toBe(park.json().id)

      const branch = await publish(parkAdmin, {
        title: '致B支部',
        body: '请报送材料。',
        scope: 'branch',
        branchId: branchB,
      })
      expect(branch.statusCode).toBe(201)
      expect(branch.json().branch.id).toBe(branchB)
      expect((await readAll(memberB, 50)).some((item) => item.id === branch.json().id)).toBe(true)
      expect((await readAll(memberA, 50)).some((item) => item.id === branch.json().id)).toBe(false)

      const noBranch = await publish(parkAdmin, { title: '无支部', body: '内容', scope: 'branch' })
      expect(noBranch.statusCode).toBe(400)
      expect(noBranch.json().error.code).toBe('VALIDATION_FAILED')
      const unknownBranch = await publish(parkAdmin, {
        title: '无支部',
        body: '内容',
        scope: 'branch',
        branchId: 99999,
      })
      expect(unknownBranch.statusCode).toBe(400)
    })

    it('forbids plain members', async () => {
      const response = await publish(memberA, { title: '我也发', body: '内容', scope: 'branch' })
      expect(response.statusCode).toBe(403)
      expect(response.json().error.code).toBe('FORBIDDEN')
    })

    it('names the failing field when the body is wrong', async () => {
      const unknownField = await publish(secretaryA, { title: 't', body: 'b', scope: 'branch', foo: 1 })
      expect(unknownField.statusCode).toBe(400)
      expect(unknownField.json().error).toEqual({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('foo'),
      })

      const missingTitle = await publish(secretaryA, { body: 'b', scope: 'branch' })
      expect(missingTitle.statusCode).toBe(400)
      expect(missingTitle.json().error.message).toBe('body/title 不能为空')

      const blankTitle = await publish(secretaryA, { title: '   ', body: 'b', scope: 'branch' })
      expect(blankTitle.statusCode).toBe(400)
      expect(blankTitle.json().error.message).toContain('title')

      const badScope = await publish(secretaryA, { title: 't', body: 'b', scope: 'everyone' })
      expect(badScope.statusCode).toBe(400)
      expect(badScope.json().error.message).toContain('scope')

      const longTitle = await publish(secretaryA, { title: '长'.repeat(101), body: 'b', scope: 'branch' })
      expect(longTitle.statusCode).toBe(400)
      expect(longTitle.json().error.message).toContain('title')
    })
  })

  describe('query and path validation', () => {
    it.each(['0', '51', 'abc', '-3', '1.5'])('rejects limit=%s', async (limit) => {
      const response = await get(`/api/announcements?limit=${limit}`, memberA)
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toEqual({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('limit'),
      })
    })

    it('rejects unknown query fields and forged cursors', async () => {
      const unknown = await get('/api/announcements?page=2', memberA)
      expect(unknown.statusCode).toBe(400)
      expect(unknown.json().error.message).toContain('page')
      for (const cursor of [
        'nonsense',
        Buffer.from('[1,2]').toString('base64url'),
        Buffer.from('{"a":1}').toString('base64url'),
      ]) {
        const response = await get(`/api/announcements?cursor=${cursor}`, memberA)
        expect(response.statusCode).toBe(400)
        expect(response.json().error.message).toContain('cursor')
      }
    })

    it.each(['abc', '-1', '0', '1.5', '99999999999'])('rejects id %s', async (id) => {
      const response = await get(`/api/announcements/${id}`, memberA)
      expect(response.statusCode).toBe(400)
      expect(response.json().error).toEqual({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('id'),
      })
    })

    it('rejects malformed JSON with 400', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/announcements',
        headers: { ...bearer(secretaryA), 'content-type': 'application/json' },
        payload: '{"title": "x",',
      })
      expect(response.statusCode).toBe(400)
      expect(response.json().error.code).toMatch(/^[A-Z_]+$/)
    })
  })
})
