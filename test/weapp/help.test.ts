import type { HelpRequestPage } from '../../types/api'
import { isParkAdmin, isPlainMember, useWeapp } from './harness'

const TITLE = '跨境电商出口退税怎么办理'

describe('红e帮帮团 in the mini-program', () => {
  const weapp = useWeapp()

  it('a member files a request, the park assigns it, the helper resolves it, the member rates it', async () => {
    const member = weapp.person(isPlainMember)
    const admin = weapp.person(isParkAdmin)
    const helper = weapp.person((person) => person.roles.includes('helper'))

    // The member asks from 我的 → 红e帮帮团.
    const app = await weapp.loginAs(member)
    await app.tapTab('我的')
    await app.tap('红e帮帮团')
    expect(app.route).toBe('packages/help/index/index')
    await app.tap('我要求助')
    expect(app.route).toBe('packages/help/new/index')
    await app.tap('税务')
    await app.fill('一句话说明需要什么帮助', TITLE)
    expect(app.text()).toContain(`${TITLE.length}/40`)
    await app.fill(
      '企业的情况、遇到的问题、希望得到的帮助',
      '公司开始做跨境电商，想了解出口退税的流程和材料。',
    )
    await app.tap('提交求助')
    // Every demo company has its own branch: the 红色服务通道.
    expect(app.toasts).toContain('已提交，走红色服务通道优先办理')
    expect(app.route).toBe('packages/help/detail/index')
    expect(app.text()).toContain('红色服务通道')
    expect(app.text()).toContain('待园区分派')

    // The park admin finds it waiting and assigns it to a helper.
    const desk = await weapp.loginAs(admin)
    await desk.tapTab('我的')
    await desk.tap('红e帮帮团')
    expect(desk.text()).toContain('待分派')
    await desk.tap(TITLE)
    expect(desk.text()).toMatch(/请于 .+ 前首次答复/)
    await desk.tap(helper.name)
    expect(desk.toasts).toContain('已分派')
    expect(desk.text()).toContain(`负责人：${helper.name}`)

    // The helper answers and resolves it.
    const helperApp = await weapp.loginAs(helper)
    await helperApp.tapTab('我的')
    // Their profile wears 红e帮帮团 as a tag; the menu row says what it holds for them.
    await helperApp.tap('分派给我的求助')
    expect(helperApp.text()).toContain('分派给我')
    await helperApp.tap(TITLE)
    await helperApp.fill('写下回复', '出口退税可在电子税务局申报，需报关单和进项发票，本周税务讲堂有专场。')
    await helperApp.tap('发送回复')
    expect(helperApp.toasts).toContain('已回复')
    await helperApp.tap('标记已解决')
    expect(helperApp.toasts).toContain('已解决')
    expect(helperApp.text()).not.toContain('标记已解决')

    // The member is told, opens it and rates it.
    const { items } = await weapp.server.api<HelpRequestPage>(member, '/api/help-requests?mine=1')
    expect(items.find((item) => item.title === TITLE)?.status).toBe('resolved')
    const again = await weapp.loginAs(member)
    await again.tapTab('我的')
    await again.tap('消息')
    await again.tap('求助已解决')
    expect(again.route).toBe('packages/help/detail/index')
    expect(again.text()).toContain('出口退税可在电子税务局申报')
    await again.tap('★', 3)
    await again.fill('说说你的感受（选填）', '讲得很清楚')
    await again.tap('提交评价')
    expect(again.toasts).toContain('感谢评价')
    expect(again.text()).toContain('求助人评价')
    expect(again.text()).toContain('讲得很清楚')
    expect(again.text()).not.toContain('提交评价')
  })
})
