import Taro from '@tarojs/taro'
import type { CheckinResult } from '../../types/api'
import { ApiError } from '@/services/api-error'
import * as checkins from '@/services/checkins'
import { newIdempotencyKey } from '@/services/idempotency'
import { APP_EVENTS } from '@/utils/events'
import { rememberCheckin } from './checkin-results'
import { getSession } from './session'

/**
 * Sign-ins that could not reach the server (venue Wi-Fi down), kept in the device's storage until they
 * get a definite answer. Each entry keeps the Idempotency-Key of its first attempt: if that attempt did
 * reach the server and only the answer was lost, the retry is answered, not recorded a second time.
 */
const STORAGE_KEY = 'red-e-park:offline-checkins'

/** Entries of another login are kept this long for their owner, then dropped. */
const FOREIGN_ENTRY_TTL_MS = 7 * 24 * 60 * 60 * 1000

export type CheckinCredential = { code: string } | { sessionId: number; shortCode: string }

export interface QueuedCheckin {
  /** What the member scanned or typed. */
  credential: CheckinCredential
  /**
   * When it was scanned, sent along for the record. The server judges by its own clock: one that
   * arrives after its code expired waits for the secretary's confirmation.
   */
  scannedAt: string
  /** The key of the first attempt, sent again with every retry. */
  idempotencyKey: string
  /** Whose sign-in it is: never sent under another member's login. */
  userId: number | null
}

export type CheckinAttempt =
  | { kind: 'done'; result: CheckinResult }
  | { kind: 'refused'; error: ApiError }
  | { kind: 'queued'; entry: QueuedCheckin }

export type FlushOutcome =
  | { kind: 'done'; entry: QueuedCheckin; result: CheckinResult }
  | { kind: 'refused'; entry: QueuedCheckin; error: ApiError }

/** No answer, or none that settles it: the server may not have seen the request, or may come back. */
export function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false
  return error.status === 0 || error.status === 408 || error.status >= 500
}

/**
 * A refusal the server will give again (expired code, already signed in…): the entry is finished.
 * Not so for 401 (log in again, then send), 429 (wait) or anything without an answer.
 */
function isDefiniteRefusal(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 401 &&
    error.status !== 408 &&
    error.status !== 429
  )
}

function isEntry(value: unknown): value is QueuedCheckin {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Partial<QueuedCheckin>
  return (
    typeof entry.idempotencyKey === 'string' &&
    typeof entry.scannedAt === 'string' &&
    typeof entry.credential === 'object' &&
    entry.credential !== null
  )
}

/** The queue as stored, oldest first. */
export function queuedCheckins(): QueuedCheckin[] {
  try {
    const value: unknown = Taro.getStorageSync(STORAGE_KEY)
    return Array.isArray(value) ? value.filter(isEntry) : []
  } catch {
    return []
  }
}

function save(entries: QueuedCheckin[]) {
  try {
    if (entries.length === 0) Taro.removeStorageSync(STORAGE_KEY)
    else Taro.setStorageSync(STORAGE_KEY, entries)
  } catch {
    // Storage full or unavailable: nothing better to do than carry on.
  }
}

export function enqueueCheckin(entry: QueuedCheckin) {
  const entries = queuedCheckins().filter((item) => item.idempotencyKey !== entry.idempotencyKey)
  save([...entries, entry])
}

/** Re-reads storage first, so an entry queued while a flush was running is not lost. */
function remove(idempotencyKey: string) {
  save(queuedCheckins().filter((item) => item.idempotencyKey !== idempotencyKey))
}

/** Queued sign-ins of the member signed in now. */
export function pendingCheckinCount(): number {
  const userId = getSession()?.user?.id ?? null
  return queuedCheckins().filter((entry) => entry.userId === null || entry.userId === userId).length
}

/**
 * 签到: sends it now; after a network failure keeps it for later (`queued`), stamped with the time of
 * the scan. Business refusals (expired code, already signed in…) come back as `refused`.
 */
export async function checkIn(credential: CheckinCredential): Promise<CheckinAttempt> {
  const entry: QueuedCheckin = {
    credential,
    scannedAt: new Date().toISOString(),
    idempotencyKey: newIdempotencyKey(),
    userId: getSession()?.user?.id ?? null,
  }
  try {
    return { kind: 'done', result: await checkins.checkIn(credential, entry.idempotencyKey) }
  } catch (error) {
    if (isNetworkFailure(error)) {
      enqueueCheckin(entry)
      return { kind: 'queued', entry }
    }
    if (error instanceof ApiError) return { kind: 'refused', error }
    throw error
  }
}

let inFlight: Promise<FlushOutcome[]> | null = null

async function sendQueued(): Promise<FlushOutcome[]> {
  const session = getSession()
  if (!session) return []
  const userId = session.user?.id ?? null
  const outcomes: FlushOutcome[] = []
  for (const entry of queuedCheckins()) {
    if (entry.userId !== null && userId !== null && entry.userId !== userId) {
      if (Date.now() - Date.parse(entry.scannedAt) > FOREIGN_ENTRY_TTL_MS) remove(entry.idempotencyKey)
      continue
    }
    try {
      const result = await checkins.checkIn(
        { ...entry.credential, scannedAt: entry.scannedAt },
        entry.idempotencyKey,
      )
      remove(entry.idempotencyKey)
      rememberCheckin(result)
      outcomes.push({ kind: 'done', entry, result })
    } catch (error) {
      if (!isDefiniteRefusal(error)) break // still offline (or not now): keep this one and the rest
      remove(entry.idempotencyKey)
      outcomes.push({ kind: 'refused', entry, error })
    }
  }
  return outcomes
}

/**
 * Sends every queued sign-in of the member signed in, oldest first, each with its own key and scan
 * time. An entry leaves the queue only on a definite answer; the first network failure ends the run
 * with the rest kept. One run at a time: a call while one runs gets that run's outcomes.
 * Outcomes are announced once on APP_EVENTS.offlineCheckinsSettled.
 */
export function flushOfflineCheckins(): Promise<FlushOutcome[]> {
  if (inFlight) return inFlight
  if (queuedCheckins().length === 0) return Promise.resolve([])
  inFlight = sendQueued()
    .then((outcomes) => {
      if (outcomes.length > 0) Taro.eventCenter.trigger(APP_EVENTS.offlineCheckinsSettled, outcomes)
      return outcomes
    })
    .finally(() => {
      inFlight = null
    })
  return inFlight
}
