import type { MemberCard } from '../../types/api'
import { isCeo, isPlainMember, isSecretary, useWeapp } from './harness'
import { drawnQrCodes, isQrCodeOf } from './harness/qr'

describe('我的 in the mini-program', () => {
  const weapp = useWeapp()

  it('shows a member’s study points, and 积分明细 lists what earned them', async () => {
    const app = await weapp.loginAs(isPlainMember)
    await app.tapTab('我的')
    const total = /学习积分 (\d+) 积分/.exec(app.text())?.[1]
    expect(total).toBeDefined()

    await app.tap('积分明细')
    expect(app.route).toBe('packages/me/points/index')
    expect(app.text()).toContain(`我的学习积分 ${total}`)
    expect(app.text()).toMatch(/阅读通知《.+》 .+ \+1/)
    expect(app.text()).toContain('不做排名')
  })

  it('shows the member card’s QR code, which a secretary’s scan accepts', async () => {
    const member = weapp.person(isPlainMember)
    const app = await weapp.loginAs(member)
    await app.tapTab('我的')
    await app.tap('我的党员名片')

    expect(app.route).toBe('packages/me/card/index')
    expect(app.text()).toContain('数字党员名片')
    expect(app.text()).toContain(member.name)
    expect(app.screen.keepScreenOn).toBe(true)

    // The card on screen is the last one the page was answered (it may have asked twice on opening).
    const answer = app.screen.requests.filter((request) => request.path === '/api/me/card').pop()
    const card = answer?.data as MemberCard
    const [drawn] = drawnQrCodes(app.page())
    expect(isQrCodeOf(drawn, card.payload)).toBe(true)

    const secretary = weapp.person(isSecretary)
    const verified = await weapp.server.api<{ member: { name: string } }>(secretary, '/api/cards/verify', {
      method: 'POST',
      body: { payload: card.payload },
    })
    expect(verified.member.name).toBe(member.name)
  })

  it('a party-member CEO claims the health package and gets a pickup code with its QR code', async () => {
    const app = await weapp.loginAs((person) => isCeo(person) && person.roles.length === 1)
    await app.tapTab('我的')
    const remaining = Number(/剩余 (\d+) \/ 共/.exec(app.text())?.[1])
    expect(remaining).toBeGreaterThan(0)

    await app.tap('领取')

    expect(app.route).toBe('packages/health/pickup/index')
    const code = /取件码 ([A-Z0-9]+)/.exec(app.text())?.[1]
    expect(code).toBeDefined()
    expect(app.text()).toContain('出示给园区工作人员核销')
    expect(isQrCodeOf(drawnQrCodes(app.page())[0], code!)).toBe(true)

    await app.back()
    expect(app.text()).toContain(`剩余 ${remaining - 1} / 共`)
    expect(app.find('已领取')).toBeDefined()
    await app.tap('查看取件码')
    expect(app.text()).toContain(`取件码 ${code}`)
  })
})
