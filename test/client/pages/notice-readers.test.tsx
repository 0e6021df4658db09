import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import NoticeReadersPage from '@/packages/admin/notice-readers'
import NoticeDetailPage from '@/packages/notice/detail'
import { fakeApi } from '../fake-fetch'
import { announcement, member, parkAdmin, signIn } from '../fixtures'

const branch = (id: number, name: string) => ({ id, name })

describe('阅读情况 and a notice’s life', () => {
  let showToast: jest.SpyInstance
  beforeEach(() => {
    jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  })
  afterEach(() => jest.restoreAllMocks())

  it('shows who has read a park notice per branch, and 提醒未读 tells the unread', async () => {
    signIn('token-9', parkAdmin)
    ;(Current as { router: unknown }).router = {
      params: { id: '3' },
      path: '/packages/admin/notice-readers/index',
    }
    const readers = {
      read: [
        {
          member: { id: 1, name: '林晓', branch: branch(3, '云栈科技党支部') },
          readAt: '2026-11-24T06:00:00.000Z',
        },
      ],
      unread: [{ member: { id: 2, name: '陈默', branch: branch(4, '海湾数据党支部') } }],
      readCount: 1,
      unreadCount: 1,
      byBranch: [
        { branch: branch(4, '海湾数据党支部'), read: 0, unread: 1 },
        { branch: branch(3, '云栈科技党支部'), read: 1, unread: 0 },
      ],
      remindedAt: null,
      remindAgainAt: null,
    }
    const calls = fakeApi({
      'GET /api/announcements/3/readers': { status: 200, body: readers },
      'POST /api/announcements/3/remind': {
        status: 200,
        body: { notified: 1, remindedAt: '2026-11-24T07:00:00.000Z' },
      },
    })
    const { container } = render(<NoticeReadersPage />)
    await waitFor(() => expect(container.querySelector('.notice-readers__summary')).not.toBeNull())
    expect(container.querySelector('.notice-readers__branches')).toHaveTextContent(
      '海湾数据党支部已读 0 · 未读 1 · 0% 已读',
    )
    expect(container.querySelector('.notice-readers__list')).toHaveTextContent('陈默海湾数据党支部 · 未读')
    fireEvent.click(container.querySelectorAll('.notice-readers__tabs .segment-tabs__tab')[1] as Element)
    expect(container.querySelector('.notice-readers__list')).toHaveTextContent('林晓')
    fireEvent.click(screen.getByText('提醒未读'))
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true))
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提醒 1 位未读成员' })),
    )
  })

  it('a reader sees 已编辑 with the time; a withdrawn notice says 该通知已撤回', async () => {
    signIn('token-1', member)
    ;(Current as { router: unknown }).router = { params: { id: '3' }, path: '/packages/notice/detail/index' }
    fakeApi({
      'GET /api/announcements/3': {
        status: 200,
        body: {
          ...announcement({ id: 3, editedAt: '2026-11-25T02:30:00.000Z' }),
          body: '时间改为周五下午三点。',
          author: { id: 2, name: '王书记' },
          pointsAwarded: 0,
        },
      },
    })
    const { container, unmount } = render(<NoticeDetailPage />)
    await waitFor(() => expect(container.querySelector('.notice-detail__edited')).not.toBeNull())
    expect(container.querySelector('.notice-detail__edited')).toHaveTextContent(/^已编辑 · 2026年11月25日/)
    expect(container.querySelector('.notice-tools')).toBeNull()
    unmount()

    fakeApi({
      'GET /api/announcements/3': {
        status: 404,
        body: { error: { code: 'NOTICE_WITHDRAWN', message: '该通知已撤回' } },
      },
    })
    render(<NoticeDetailPage />)
    await waitFor(() => expect(screen.getByText('该通知已撤回')).toBeInTheDocument())
    expect(screen.queryByText('重试')).toBeNull()
  })
})
