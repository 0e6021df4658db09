import type { Page } from 'playwright-core'
import type { CourseDetail, CoursePage } from '../../types/api'
import { apiAs, demoLogin, demoUsers, openPhone, openTab, useServerAndBrowser } from './harness'

const HOUR = 3600_000

/** Today (park time) at 18:45: the course's first session, at 19:00, then takes sign-ins. */
function parkEvening(): number {
  const day = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10)
  return Date.parse(`${day}T18:45:00+08:00`)
}
const offset = parkEvening() - Date.now()

/** A text field by its class, whether the class sits on the <input>/<textarea> or around it. */
const field = (page: Page, className: string) =>
  page
    .locator(`input.${className}, textarea.${className}, .${className} input, .${className} textarea`)
    .first()

const modalButton = (page: Page, text: string) => page.locator('.taro-modal__foot div', { hasText: text })

describe('organisers’ tools in the H5 app', () => {
  // The server's clock stands at 18:45 park time today; the browser's is the real one.
  const app = useServerAndBrowser({ now: () => new Date(Date.now() + offset) })

  it('a secretary creates a course with three weekly sessions and a material, opens the sign-in screen, and a member signs in', async () => {
    const users = await demoUsers(app.server.url)
    const secretary = users.find(
      (user) => user.roles.includes('secretary') && !user.roles.includes('park_admin'),
    )!
    const member = users.find(
      (user) => user.roles.join() === 'member' && user.branchName === secretary.branchName,
    )!

    const { page, errors } = await openPhone(app.browser, app.server.url)
    await demoLogin(page, secretary.name)
    await page.locator('.announcement-card').first().waitFor()
    await openTab(page, '我的')
    await page.locator('.menu-item--courses-manage').click()
    await page.locator('.manage-courses__new').click()

    await field(page, 'course-form__title').fill('青年党员读书班')
    // Leaving a half-filled form asks first; 继续填写 stays.
    await page.goBack()
    await modalButton(page, '继续填写').click()
    expect(await field(page, 'course-form__title').inputValue()).toBe('青年党员读书班')

    await field(page, 'course-form__description').fill('每周一次，共读一本书')
    // The weekly rule: today's weekday at 19:00 from today; three times of 90 minutes.
    await field(page, 'weekly-fields__count').fill('3')
    expect(await page.locator('.weekly-fields__summary').textContent()).toMatch(
      /每周. 19:00，共 3 次，每次 90 分钟/,
    )
    await field(page, 'course-form__venue').fill('党群服务中心二楼')
    await field(page, 'course-form__lecturer').fill('郑老师')
    await page.locator('.course-form__submit').click()

    // The course's own page: three sessions a week apart.
    await page.locator('.course-manage__title', { hasText: '青年党员读书班' }).waitFor()
    await page.locator('.manage-session').nth(2).waitFor()
    expect(await page.locator('.manage-session').count()).toBe(3)
    const courses = await apiAs<CoursePage>(app.server.url, secretary.id, '/api/courses?managed=1&limit=50')
    const created = courses.items.find((course) => course.title === '青年党员读书班')!
    const detail = await apiAs<CourseDetail>(app.server.url, secretary.id, `/api/courses/${created.id}`)
    const starts = detail.sessions.map((s) => Date.parse(s.startsAt))
    expect([starts[1]! - starts[0]!, starts[2]! - starts[1]!]).toEqual([7 * 24 * HOUR, 7 * 24 * HOUR])
    expect(detail.branch?.name).toBe(secretary.branchName)

    // A study material, with its reading time.
    await page.locator('.course-manage__add-material').click()
    await field(page, 'material-form__title').fill('读书班导读')
    await field(page, 'material-form__body').fill(`# 为什么读\n${'读书明理，学以致用。'.repeat(60)}`)
    await page.locator('.material-form__submit').click()
    await page.locator('.manage-material', { hasText: '读书班导读' }).waitFor()
    expect(await page.locator('.manage-material__minutes').first().textContent()).toMatch(/阅读约\d+分钟/)

    // One tap from the first session opens the sign-in screen.
    await page.locator('.manage-session').first().locator('.manage-session__screen').click()
    await page.waitForFunction(() =>
      /^\d{6}$/.test(
        document.querySelector('.checkin-screen__short-code')?.textContent?.replace(/\s/g, '') ?? '',
      ),
    )
    const digits = (await page.locator('.checkin-screen__short-code').textContent())!.replace(/\s/g, '')

    const phone = await openPhone(app.browser, app.server.url)
    await demoLogin(phone.page, member.name)
    await phone.page.locator('.announcement-card').first().waitFor()
    await openTab(phone.page, '学习')
    await phone.page.locator('.checkin-entry__button').click()
    await phone.page.locator('.checkin-enter__session', { hasText: '青年党员读书班' }).first().click()
    await phone.page.locator('input.checkin-enter__input').fill(digits)
    await phone.page.locator('.checkin-enter__submit').click()
    const title = phone.page.locator('.checkin-result__title')
    await title.waitFor()
    expect((await title.textContent())?.trim()).toBe('签到成功')
    await page.locator('.checkin-screen__item', { hasText: member.name }).waitFor()
    expect(errors).toEqual([])
    expect(phone.errors).toEqual([])
  })

  it('a notice is published, edited, read, its readers seen and reminded, and withdrawn', async () => {
    const users = await demoUsers(app.server.url)
    const secretary = users.find(
      (user) => user.roles.includes('secretary') && !user.roles.includes('park_admin'),
    )!
    const member = users.find(
      (user) => user.roles.join() === 'member' && user.branchName === secretary.branchName,
    )!
    const title = '关于调整主题党日时间的通知'

    const { page, errors } = await openPhone(app.browser, app.server.url)
    await demoLogin(page, secretary.name)
    await page.locator('.announcement-card').first().waitFor()
    await openTab(page, '我的')
    await page.locator('.menu-item--publish').click()
    await field(page, 'notice-form__title').fill(title)
    await field(page, 'notice-form__body').fill('主题党日改在本周五下午。')
    await page.locator('.notice-form__submit').click()
    await openTab(page, '首页')
    await page.locator('.announcement-card', { hasText: title }).click()
    await page.locator('.notice-detail__title', { hasText: title }).waitFor()

    // 编辑: the body is corrected; the notice says 已编辑 with the time.
    await page.locator('.notice-tools__edit').click()
    await field(page, 'notice-form__body').fill('主题党日改在本周五下午三点，地点不变。')
    await page.locator('.notice-form__submit').click()
    await page.locator('.notice-detail__paragraph', { hasText: '下午三点' }).waitFor()
    expect(await page.locator('.notice-detail__edited').textContent()).toMatch(/^已编辑 · /)

    // The member reads it and sees the correction.
    const phone = await openPhone(app.browser, app.server.url)
    await demoLogin(phone.page, member.name)
    await phone.page.locator('.announcement-card', { hasText: title }).click()
    await phone.page.locator('.notice-detail__paragraph', { hasText: '下午三点' }).waitFor()
    expect(await phone.page.locator('.notice-detail__edited').count()).toBe(1)
    expect(await phone.page.locator('.notice-tools').count()).toBe(0)
    const noticeUrl = phone.page.url()

    // 阅读情况: the member among those who read it, the rest unread; 提醒未读 tells them.
    await page.locator('.notice-tools__readers').click()
    await page.locator('.notice-readers__summary').waitFor()
    await page.locator('.notice-readers__tabs .segment-tabs__tab', { hasText: '已读' }).click()
    await page.locator('.notice-readers__person', { hasText: member.name }).waitFor()
    const unread = Number(await page.locator('.notice-readers__unread-count').textContent())
    expect(unread).toBeGreaterThan(0)
    await page.locator('.notice-readers__remind').click()
    await page.locator('.notice-readers__reminded').waitFor()

    // 撤回: gone from the lists; the member's open link says so.
    await page.goBack()
    await page.locator('.notice-tools__withdraw').click()
    await modalButton(page, '撤回').click()
    await page.getByText('该通知已撤回').first().waitFor()
    // A fresh start of the app: the list is the server's.
    await phone.page.goto(`${app.server.url}/#/pages/home/index`)
    await phone.page.reload()
    await phone.page.waitForLoadState('networkidle')
    await phone.page.locator('.announcement-card').first().waitFor()
    expect(await phone.page.locator('.announcement-card', { hasText: title }).count()).toBe(0)
    await phone.page.goto(noticeUrl)
    await phone.page.getByText('该通知已撤回').first().waitFor()
    expect(errors).toEqual([])
    expect(phone.errors).toEqual([])
  })
})
