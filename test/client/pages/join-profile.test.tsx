import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import JoinProfilePage from '@/packages/join/profile'
import { getSession } from '@/stores/session'
import { fakeApi } from '../fake-fetch'
import { member, signIn } from '../fixtures'
import { branch, newcomer } from '../org-fixtures'

function fire(element: Element, type: string, value: string | number) {
  fireEvent(element, new CustomEvent(type, { bubbles: true, detail: { value } }))
}

function pickerOf(container: HTMLElement, className: string): Element {
  return container.querySelector(`.${className}`)?.closest('taro-picker-core') as Element
}

describe('完善信息', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    ;(Current as { router: unknown }).router = { params: {}, path: '/packages/join/profile/index' }
    const original = console.error
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (args[0] instanceof TypeError && args[0].message.includes("reading 'value'")) return
      original(...args)
    })
  })
  afterEach(() => {
    jest.useRealTimers()
    jest.restoreAllMocks()
  })

  it('on H5 says the phone-number check needs WeChat, and binds with an invite code', async () => {
    signIn('token-40', newcomer)
    const calls = fakeApi({
      'GET /api/me': { status: 200, body: newcomer },
      'GET /api/branches': { status: 200, body: { items: [branch()], nextCursor: null } },
      'POST /api/me/bind': { status: 200, body: { token: 'token-7', user: member } },
    })
    const { container } = render(<JoinProfilePage />)
    expect(await screen.findByText(/手机号快速验证仅在微信小程序中可用/)).toBeInTheDocument()
    expect(screen.queryByText('扫描邀请二维码')).toBeNull()

    fire(container.querySelector('.join-option__invite-code') as Element, 'input', 'AB12CD34')
    fireEvent.click(screen.getByText('使用邀请码加入'))
    await waitFor(() => expect(getSession()?.token).toBe('token-7'))
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ inviteCode: 'AB12CD34' })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已加入支部' }))
    jest.advanceTimersByTime(1500)
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })

  it('fills the code from an invite link and says why an expired one fails', async () => {
    signIn('token-40', newcomer)
    ;(Current as { router: unknown }).router = {
      params: { invite: 'ZZ99ZZ99' },
      path: '/packages/join/profile/index',
    }
    const calls = fakeApi({
      'GET /api/me': { status: 200, body: newcomer },
      'GET /api/branches': { status: 200, body: { items: [], nextCursor: null } },
      'POST /api/me/bind': {
        status: 422,
        body: { error: { code: 'INVITE_INVALID', message: 'invite invalid' } },
      },
    })
    render(<JoinProfilePage />)
    fireEvent.click(await screen.findByText('使用邀请码加入'))
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '邀请码无效或已过期，请向支部书记重新获取' }),
      ),
    )
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ inviteCode: 'ZZ99ZZ99' })
    expect(getSession()?.token).toBe('token-40')
  })

  it('asks to join a company’s branch, then shows 申请审核中', async () => {
    signIn('token-40', newcomer)
    let pending = false
    const joint = branch({
      id: 9,
      name: '创新园第一联合党支部',
      kind: 'joint',
      companies: [
        { id: 11, name: '小满设计' },
        { id: 12, name: '拾光文化' },
      ],
    })
    const calls = fakeApi({
      'GET /api/me': () => ({
        status: 200,
        body: pending
          ? {
              ...newcomer,
              joinRequest: {
                id: 5,
                status: 'pending',
                company: { id: 12, name: '拾光文化' },
                branch: { id: 9, name: '创新园第一联合党支部' },
                reason: null,
                createdAt: '2026-11-21T06:00:00.000Z',
              },
            }
          : newcomer,
      }),
      'GET /api/branches': { status: 200, body: { items: [branch(), joint], nextCursor: null } },
      'POST /api/join-requests': () => {
        pending = true
        return { status: 201, body: { id: 5, status: 'pending' } }
      },
    })
    const { container } = render(<JoinProfilePage />)
    await waitFor(() =>
      expect(container.querySelector('.join-option__company')).toHaveTextContent('请选择企业'),
    )

    fireEvent.click(screen.getByText('提交申请'))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请选择所在企业' }))

    // 云栈科技, then the joint branch's two companies: 拾光文化 is the third.
    fire(pickerOf(container, 'join-option__company'), 'change', 2)
    expect(container.querySelector('.join-option__branch')).toHaveTextContent('创新园第一联合党支部')
    fire(container.querySelector('.join-option__name') as Element, 'input', '周新人')
    fire(container.querySelector('.join-option__phone') as Element, 'input', '13900000005')
    fire(container.querySelector('.join-option__note') as Element, 'input', '10月入职')
    fireEvent.click(screen.getByText('提交申请'))

    expect(await screen.findByText('申请审核中')).toBeInTheDocument()
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      companyId: 12,
      branchId: 9,
      name: '周新人',
      phone: '13900000005',
      note: '10月入职',
    })
    await waitFor(() => expect(screen.getByText(/你申请加入创新园第一联合党支部/)).toBeInTheDocument())
    expect(screen.queryByText('提交申请')).toBeNull()
  })

  it('shows the secretary’s reason for a refused request, and lets them ask again', async () => {
    const refused = {
      ...newcomer,
      joinRequest: {
        id: 5,
        status: 'rejected' as const,
        company: { id: 3, name: '云栈科技' },
        branch: { id: 3, name: '云栈科技党支部' },
        reason: '名册中查无此人，请先联系人事部',
        createdAt: '2026-11-20T02:00:00.000Z',
      },
    }
    signIn('token-40', refused)
    fakeApi({
      'GET /api/me': { status: 200, body: refused },
      'GET /api/branches': { status: 200, body: { items: [branch()], nextCursor: null } },
    })
    render(<JoinProfilePage />)
    expect(await screen.findByText('入支部申请未通过')).toBeInTheDocument()
    expect(screen.getByText(/名册中查无此人，请先联系人事部/)).toBeInTheDocument()
    expect(screen.getByText('提交申请')).toBeInTheDocument()
  })

  it('tells someone already on the roster so', async () => {
    signIn('token-7', member)
    fakeApi({ 'GET /api/me': { status: 200, body: member } })
    render(<JoinProfilePage />)
    expect(await screen.findByText('你已在园区名册中')).toBeInTheDocument()
    expect(screen.getByText('所在支部：云栈科技党支部')).toBeInTheDocument()
  })
})
