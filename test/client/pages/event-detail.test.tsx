import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { EventDetail } from '../../../types/api'
import EventDetailPage from '@/packages/event/detail'
import { APP_EVENTS } from '@/utils/events'
import { fakeApi, type FakeResponse } from '../fake-fetch'
import { eventDetail, member, signIn } from '../fixtures'

function openPage(id: number) {
  ;(Current as { router: unknown }).router = {
    params: { id: String(id) },
    path: '/packages/event/detail/index',
  }
  return render(<EventDetailPage />)
}

const action = (container: HTMLElement) => container.querySelector('.event-detail__action') as HTMLElement
const state = (container: HTMLElement) => container.querySelector('.event-detail__state')

describe('活动详情', () => {
  let showToast: jest.SpyInstance
  let showModal: jest.SpyInstance

  beforeEach(() => {
    signIn('token-1', member)
    showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    showModal = jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('shows the facts: title, category, time range, venue, organiser, places, deadlines, description', async () => {
    fakeApi({
      'GET /api/events/12': {
        status: 200,
        body: eventDetail({ branch: { id: 3, name: '云栈科技党支部' }, waitlistCount: 0 }),
      },
    })
    const { container } = openPage(12)
    expect(await screen.findByText('青创沙龙第八期：90后员工如何做好职业规划')).toBeInTheDocument()
    expect(screen.getByText('青创沙龙')).toBeInTheDocument()
    expect(container).toHaveTextContent('11月24日 周二 14:00–16:00')
    expect(container).toHaveTextContent('创新驿站二楼多功能厅')
    expect(container.querySelector('.event-detail__organiser')).toHaveTextContent('云栈科技党支部')
    expect(container).toHaveTextContent('报名人数 56 / 60')
    expect(container.querySelector('.event-detail__signup-deadline')).toHaveTextContent('11月24日 周二 14:00')
    expect(container.querySelector('.event-detail__cancel-deadline')).toHaveTextContent('11月24日 周二 12:00')
    expect(screen.getByText('现场交流，名额有限。')).toBeInTheDocument()
    expect(action(container)).toHaveTextContent('报名')
    expect(state(container)).toBeNull()
    expect(screen.queryByText('管理活动')).toBeNull()
  })

  it('报名 shows 已报名 from the answer at once, then the new counts', async () => {
    let signedUp = false
    let releaseSignup: () => void = () => undefined
    const calls = fakeApi({
      'GET /api/events/12': () => ({
        status: 200,
        body: signedUp
          ? eventDetail({ confirmedCount: 57, mySignup: { status: 'confirmed' } })
          : eventDetail(),
      }),
      'POST /api/events/12/signup': () =>
        new Promise<FakeResponse>((resolve) => {
          releaseSignup = () => {
            signedUp = true
            resolve({ status: 201, body: { status: 'confirmed' } })
          }
        }),
    })
    const changed = jest.fn()
    Taro.eventCenter.on(APP_EVENTS.eventChanged, changed)
    const { container } = openPage(12)
    await screen.findByText('剩余4个名额')

    fireEvent.click(action(container))
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true))
    releaseSignup()

    await waitFor(() => expect(state(container)).toHaveTextContent('已报名'))
    await waitFor(() => expect(container).toHaveTextContent('报名人数 57 / 60'))
    expect(action(container)).toHaveTextContent('取消报名')
    expect(changed).toHaveBeenCalledWith(
      expect.objectContaining({ id: 12, mySignup: { status: 'confirmed' } }),
    )
    Taro.eventCenter.off(APP_EVENTS.eventChanged, changed)
  })

  it('报名 on a full event shows 候补第3位 when the server puts me third', async () => {
    const full = eventDetail({ status: 'full', confirmedCount: 60, waitlistCount: 2 })
    let detail: EventDetail = full
    fakeApi({
      'GET /api/events/12': () => ({ status: 200, body: detail }),
      'POST /api/events/12/signup': () => {
        detail = { ...full, waitlistCount: 3, mySignup: { status: 'waitlisted', position: 3 } }
        return { status: 201, body: { status: 'waitlisted', position: 3 } }
      },
    })
    const { container } = openPage(12)
    expect(await screen.findByText('名额已满，可排队候补')).toBeInTheDocument()
    // The server says full: the button offers a waitlist place.
    expect(action(container)).toHaveTextContent(/^候补$/)

    fireEvent.click(action(container))
    await waitFor(() => expect(state(container)).toHaveTextContent('候补第3位'))
    expect(action(container)).toHaveTextContent('退出候补')
  })

  it('取消报名 asks first, then cancels and offers 报名 again', async () => {
    let cancelled = false
    const calls = fakeApi({
      'GET /api/events/12': () => ({
        status: 200,
        body: cancelled ? eventDetail() : eventDetail({ mySignup: { status: 'confirmed' } }),
      }),
      'DELETE /api/events/12/signup': () => {
        cancelled = true
        return { status: 200, body: { status: 'cancelled' } }
      },
    })
    const { container } = openPage(12)
    await waitFor(() => expect(state(container)).toHaveTextContent('已报名'))

    showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    fireEvent.click(action(container))
    await waitFor(() => expect(showModal).toHaveBeenCalledTimes(1))
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '取消报名' }))
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false)

    fireEvent.click(action(container))
    await waitFor(() => expect(calls.some((call) => call.method === 'DELETE')).toBe(true))
    await waitFor(() => expect(state(container)).toBeNull())
    expect(action(container)).toHaveTextContent('报名')
  })

  it('a waitlist place is given up with 退出候补', async () => {
    fakeApi({
      'GET /api/events/12': {
        status: 200,
        body: eventDetail({ status: 'full', mySignup: { status: 'waitlisted', position: 2 } }),
      },
    })
    const { container } = openPage(12)
    await waitFor(() => expect(state(container)).toHaveTextContent('候补第2位'))
    fireEvent.click(action(container))
    await waitFor(() =>
      expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '退出候补' })),
    )
  })

  it.each([
    [409, 'ALREADY_SIGNED_UP', '你已报名该活动'],
    [422, 'SIGNUP_CLOSED', '报名已截止'],
  ])('shows the server’s words in a toast for %i %s', async (status, code, message) => {
    fakeApi({
      'GET /api/events/12': { status: 200, body: eventDetail() },
      'POST /api/events/12/signup': { status, body: { error: { code, message } } },
    })
    const { container } = openPage(12)
    await screen.findByText('剩余4个名额')
    fireEvent.click(action(container))
    await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: message })))
    expect(state(container)).toBeNull()
  })

  it('shows 422 CANCEL_DEADLINE_PASSED in a toast and keeps the signup', async () => {
    fakeApi({
      'GET /api/events/12': { status: 200, body: eventDetail({ mySignup: { status: 'confirmed' } }) },
      'DELETE /api/events/12/signup': {
        status: 422,
        body: { error: { code: 'CANCEL_DEADLINE_PASSED', message: '已过取消截止时间，无法取消报名' } },
      },
    })
    const { container } = openPage(12)
    await waitFor(() => expect(state(container)).toHaveTextContent('已报名'))
    fireEvent.click(action(container))
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '已过取消截止时间，无法取消报名' }),
      ),
    )
    expect(state(container)).toHaveTextContent('已报名')
  })

  it.each([
    ['closed', '已截止'],
    ['cancelled', '已取消'],
    ['ended', '已结束'],
  ] as const)('a %s event offers no action: the button says %s and is disabled', async (status, label) => {
    fakeApi({ 'GET /api/events/12': { status: 200, body: eventDetail({ status }) } })
    const { container } = openPage(12)
    await waitFor(() => expect(action(container)).toHaveTextContent(label))
    expect(action(container)).toHaveAttribute('disabled')
  })

  it('offers 管理活动 to the organiser', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    fakeApi({ 'GET /api/events/12': { status: 200, body: eventDetail({ canManage: true }) } })
    openPage(12)
    fireEvent.click(await screen.findByText('管理活动'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/attendees/index?id=12' })
  })
})
