import { fireEvent, render, screen } from '@testing-library/react'
import type { Announcement } from '../../../../types/api'
import { AnnouncementCard } from '..'

const NOW = Date.parse('2026-11-27T06:00:00.000Z')

function notice(overrides: Partial<Announcement> = {}): Announcement {
  return {
    id: 5,
    title: '关于开展主题党日活动的通知',
    summary: '本周五下午在园区党群服务中心开展主题党日活动。',
    scope: 'park',
    branch: null,
    pinned: false,
    important: false,
    publishedAt: '2026-11-24T06:00:00.000Z',
    editedAt: null,
    read: true,
    canManage: false,
    ...overrides,
  }
}

describe('AnnouncementCard', () => {
  it('shows title, summary, park scope and the date', () => {
    const { container } = render(<AnnouncementCard announcement={notice()} now={NOW} />)
    expect(screen.getByText('关于开展主题党日活动的通知')).toBeInTheDocument()
    expect(screen.getByText('本周五下午在园区党群服务中心开展主题党日活动。')).toBeInTheDocument()
    expect(screen.getByText('园区')).toBeInTheDocument()
    expect(container).toHaveTextContent('11月24日 周二 14:00 · 3天前')
  })

  it('marks a pinned notice with the word 置顶', () => {
    const { container } = render(<AnnouncementCard announcement={notice({ pinned: true })} now={NOW} />)
    expect(screen.getByText('置顶')).toBeInTheDocument()
    expect(container.querySelector('.announcement-card--pinned')).not.toBeNull()
  })

  it('names the branch for a branch notice', () => {
    render(
      <AnnouncementCard
        announcement={notice({ scope: 'branch', branch: { id: 3, name: '云栈科技党支部' } })}
        now={NOW}
      />,
    )
    expect(screen.getByText('云栈科技党支部')).toBeInTheDocument()
    expect(screen.queryByText('园区')).toBeNull()
  })

  it('says 未读 in words, not only with colour', () => {
    const { container, rerender } = render(
      <AnnouncementCard announcement={notice({ read: false })} now={NOW} />,
    )
    expect(screen.getByText('未读')).toBeInTheDocument()
    const card = container.querySelector('.announcement-card--unread')
    expect(card).not.toBeNull()
    expect(card).toHaveAttribute('aria-label', expect.stringContaining('未读'))

    rerender(<AnnouncementCard announcement={notice({ read: true })} now={NOW} />)
    expect(screen.queryByText('未读')).toBeNull()
    expect(container.querySelector('.announcement-card--unread')).toBeNull()
  })

  it('opens the notice when tapped', () => {
    const onOpen = jest.fn()
    const { container } = render(<AnnouncementCard announcement={notice()} onOpen={onOpen} now={NOW} />)
    fireEvent.click(container.querySelector('.announcement-card') as Element)
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 5 }))
  })
})
