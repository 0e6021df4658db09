/// <reference lib="dom" />
import type { NotificationPage } from '../../types/api'
import { demoLogin, demoUsers, openPhone, openTab, useServerAndBrowser } from './harness'

describe('我的 → 消息 in the H5 app', () => {
  const app = useServerAndBrowser()

  it('shows the unread messages, opens one, and marks them all read', async () => {
    const users = await demoUsers(app.server.url)
    const member = users.find(
      (user) => user.roles.length === 1 && user.roles[0] === 'member' && user.branchName,
    )!
    const secretary = users.find(
      (user) => user.roles.includes('secretary') && user.branchName === member.branchName,
    )!
    const as = (id: number) => ({
      authorization: `Bearer ${app.server.app.issueToken(id)}`,
      'content-type': 'application/json',
    })

    // Their secretary publishes an important notice: it reaches the member's 消息 at once.
    const published = await fetch(`${app.server.url}/api/announcements`, {
      method: 'POST',
      headers: as(secretary.id),
      body: JSON.stringify({
        title: '支部换届选举大会通知',
        body: '请全体党员周五下午准时参加。',
        scope: 'branch',
        important: true,
      }),
    })
    expect(published.status).toBe(201)
    const before = (await (
      await fetch(`${app.server.url}/api/me/notifications`, { headers: as(member.id) })
    ).json()) as NotificationPage
    expect(before.unreadCount).toBeGreaterThan(0)

    const { page, errors } = await openPhone(app.browser, app.server.url)
    await demoLogin(page, member.name)
    await page.locator('.announcement-card').first().waitFor()
    await openTab(page, '我的')
    const row = page.locator('.menu-item--messages')
    await row.waitFor()
    await page.waitForFunction(
      (count) => document.querySelector('.menu-item--messages')?.textContent?.includes(`${count} 条未读`),
      before.unreadCount,
    )
    await row.click()

    const first = page.locator('.message', { hasText: '支部换届选举大会通知' })
    await first.waitFor()
    expect(await first.getAttribute('class')).toContain('message--unread')
    expect(await page.locator('.messages-page__count').textContent()).toContain(
      `${before.unreadCount} 条未读`,
    )
    await first.click()
    await page.locator('.notice-detail__title', { hasText: '支部换届选举大会通知' }).waitFor()
    await page.goBack()

    await page.locator('.message', { hasText: '支部换届选举大会通知' }).waitFor()
    expect(
      await page.locator('.message', { hasText: '支部换届选举大会通知' }).getAttribute('class'),
    ).not.toContain('message--unread')
    if (before.unreadCount > 1) {
      await page.locator('.messages-page__read-all').click()
      await page.locator('.messages-page__count', { hasText: '没有未读消息' }).waitFor()
    }
    expect(await page.locator('.message--unread').count()).toBe(0)
    const after = (await (
      await fetch(`${app.server.url}/api/me/notifications`, { headers: as(member.id) })
    ).json()) as NotificationPage
    expect(after.unreadCount).toBe(0)
    expect(errors).toEqual([])
  })
})
