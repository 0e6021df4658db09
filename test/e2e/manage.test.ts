import type { CourseDetail, EventPage } from '../../types/api'
import { apiAs, demoLogin, demoUsers, openPhone, openTab, useServerAndBrowser } from './harness'

const HOUR = 3600_000
const iso = (ms: number) => new Date(ms).toISOString()

describe('organiser lists in the H5 app', () => {
  const app = useServerAndBrowser()

  it('活动管理 and 签到管理 show every item a secretary runs, with 60 park-wide events ahead of them', async () => {
    const users = await demoUsers(app.server.url)
    const secretary = users.find((user) => user.roles.includes('secretary') && !user.isCeo)!
    const { db } = app.server.app
    const now = Date.now()
    await db
      .insertInto('events')
      .values(
        Array.from({ length: 60 }, (_, n) => ({
          title: `园区公开活动${n + 1}`,
          category: 'salon' as const,
          venue: '创新驿站',
          starts_at: iso(now + HOUR + n * 60_000),
          ends_at: iso(now + 2 * HOUR + n * 60_000),
          capacity: 50,
          signup_deadline: iso(now + HOUR),
          cancel_deadline: iso(now),
          branch_id: null,
          created_by: 1,
          cancelled_at: null,
          created_at: iso(now),
          updated_at: iso(now),
        })),
      )
      .execute()
    const managed = await apiAs<EventPage>(app.server.url, secretary.id, '/api/events?managed=1&limit=50')
    expect(managed.items.length).toBeGreaterThan(0)

    const { page, errors } = await openPhone(app.browser, app.server.url)
    await demoLogin(page, secretary.name)
    await page.locator('.announcement-card').first().waitFor()
    await openTab(page, '我的')
    await page.locator('.menu-item--events-manage').click()
    const cards = page.locator('.manage-events .event-card')
    await cards.first().waitFor()
    const titles = await cards.allTextContents()
    for (const event of managed.items) expect(titles.some((title) => title.includes(event.title))).toBe(true)
    expect(titles.some((title) => title.includes('园区公开活动'))).toBe(false)

    // A course of the secretary's branch, created on the phone's behalf through the API.
    const login = await fetch(`${app.server.url}/api/auth/demo-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: secretary.id }),
    })
    const { token } = (await login.json()) as { token: string }
    const created = await fetch(`${app.server.url}/api/courses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: '支部委员履职培训',
        description: '',
        capacity: 30,
        sessions: [
          {
            startsAt: iso(now + 3 * HOUR),
            endsAt: iso(now + 4 * HOUR),
            venue: '党群服务中心',
            lecturer: '郑老师',
          },
        ],
      }),
    })
    const course = (await created.json()) as CourseDetail
    expect(course.sessions).toHaveLength(1)

    await page.goto(`${app.server.url}/#/packages/admin/sessions/index`)
    const session = page.locator('.managed-session', { hasText: '支部委员履职培训' })
    await session.waitFor()
    expect(await session.locator('.managed-session__screen').textContent()).toContain('打开签到屏')
    expect(await page.locator('.managed-session', { hasText: '党务工作者培训班' }).count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('an organiser confirms the pending sign-ins at once (全部确认)', async () => {
    const users = await demoUsers(app.server.url)
    const admin = users.find((user) => user.roles.includes('park_admin'))!
    const { db } = app.server.app
    const sessions = await apiAs<{ items: Array<{ id: number; courseTitle: string }> }>(
      app.server.url,
      admin.id,
      '/api/sessions?managed=1&limit=50',
    )
    const target = sessions.items[0]!
    const members = users.filter((user) => user.roles.join() === 'member' && !user.isCeo).slice(0, 2)
    const now = new Date().toISOString()
    await db
      .insertInto('checkins')
      .values(
        members.map((member) => ({
          session_id: target.id,
          user_id: member.id,
          status: 'pending' as const,
          checked_in_at: now,
          scanned_at: now,
          offline: 1,
          manual: 0,
          note: null,
          recorded_by: null,
          created_at: now,
        })),
      )
      .onConflict((conflict) => conflict.columns(['session_id', 'user_id']).doNothing())
      .execute()

    const { page, errors } = await openPhone(app.browser, app.server.url)
    await demoLogin(page, admin.name)
    await page.locator('.announcement-card').first().waitFor()
    await page.goto(`${app.server.url}/#/packages/admin/attendance/index?sessionId=${target.id}`)
    await page.locator('.attendance-tabs__tab--pending').click()
    await page.locator('.attendance-entry--pending').first().waitFor()
    await page.locator('.attendance-page__confirm-all').click()
    await page.locator('.taro-modal__foot div', { hasText: '全部确认' }).click()
    await page.locator('.attendance-page__none', { hasText: '没有待确认的签到' }).waitFor()
    const rows = await db
      .selectFrom('checkins')
      .select('status')
      .where('session_id', '=', target.id)
      .where(
        'user_id',
        'in',
        members.map((member) => member.id),
      )
      .execute()
    expect(rows.every((row) => row.status !== 'pending')).toBe(true)
    expect(errors).toEqual([])
  })
})
