import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import CheckinEnterPage from '@/packages/checkin/enter'
import { queuedCheckins } from '@/stores/offline-checkins'
import { saveSession } from '@/stores/session'
import { recalledCheckin } from '@/stores/checkin-results'
import { parseCheckinResult } from '@/utils/checkin'
import { fakeApi } from '../fake-fetch'
import { CHECKIN_NOW, sessionItem } from '../course-fixtures'
import { member } from '../fixtures'

function fire(element: Element, type: string, value: string | number) {
  fireEvent(element, new CustomEvent(type, { bubbles: true, detail: { value } }))
}

function openPage() {
  ;(Current as { router: unknown }).router = { params: {}, path: '/packages/checkin/enter/index' }
  return render(<CheckinEnterPage />)
}

const input = (container: HTMLElement) => container.querySelector('.checkin-enter__input') as Element
const submit = (container: HTMLElement) => container.querySelector('.checkin-enter__submit') as Element

/** The outcome the page handed to the result page. */
function resultOf(spy: jest.SpyInstance) {
  const url: string = spy.mock.calls[0][0].url
  expect(url.startsWith('/packages/checkin/result/index?')).toBe(true)
  return parseCheckinResult(Object.fromEntries(new URLSearchParams(url.split('?')[1])))
}

/** The server's sessions open for sign-in now. */
const openCourses = {
  'GET /api/sessions': { status: 200, body: { items: [sessionItem()], nextCursor: null } },
}

