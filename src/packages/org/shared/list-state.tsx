import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import type { ReactNode } from 'react'
import { EmptyState } from '@/components/empty-state'
import type { PagedList } from '@/hooks/use-paged-list'

/**
 * Loading, error and empty for one list inside a tabbed page (the page shell frames the page; a tab's
 * list has states of its own).
 */
export function ListState<T>({
  list,
  emptyText,
  children,
}: {
  list: PagedList<T>
  emptyText: string
  children: ReactNode
}) {
  if (list.loading) return <Text className="org-list__loading">加载中…</Text>
  if (list.error)
    return (
      <EmptyState
        kind="error"
        text={list.error.message}
        actionText="重试"
        onAction={() => void list.refresh()}
      />
    )
  if (list.items.length === 0) return <EmptyState text={emptyText} />
  return <>{children}</>
}

export function ListFooter<T>({ list }: { list: PagedList<T> }) {
  if (list.loadingMore) return <Text className="org-list__footer">加载中…</Text>
  if (!list.hasMore) return <Text className="org-list__footer">没有更多了</Text>
  return (
    <View className="org-list__footer">
      <Button className="org-list__more" onClick={() => void list.loadMore()}>
        加载更多
      </Button>
    </View>
  )
}
