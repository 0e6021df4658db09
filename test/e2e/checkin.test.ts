import type { CourseDetail, CoursePage } from '../../types/api'
import { apiAs, demoLogin, demoUsers, openPhone, openTab, screenshot, useServerAndBrowser } from './harness'

describe('on-site sign-in in the H5 app', () => {
  const app = useServerAndBrowser()

  it('the secretary’s screen shows a code; a member types the short code and sees 签到成功', async () => {
    const users = await demoUsers(app.server.url)
    const admin = users.find((user) => user.roles.includes('park_admin'))!
    const member = users.find((user) => user.roles.join() === 'member' && user.branchName)!

    // The demo course whose session starts minutes after the seed: its sign-in window is open.
    const now = Date.now()
    const courses = await apiAs<CoursePage>(app.server.url, admin.id, '/api/courses?limit=50')
    let open: { sessionId: number; courseTitle: string } | undefined
    for (const course of courses.items) {
      const detail = await apiAs<CourseDetail>(app.server.url, admin.id, `/api/courses/${course.id}`)
      const session = detail.sessions.find(
        (s) => Date.parse(s.startsAt) - 30 * 60_000 <= now && now < Date.parse(s.endsAt),
      )
      if (session && detail.branch === null) open = { sessionId: session.id, courseTitle: detail.title }
    }
    expect(open).toBeDefined()

    const screen = await openPhone(app.browser, app.server.url)
    await screen.page.setViewportSize({ width: 1366, height: 768 })
    await demoLogin(screen.page, admin.name)
    await screen.page.locator('.announcement-card').first().waitFor()
    await screen.page.goto(`${app.server.url}/#/packages/checkin/screen/index?sessionId=${open!.sessionId}`)
    const shortCode = screen.page.locator('.checkin-screen__short-code')
    await screen.page.waitForFunction(() =>
      /^\d{6}$/.test(
        document.querySelector('.checkin-screen__short-code')?.textContent?.replace(/\s/g, '') ?? '',
      ),
    )
    await screen.page.locator('.checkin-screen__qr').waitFor()
    const digits = (await shortCode.textContent())!.replace(/\s/g, '')
    await screenshot(screen.page, 'checkin-screen')

    const phone = await openPhone(app.browser, app.server.url)
    await demoLogin(phone.page, member.name)
    await phone.page.locator('.announcement-card').first().waitFor()
    await openTab(phone.page, '学习')
    await phone.page.locator('.checkin-entry__button').click()
    await phone.page.locator('.checkin-enter__session', { hasText: open!.courseTitle }).first().click()
    await phone.page.locator('input.checkin-enter__input').fill(digits)
    await phone.page.locator('.checkin-enter__submit').click()

    const title = phone.page.locator('.checkin-result__title')
    await title.waitFor()
    expect((await title.textContent())?.trim()).toBe('签到成功')
    expect(await phone.page.locator('.checkin-result__points').textContent()).toContain('+5')
    await screenshot(phone.page, 'checkin-result')

    // The projector's live count picks the member up within its polling interval.
    await screen.page.locator('.checkin-screen__item', { hasText: member.name }).waitFor()
    expect(screen.errors).toEqual([])
    expect(phone.errors).toEqual([])
  })
})
