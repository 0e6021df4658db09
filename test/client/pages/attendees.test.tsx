import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import AttendeesPage from '@/packages/admin/attendees'
import { fakeApi } from '../fake-fetch'
import { eventDetail, secretary, signIn } from '../fixtures'

const attendees = [
  {
    member: { id: 7, name: '林晓帆', branch: { id: 3, name: '云栈科技党支部' } },
    status: 'confirmed',
    signedUpAt: '2026-11-20T02:00:00.000Z',
    checkedInAt: '2026-11-24T05:55:00.000Z',
  },
  {
    member: { id: 8, name: '周子航', branch: { id: 3, name: '云栈科技党支部' } },
    status: 'waitlisted',
    position: 1,
    signedUpAt: '2026-11-20T03:00:00.000Z',
  },
]

function openPage() {
  ;(Current as { router: unknown }).router = { params: { id: '12' }, path: '/packages/admin/attendees/index' }
  return render(<AttendeesPage />)
}

describe('报名名单', () => {
  beforeEach(() => {
    signIn('token-2', secretary)
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('lists attendees with status, branch and times, and counts them', async () => {
    fakeApi({
      'GET /api/events/12': {
        status: 200,
        body: eventDetail({
          canManage: true,
          confirmedCount: 1,
          capacity: 1,
          status: 'full',
          waitlistCount: 1,
        }),
      },
      'GET /api/events/12/attendees': { status: 200, body: { items: attendees, nextCursor: null } },
    })
    const { container } = openPage()
    await screen.findByText('林晓帆')
    const rows = container.querySelectorAll('.attendee')
    expect(rows).toHaveLength(2)
    expect(rows[0]).toHaveTextContent('已报名')
    expect(rows[0]).toHaveTextContent('云栈科技党支部')
    expect(rows[0]).toHaveTextContent('报名：11月20日 周五 10:00')
    expect(rows[0]).toHaveTextContent('签到：11月24日 周二 13:55')
    expect(rows[1]).toHaveTextContent('候补第1位')
    expect(container.querySelector('.attendees-summary')).toHaveTextContent('1/1')

    // Search over the list, by name.
    const search = container.querySelector('.attendees-page__search') as Element
    fireEvent(search, new CustomEvent('input', { bubbles: true, detail: { value: '子航' } }))
    await waitFor(() => expect(container.querySelectorAll('.attendee')).toHaveLength(1))
    expect(container.querySelector('.attendee')).toHaveTextContent('周子航')
    fireEvent(search, new CustomEvent('input', { bubbles: true, detail: { value: '张三' } }))
    expect(await screen.findByText('没有找到“张三”')).toBeInTheDocument()
  })

  it('导出CSV downloads the list with the token as 活动报名名单-<id>.csv', async () => {
    const calls = fakeApi({
      'GET /api/events/12': { status: 200, body: eventDetail({ canManage: true }) },
      'GET /api/events/12/attendees': (call) =>
        call.url.includes('format=csv')
          ? { status: 200, body: '姓名,支部\n林晓帆,云栈科技党支部\n' }
          : { status: 200, body: { items: attendees, nextCursor: null } },
    })
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:csv')
    const revokeObjectURL = jest.fn()
    Object.assign(URL, { createObjectURL, revokeObjectURL })
    const clicked: HTMLAnchorElement[] = []
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this)
    })

    openPage()
    fireEvent.click(await screen.findByText('导出CSV'))
    await waitFor(() => expect(clicked).toHaveLength(1))
    expect(clicked[0].download).toBe('活动报名名单-12.csv')
    const csvCall = calls.find((call) => call.url.includes('format=csv'))
    expect(csvCall?.headers.Authorization).toBe('Bearer token-2')
    const blob = createObjectURL.mock.calls[0][0]
    expect(blob.type).toBe('text/csv;charset=utf-8')
  })

  it('取消活动 asks first, then shows the event as cancelled', async () => {
    const showModal = jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    let cancelled = false
    const detail = () => eventDetail({ canManage: true, status: cancelled ? 'cancelled' : 'open' })
    const calls = fakeApi({
      'GET /api/events/12': () => ({ status: 200, body: detail() }),
      'GET /api/events/12/attendees': { status: 200, body: { items: [], nextCursor: null } },
      'DELETE /api/events/12': () => {
        cancelled = true
        return { status: 200, body: detail() }
      },
    })
    openPage()
    fireEvent.click(await screen.findByText('取消活动'))
    expect(await screen.findByText('此活动已取消')).toBeInTheDocument()
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '取消活动' }))
    expect(calls.some((call) => call.method === 'DELETE')).toBe(true)
    expect(screen.queryByText('编辑活动')).toBeNull()
  })
})
