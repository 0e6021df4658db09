import type { Page } from 'playwright-core'
import type { EventPage, HealthPackageList } from '../../types/api'
import { apiAs, demoLogin, demoUsers, openPhone, openTab, useServerAndBrowser } from './harness'

const RED = 'rgb(200, 22, 29)'
const WHITE = 'rgb(255, 255, 255)'

/** What the browser draws for a button, and what it is to assistive technology. */
function drawn(page: Page, name: string) {
  return page.getByRole('button', { name, exact: true }).evaluate((element) => {
    const style = getComputedStyle(element)
    return {
      tag: element.tagName,
      background: style.backgroundColor,
      color: style.color,
      borderColor: style.borderTopColor,
    }
  })
}

describe('buttons in the H5 app', () => {
  const app = useServerAndBrowser()

  it('领取 is a red button reachable by role and keyboard, with no library div in its place', async () => {
    const users = await demoUsers(app.server.url)
    let ceo: (typeof users)[number] | undefined
    for (const candidate of users.filter((user) => user.isCeo)) {
      const packages = await apiAs<HealthPackageList>(app.server.url, candidate.id, '/api/health-packages')
      if (packages.items.some((item) => item.eligible && item.myClaim === null && item.remaining > 0)) {
        ceo = candidate
        break
      }
    }
    expect(ceo).toBeDefined()

    const { page, errors } = await openPhone(app.browser, app.server.url)
    await demoLogin(page, ceo!.name)
    await page.locator('.announcement-card').first().waitFor()
    await openTab(page, '我的')

    const claim = page.getByRole('button', { name: '领取', exact: true })
    await claim.waitFor()
    expect(await drawn(page, '领取')).toMatchObject({ tag: 'BUTTON', background: RED, color: WHITE })
    expect(await page.locator('.taro-button-core').count()).toBe(0)

    // Keyboard: focus it and press Enter, as a keyboard or switch user would.
    await claim.focus()
    await page.keyboard.press('Enter')
    await page.locator('.pickup-code__text').waitFor()
    expect(errors).toEqual([])
  })

  it('取消报名 is red on white, and a disabled button is disabled', async () => {
    const users = await demoUsers(app.server.url)
    const member = users.find((user) => user.roles.join() === 'member' && !user.isCeo && user.branchName)!
    const events = await apiAs<EventPage>(app.server.url, member.id, '/api/events?when=upcoming&limit=50')
    const open = events.items.find((event) => event.status === 'open' && event.mySignup === null)
    expect(open).toBeDefined()

    const { page, errors } = await openPhone(app.browser, app.server.url)
    await demoLogin(page, member.name)
    await page.locator('.announcement-card').first().waitFor()
    await openTab(page, '活动')
    await page.locator('.event-card', { hasText: open!.title }).first().click()

    const signup = page.getByRole('button', { name: '报名', exact: true })
    await signup.waitFor()
    expect(await drawn(page, '报名')).toMatchObject({ tag: 'BUTTON', background: RED, color: WHITE })
    await signup.click()

    const cancel = page.getByRole('button', { name: '取消报名', exact: true })
    await cancel.waitFor()
    expect(await drawn(page, '取消报名')).toEqual({
      tag: 'BUTTON',
      background: WHITE,
      color: RED,
      borderColor: RED,
    })

    // Every button on the page is a real one: focusable and named.
    const buttons = await page.locator('button').evaluateAll((elements) =>
      elements.map((element) => ({
        name: element.textContent?.trim(),
        tabIndex: (element as HTMLElement).tabIndex,
      })),
    )
    expect(buttons.length).toBeGreaterThan(0)
    for (const button of buttons) expect(button.tabIndex).toBe(0)
    expect(errors).toEqual([])
  })
})
