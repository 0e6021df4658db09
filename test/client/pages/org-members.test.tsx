import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import BranchMembersPage from '@/packages/org/members'
import OrgManagePage from '@/packages/org/manage'
import { fakeApi } from '../fake-fetch'
import { member, parkAdmin, secretary, signIn } from '../fixtures'
import { branch, company, joinRequest, rosterMember } from '../org-fixtures'

function fire(element: Element, type: string, value: string | number) {
  fireEvent(element, new CustomEvent(type, { bubbles: true, detail: { value } }))
}

describe('支部成员', () => {
  beforeEach(() => {
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    const original = console.error
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (args[0] instanceof TypeError && args[0].message.includes("reading 'value'")) return
      original(...args)
    })
  })
  afterEach(() => jest.restoreAllMocks())

  it('lists the branch’s roster, searches it, and invites someone not yet bound', async () => {
    signIn('token-2', secretary)
    const calls = fakeApi({
      'GET /api/members': (call) => ({
        status: 200,
        body: {
          items: call.url.includes('q=%E5%91%A8')
            ? [rosterMember({ id: 21, name: '周敏', bound: false })]
            : [rosterMember(), rosterMember({ id: 21, name: '周敏', bound: false, phone: '13900000021' })],
          nextCursor: null,
        },
      }),
    })
    const { container } = render(<BranchMembersPage />)
    expect(await screen.findByText('林晓帆')).toBeInTheDocument()
    expect(screen.getByText('云栈科技党支部', { selector: '.branch-members__name' })).toBeInTheDocument()
    expect(calls[0].url).toContain('branchId=3')
    const zhou = screen.getByText('周敏').closest('.member-row') as HTMLElement
    expect(zhou).toHaveTextContent('未绑定微信')
    expect(zhou).toHaveTextContent('13900000021')

    fire(container.querySelector('.org-toolbar__search') as Element, 'input', '周')
    fireEvent.click(screen.getByText('搜索'))
    await waitFor(() => expect(screen.queryByText('林晓帆')).toBeNull())
    expect(calls[calls.length - 1].url).toContain('q=%E5%91%A8')

    fireEvent.click(
      within((await screen.findByText('周敏')).closest('.member-row') as HTMLElement).getByText('邀请'),
    )
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/org/invite/index?id=21' })
  })

  function joinRequestsApi(decided: string[]) {
    return fakeApi({
      'GET /api/members': { status: 200, body: { items: [rosterMember()], nextCursor: null } },
      'GET /api/join-requests': () => ({
        status: 200,
        body: {
          items: [joinRequest(), joinRequest({ id: 6, name: '吴来访', note: '' })].filter(
            (request) => !decided.includes(String(request.id)),
          ),
          nextCursor: null,
        },
      }),
      'POST /api/join-requests/5/approve': () => {
        decided.push('5')
        return { status: 200, body: joinRequest({ status: 'approved' }) }
      },
      'POST /api/join-requests/6/reject': () => {
        decided.push('6')
        return { status: 200, body: joinRequest({ id: 6, status: 'rejected' }) }
      },
    })
  }

  it('approves a join request', async () => {
    signIn('token-2', secretary)
    const calls = joinRequestsApi([])
    render(<BranchMembersPage />)
    await screen.findByText('林晓帆')
    fireEvent.click(screen.getByText('入支部申请'))
    const first = (await screen.findByText('周新人')).closest('.join-request') as HTMLElement
    expect(first).toHaveTextContent('10月入职，研发部')
    fireEvent.click(within(first).getByText('同意'))
    await waitFor(() =>
      expect(calls.some((call) => call.url.endsWith('/api/join-requests/5/approve'))).toBe(true),
    )
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已同意' }))
  })

  it('refuses a join request only with a reason', async () => {
    signIn('token-2', secretary)
    const calls = joinRequestsApi([])
    render(<BranchMembersPage />)
    await screen.findByText('林晓帆')
    fireEvent.click(screen.getByText('入支部申请'))
    const second = (await screen.findByText('吴来访')).closest('.join-request') as HTMLElement
    fireEvent.click(within(second).getByText('拒绝'))
    fireEvent.click(within(second).getByText('确认拒绝'))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请填写拒绝理由' }))
    expect(calls.some((call) => call.url.endsWith('/reject'))).toBe(false)
    fire(second.querySelector('.join-request__reason') as Element, 'input', '不是本企业员工')
    fireEvent.click(within(second).getByText('确认拒绝'))
    await waitFor(() => expect(calls.some((call) => call.url.endsWith('/reject'))).toBe(true))
    expect(calls.find((call) => call.url.endsWith('/reject'))?.body).toEqual({ reason: '不是本企业员工' })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已拒绝' }))
  })

  it('is not for members', () => {
    signIn('token-7', member)
    render(<BranchMembersPage />)
    expect(screen.getByText('仅支部书记可以管理支部成员')).toBeInTheDocument()
  })
})

