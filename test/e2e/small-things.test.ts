import type { Page } from 'playwright-core'
import type { AnnouncementPage } from '../../types/api'
import { apiAs, demoLogin, demoUsers, openPhone, openTab, useServerAndBrowser } from './harness'

/** A text field by its class, whether the class sits on the <input>/<textarea> or around it. */
const field = (page: Page, className: string) =>
  page
    .locator(`input.${className}, textarea.${className}, .${className} input, .${className} textarea`)
    .first()

const modalButton = (page: Page, text: string) => page.locator('.taro-modal__foot div', { hasText: text })
const tabBadge = (page: Page, label: string) =>
  page.locator('.weui-tabbar__item', { hasText: label }).locator('.taro-tabbar-badge')

/**
 * What centres the text of each visible single-line input: the text line keeps the font's own
 * height (line-height normal) and the padding is the same above and below.
 */
async function inputLines(page: Page): Promise<Array<{ lineHeight: string; padding: boolean }>> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('input.taro-input-core'))
      .filter((input) => (input as HTMLElement).offsetParent !== null)
      .map((input) => {
        const style = getComputedStyle(input)
        return { lineHeight: style.lineHeight, padding: style.paddingTop === style.paddingBottom }
      }),
  )
}

const centred = { lineHeight: 'normal', padding: true }

describe('the small things, in the H5 app', () => {
  const app = useServerAndBrowser()

  it('a notice link opened logged out opens after login; the tab badges show on a cold start from 活动', async () => {
    const users = await demoUsers(app.server.url)
    const member = users.find((user) => user.roles.join() === 'member')!
    const notices = await apiAs<AnnouncementPage>(app.server.url, member.id, '/api/announcements?limit=5')
    const notice = notices.items.find((item) => !item.read)!

    const { page, errors } = await openPhone(
      app.browser,
      `${app.server.url}/#/packages/notice/detail/index?id=${notice.id}`,
    )
    await demoLogin(page, member.name)
    await page.locator('.notice-detail__title', { hasText: notice.title }).waitFor()

    // A cold start on 活动: 首页's unread notices and 我的's messages are on the tab bar all the same.
    await page.goto(`${app.server.url}/#/pages/events/index`)
    await page.reload()
    await page.locator('.event-card').first().waitFor()
    await tabBadge(page, '首页').waitFor()
    expect(Number(await tabBadge(page, '首页').textContent())).toBeGreaterThan(0)
    expect(errors).toEqual([])
  })

  it('a tab switched to offline says so with 重试 instead of showing what it had (我的: over the last profile); online, 重试 or showing it again brings it back', async () => {
    const users = await demoUsers(app.server.url)
    const member = users.find((user) => user.roles.join() === 'member')!
    const { page, errors } = await openPhone(app.browser, app.server.url)
    // A tab is no `javascript:` link, which the page's CSP refuses at every tap.
    const refused: string[] = []
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) refused.push(message.text())
    })
    await demoLogin(page, member.name)
    await page.locator('.announcement-card').first().waitFor()
    await openTab(page, '活动')
    await page.locator('.event-card').first().waitFor()
    await openTab(page, '我的')
    await page.locator('.menu-item--messages').waitFor()

    await page.context().setOffline(true)
    await openTab(page, '首页')
    const error = page.locator('.home .page-shell__error')
    await error.waitFor()
    expect(await error.textContent()).toContain('重试')
    expect(await page.locator('.home .announcement-card').count()).toBe(0)
    // 学习, never opened: its page cannot be fetched. Said so, and 首页 stays, with its tab selected
    // and every tab's icon drawn.
    await openTab(page, '学习')
    await page.getByText('网络不给力，页面没能打开，请稍后重试').waitFor()
    await page.waitForFunction(() => location.hash.startsWith('#/pages/home/index'))
    expect(await page.locator('.weui-bar__item_on .weui-tabbar__label').textContent()).toBe('首页')
    expect(await page.locator('.home .page-shell__error').isVisible()).toBe(true)
    const icons = await page
      .locator('.weui-tabbar__icon')
      .evaluateAll((images) => images.map((image) => (image as HTMLImageElement).naturalWidth > 0))
    expect(icons).toEqual([true, true, true, true])
    // 我的 keeps the member's own profile and settings at hand, under a bar that says so (a tab
    // shown again refreshes once it was left more than 1.5 s before).
    await page.waitForTimeout(1600)
    await openTab(page, '我的')
    const stale = page.locator('.me__stale')
    await stale.waitFor()
    expect(await stale.textContent()).toContain('网络不给力，显示的是上次的资料')

    await page.context().setOffline(false)
    await stale.locator('.me__stale-retry').click()
    await stale.waitFor({ state: 'detached' })
    // 首页, shown again online, asks again by itself.
    await openTab(page, '首页')
    await page.locator('.home .announcement-card').first().waitFor()
    expect(await error.count()).toBe(0)
    expect(refused).toEqual([])
    expect(errors).toEqual([])
  })

  it('a half-filled notice asks before it is discarded; inputs centre their text; titles count and clamp', async () => {
    const users = await demoUsers(app.server.url)
    const secretary = users.find(
      (user) => user.roles.includes('secretary') && !user.roles.includes('park_admin'),
    )!
    const { page, errors } = await openPhone(app.browser, app.server.url)
    // The login page's search field, and every list title on 首页 at most two lines.
    await page.locator('.login-panel__search input').waitFor()
    const login = await inputLines(page)
    expect(login.length).toBeGreaterThan(0)
    expect(login).toEqual(login.map(() => centred))
    await demoLogin(page, secretary.name)
    await page.locator('.announcement-card').first().waitFor()
    const clamps = await page
      .locator('.announcement-card__title')
      .evaluateAll((titles) => titles.map((title) => getComputedStyle(title).webkitLineClamp))
    expect(new Set(clamps)).toEqual(new Set(['2']))

    await openTab(page, '我的')
    // Back at once, before the opening page's animation has ended (350 ms): 我的 is still shown
    // once that time has passed, not hidden by the late end of the animation.
    await page.locator('.menu-item--publish').click()
    await field(page, 'notice-form__title').waitFor()
    await page.goBack()
    await page.locator('.menu-item--publish').waitFor()
    await page.waitForTimeout(600)
    expect(await page.locator('.menu-item--publish').isVisible()).toBe(true)

    await page.locator('.menu-item--publish').click()
    await field(page, 'notice-form__title').waitFor()
    const lines = await inputLines(page)
    expect(lines.length).toBeGreaterThan(0)
    expect(lines).toEqual(lines.map(() => centred))

    await field(page, 'notice-form__title').fill('关于开展主题党日活动的通知')
    expect(await page.locator('.admin-form__counter').first().textContent()).toBe('13/100')
    // Back with a half-filled form: asked; 继续填写 keeps what was typed.
    await page.goBack()
    await modalButton(page, '继续填写').waitFor()
    await modalButton(page, '继续填写').click()
    expect(await field(page, 'notice-form__title').inputValue()).toBe('关于开展主题党日活动的通知')
    // Asked again, 离开 discards it and goes back to 我的.
    await page.goBack()
    await modalButton(page, '离开').click()
    await page.locator('.menu-item--publish').waitFor()
    expect(page.url()).toContain('/pages/me/index')
    expect(errors).toEqual([])
  })
})
