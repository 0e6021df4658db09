import type { DemoUser, Invite, JoinRequestPage, MemberPage } from '../../types/api'
import { isParkAdmin, isPlainMember, isSecretary, useWeapp, type MiniProgram } from './harness'

const JOIN_PROFILE = 'packages/join/profile/index'

describe('joining the park and running its organisation in the mini-program', () => {
  const weapp = useWeapp()

  /** A seeded roster member nobody has bound yet, with the number the park keeps for them. */
  async function unboundMember(
    skip = 0,
  ): Promise<{ id: number; name: string; phone: string; branch: string }> {
    const admin = weapp.person(isParkAdmin)
    const { items } = await weapp.server.api<MemberPage>(admin, '/api/members?limit=50')
    const linked = new Set(weapp.people(() => true).map((person) => person.id))
    const found = items.filter(
      (member) => member.active && !member.bound && member.phone && member.branch && linked.has(member.id),
    )[skip]
    if (!found?.phone || !found.branch) throw new Error('the seed has no unbound roster member')
    return { id: found.id, name: found.name, phone: found.phone, branch: found.branch.name }
  }

  /** A WeChat user the park does not know opens the mini-program for the first time and logs in. */
  async function newcomer(setup?: (app: MiniProgram) => void): Promise<MiniProgram> {
    const app = await weapp.launch()
    setup?.(app)
    await app.tap('微信一键登录')
    return app
  }

  it('a first WeChat login goes on to 完善信息; 首页 and 活动 show park-wide content with the prompt', async () => {
    const app = await newcomer()
    expect(app.route).toBe(JOIN_PROFILE)
    expect(app.title).toBe('完善信息')
    expect(app.text()).toContain('手机号快速验证')
    expect(app.text()).toContain('邀请码')
    expect(app.text()).toContain('申请加入支部')

    await app.back()
    expect(app.route).toBe('pages/home/index')
    expect(app.text()).toContain('你还没有加入支部')
    expect(app.text()).toContain('通知公告')
    await app.tapTab('活动')
    expect(app.text()).toContain('你还没有加入支部')
    await app.tap('完善信息')
    expect(app.route).toBe(JOIN_PROFILE)
  })

  it('手机号快速验证: our privacy popup first, then WeChat’s verified number finds the roster entry', async () => {
    const member = await unboundMember()
    const app = await newcomer((started) => {
      started.phone.phoneNumber = member.phone
    })
    await app.tap('手机号快速验证', 1)
    expect(app.privacy.asked).toEqual(['getPhoneNumber'])
    expect(app.text()).toContain('隐私保护提示')
    await app.tap('查看《隐私政策》')
    expect(app.route).toBe('packages/privacy/policy/index')
    expect(app.text()).toContain('谁能看到')
    await app.back()

    await app.tap('同意并继续')
    expect(app.toasts).toContain('已加入支部')
    await app.wait(1600)
    expect(app.route).toBe('pages/home/index')
    expect(app.text()).toContain(`你好，${member.name}`)
    expect(app.text()).not.toContain('你还没有加入支部')
  })

  it('refusing the privacy popup leaves the number unread; an unknown number is told to use an invite', async () => {
    const app = await newcomer((started) => {
      started.phone.phoneNumber = '13000000000'
    })
    await app.tap('手机号快速验证', 1)
    await app.tap('拒绝')
    expect(app.toasts).toContain('未获取到手机号，可使用邀请码或申请加入支部')
    expect(app.screen.requests.some((request) => request.path === '/api/me/bind')).toBe(false)

    // Asked again next time; agreeing now reads a number the roster does not have.
    await app.tap('手机号快速验证', 1)
    await app.tap('同意并继续')
    expect(app.toasts).toContain('名册中没有这个手机号，请使用邀请码或申请加入支部')
    expect(app.route).toBe(JOIN_PROFILE)
  })

  it('an invite from the secretary: typed, or scanned after the privacy popup', async () => {
    const secretary = weapp.person(isSecretary)
    const admin = weapp.person(isParkAdmin)
    const typed = await unboundMember(1)
    const invite = await weapp.server.api<Invite>(admin, `/api/members/${typed.id}/invite`, {
      method: 'POST',
    })
    const app = await newcomer()
    await app.fill('8位邀请码', invite.code)
    await app.tap('使用邀请码加入')
    expect(app.toasts).toContain('已加入支部')
    await app.wait(1600)
    expect(app.text()).toContain(`你好，${typed.name}`)

    // The QR on the secretary's screen holds a link with the code; WeChat's scanner reads it.
    const { items } = await weapp.server.api<MemberPage>(secretary, '/api/members?limit=50')
    const scannedMember = items.find((member) => member.active && !member.bound && member.id !== typed.id)
    if (!scannedMember) throw new Error('the secretary’s branch has no unbound member')
    const scanned = await weapp.server.api<Invite>(secretary, `/api/members/${scannedMember.id}/invite`, {
      method: 'POST',
    })
    const second = await newcomer()
    second.phone.willScan(`https://park.example/#/pages/login/index?invite=${scanned.code}`)
    await second.tap('扫描邀请二维码')
    expect(second.text()).toContain('隐私保护提示')
    await second.tap('同意并继续')
    expect(second.toasts).toContain('已加入支部')
  })

  it('a join request shows 申请审核中; the secretary approves it and the newcomer is in the branch', async () => {
    const app = await newcomer()
    await app.choose('请选择企业', 0)
    const branch = /加入支部 (\S+党支部)/.exec(app.text())?.[1]
    expect(branch).toBeDefined()
    await app.fill('真实姓名', '钟未来')
    await app.fill('11位手机号', '13712345678')
    await app.fill('入职时间', '11月入职产品部')
    await app.tap('提交申请')
    expect(app.text()).toContain('申请审核中')
    expect(app.text()).toContain(`你申请加入${branch}`)
    await app.tap('先去首页看看')
    expect(app.text()).toContain('入支部申请审核中')

    // The branch's secretary, on their phone: 我的 → 支部成员 → 入支部申请.
    const secretary = weapp.people(isSecretary).find((person) => person.branchName === branch)
    if (!secretary) throw new Error(`no seeded secretary of ${branch}`)
    const office = await weapp.loginAs(secretary)
    await office.tapTab('我的')
    await office.tap('支部成员')
    expect(office.route).toBe('packages/org/members/index')
    await office.tap('入支部申请')
    expect(office.text()).toContain('钟未来')
    expect(office.text()).toContain('11月入职产品部')
    const pending = await weapp.server.api<JoinRequestPage>(secretary, '/api/join-requests?status=pending')
    const index = pending.items.findIndex((request) => request.name === '钟未来')
    await office.tap('同意', index)
    expect(office.toasts).toContain('已同意')
    expect(office.text()).not.toContain('钟未来')

    // Back on the newcomer's phone, 首页 asks again and the prompt is gone.
    await app.tapTab('活动')
    await app.tapTab('首页')
    expect(app.text()).not.toContain('入支部申请审核中')
    expect(app.text()).toContain('你好，钟未来')
  })

  it('a secretary refuses a join request with a reason, which the asker reads', async () => {
    const admin = weapp.person(isParkAdmin)
    const { items } = await weapp.server.api<JoinRequestPage>(admin, '/api/join-requests?status=pending')
    const seeded = items.find((request) => request.name === '沈知远')
    if (!seeded) throw new Error('the seed has no pending join request of 沈知远')
    const secretary = weapp.people(isSecretary).find((person) => person.branchName === seeded.branch.name)
    if (!secretary) throw new Error(`no seeded secretary of ${seeded.branch.name}`)
    const office = await weapp.loginAs(secretary)
    await office.openPage('packages/org/members/index')
    await office.tap('入支部申请')
    await office.tap('拒绝')
    await office.fill('拒绝理由', '请先由人事部确认入职')
    await office.tap('确认拒绝')
    expect(office.toasts).toContain('已拒绝')
    await office.tap('未通过')
    expect(office.text()).toContain('拒绝理由：请先由人事部确认入职')
  })

  it('a secretary adds a member and shows them an invite QR', async () => {
    const office = await weapp.loginAs(isSecretary)
    await office.openPage('packages/org/members/index')
    await office.tap('添加成员')
    expect(office.route).toBe('packages/org/member-edit/index')
    await office.fill('成员姓名', '严新员')
    await office.fill('11位手机号', '13912340000')
    await office.choose('请选择企业', 0)
    await office.tap('添加成员')
    expect(office.toasts).toContain('已添加')
    await office.wait(1300)
    expect(office.route).toBe('packages/org/members/index')
    await office.fill('搜索姓名或手机号', '严新员')
    await office.tap('搜索')
    expect(office.text()).toContain('未绑定微信')
    await office.tap('邀请')
    expect(office.route).toBe('packages/org/invite/index')
    expect(office.text()).toMatch(/邀请码 [A-Za-z0-9]{8}/)
    expect(
      office.query(
        (element) => element.tag === 'view' && String(element.attrs.class ?? '').includes('qr-code'),
      ).length,
    ).toBeGreaterThan(0)
  })

  it('a park admin opens 组织管理: companies, branches, roster, join requests and the audit log', async () => {
    const app = await weapp.loginAs(isParkAdmin)
    await app.tapTab('我的')
    await app.tap('组织管理')
    expect(app.route).toBe('packages/org/manage/index')
    expect(app.text()).toContain('单独建立党支部')
    await app.tap('支部')
    expect(app.text()).toMatch(/书记：\S+/)
    await app.tap('名册')
    expect(app.text()).toContain('全部支部')
    await app.tap('日志')
    expect(app.title).toBe('组织管理')

    await app.tap('企业')
    await app.tap('新增企业')
    expect(app.route).toBe('packages/org/company-edit/index')
    await app.fill('例如：码上通科技有限公司', '星火云算')
    await app.fill('例如：软件和信息技术服务', '云计算')
    await app.tap('新增企业')
    expect(app.toasts).toContain('已新增')
    await app.wait(1300)
    expect(app.text()).toContain('星火云算')

    await app.tap('支部')
    await app.tap('新建支部')
    expect(app.route).toBe('packages/org/branch-edit/index')
    expect(app.text()).toContain('星火云算')
    await app.back()
    await app.tap('日志')
    expect(app.text()).toContain('企业 · 新增')
  })

  it('a park admin imports a roster file from a chat: a failing dry run, then the corrected file', async () => {
    const admin = weapp.person(isParkAdmin)
    const { items } = await weapp.server.api<MemberPage>(admin, '/api/members?limit=50')
    const placed = items.find((member) => member.company && member.branch)
    const company = placed?.company?.name ?? ''
    const branch = placed?.branch?.name ?? ''
    const app = await weapp.loginAs(admin)
    await app.openPage('packages/org/import/index')
    app.phone.privacyAgreed = true
    app.phone.willChooseFile(
      '名册.csv',
      `\ufeff姓名,手机号,公司,支部,政治面貌,是否CEO,出生日期\n柯一,13500001111,${company},${branch},群众,否,\n柯二,1350000,${company},${branch},群众,否,\n`,
    )
    await app.tap('选择CSV文件')
    expect(app.text()).toContain('已选择：名册.csv')
    await app.tap('预检')
    expect(app.text()).toContain('有 1 行需要修改，整个文件都没有导入')
    expect(app.text()).toMatch(/第3行：/)
    expect(app.findAll('确认导入')).toEqual([])

    // The corrected file passes the dry run and is imported.
    app.phone.willChooseFile(
      '名册（修改后）.csv',
      `姓名,手机号,公司,支部,政治面貌,是否CEO,出生日期\n柯一,13500001111,${company},${branch},群众,否,\n`,
    )
    await app.tap(/^已选择：名册\.csv/)
    await app.tap('预检')
    expect(app.text()).toContain('预检通过，可以导入')
    expect(app.text()).toContain('将新增 1 人')
    await app.tap('确认导入')
    expect(app.text()).toContain('导入完成')
    expect(app.toasts).toContain('导入完成')
  })

  it('我的信息 shows what the park keeps; 隐私政策 says who sees it', async () => {
    const member: DemoUser = weapp.person(isPlainMember)
    const app = await weapp.loginAs(member)
    await app.tapTab('我的')
    await app.tap('我的信息')
    expect(app.route).toBe('packages/privacy/my-info/index')
    expect(app.text()).toContain(member.name)
    expect(app.text()).toMatch(/手机号 1\d{10}/)
    expect(app.text()).toContain(member.branchName ?? '')
    await app.tap('隐私政策 ›')
    expect(app.route).toBe('packages/privacy/policy/index')
    expect(app.text()).toContain('园区保存哪些信息')
  })
})
