/// <reference lib="dom" />
import type { DemoUser } from '../../types/api'
import { demoLogin, openPhone, screenshot, useServerAndBrowser } from './harness'

describe('a demo member reads the announcements in the H5 app', () => {
  const app = useServerAndBrowser()

  it('logs in, sees the notices, opens one and sees the unread badge drop', async () => {
    const users = (await (await fetch(`${app.server.url}/api/auth/demo-users`)).json()) as DemoUser[]
    const member = users.find(
      (user) => user.roles.length === 1 && user.roles[0] === 'member' && user.branchName,
    )
    expect(member).toBeDefined()

    const { page, errors } = await openPhone(app.browser, app.server.url)
    await demoLogin(page, member!.name)

    const cards = page.locator('.announcement-card')
    await cards.first().waitFor()
    expect(await cards.count()).toBeGreaterThan(0)

    const badge = page.locator('.unread-badge').first()
    await badge.waitFor()
    const before = Number(await badge.textContent())
    expect(before).toBeGreaterThan(0)

    await screenshot(page, 'home')

    const unread = page.locator('.announcement-card--unread').first()
    const title = (await unread.locator('.announcement-card__title').textContent())?.trim()
    expect(title).toBeTruthy()
    await unread.click()

    const body = page.locator('.notice-detail__body')
    await body.waitFor()
    expect((await body.textContent())?.length).toBeGreaterThan(10)
    await screenshot(page, 'notice')
    expect(await page.locator('.notice-detail__title').textContent()).toContain(title)

    await page.goBack()
    await page.waitForFunction((expected) => {
      const text = document.querySelector('.unread-badge')?.textContent ?? '0'
      return Number(text) === expected
    }, before - 1)
    const readCard = page.locator('.announcement-card', { hasText: title! }).first()
    expect(await readCard.getAttribute('class')).not.toContain('announcement-card--unread')
    expect(errors).toEqual([])
  })
})
