import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import AttendeesPage from '@/packages/admin/attendees'
import { fakeApi } from '../fake-fetch'
import { eventDetail, secretary, signIn } from '../fixtures'

const PAYLOAD = 'REDE1.WzcsMTc2NDA1MjQwMF0.c2lnbmF0dXJl'

function attendee(checkedInAt?: string) {
  return {
    member: { id: 7, name: '林晓帆', branch: { id: 3, name: '云栈科技党支部' } },
    status: 'confirmed',
    signedUpAt: '2026-11-20T02:00:00.000Z',
    ...(checkedInAt ? { checkedInAt } : {}),
  }
}

function openPage() {
  ;(Current as { router: unknown }).router = { params: { id: '12' }, path: '/packages/admin/attendees/index' }
  return render(<AttendeesPage />)
}

function paste(container: HTMLElement, value: string) {
  const input = container.querySelector('.card-scanner__input') as HTMLElement
  fireEvent(input, new CustomEvent('input', { bubbles: true, detail: { value } }))
}

describe('扫码签到 at the event door', () => {
  beforeEach(() => {
    signIn('token-2', secretary)
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    const original = console.error
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (args[0] instanceof TypeError && args[0].message.includes("reading 'value'")) return
      original(...args)
    })
  })
  afterEach(() => jest.restoreAllMocks())

  it('checks the member in, says so by name and shows the sign-in time in the list', async () => {
    let checkedIn = false
    const calls = fakeApi({
      'GET /api/events/12': { status: 200, body: eventDetail({ canManage: true }) },
      'GET /api/events/12/attendees': () => ({
        status: 200,
        body: { items: [attendee(checkedIn ? '2026-11-24T05:55:00.000Z' : undefined)], nextCursor: null },
      }),
      'POST /api/events/12/checkins': () => {
        checkedIn = true
        return {
          status: 201,
          body: {
            member: { id: 7, name: '林晓帆', branch: { id: 3, name: '云栈科技党支部' } },
            checkedInAt: '2026-11-24T05:55:00.000Z',
            pointsAwarded: 3,
          },
        }
      },
    })
    const { container } = openPage()
    fireEvent.click(await screen.findByText('扫码签到'))
    paste(container, PAYLOAD)
    fireEvent.click(screen.getByText('签到'))

    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '签到成功 · 林晓帆' })),
    )
    await waitFor(() =>
      expect(container.querySelector('.attendee__checked-in')?.textContent).toBe('签到：11月24日 周二 13:55'),
    )
    expect(container.querySelector('.door-checkin__result--ok')).toHaveTextContent('获得 3 积分')
    const post = calls.find((call) => call.method === 'POST')
    expect(post?.body).toEqual({ payload: PAYLOAD })
    expect(post?.headers['Idempotency-Key']).toBeTruthy()
  })

  it.each([
    [409, 'ALREADY_CHECKED_IN', '该成员已签到过', '该成员已签到，无需重复签到'],
    [422, 'NOT_SIGNED_UP', '该成员没有报名此活动', '该成员没有报名此活动'],
    [422, 'CARD_EXPIRED', '名片二维码已过期', '名片已过期'],
  ])('shows %i %s clearly', async (status, code, message, shown) => {
    fakeApi({
      'GET /api/events/12': { status: 200, body: eventDetail({ canManage: true }) },
      'GET /api/events/12/attendees': { status: 200, body: { items: [attendee()], nextCursor: null } },
      'POST /api/events/12/checkins': { status, body: { error: { code, message } } },
    })
    const { container } = openPage()
    fireEvent.click(await screen.findByText('扫码签到'))
    paste(container, PAYLOAD)
    fireEvent.click(screen.getByText('签到'))
    await waitFor(() =>
      expect(container.querySelector('.door-checkin__result--error')?.textContent).toBe(`签到失败：${shown}`),
    )
  })
})
