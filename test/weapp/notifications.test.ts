import type { EventPage, NotificationPage, SubscriptionTemplates } from '../../types/api'
import { isParkAdmin, isPlainMember, useWeapp } from './harness'
import { TEMPLATES } from './harness/server'

describe('消息 and subscribe messages in the mini-program', () => {
  const weapp = useWeapp()

  it('joining a waitlist asks for subscribe messages; the promotion reaches WeChat once and 我的 → 消息', async () => {
    const member = weapp.person(isPlainMember)
    const { items } = await weapp.server.api<EventPage>(member, '/api/events?when=upcoming')
    const event = items.find((item) => item.status === 'full' && !item.mySignup)
    if (!event) throw new Error(`the seed has no full event for ${member.name}`)

    const app = await weapp.loginAs(member)
    await app.tapTab('活动')
    await app.tap(event.title)
    app.phone.willAnswerSubscribe('accept')
    // A full event's button offers the waitlist.
    await app.tap('候补')

    // WeChat's prompt, from the tap, for the three templates a waitlist place wants.
    expect(app.screen.subscribePrompts).toEqual([
      {
        tmplIds: [TEMPLATES.waitlist, TEMPLATES.event_change, TEMPLATES.event_reminder],
        answers: {
          [TEMPLATES.waitlist]: 'accept',
          [TEMPLATES.event_change]: 'accept',
          [TEMPLATES.event_reminder]: 'accept',
        },
      },
    ])
    expect(app.toasts).toContain('已进入候补')
    const held = await weapp.server.api<SubscriptionTemplates>(member, '/api/me/subscriptions')
    expect(
      held.templates.filter((template) => template.accepted === 1).map((template) => template.key),
    ).toEqual(['waitlist', 'event_change', 'event_reminder'])

    // The organiser adds places for everyone waiting: the member is promoted.
    const unread = (await weapp.server.api<NotificationPage>(member, '/api/me/notifications')).unreadCount
    const admin = weapp.person(isParkAdmin)
    await weapp.server.api(admin, `/api/events/${event.id}`, {
      method: 'PATCH',
      body: { capacity: event.capacity + event.waitlistCount + 1 },
    })
    await weapp.server.test.app.notifier.runOnce()
    await weapp.server.test.app.notifier.runOnce()
    const openid = app.phone.openid
    const toMember = weapp.server.wechat.sent.filter((message) => message.touser === openid)
    expect(toMember).toHaveLength(1)
    expect(toMember[0]).toMatchObject({
      template_id: TEMPLATES.waitlist,
      page: `packages/event/detail/index?id=${event.id}`,
      data: { thing4: { value: '候补成功,已为您报名' } },
    })

    // 我的 shows the unread message, and its tab the badge.
    await app.back()
    await app.tapTab('我的')
    expect(app.text()).toContain(`消息 ${unread + 1} 条未读`)
    expect(app.tabBadge('我的')).toBe(String(unread + 1))
    await app.tap('消息')
    expect(app.route).toBe('packages/me/messages/index')
    expect(app.title).toBe('消息')
    expect(app.text()).toContain('候补成功,已为您报名')
    expect(app.text()).toContain(event.title)
    expect(app.text()).toContain(`${unread + 1} 条未读`)

    // Tapping it opens the event, now 已报名, and the message is read.
    await app.tap('候补成功,已为您报名')
    expect(app.route).toBe('packages/event/detail/index')
    expect(app.text()).toContain('已报名')
    const after = await weapp.server.api<NotificationPage>(member, '/api/me/notifications')
    expect(after.unreadCount).toBe(unread)
    await app.back()
    if (unread > 0) {
      expect(app.text()).toContain(`${unread} 条未读`)
      await app.tap('全部已读')
    }
    expect(app.text()).toContain('没有未读消息')
    expect(app.tabBadge('我的')).toBeNull()
  })
})
