import type { Event, EventPage } from '../../types/api'
import { isPlainMember, isSecretary, useWeapp } from './harness'

describe('活动 in the mini-program', () => {
  const weapp = useWeapp()

  /** A member on the 活动 tab, and an upcoming event in `status` they have not signed up for. */
  async function eventsTabWith(status: Event['status']) {
    const member = weapp.person(isPlainMember)
    const { items } = await weapp.server.api<EventPage>(member, '/api/events?when=upcoming')
    const event = items.find((item) => item.status === status && !item.mySignup)
    if (!event) throw new Error(`the seed has no ${status} event for ${member.name}`)
    const app = await weapp.loginAs(member)
    await app.tapTab('活动')
    expect(app.text()).toContain('即将开始')
    return { app, event }
  }

  it('a member signs up for an event with places left and sees 已报名', async () => {
    const { app, event } = await eventsTabWith('open')
    await app.tap(event.title)

    expect(app.route).toBe('packages/event/detail/index')
    expect(app.text()).toContain(event.title)
    expect(app.text()).toContain(`剩余${event.capacity - event.confirmedCount}个名额`)
    await app.tap('报名')

    expect(app.toasts).toContain('报名成功')
    expect(app.find('已报名')).toBeDefined()
    expect(app.find('取消报名')).toBeDefined()

    // The list says so too.
    await app.back()
    expect(app.findAll(event.title)).toHaveLength(1)
    expect(app.text()).toContain(`已报名 ${event.title}`)
  })

  it('a member signs up for a full event and is told their place on the waitlist', async () => {
    const { app, event } = await eventsTabWith('full')
    expect(app.text()).toContain(`已满（候补${event.waitlistCount}人）`)
    await app.tap(event.title)
    expect(app.text()).toContain('名额已满，可排队候补')
    // The server says full: the button offers a waitlist place, not a signup.
    expect(app.findAll(/^报名$/)).toHaveLength(0)
    await app.tap('候补')

    expect(app.toasts).toContain('已进入候补')
    expect(app.find(`候补第${event.waitlistCount + 1}位`)).toBeDefined()
    expect(app.find('退出候补')).toBeDefined()
  })

  it('an organiser leaving a half-filled event form is asked first, and stays on 继续编辑', async () => {
    const app = await weapp.loginAs(weapp.person(isSecretary))
    await app.openPage('packages/admin/event-edit/index')
    expect(app.alertBeforeUnload).toBeNull()
    await app.fill('例如：青创沙龙第九期', '青创沙龙第十期')
    expect(app.text()).toContain(`7/`)
    expect(app.alertBeforeUnload).toBe('已填写的内容尚未保存，离开后将丢失')

    app.phone.willAnswerModal(false)
    await app.back()
    expect(app.route).toBe('packages/admin/event-edit/index')
    app.phone.willAnswerModal(true)
    await app.back()
    expect(app.route).not.toBe('packages/admin/event-edit/index')
  })
})
