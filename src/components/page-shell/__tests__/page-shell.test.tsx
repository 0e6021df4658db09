import { fireEvent, render, screen } from '@testing-library/react'
import { Text } from '@tarojs/components'
import { PageShell } from '..'

describe('PageShell', () => {
  it('shows a loading skeleton instead of the content', () => {
    const { container } = render(
      <PageShell loading>
        <Text>内容</Text>
      </PageShell>,
    )
    expect(container.querySelector('.page-shell__skeleton')).not.toBeNull()
    expect(screen.getByText('加载中')).toBeInTheDocument()
    expect(screen.queryByText('内容')).toBeNull()
  })

  it('shows the empty text and hint', () => {
    render(<PageShell empty emptyText="暂无通知" emptyHint="有新通知时会显示在这里" />)
    expect(screen.getByText('暂无通知')).toBeInTheDocument()
    expect(screen.getByText('有新通知时会显示在这里')).toBeInTheDocument()
  })

  it('shows the error message and 重试 calls retry', () => {
    const onRetry = jest.fn()
    render(
      <PageShell error={{ message: '网络不给力，请稍后重试' }} onRetry={onRetry}>
        <Text>内容</Text>
      </PageShell>,
    )
    expect(screen.getByText('网络不给力，请稍后重试')).toBeInTheDocument()
    expect(screen.queryByText('内容')).toBeNull()
    fireEvent.click(screen.getByText('重试'))
    expect(onRetry).toHaveBeenCalledTimes(1)
  })

  it('shows the content with a title, and 没有更多了 at the end of a list', () => {
    render(
      <PageShell title="通知公告" onLoadMore={() => undefined} hasMore={false}>
        <Text>内容</Text>
      </PageShell>,
    )
    expect(screen.getByText('通知公告')).toBeInTheDocument()
    expect(screen.getByText('内容')).toBeInTheDocument()
    expect(screen.getByText('没有更多了')).toBeInTheDocument()
  })

  it('shows 加载中… while the next page loads', () => {
    render(
      <PageShell onLoadMore={() => undefined} hasMore loadingMore>
        <Text>内容</Text>
      </PageShell>,
    )
    expect(screen.getByText('加载中…')).toBeInTheDocument()
  })
})
