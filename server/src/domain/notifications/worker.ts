import type { Kysely } from 'kysely'
import type { Database } from '../../db/types'
import { claimDue, deliverClaimed, type DeliveryCounts, type DeliverySettings } from './delivery'
import { remindDueApplicationSteps } from '../applications/reminders'
import { fanOutDueReminders } from './reminders'

export interface NotifierOptions extends Partial<Omit<DeliverySettings, 'wechat' | 'templates'>> {
  /** How often to look for due work. */
  pollMs?: number
}

export interface TickResult extends DeliveryCounts {
  /** Timed reminders fanned out to their members. */
  reminders: number
  /** Secretaries told of an application step that came due or went overdue. */
  stepReminders: number
}

/** Application steps are looked over at most this often (by this process's clock of the app). */
export const STEP_REMINDER_EVERY_MS = 60_000

type Log = { warn: (object: object, message: string) => void }

/**
 * The notification worker of one server process: every `pollMs` it fans out due reminders and
 * sends due outbox rows, reading everything from the database (nothing is kept in memory that a
 * restart would forget). It runs only once started, and `stop()` waits for a tick in progress.
 */
export class Notifier {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<TickResult> | null = null
  private stopped = true
  /** Set while stop() waits: a tick in progress ends after its current batch. */
  private halting = false
  private readonly settings: DeliverySettings
  private readonly pollMs: number
  /** When this process last looked over the application steps; the database decides what is sent. */
  private stepsCheckedAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
    base: Pick<DeliverySettings, 'wechat' | 'templates'>,
    options: NotifierOptions,
    private readonly log: Log,
  ) {
    this.pollMs = options.pollMs ?? 1000
    this.settings = {
      leaseMs: 60_000,
      batch: 50,
      concurrency: 8,
      maxAttempts: 5,
      backoffMs: 30_000,
      ...options,
      ...base,
    }
  }

  get started(): boolean {
    return !this.stopped
  }

  /** Polls until stopped. */
  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.schedule(0)
  }

  /** Stops polling and waits for the tick in progress, if any. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.halting = true
    try {
      await this.running?.catch(() => undefined)
    } finally {
      this.halting = false
    }
  }

  /** Runs one tick now (tests drive the worker with this and the app's clock); waits for one in progress first. */
  async runOnce(): Promise<TickResult> {
    while (this.running) await this.running.catch(() => undefined)
    const tick = this.tick()
    this.running = tick
    try {
      return await tick
    } finally {
      this.running = null
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.runOnce()
        .catch((error: unknown) => this.log.warn({ err: error }, 'notification worker tick failed'))
        .finally(() => this.schedule(this.pollMs))
    }, delay)
    this.timer.unref()
  }

  private async tick(): Promise<TickResult> {
    const shouldStop = () => this.halting
    const result: TickResult = { reminders: 0, stepReminders: 0, sent: 0, skipped: 0, retried: 0, failed: 0 }
    result.reminders = await fanOutDueReminders(this.db, this.now(), { shouldStop })
    while (!this.halting) {
      const now = this.now()
      const rows = await claimDue(this.db, now, this.settings)
      if (rows.length === 0) break
      await this.settings.afterClaim?.(rows.map((row) => row.id))
      await deliverClaimed(this.db, rows, now, this.settings, result)
      if (rows.length < this.settings.batch) break
    }
    // After the sending, so that looking over the applications never delays a message already due;
    // what it tells goes out on the next tick.
    const checkedAt = this.now().getTime()
    if (!this.halting && Math.abs(checkedAt - this.stepsCheckedAt) >= STEP_REMINDER_EVERY_MS) {
      this.stepsCheckedAt = checkedAt
      result.stepReminders = await remindDueApplicationSteps(this.db, this.now())
    }
    return result
  }
}
