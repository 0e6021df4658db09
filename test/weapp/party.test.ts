import type { Application, ApplicationList, NamedRefList } from '../../types/api'
import { isParkAdmin, isPlainMember, isSecretary, useWeapp } from './harness'

/** A park day `months` before today (the server's clock is the real one here). */
function monthsAgo(months: number): string {
  const today = new Date(Date.now() + 8 * 3600_000)
  const at = new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - months, Math.min(today.getUTCDate(), 28)),
  )
  return at.toISOString().slice(0, 10)
}

describe('入党申请 in the mini-program', () => {
  const weapp = useWeapp()

  it('a member applies from 我的 → 入党进度 and sees the talk due within a month', async () => {
    // A member the roster shows as 群众, with no application yet.
    const secretary = weapp.person(isSecretary)
    const eligible = await weapp.server.api<NamedRefList>(secretary, '/api/applications/eligible-members')
    const plain = weapp
      .people(isPlainMember)
      .find((person) => eligible.items.some((item) => item.id === person.id))
    expect(plain).toBeDefined()
    const app = await weapp.loginAs(plain!)
    await app.tapTab('我的')
    await app.tap('入党进度')
    expect(app.route).toBe('packages/party/progress/index')
    expect(app.text()).toContain('递交入党申请书')
    await app.fill('入党申请书', '敬爱的党组织：我志愿加入中国共产党，拥护党的纲领。')
    await app.fill('出生日期', '1998-03-01')
    await app.tap('递交申请')
    expect(app.toasts).toContain('已递交')
    expect(app.text()).toContain('入党申请人')
    expect(app.text()).toContain('党组织派人谈话')
    expect(app.text()).toMatch(/须在 \d{4}-\d{2}-\d{2} 前完成/)
  })

  it('the secretary backfills an activist of 13 months and records candidate; the park admin files it', async () => {
    const secretary = weapp.person(isSecretary)
    const eligible = await weapp.server.api<NamedRefList>(secretary, '/api/applications/eligible-members')
    const applicant = eligible.items[eligible.items.length - 1]!

    const app = await weapp.loginAs(secretary)
    await app.tapTab('我的')
    await app.tap('发展党员')
    expect(app.route).toBe('packages/party/pipeline/index')
    await app.tap('录入纸质申请')
    await app.tap(applicant.name)
    await app.fill('申请书日期', monthsAgo(15))
    await app.fill('出生日期', '1995-06-01')
    await app.tap('录入')
    expect(app.toasts).toContain('已录入')
    expect(app.route).toBe('packages/party/application/index')
    expect(app.text()).toContain(applicant.name)

    // The form offers the step that moves the application on (the server's allowedSteps).
    const record = async (name: string, date: string) => {
      await app.fill('办理日期', date)
      await app.tap(`记录「${name}」`)
      expect(app.toasts).toContain('已记录')
    }
    await record('党组织派人谈话', monthsAgo(14))
    await record('推荐和确定入党积极分子', monthsAgo(13))
    expect(app.text()).toContain('入党积极分子')
    // 备案 is the committee's: the secretary's screen says who it waits for.
    expect(app.text()).toContain('等待上级党委办理「入党积极分子报上级党委备案」')
    const admin = weapp.person(isParkAdmin)
    const { items } = await weapp.server.api<ApplicationList>(admin, '/api/applications?waiting=committee')
    const mine = items.find((item) => item.member.id === applicant.id)!
    await weapp.server.api<Application>(admin, `/api/applications/${mine.id}/steps`, {
      method: 'POST',
      body: { code: 'activist_filing', date: monthsAgo(13) },
    })
    await app.pullDownRefresh()

    await app.fill('办理日期', monthsAgo(12))
    const choices = await weapp.server.api<NamedRefList>(
      secretary,
      `/api/applications/${mine.id}/party-members`,
    )
    await app.tap(choices.items[0]!.name)
    await app.tap('记录「指定培养联系人」')
    expect(app.toasts).toContain('已记录')
    await record('培养教育考察', monthsAgo(1))
    await record('确定发展对象', monthsAgo(0))
    expect(app.text()).toContain('发展对象')
    expect(app.text()).toContain(`培养联系人：${choices.items[0]!.name}`)

    // The park admin sees the filing waiting and records it with one tap.
    const adminApp = await weapp.loginAs(admin)
    await adminApp.tapTab('我的')
    await adminApp.tap('上级党委审批')
    expect(adminApp.route).toBe('packages/party/committee/index')
    expect(adminApp.text()).toContain(applicant.name)
    const buttons = adminApp.text()
    expect(buttons).toContain('记录「发展对象报上级党委备案」')
    const before = (await weapp.server.api<ApplicationList>(admin, '/api/applications?waiting=committee'))
      .items
    const index = before.findIndex((item) => item.id === mine.id)
    await adminApp.tap(/^记录「/, index)
    expect(adminApp.toasts).toContain('已记录')
    const after = await weapp.server.api<Application>(admin, `/api/applications/${mine.id}`)
    expect(after.steps.map((step) => step.code)).toContain('candidate_filing')
    expect(after.nextStep?.code).toBe('sponsors')

    await adminApp.tap('各支部概况')
    expect(adminApp.text()).toContain('合计')
  })
})
