import type { MemberCard } from '../../types/api'

/** The card is fetched again this long before it expires, so a scanned card always has time left. */
export const CARD_REFRESH_MARGIN_MS = 30_000
/** Never sooner than this, whatever the clocks say: no request storm from a phone with a wrong clock. */
export const CARD_MIN_REFRESH_MS = 10_000

/**
 * How long to show a card before fetching a new one: the server's `refreshInMs` or 30 s before
 * `expiresAt`, whichever comes first. `expiresAt` is read against the phone's clock, which may be
 * wrong; a value it makes implausible (already past) is ignored in favour of `refreshInMs`.
 */
export function cardRefreshDelay(card: Pick<MemberCard, 'expiresAt' | 'refreshInMs'>, now: number): number {
  const beforeExpiry = Date.parse(card.expiresAt) - now - CARD_REFRESH_MARGIN_MS
  const candidates = [card.refreshInMs, beforeExpiry].filter(
    (value) => Number.isFinite(value) && value >= CARD_MIN_REFRESH_MS,
  )
  return candidates.length > 0 ? Math.min(...candidates) : CARD_MIN_REFRESH_MS
}

/** 我的党员名片 for a party member's card, 我的园区名片 for anyone else's: from the server's title. */
export function myCardLabel(title: MemberCard['title']): string {
  return title === '数字党员名片' ? '我的党员名片' : '我的园区名片'
}
