import type { EventPage, HealthPackageList } from '../../types/api'
import { apiAs, demoLogin, demoUsers, openPhone, openTab, screenshot, useServerAndBrowser } from './harness'

describe('events and health packages in the H5 app', () => {
  const app = useServerAndBrowser()

  it('a member signs up for an event and sees 已报名 at once', async () => {
    const users = await demoUsers(app.server.url)
    const member = users.find((user) => user.roles.join() === 'member' && !user.isCeo && user.branchName)!
    const events = await apiAs<EventPage>(app.server.url, member.id, '/api/events?when=upcoming&limit=50')
    const open = events.items.find((event) => event.status === 'open' && event.mySignup === null)
    expect(open).toBeDefined()

    const { page, errors } = await openPhone(app.browser, app.server.url)
    await demoLogin(page, member.name)
    await page.locator('.announcement-card').first().waitFor()
    await openTab(page, '活动')

    const card = page.locator('.event-card', { hasText: open!.title }).first()
    await card.waitFor()
    await screenshot(page, 'events')
    await card.click()

    const action = page.locator('.event-detail__action')
    await action.waitFor()
    expect(await action.textContent()).toContain('报名')
    await action.click()
    await page.locator('.event-detail__state', { hasText: '已报名' }).waitFor()
    await screenshot(page, 'event-detail')

    const after = await apiAs<EventPage>(app.server.url, member.id, '/api/events?when=upcoming&limit=50')
    expect(after.items.find((event) => event.id === open!.id)?.mySignup).toEqual({ status: 'confirmed' })
    expect(errors).toEqual([])
  })

  it('a CEO claims the health package and sees the pickup code', async () => {
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

    const claim = page.locator('.health-package-card__action', { hasText: '领取' })
    await claim.waitFor()
    await claim.click()

    const code = page.locator('.pickup-code__text')
    await code.waitFor()
    const shown = (await code.textContent())?.replace(/\s/g, '')
    expect(shown).toMatch(/^[A-Z0-9]{6,}$/)
    await screenshot(page, 'pickup-code')

    const packages = await apiAs<HealthPackageList>(app.server.url, ceo!.id, '/api/health-packages')
    expect(packages.items.map((item) => item.myClaim?.code)).toContain(shown)
    expect(errors).toEqual([])
  })
})