describe('输入签到码', () => {
  let redirectTo: jest.SpyInstance

  beforeEach(() => {
    jest.useFakeTimers({
      now: CHECKIN_NOW,
      doNotFake: ['setTimeout', 'setInterval', 'nextTick', 'setImmediate', 'queueMicrotask'],
    })
    saveSession('token-1', member)
    redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    jest.spyOn(Taro, 'showLoading').mockResolvedValue({ errMsg: 'showLoading:ok' })
    jest.spyOn(Taro, 'hideLoading').mockImplementation(() => undefined)
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

  it('offers the sessions the server says are open for sign-in now, in one request, and picks the only one', async () => {
    const calls = fakeApi(openCourses)
    const { container } = openPage()
    await screen.findByText('党务工作者培训班')
    const options = container.querySelectorAll('.checkin-enter__session')
    expect(options).toHaveLength(1)
    expect(options[0]).toHaveTextContent('11月24日 周二 14:00–16:00')
    expect(options[0]).toHaveAttribute('aria-checked', 'true')
    expect(calls.map((call) => call.url)).toEqual(['/api/sessions?open=1&limit=50'])
    expect(input(container)).toHaveAttribute('maxlength', '6')
  })

  it('opened from a 培训提醒 (sessionId in the link), picks that session among several open ones', async () => {
    fakeApi({
      'GET /api/sessions': {
        status: 200,
        body: {
          items: [sessionItem(), sessionItem({ id: 6, courseTitle: '青年党员读书班' })],
          nextCursor: null,
        },
      },
    })
    ;(Current as { router: unknown }).router = {
      params: { sessionId: '6' },
      path: '/packages/checkin/enter/index',
    }
    const { container } = render(<CheckinEnterPage />)
    await screen.findByText('青年党员读书班')
    const options = container.querySelectorAll('.checkin-enter__session')
    expect(options).toHaveLength(2)
    expect(options[0]).toHaveAttribute('aria-checked', 'false')
    expect(options[1]).toHaveAttribute('aria-checked', 'true')
  })

  it('asks for exactly 6 digits before sending anything', async () => {
    const calls = fakeApi(openCourses)
    const { container } = openPage()
    await screen.findByText('党务工作者培训班')

    fireEvent.click(submit(container))
    expect(await screen.findByText('请输入6位数字签到码')).toBeInTheDocument()

    fire(input(container), 'input', '12345')
    fireEvent.click(submit(container))
    expect(await screen.findByText('请输入6位数字签到码')).toBeInTheDocument()

    // Letters and spaces are dropped, so "12 34 5a" is still five digits.
    fire(input(container), 'input', '12 34 5a')
    fireEvent.click(submit(container))
    expect(await screen.findByText('请输入6位数字签到码')).toBeInTheDocument()
    expect(calls.some((call) => call.method === 'POST')).toBe(false)
  })

  it('sends { sessionId, shortCode } with an Idempotency-Key and shows 签到成功 with the points', async () => {
    const calls = fakeApi({
      ...openCourses,
      'POST /api/checkins': {
        status: 201,
        body: {
          sessionId: 5,
          courseTitle: '党务工作者培训班',
          checkedInAt: '2026-11-24T05:50:00.000Z',
          status: 'present',
          pointsAwarded: 5,
          offline: false,
        },
      },
    })
    const { container } = openPage()
    await screen.findByText('党务工作者培训班')
    fire(input(container), 'input', '482 913')
    fireEvent.click(submit(container))

    await waitFor(() => expect(redirectTo).toHaveBeenCalledTimes(1))
    const post = calls.find((call) => call.method === 'POST')
    expect(post?.body).toEqual({ sessionId: 5, shortCode: '482913' })
    expect(post?.headers['Idempotency-Key']).toMatch(/^[\x21-\x7e]{8,100}$/)
    // The link names the session only; the server's answer waits in memory for the result page.
    expect(resultOf(redirectTo)).toEqual({ kind: 'done', sessionId: 5 })
    expect(recalledCheckin(5)).toEqual({
      sessionId: 5,
      status: 'present',
      pointsAwarded: 5,
      courseTitle: '党务工作者培训班',
      checkedInAt: '2026-11-24T05:50:00.000Z',
      offline: false,
    })
    expect(queuedCheckins()).toEqual([])
  })

  it.each([
    [409, 'ALREADY_CHECKED_IN', '您已签到,无需重复签到'],
    [422, 'CODE_INVALID', '签到码无效,请扫描现场大屏上的二维码'],
    [429, 'RATE_LIMITED', '签到码输错次数过多'],
  ])('a %i %s goes to the result page with its reason, nothing queued', async (status, code, message) => {
    fakeApi({ ...openCourses, 'POST /api/checkins': { status, body: { error: { code, message } } } })
    const { container } = openPage()
    await screen.findByText('党务工作者培训班')
    fire(input(container), 'input', '000000')
    fireEvent.click(submit(container))
    await waitFor(() => expect(redirectTo).toHaveBeenCalledTimes(1))
    expect(resultOf(redirectTo)).toEqual({ kind: 'refused', code, message })
    expect(queuedCheckins()).toEqual([])
  })

  it('marks a late sign-in as signed in too, and still asks for the code of another open session', async () => {
    fakeApi({
      'GET /api/sessions': {
        status: 200,
        body: {
          items: [sessionItem({ id: 1, myAttendance: 'late' }), sessionItem({ id: 2, myAttendance: null })],
          nextCursor: null,
        },
      },
    })
    const { container } = openPage()
    await waitFor(() => expect(container.querySelectorAll('.checkin-enter__session')).toHaveLength(2))
    const [late, open] = Array.from(container.querySelectorAll('.checkin-enter__session'))
    expect(late).toHaveTextContent('已签到（迟到）')
    expect(open).toHaveAttribute('aria-checked', 'true')
    expect(container.querySelector('.checkin-enter__done')).toBeNull()
    expect(input(container)).not.toBeNull()
  })

  it('says so when no session is open, and marks one I already signed in to', async () => {
    fakeApi({
      'GET /api/sessions': {
        status: 200,
        body: { items: [sessionItem({ myAttendance: 'present' })], nextCursor: null },
      },
    })
    const { container } = openPage()
    await waitFor(() =>
      expect(container.querySelector('.checkin-enter__session')).toHaveTextContent('已签到'),
    )
    expect(container.querySelector('.checkin-enter__session')).toHaveAttribute('aria-checked', 'false')
    // The only open session is done: the page says 已签到 instead of asking for a code.
    expect(container.querySelector('.checkin-enter__done')).toHaveTextContent('已签到')
    expect(container.querySelector('.checkin-enter__done')).toHaveTextContent('无需重复签到')
    expect(input(container)).toBeNull()
    expect(submit(container)).toBeNull()

    fakeApi({ 'GET /api/sessions': { status: 200, body: { items: [], nextCursor: null } } })
    const other = openPage()
    expect(await screen.findByText('现在没有正在签到的培训')).toBeInTheDocument()
    other.unmount()
  })
})
