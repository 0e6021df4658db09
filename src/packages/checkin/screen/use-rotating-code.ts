import { useEffect, useState } from 'react'
import type { CheckinCode } from '../../../../types/api'
import { type ApiError, toApiError } from '@/services/api-error'
import * as checkins from '@/services/checkins'
import { isNetworkFailure } from '@/stores/offline-checkins'

/** A code lives at most 30 s on the server (API.md). */
const MAX_CODE_LIFE_MS = 30_000
const MIN_REFRESH_MS = 1_000
/** Retries after a failure: quick at first, then every 5 s. */
const RETRY_MS = [1_000, 2_000, 5_000]
/** Outside the sign-in window, or any other refusal that may pass: ask again now and then. */
const REFUSED_RETRY_MS = 10_000

export interface ShownCode {
  code: CheckinCode
  /** This device's clock when the code arrived. */
  receivedAt: number
  /** When to fetch the next one (this device's clock). */
  refreshAt: number
  /** Until when it may be shown: after that a scan would be refused as expired. */
  validUntil: number
}

export interface RotatingCode {
  shown: ShownCode | null
  /** The last code is past its life and no new one has come yet. */
  expired: boolean
  /** The last fetch failed for network reasons; retrying. */
  reconnecting: boolean
  /** A refusal to show instead of the code (403, 404, or a business refusal being retried). */
  refusal: ApiError | null
}

/**
 * The code's life on this device's clock: its expiry as the server says, but never shorter than the
 * wait for the next code and never longer than a code may live, whatever this clock's offset.
 */
function lifeOf(code: CheckinCode, now: number): number {
  const byServerClock = Date.parse(code.expiresAt) - now
  return Math.min(MAX_CODE_LIFE_MS, Math.max(code.refreshInMs, byServerClock))
}

/**
 * Fetches the screen's code and fetches it again every `refreshInMs`. A network failure keeps the last
 * code on screen until it expires, while retrying; a fatal refusal (403/404) stops.
 */
export function useRotatingCode(sessionId: number): RotatingCode {
  const [shown, setShown] = useState<ShownCode | null>(null)
  const [expired, setExpired] = useState(false)
  const [reconnecting, setReconnecting] = useState(false)
  const [refusal, setRefusal] = useState<ApiError | null>(null)

  useEffect(() => {
    if (!(sessionId > 0)) return
    let alive = true
    let fetchTimer: ReturnType<typeof setTimeout> | undefined
    let expiryTimer: ReturnType<typeof setTimeout> | undefined
    let failures = 0

    const schedule = (ms: number) => {
      clearTimeout(fetchTimer)
      fetchTimer = setTimeout(() => void fetchCode(), ms)
    }

    const fetchCode = async () => {
      try {
        const code = await checkins.checkinCode(sessionId)
        if (!alive) return
        const now = Date.now()
        const refreshIn = Math.max(MIN_REFRESH_MS, code.refreshInMs)
        const life = lifeOf(code, now)
        failures = 0
        setShown({ code, receivedAt: now, refreshAt: now + refreshIn, validUntil: now + life })
        setExpired(false)
        setReconnecting(false)
        setRefusal(null)
        clearTimeout(expiryTimer)
        expiryTimer = setTimeout(() => {
          if (alive) setExpired(true)
        }, life)
        schedule(refreshIn)
      } catch (error) {
        if (!alive) return
        const apiError = toApiError(error, '出了点问题，正在重试')
        if (isNetworkFailure(apiError) || apiError.status === 429) {
          setReconnecting(true)
          schedule(RETRY_MS[Math.min(failures, RETRY_MS.length - 1)])
          failures++
          return
        }
        setReconnecting(false)
        setRefusal(apiError)
        // No right to this session, or no such session: asking again will not help.
        if (apiError.status === 401 || apiError.status === 403 || apiError.status === 404) return
        schedule(REFUSED_RETRY_MS)
      }
    }

    void fetchCode()
    return () => {
      alive = false
      clearTimeout(fetchTimer)
      clearTimeout(expiryTimer)
    }
  }, [sessionId])

  return { shown, expired, reconnecting, refusal }
}
