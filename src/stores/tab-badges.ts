import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import * as announcements from '@/services/announcements'
import * as notifications from '@/services/notifications'
import { TAB_INDEX } from '@/utils/routes'
import { getToken, subscribe } from './session'

/**
 * The unread counts the tab bar shows — notices on 首页, 消息 on 我的 — kept once for the whole app:
 * fetched when the app starts with a session (whichever tab it opens on), painted again whenever a
 * tab page shows (a mini-program paints a badge only while a tab page is current), and updated by
 * the pages that change them.
 */
export type UnreadKind = 'notices' | 'messages'

/** payload: the unread count of 我的消息 as the server last said it */
export const NOTIFICATIONS_UNREAD = 'notifications:unread'

const TAB: Record<UnreadKind, number> = { notices: TAB_INDEX.home, messages: TAB_INDEX.me }
const FETCHERS: Record<UnreadKind, () => Promise<number>> = {
  notices: announcements.unreadCount,
  messages: notifications.unreadCount,
}
/** A count this young is not asked for again (a tab shown right after the app started). */
const FRESH_MS = 1500

const counts: Record<UnreadKind, number | null> = { notices: null, messages: null }
const fetchedAt: Record<UnreadKind, number> = { notices: 0, messages: 0 }
const inflight: Partial<Record<UnreadKind, Promise<number | null>>> = {}
const listeners = new Set<() => void>()
let token = getToken()

/** Forgets both counts (another account, or none); the next tab page asks again. */
export function resetTabBadges() {
  counts.notices = null
  counts.messages = null
  fetchedAt.notices = 0
  fetchedAt.messages = 0
  listeners.forEach((listener) => listener())
}

subscribe((session) => {
  if ((session?.token ?? null) === token) return
  token = session?.token ?? null
  resetTabBadges()
})

function paint(kind: UnreadKind) {
  const count = counts[kind]
  if (count === null) return
  const done = () => undefined
  if (count > 0) {
    Taro.setTabBarBadge({ index: TAB[kind], text: count > 99 ? '99+' : String(count) }).catch(done)
  } else {
    Taro.removeTabBarBadge({ index: TAB[kind] }).catch(done)
  }
}

export function getUnread(kind: UnreadKind): number | null {
  return counts[kind]
}

/** Records a count the server just gave (e.g. with the 消息 list) and shows it everywhere. */
export function setUnread(kind: UnreadKind, count: number) {
  counts[kind] = Math.max(0, count)
  paint(kind)
  listeners.forEach((listener) => listener())
  if (kind === 'messages') Taro.eventCenter.trigger(NOTIFICATIONS_UNREAD, counts[kind])
}

/**
 * Asks the server for one count, once however many callers ask at the same time; a count younger
 * than FRESH_MS is answered from memory unless `force`. A failure leaves the count as it was.
 */
export function loadUnread(kind: UnreadKind, { force = false } = {}): Promise<number | null> {
  const pending = inflight[kind]
  if (pending) return pending
  if (!force && counts[kind] !== null && Date.now() - fetchedAt[kind] < FRESH_MS) {
    return Promise.resolve(counts[kind])
  }
  if (!getToken()) return Promise.resolve(null)
  fetchedAt[kind] = Date.now()
  const request = FETCHERS[kind]()
    .then(
      (count) => {
        setUnread(kind, count)
        return count
      },
      () => counts[kind],
    )
    .finally(() => {
      delete inflight[kind]
    })
  inflight[kind] = request
  return request
}

/** Both counts, each fetched only if it has not been yet (or is being). */
export function ensureTabBadges(): Promise<unknown> {
  return Promise.all(
    (['notices', 'messages'] as const).map((kind) =>
      counts[kind] === null ? loadUnread(kind) : Promise.resolve(counts[kind]),
    ),
  )
}

/** App level: the counts arrive with the session, on a cold start from any page. */
export function useAppTabBadges() {
  const [current, setCurrent] = useState(getToken)
  useEffect(() => subscribe((session) => setCurrent(session?.token ?? null)), [])
  useEffect(() => {
    if (current) void ensureTabBadges()
  }, [current])
}

/**
 * Every tab page: paints the counts whenever it shows. The first time they come with the app (or
 * are asked for if nobody has yet); every time after, they are asked again, since a message may
 * have arrived (a waitlist promotion, a reply) while another page was open.
 */
export function useTabBadges() {
  const shownBefore = useRef(false)
  useEffect(() => {
    void ensureTabBadges()
  }, [])
  useDidShow(() => {
    paint('notices')
    paint('messages')
    if (!shownBefore.current) {
      shownBefore.current = true
      return
    }
    void loadUnread('notices', { force: true })
    void loadUnread('messages', { force: true })
  })
}

/** One count, re-rendering when it changes; 0 until it is known. */
export function useUnread(kind: UnreadKind): number {
  const [count, setCount] = useState(() => counts[kind] ?? 0)
  useEffect(() => {
    const listener = () => setCount(counts[kind] ?? 0)
    listener()
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }, [kind])
  return count
}
