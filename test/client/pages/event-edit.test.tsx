import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import EventEditPage from '@/packages/admin/event-edit'
import { fakeApi } from '../fake-fetch'
import { eventDetail, member, secretary, signIn } from '../fixtures'

function fire(element: Element, type: string, value: string | number) {
  fireEvent(element, new CustomEvent(type, { bubbles: true, detail: { value } }))
}

/** The pickers of one DateTimeField: [date, time]. */
function pickers(container: HTMLElement, field: string) {
  return Array.from(container.querySelectorAll(`.${field} taro-picker-core`))
}

describe('发布活动', () => {
  const CATEGORIES = [
    { code: 'roadshow', name: '红色路演' },
    { code: 'salon', name: '青创沙龙' },
    { code: 'other', name: '其他' },
  ]

  beforeEach(() => {
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
    jest.spyOn(Taro, 'setNavigationBarTitle').mockResolvedValue({ errMsg: 'setNavigationBarTitle:ok' })
    // Under jsdom the input web component has no inner <input> for a controlled value to go to.
    const original = console.error
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      if (args[0] instanceof TypeError && args[0].message.includes("reading 'value'")) return
      original(...args)
    })
  })
  afterEach(() => jest.restoreAllMocks())

  it('a secretary publishes an event for the branch, times sent in UTC', async () => {
    signIn('token-2', secretary)
    ;(Current as { router: unknown }).router = { params: {}, path: '/packages/admin/event-edit/index' }
    const calls = fakeApi({
      'GET /api/categories': { status: 200, body: CATEGORIES },
      'POST /api/events': { status: 201, body: eventDetail({ id: 40, canManage: true }) },
    })
    const { container } = render(<EventEditPage />)
    expect(screen.getByText('本支部：云栈科技党支部')).toBeInTheDocument()
    // The categories are the server's.
    await waitFor(() =>
      expect(container.querySelector('.event-form__category')).toHaveTextContent('青创沙龙'),
    )

    fire(container.querySelector('.event-form__title') as Element, 'input', '青创沙龙第九期')
    fire(container.querySelector('.event-form__venue') as Element, 'input', '创新驿站路演厅')
    fire(container.querySelector('.event-form__capacity') as Element, 'input', '40')
    const [category] = Array.from(container.querySelectorAll('taro-picker-core'))
    fire(category, 'change', 0)
    const [startDate, startTime] = pickers(container, 'event-form__starts')
    fire(startDate, 'change', '2026-12-01')
    fire(startTime, 'change', '14:00')
    const [endDate, endTime] = pickers(container, 'event-form__ends')
    fire(endDate, 'change', '2026-12-01')
    fire(endTime, 'change', '16:30')
    expect(container.querySelector('.event-form__starts')).toHaveTextContent('2026-12-01')

    fireEvent.click(screen.getByText('发布活动'))
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true))
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      title: '青创沙龙第九期',
      category: 'roadshow',
      description: '',
      venue: '创新驿站路演厅',
      startsAt: '2026-12-01T06:00:00.000Z',
      endsAt: '2026-12-01T08:30:00.000Z',
      capacity: 40,
    })
  })

  it('leaves times that make no sense to the server, and shows its reason', async () => {
    signIn('token-2', secretary)
    ;(Current as { router: unknown }).router = { params: {}, path: '/packages/admin/event-edit/index' }
    const calls = fakeApi({
      'GET /api/categories': { status: 200, body: CATEGORIES },
      'POST /api/events': {
        status: 400,
        body: { error: { code: 'VALIDATION_FAILED', message: 'body/endsAt 必须晚于开始时间 startsAt' } },
      },
    })
    const { container } = render(<EventEditPage />)
    fire(container.querySelector('.event-form__title') as Element, 'input', '青创沙龙第九期')
    fire(container.querySelector('.event-form__venue') as Element, 'input', '创新驿站路演厅')
    const [startDate, startTime] = pickers(container, 'event-form__starts')
    fire(startDate, 'change', '2026-12-01')
    fire(startTime, 'change', '16:00')
    const [endDate, endTime] = pickers(container, 'event-form__ends')
    fire(endDate, 'change', '2026-12-01')
    fire(endTime, 'change', '14:00')
    fireEvent.click(screen.getByText('发布活动'))
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true))
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: 'body/endsAt 必须晚于开始时间 startsAt' }),
      ),
    )
  })

  it('says what is missing before asking the server', async () => {
    signIn('token-2', secretary)
    ;(Current as { router: unknown }).router = { params: {}, path: '/packages/admin/event-edit/index' }
    const calls = fakeApi({ 'GET /api/categories': { status: 200, body: CATEGORIES } })
    render(<EventEditPage />)
    fireEvent.click(screen.getByText('发布活动'))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请填写活动名称' }))
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0)
  })

  it('edits an event with its current values', async () => {
    signIn('token-2', secretary)
    ;(Current as { router: unknown }).router = {
      params: { id: '12' },
      path: '/packages/admin/event-edit/index',
    }
    const calls = fakeApi({
      'GET /api/events/12': { status: 200, body: eventDetail({ canManage: true }) },
      'PATCH /api/events/12': { status: 200, body: eventDetail({ canManage: true, capacity: 80 }) },
    })
    jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
    const { container } = render(<EventEditPage />)
    await screen.findByText('保存')
    fire(container.querySelector('.event-form__capacity') as Element, 'input', '80')
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true))
    expect(calls.find((call) => call.method === 'PATCH')?.body).toMatchObject({
      capacity: 80,
      startsAt: '2026-11-24T06:00:00.000Z',
      signupDeadline: '2026-11-24T06:00:00.000Z',
    })
  })

  it('is only for organisers', () => {
    signIn('token-1', member)
    render(<EventEditPage />)
    expect(screen.getByText('仅支部书记和园区管理员可以发布活动')).toBeInTheDocument()
  })
})
