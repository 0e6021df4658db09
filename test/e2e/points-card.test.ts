import type { MyPoints } from '../../types/api'
import { apiAs, demoLogin, demoUsers, openPhone, openTab, screenshot, useServerAndBrowser } from './harness'

describe('points and the member card in the H5 app', () => {
  const app = useServerAndBrowser()

  it('a member reads a notice and sees 积分 +1 in 我的, then opens the card and sees its QR', async () => {
    const users = await demoUsers(app.server.url)
    const members = users.filter((user) => user.roles.join() === 'member' && user.branchName)
    let member: (typeof members)[number] | undefined
    let before = 0
    for (const candidate of members) {
      const points = await apiAs<MyPoints>(app.server.url, candidate.id, '/api/me/points')
      if (points.today === 0) {
        member = candidate
        before = points.total
        break
      }
    }
    expect(member).toBeDefined()

    const { page, errors } = await openPhone(app.browser, app.server.url)
    await demoLogin(page, member!.name)
    await page.locator('.announcement-card--unread').first().click()
    await page.locator('.notice-detail__body').waitFor()
    await page.goBack()
    await page.locator('.announcement-card').first().waitFor()

    await openTab(page, '我的')
    await page.waitForFunction(
      (expected) => document.querySelector('.me-points__total')?.textContent?.includes(String(expected)),
      before + 1,
    )
    expect(await page.locator('.me-points__today').textContent()).toContain('+1')
    await screenshot(page, 'me')

    await page.locator('.menu-item--card').click()
    await page.locator('.member-card__qr').waitFor()
    expect(await page.locator('.member-card__name').textContent()).toContain(member!.name)
    await screenshot(page, 'member-card')
    expect(errors).toEqual([])
  })
})
