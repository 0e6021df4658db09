import { useDidShow } from '@tarojs/taro'
import { startTransition, useCallback, useEffect, useRef, useState } from 'react'
import type { PageOf } from '../../types/api'
import { type ApiError, toApiError } from '@/services/api-error'
import { toastError } from '@/utils/toast'

export interface PagedList<T> {
  items: T[]
  nextCursor: string | null
  /** First load in progress (nothing to show yet). */
  loading: boolean
  /** Pull-to-refresh in progress (items stay on screen). */
  refreshing: boolean
  loadingMore: boolean
  /** Error of the first load or of a refresh; shown instead of the list when there is nothing to show. */
  error: ApiError | null
  hasMore: boolean
  /** Loads the first page again and replaces the items. */
  refresh: () => Promise<void>
  /**
   * Loads the first page again quietly (a tab shown again); when the network is gone, the error
   * with 重试 replaces the items, which can no longer be vouched for.
   */
  revalidate: () => Promise<void>
  /** Appends the next page, if there is one and nothing is loading. */
  loadMore: () => Promise<void>
  /** Changes items in place, e.g. marks one read. */
  update: (change: (items: T[]) => T[]) => void
}

/**
 * A cursor-paged list: loads the first page on mount, refreshes, and appends pages.
 * `fetchPage(null)` must return the first page. A new `resetKey` (e.g. another filter) starts over:
 * the items go and the first page loads as on mount.
 */
export function usePagedList<T>(
  fetchPage: (cursor: string | null) => Promise<PageOf<T>>,
  resetKey = '',
): PagedList<T> {
  const [items, setItems] = useState<T[]>([])
  const [nextCursor, setNextCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [refreshing, setRefreshing] = useState(false)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  // Every refresh bumps the generation; an older answer arriving late is ignored.
  const generation = useRef(0)
  const busyMore = useRef(false)
  const loaded = useRef(false)
  const mounted = useRef(true)

  const load = useCallback(async (quiet: boolean) => {
    const mine = ++generation.current
    if (loaded.current && !quiet) setRefreshing(true)
    try {
      const page = await fetchRef.current(null)
      if (!mounted.current || mine !== generation.current) return
      // The page of items draws as a transition: React renders it in slices between frames, so a
      // long list never holds the main thread (and a tap) for the whole render.
      startTransition(() => {
        setItems(page.items)
        setNextCursor(page.nextCursor)
        setError(null)
        setLoading(false)
        setRefreshing(false)
      })
      loaded.current = true
    } catch (e) {
      if (!mounted.current || mine !== generation.current) return
      const apiError = toApiError(e)
      if (quiet && apiError.status === 0) {
        // Offline: what is on screen may be long out of date; say so instead of showing it.
        loaded.current = false
        setItems([])
        setNextCursor(null)
        setError(apiError)
      } else if (loaded.current) {
        // With items on screen a toast is enough; with nothing to show, the page shows the error.
        if (!quiet) toastError(apiError)
      } else setError(apiError)
      // Not in a `finally`: on success these change inside the transition, with the items, so
      // the page never shows its empty state between the spinner and the list.
      setLoading(false)
      setRefreshing(false)
    }
  }, [])
  const refresh = useCallback(() => load(false), [load])
  const revalidate = useCallback(() => load(true), [load])

  const cursorRef = useRef<string | null>(null)
  cursorRef.current = nextCursor

  const loadMore = useCallback(async () => {
    const cursor = cursorRef.current
    if (!cursor || busyMore.current || !loaded.current) return
    busyMore.current = true
    setLoadingMore(true)
    const mine = generation.current
    const editsBefore = edits.current
    try {
      const page = await fetchRef.current(cursor)
      if (!mounted.current || mine !== generation.current) return
      // Asked for before the items were changed here (e.g. all marked read): what it answers may
      // be older than that change, so it is asked for again rather than shown.
      if (editsBefore !== edits.current) return
      setItems((current) => current.concat(page.items))
      setNextCursor(page.nextCursor)
    } catch (e) {
      if (mounted.current) toastError(e)
    } finally {
      busyMore.current = false
      if (mounted.current) setLoadingMore(false)
    }
  }, [])

  const edits = useRef(0)
  const update = useCallback((change: (current: T[]) => T[]) => {
    edits.current++
    setItems(change)
  }, [])

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const firstKey = useRef(resetKey)
  useEffect(() => {
    if (resetKey !== firstKey.current) {
      firstKey.current = resetKey
      // Another list altogether: show the skeleton, not the old filter's items.
      generation.current++
      loaded.current = false
      setItems([])
      setNextCursor(null)
      setError(null)
      setLoading(true)
    }
    void refresh()
  }, [refresh, resetKey])

  return {
    items,
    nextCursor,
    loading,
    refreshing,
    loadingMore,
    error,
    hasMore: nextCursor !== null,
    refresh,
    revalidate,
    loadMore,
    update,
  }
}

/**
 * A tab page: every time it shows again (not the first time, which is the mount load), its list is
 * asked again, so a tab switched to offline says so rather than showing what it had.
 */
export function useRevalidateOnShow(revalidate: () => Promise<void>) {
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (!shownBefore.current) {
      shownBefore.current = true
      return
    }
    void revalidate()
  })
}
