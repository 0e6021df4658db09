import Taro from '@tarojs/taro'
import { Current, getPageInstance } from '@tarojs/runtime'
import { act, render, screen, waitFor } from '@testing-library/react'
import MaterialPage, { articleBlocks, readingToast } from '@/packages/study/material'
import { saveSession } from '@/stores/session'
import { fakeApi, type RecordedCall } from '../fake-fetch'
import { member } from '../fixtures'

const material = {
  id: 9,
  courseId: 3,
  title: '“三会一课”组织规范',
  summary: '支部党员大会、支委会、党小组会和党课的要求。',
  readMinutes: 8,
  body: '支部党员大会一般每季度召开一次。\n支部委员会一般每月召开一次。\n# 党课\n党课每季度至少一次。',
}

function openPage() {
  ;(Current as { router: unknown }).router = { params: { id: '9' }, path: '/packages/study/material/index' }
  return render(<MaterialPage />)
}

const readingCalls = (calls: RecordedCall[]) =>
  calls.filter((call) => call.method === 'POST').map((call) => `${new URL(call.url, 'http://x').pathname}`)

/** Calls the page lifecycle hooks the way Taro does when the page hides or shows again. */
function lifecycle(name: 'componentDidHide' | 'componentDidShow') {
  // Without a page context the hooks register on the app's instance.
  const instance = getPageInstance('taro-app') as Record<string, unknown> | undefined
  const hooks = instance?.[name]
  const list = Array.isArray(hooks) ? hooks : hooks ? [hooks] : []
  list.forEach((hook) => (hook as () => void)())
}

describe('学习资料', () => {
  let showToast: jest.SpyInstance

  beforeEach(() => {
    saveSession('token-1', member)
    showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('shows the article, opens a reading on show and closes it when the page goes, with the points toast', async () => {
    const calls = fakeApi({
      'GET /api/materials/9': { status: 200, body: material },
      'POST /api/materials/9/open': {
        status: 201,
        body: { readingId: 41, openedAt: '2026-11-24T05:00:00.000Z' },
      },
      'POST /api/materials/9/close': { status: 200, body: { minutes: 8, pointsAwarded: 2 } },
    })
    const page = openPage()
    expect(await screen.findByText('支部委员会一般每月召开一次。')).toBeInTheDocument()
    expect(page.container.querySelector('.material-reader__heading')).toHaveTextContent('党课')
    expect(page.container).toHaveTextContent('阅读约8分钟')
    await waitFor(() => expect(readingCalls(calls)).toEqual(['/api/materials/9/open']))

    page.unmount()
    await waitFor(() =>
      expect(readingCalls(calls)).toEqual(['/api/materials/9/open', '/api/materials/9/close']),
    )
    const close = calls.find((call) => call.url.endsWith('/close'))
    // The server measures the time: the client only names the reading.
    expect(close?.body).toEqual({ readingId: 41 })
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '本次学习8分钟 · 积分 +2' })),
    )
  })

  it('closes when hidden and opens a new reading when shown again; no toast without points', async () => {
    let next = 41
    const calls = fakeApi({
      'GET /api/materials/9': { status: 200, body: material },
      'POST /api/materials/9/open': () => ({
        status: 201,
        body: { readingId: next++, openedAt: '2026-11-24T05:00:00.000Z' },
      }),
      'POST /api/materials/9/close': { status: 200, body: { minutes: 0, pointsAwarded: 0 } },
    })
    const page = openPage()
    await waitFor(() => expect(readingCalls(calls)).toEqual(['/api/materials/9/open']))

    act(() => lifecycle('componentDidHide'))
    await waitFor(() => expect(readingCalls(calls)).toHaveLength(2))
    act(() => lifecycle('componentDidShow'))
    await waitFor(() => expect(readingCalls(calls)).toHaveLength(3))
    expect(readingCalls(calls)).toEqual([
      '/api/materials/9/open',
      '/api/materials/9/close',
      '/api/materials/9/open',
    ])
    page.unmount()
    await waitFor(() => expect(readingCalls(calls)).toHaveLength(4))
    expect(calls.filter((call) => call.url.endsWith('/close')).map((call) => call.body)).toEqual([
      { readingId: 41 },
      { readingId: 42 },
    ])
    expect(showToast).not.toHaveBeenCalled()
  })

  it('splits the body into paragraphs and headings; a toast only when points were given', () => {
    expect(articleBlocks('一\n\n## 二\n三')).toEqual([
      { kind: 'paragraph', text: '一' },
      { kind: 'heading', text: '二' },
      { kind: 'paragraph', text: '三' },
    ])
    expect(readingToast({ minutes: 12, pointsAwarded: 3 })).toBe('本次学习12分钟 · 积分 +3')
    expect(readingToast({ minutes: 2, pointsAwarded: 0 })).toBeNull()
  })
})