describe('组织管理', () => {
  beforeEach(() => {
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('shows the park’s companies, branches, roster filters and the audit log', async () => {
    signIn('token-1', parkAdmin)
    const calls = fakeApi({
      'GET /api/companies': {
        status: 200,
        body: {
          items: [
            company(),
            company({
              id: 11,
              name: '小满设计',
              partyOrg: 'joint',
              branch: { id: 9, name: '创新园第一联合党支部' },
            }),
            company({
              id: 13,
              name: '青禾数据',
              partyOrg: 'none',
              branch: null,
              instructor: { id: 30, name: '何指导' },
            }),
          ],
          nextCursor: null,
        },
      },
      'GET /api/branches': {
        status: 200,
        body: {
          items: [
            branch(),
            branch({
              id: 9,
              name: '创新园第一联合党支部',
              kind: 'joint',
              companies: [
                { id: 11, name: '小满设计' },
                { id: 12, name: '拾光文化' },
              ],
              secretary: null,
              memberCount: 4,
            }),
          ],
          nextCursor: null,
        },
      },
      'GET /api/members': { status: 200, body: { items: [rosterMember()], nextCursor: null } },
      'GET /api/audit-log': {
        status: 200,
        body: {
          items: [
            {
              id: 1,
              actor: { id: 1, name: '郑园区' },
              action: 'member.update',
              entity: 'member',
              entityId: 7,
              before: { phone: '138****0007', active: true },
              after: { phone: '139****0007', active: true },
              at: '2026-11-21T06:00:00.000Z',
            },
          ],
          nextCursor: null,
        },
      },
    })
    const { container } = render(<OrgManagePage />)
    const qingHe = (await screen.findByText('青禾数据')).closest('.company-row') as HTMLElement
    expect(qingHe).toHaveTextContent('未建立党组织')
    expect(qingHe).toHaveTextContent('党建工作指导员：何指导')
    expect(screen.getByText('小满设计').closest('.company-row')).toHaveTextContent('联合党支部')

    fireEvent.click(screen.getByText('支部'))
    const joint = screen.getByText('创新园第一联合党支部').closest('.branch-row') as HTMLElement
    expect(joint).toHaveTextContent('联合支部')
    expect(joint).toHaveTextContent('书记：未设置')
    expect(joint).toHaveTextContent('小满设计、拾光文化')

    fireEvent.click(screen.getByText('名册'))
    await screen.findByText('林晓帆')
    const branchFilter = container
      .querySelector('.roster__branch-filter')
      ?.closest('taro-picker-core') as Element
    fire(branchFilter, 'change', 2)
    await waitFor(() => expect(calls[calls.length - 1].url).toContain('branchId=9'))

    fireEvent.click(screen.getByText('日志'))
    const entry = (await screen.findByText('成员 · 修改')).closest('.audit-row') as HTMLElement
    expect(entry).toHaveTextContent('郑园区')
    expect(entry).toHaveTextContent('手机号：138****0007 → 139****0007')
    expect(entry).not.toHaveTextContent('在册')
  })

  it('is for park admins only', () => {
    signIn('token-2', secretary)
    render(<OrgManagePage />)
    expect(screen.getByText('仅园区管理员可以进行组织管理')).toBeInTheDocument()
  })
})
