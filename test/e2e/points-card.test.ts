import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import type { MyPoints } from '../../types/api'
import {
  apiAs,
  demoLogin,
  demoUsers,
  launchBrowser,
  openPhone,
  openTab,
  settle,
  startServer,
} from './harness'

const SCREENSHOT_DIR = join(__dirname, '../../docs/screenshots')

describe('points and the member card in the H5 app', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  let browser: Browser

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('a member reads a notice and sees 积分 +1 in 我的, then opens the card and sees its QR', async () => {
    const users = await demoUsers(server.url)
    const members = users.filter((user) => user.roles.join() === 'member' && user.branchName)
    let member: (typeof members)[number] | undefined
    let before = 0
    for (const candidate of members) {
      const points = await apiAs<MyPoints>(server.url, candidate.id, '/api/me/points')
      if (points.today === 0) {
        member = candidate
        before = points.total
        break
      }
    }
    expect(member).toBeDefined()

    const { page, errors } = await openPhone(browser, server.url)
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
    await settle(page)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'me.png') })

    await page.locator('.menu-item--card').click()
    await page.locator('.member-card__qr').waitFor()
    expect(await page.locator('.member-card__name').textContent()).toContain(member!.name)
    await settle(page)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'member-card.png') })
    expect(errors).toEqual([])
  })
})
