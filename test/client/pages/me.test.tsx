import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import MePage from '@/pages/me'
import { saveSession } from '@/stores/session'
import { fakeApi } from '../fake-fetch'
import { ceo, healthPackage, member, meSummary, parkAdmin, secretary } from '../fixtures'

describe('我的', () => {
  let navigateTo: jest.SpyInstance

  beforeEach(() => {
    jest.useFakeTimers({
      now: Date.parse('2026-11-25T06:00:00.000Z'),
      doNotFake: ['setTimeout', 'nextTick', 'setImmediate', 'queueMicrotask'],
    })
    navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => {
    jest.useRealTimers()
    jest.restoreAllMocks()
  })

  it('a CEO claims the health package and is taken to the pickup code', async () => {
    saveSession('token-3', ceo)
    let claimed = false
    const calls = fakeApi({
      'GET /api/me': { status: 200, body: ceo },
      'GET /api/me/summary': () => ({
        status: 200,
        body: meSummary(ceo, {
          healthPackage: claimed
            ? healthPackage({ remaining: 5, myClaim: { code: 'AB3DEF7H', status: 'claimed' } })
            : healthPackage(),
        }),
      }),
      'POST /api/health-packages/1/claim': () => {
        claimed = true
        return { status: 201, body: { code: 'AB3DEF7H', status: 'claimed' } }
      },
    })
    const { container } = render(<MePage />)
    const button = await waitFor(() => {
      const found = container.querySelector('.health-package-card__action')
      expect(found).toHaveTextContent('领取')
      return found as HTMLElement
    })
    expect(container.querySelector('.health-package-card')).toHaveTextContent('剩余 6 / 共 10 份')

    fireEvent.click(button)
    await waitFor(() =>
      expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/health/pickup/index?id=1&code=AB3DEF7H' }),
    )
    await waitFor(() =>
      expect(container.querySelector('.health-package-card__state')).toHaveTextContent('已领取'),
    )
    const claim = calls.find((call) => call.method === 'POST')
    expect(claim?.headers['Idempotency-Key']).toBeTruthy()
  })

  it('shows 已抢完 when the last one went to someone else', async () => {
    saveSession('token-3', ceo)
    let gone = false
    fakeApi({
      'GET /api/me': { status: 200, body: ceo },
      'GET /api/me/summary': () => ({
        status: 200,
        body: meSummary(ceo, {
          healthPackage: healthPackage(gone ? { remaining: 0, status: 'sold_out' } : { remaining: 1 }),
        }),
      }),
      'POST /api/health-packages/1/claim': () => {
        gone = true
        return { status: 410, body: { error: { code: 'OUT_OF_STOCK', message: '大礼包已被领完' } } }
      },
    })
    const { container } = render(<MePage />)
    fireEvent.click(await screen.findByText('领取'))
    await waitFor(() =>
      expect(container.querySelector('.health-package-card__state')).toHaveTextContent('已抢完'),
    )
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '大礼包已被领完' }))
    expect(container.querySelector('.health-package-card__action')).toBeNull()
  })

  it('tells a member who is not a CEO why, and offers 我的报名', async () => {
    saveSession('token-1', member)
    fakeApi({
      'GET /api/me': { status: 200, body: member },
      'GET /api/me/summary': {
        status: 200,
        body: meSummary(member, {
          healthPackage: healthPackage({ eligible: false, ineligibleReason: '仅限园区企业党员CEO领取' }),
        }),
      },
    })
    const { container } = render(<MePage />)
    expect(await screen.findByText('仅限园区企业党员CEO领取')).toBeInTheDocument()
    expect(container.querySelector('.health-package-card__action')).toBeNull()
    expect(screen.queryByText('发布活动')).toBeNull()
    fireEvent.click(screen.getByText('我的报名'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/event/my-signups/index' })
  })

  it('offers the organiser tools to secretaries, and the package tools to park admins', async () => {
    saveSession('token-2', secretary)
    fakeApi({
      'GET /api/me': { status: 200, body: secretary },
      'GET /api/me/summary': { status: 200, body: meSummary(secretary) },
    })
    const first = render(<MePage />)
    expect(await screen.findByText('发布活动')).toBeInTheDocument()
    expect(screen.getByText('活动管理')).toBeInTheDocument()
    expect(screen.queryByText('核销取件码')).toBeNull()
    first.unmount()

    saveSession('token-9', parkAdmin)
    fakeApi({
      'GET /api/me': { status: 200, body: parkAdmin },
      'GET /api/me/summary': { status: 200, body: meSummary(parkAdmin, { healthPackage: healthPackage() }) },
    })
    render(<MePage />)
    fireEvent.click(await screen.findByText('核销取件码'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/redeem/index' })
    expect(screen.getByText('新建大礼包批次')).toBeInTheDocument()
  })
})
