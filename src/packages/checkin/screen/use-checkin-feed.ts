import { useEffect, useState } from 'react'
import type { CheckinFeedItem } from '../../../../types/api'
import * as checkins from '@/services/checkins'

export const FEED_POLL_MS = 3_000
/** The screen lists the latest this many. */
const MAX_ITEMS = 60

export interface CheckinFeedState {
  count: number
  lateCount: number
  /** Newest first. */
  items: CheckinFeedItem[]
  /** The last poll failed; the list stays as it was. */
  stale: boolean
  loaded: boolean
}

/** Newer ones first, no one twice. */
function merge(newer: readonly CheckinFeedItem[], older: readonly CheckinFeedItem[]): CheckinFeedItem[] {
  const seen = new Set<number>()
  const merged: CheckinFeedItem[] = []
  for (const item of [...newer, ...older]) {
    if (seen.has(item.id)) continue
    seen.add(item.id)
    merged.push(item)
  }
  return merged.slice(0, MAX_ITEMS)
}

/** Who signed in, polled every 3 s: each poll asks only for sign-ins after the last one seen. */
export function useCheckinFeed(sessionId: number, enabled = true): CheckinFeedState {
  const [state, setState] = useState<CheckinFeedState>({
    count: 0,
    lateCount: 0,
    items: [],
    stale: false,
    loaded: false,
  })

  useEffect(() => {
    if (!(sessionId > 0) || !enabled) return
    let alive = true
    let timer: ReturnType<typeof setTimeout> | undefined
    let since = 0

    const poll = async () => {
      try {
        const feed = await checkins.feed(sessionId, since)
        if (!alive) return
        since = Math.max(since, feed.lastId)
        setState((current) => ({
          count: feed.count,
          lateCount: feed.lateCount,
          items: merge(feed.items, current.items),
          stale: false,
          loaded: true,
        }))
      } catch {
        if (!alive) return
        setState((current) => ({ ...current, stale: true }))
      }
      if (alive) timer = setTimeout(() => void poll(), FEED_POLL_MS)
    }

    void poll()
    return () => {
      alive = false
      clearTimeout(timer)
    }
  }, [sessionId, enabled])

  return state
}
