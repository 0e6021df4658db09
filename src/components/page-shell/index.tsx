import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useRef, type ReactNode } from 'react'
import { useCareModeClass } from '@/stores/care-mode'
import { EmptyState } from '../empty-state'
import { cx, type BasicComponent } from '../types'
import './index.scss'

export interface PageShellProps extends BasicComponent {
  /** A heading at the top of the content; the navigation bar already names the page. */
  title?: string
  /** Always shown above the states, e.g. the home header. */
  header?: ReactNode
  /** First load in progress: a skeleton stands in for the content. */
  loading?: boolean
  /** The first load failed: its message and a 重试 button replace the content. */
  error?: { message: string; status?: number } | null
  /** Called by 重试. */
  onRetry?: () => void
  /** Loaded, but there is nothing to show. */
  empty?: boolean
  /** The empty message, e.g. 暂无通知. */
  emptyText?: string
  /** A sentence under the empty message. */
  emptyHint?: string
  /** A button under the empty message, e.g. 去看看活动; shows only with `onEmptyAction`. */
  emptyActionText?: string
  /** Called by the empty state's button. */
  onEmptyAction?: () => void
  /** Pull-to-refresh; the page config needs `enablePullDownRefresh: true`. */
  onRefresh?: () => Promise<unknown> | void
  /** Infinite scroll: called when the page nears its bottom. */
  onLoadMore?: () => void
  /** Shows 加载中… at the foot of the list. */
  loadingMore?: boolean
  /** With `onLoadMore`: false shows 没有更多了. */
  hasMore?: boolean
  /** The content. */
  children?: ReactNode
}

function Skeleton() {
  return (
    <View className="page-shell__skeleton" aria-busy="true">
      <Text className="sr-only">加载中</Text>
      {[0, 1, 2].map((row) => (
        <View className="page-shell__skeleton-card" key={row}>
          <View className="page-shell__skeleton-line page-shell__skeleton-line--title" />
          <View className="page-shell__skeleton-line" />
          <View className="page-shell__skeleton-line page-shell__skeleton-line--short" />
        </View>
      ))}
    </View>
  )
}

/** A hint only where waiting or reconnecting can help (offline, server trouble). */
function retryHint(status: number | undefined): string | undefined {
  if (status === 0) return '请检查网络连接后重试'
  if (status !== undefined && status >= 500) return '请稍后重试'
  return undefined
}

/**
 * The frame of a data page: title, loading skeleton, error with 重试, empty state,
 * pull-to-refresh and infinite scroll with its footer. Its root carries the 关怀模式 class.
 */
export function PageShell(props: PageShellProps) {
  const { title, header, loading, error, onRetry, empty, emptyText = '暂无内容', emptyHint } = props
  const { emptyActionText, onEmptyAction, onLoadMore, loadingMore, hasMore, className, style, children } =
    props

  // Page hooks register once; the refs keep the latest handlers.
  const refreshRef = useRef(props.onRefresh)
  refreshRef.current = props.onRefresh
  const loadMoreRef = useRef(onLoadMore)
  loadMoreRef.current = onLoadMore
  const careMode = useCareModeClass()

  usePullDownRefresh(async () => {
    try {
      await refreshRef.current?.()
    } finally {
      Taro.stopPullDownRefresh()
    }
  })
  useReachBottom(() => {
    loadMoreRef.current?.()
  })

  let body: ReactNode
  if (loading) body = <Skeleton />
  else if (error)
    body = (
      <EmptyState
        kind="error"
        text={error.message}
        hint={retryHint(error.status)}
        actionText="重试"
        onAction={onRetry}
        className="page-shell__error"
      />
    )
  else if (empty)
    body = (
      <EmptyState
        text={emptyText}
        hint={emptyHint}
        actionText={emptyActionText}
        onAction={onEmptyAction}
        className="page-shell__empty"
      />
    )
  else
    body = (
      <>
        {children}
        {onLoadMore ? (
          <View className="page-shell__footer">
            {loadingMore ? (
              <Text>加载中…</Text>
            ) : hasMore ? (
              <Button className="page-shell__more" onClick={() => onLoadMore()}>
                加载更多
              </Button>
            ) : (
              <Text>没有更多了</Text>
            )}
          </View>
        ) : null}
      </>
    )

  return (
    <View className={cx('page-shell', careMode, className)} style={style}>
      {header}
      {title ? <Text className="page-shell__title">{title}</Text> : null}
      <View className="page-shell__body">{body}</View>
    </View>
  )
}

export default PageShell
