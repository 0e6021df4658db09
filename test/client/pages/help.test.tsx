import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { HelpRequestDetail, HelpRequestSummary } from '../../../types/api'
import HelpDetailPage from '@/packages/help/detail'
import HelpIndexPage from '@/packages/help/index'
import HelpNewPage from '@/packages/help/new'
import { fakeApi } from '../fake-fetch'
import { member, parkAdmin, signIn } from '../fixtures'

function summary(overrides: Partial<HelpRequestSummary> = {}): HelpRequestSummary {
  return {
    id: 9,
    company: { id: 3, name: '云栈科技' },
    requester: { id: 7, name: '林晓帆' },
    category: 'tax',
    categoryName: '税务',
    title: '研发费用加计扣除怎么申报',
    status: 'submitted',
    priority: 'high',
    assignee: null,
    createdAt: '2026-11-24T02:00:00.000Z',
    updatedAt: '2026-11-24T02:00:00.000Z',
    timing: {
      responseDueAt: '2026-11-25T02:00:00.000Z',
      firstResponseAt: null,
      responseOverdue: false,
      resolutionDueAt: '2026-12-01T02:00:00.000Z',
      resolvedAt: null,
      resolutionOverdue: false,
    },
    ...overrides,
  }
}

function detail(overrides: Partial<HelpRequestDetail> = {}): HelpRequestDetail {
  return {
    ...summary(),
    body: '想了解申报口径和需要的材料',
    replies: [],
    history: [
      {
        id: 1,
        kind: 'submitted',
        fromStatus: null,
        toStatus: 'submitted',
        actor: { id: 7, name: '林晓帆' },
        assignee: null,
        at: '2026-11-24T02:00:00.000Z',
      },
    ],
    rating: null,
    photos: [],
    actions: { reply: true, assign: false, status: ['closed'], rate: false, photos: false },
    ...overrides,
  }
}

function type(container: HTMLElement, selector: string, value: string) {
  const field = container.querySelector(selector) as HTMLElement
  fireEvent(field, new CustomEvent('input', { bubbles: true, detail: { value } }))
}

const openDetail = (id: number) => {
  ;(Current as { router: unknown }).router = {
    params: { id: String(id) },
    path: '/packages/help/detail/index',
  }
}

describe('红e帮帮团', () => {
  beforeEach(() => {
    jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('a member files a request: category, title with its counter, description; the 红色服务通道 is said', async () => {
    signIn('token-7', member)
    const calls = fakeApi({
      'POST /api/help-requests': { status: 201, body: { id: 9, status: 'submitted', priority: 'high' } },
    })
    const { container } = render(<HelpNewPage />)
    expect(screen.getAllByRole('radio').map((chip) => chip.textContent)).toEqual([
      '政策咨询',
      '税务',
      '融资',
      '人才招聘',
      '场地',
      '其他',
    ])
    fireEvent.click(screen.getByText('提交求助'))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请选择求助类别' }))
    fireEvent.click(screen.getByText('税务'))
    type(container, '.help-form__title', '研发费用加计扣除')
    expect(screen.getByText('8/40')).toBeTruthy()
    type(container, '.help-form__body', '想了解申报口径')
    fireEvent.click(screen.getByText('提交求助'))
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/help/detail/index?id=9' }),
    )
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      category: 'tax',
      title: '研发费用加计扣除',
      body: '想了解申报口径',
    })
    expect(Taro.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '已提交，走红色服务通道优先办理' }),
    )
  })

  it('the park admin’s queue opens on 待分派 and shows what is late', async () => {
    signIn('token-1', parkAdmin)
    const calls = fakeApi({
      'GET /api/help-requests': {
        status: 200,
        body: {
          items: [
            summary({ timing: { ...summary().timing, responseOverdue: true } }),
            summary({ id: 10, priority: 'normal', title: '需要扩租办公场地', categoryName: '场地' }),
          ],
          nextCursor: null,
        },
      },
    })
    const { container } = render(<HelpIndexPage />)
    await screen.findByText('需要扩租办公场地')
    expect(calls[0]!.url).toContain('status=submitted')
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual([
      '待分派',
      '未办结',
      '已解决',
      '全部',
    ])
    const cards = container.querySelectorAll('.help-request-card')
    expect(cards[0]).toHaveTextContent('红色服务通道')
    expect(cards[0]!.querySelector('.help-card__due--late')).toHaveTextContent('首次答复已超时')
    expect(cards[1]).not.toHaveTextContent('红色服务通道')
    // A park admin without a company of their own files nothing.
    expect(screen.queryByText('我要求助')).toBeNull()
  })

  it('the park admin assigns from the picker; only the actions the server allows show', async () => {
    signIn('token-1', parkAdmin)
    openDetail(9)
    const calls = fakeApi({
      'GET /api/help-requests/9': {
        status: 200,
        body: detail({
          actions: { reply: true, assign: true, status: ['closed'], rate: false, photos: false },
        }),
      },
      'GET /api/help-requests/helpers': {
        status: 200,
        body: [
          { id: 31, name: '陈思远', openCount: 2 },
          { id: 32, name: '王慧敏', openCount: 0 },
        ],
      },
      'POST /api/help-requests/9/assign': {
        status: 200,
        body: detail({
          status: 'assigned',
          assignee: { id: 31, name: '陈思远' },
          actions: {
            reply: true,
            assign: true,
            status: ['in_progress', 'resolved', 'closed'],
            rate: false,
            photos: false,
          },
        }),
      },
    })
    const { container } = render(<HelpDetailPage />)
    await screen.findByText('在办 2 件')
    expect(container.querySelectorAll('.help-action')).toHaveLength(1)
    fireEvent.click(screen.getByText('陈思远'))
    await screen.findByText('负责人：陈思远')
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ helperId: 31 })
    expect(screen.getByText('开始处理')).toBeTruthy()
    expect(screen.getByText('当前负责人')).toBeTruthy()
  })

  it('the requester rates a resolved request once, with stars and a comment', async () => {
    signIn('token-7', member)
    openDetail(9)
    const resolved = detail({
      status: 'resolved',
      assignee: { id: 31, name: '陈思远' },
      replies: [
        {
          id: 4,
          author: { id: 31, name: '陈思远' },
          side: 'helper',
          body: '需要立项书和费用台账',
          createdAt: '2026-11-24T05:00:00.000Z',
        },
      ],
      actions: { reply: true, assign: false, status: ['closed', 'reopened'], rate: true, photos: false },
    })
    const calls = fakeApi({
      'GET /api/help-requests/9': { status: 200, body: resolved },
      'POST /api/help-requests/9/rating': {
        status: 201,
        body: {
          ...resolved,
          rating: { score: 4, comment: '很及时', createdAt: '2026-11-24T06:00:00.000Z' },
          actions: { ...resolved.actions, rate: false },
        },
      },
    })
    const { container } = render(<HelpDetailPage />)
    await screen.findByText('需要立项书和费用台账')
    expect(container.querySelector('.help-reply--helper')).toHaveTextContent('帮帮团')
    fireEvent.click(screen.getByText('提交评价'))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请选择星级' }))
    fireEvent.click(screen.getByLabelText('4 星'))
    type(container, '.help-rating-form__comment', '很及时')
    fireEvent.click(screen.getByText('提交评价'))
    await screen.findByText('求助人评价')
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ score: 4, comment: '很及时' })
    expect(screen.queryByText('提交评价')).toBeNull()
  })
})
