import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import { Redis } from 'ioredis'
import { sql } from 'kysely'
import { AppError } from '../errors'

/*
 * Where @fastify/rate-limit counts, so that a limit holds across every instance: in the database
 * by default (one row per key and fixed window), or in Redis when REDIS_URL is set (the plugin's
 * own Redis store). Never only in one process's memory.
 */

type Callback = Parameters<FastifyRateLimitStore['incr']>[1]

/** Until a limiter says otherwise (each of ours does). */
const DEFAULT_WINDOW_MS = 60_000

/** How often an instance deletes windows that ended (a hygiene task: the counts don't depend on it). */
const PRUNE_EVERY_MS = 60_000

/**
 * A fixed-window counter in `rate_limits`: one atomic upsert per hit starts a new window when the
 * stored one has ended, else adds one. Correct on both dialects under concurrency.
 */
export function databaseStore(app: FastifyInstance): FastifyRateLimitStoreCtor {
  let lastPrune = 0
  const prune = (now: number) => {
    if (now - lastPrune < PRUNE_EVERY_MS) return
    lastPrune = now
    app.db
      .deleteFrom('rate_limits')
      .where('resets_at', '<=', now)
      .execute()
      .catch((error: unknown) => app.log.warn({ err: error }, 'pruning rate limits failed'))
  }

  const hit = async (key: string, timeWindow: number): Promise<{ current: number; ttl: number }> => {
    const now = app.now().getTime()
    const fresh = sql<boolean>`rate_limits.resets_at <= ${now}`
    const row = await app.db
      .insertInto('rate_limits')
      .values({ key, hits: 1, resets_at: now + timeWindow })
      .onConflict((conflict) =>
        conflict.column('key').doUpdateSet({
          hits: sql`case when ${fresh} then 1 else rate_limits.hits + 1 end`,
          resets_at: sql`case when ${fresh} then ${now + timeWindow} else rate_limits.resets_at end`,
        }),
      )
      .returning(['hits', 'resets_at'])
      .executeTakeFirstOrThrow()
    prune(now)
    return { current: Number(row.hits), ttl: Math.max(0, Number(row.resets_at) - now) }
  }

  return class DatabaseStore implements FastifyRateLimitStore {
    private readonly timeWindow: number

    constructor(options: { timeWindow?: unknown } = {}) {
      this.timeWindow = typeof options.timeWindow === 'number' ? options.timeWindow : DEFAULT_WINDOW_MS
    }

    // The plugin passes each limiter's window as a third argument (its typings leave it out).
    incr(key: string, callback: Callback, timeWindow?: number): void {
      hit(key, timeWindow ?? this.timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      )
    }

    // Each limiter's merged options, its `timeWindow` included (typed as route options).
    child(routeOptions: object): FastifyRateLimitStore {
      return new DatabaseStore(routeOptions as { timeWindow?: unknown })
    }
  }
}

/** Redis for @fastify/rate-limit's store; closed with the app. A command fails after one retry. */
export function redisClient(app: FastifyInstance, url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000 })
  redis.on('error', (error: Error) => app.log.warn({ err: error }, 'redis error'))
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect())
  })
  return redis
}

/** Turns a failing Redis into a clear 503 instead of an unhandled 500. */
export function unavailableAsAppError(error: unknown): AppError {
  return new AppError(503, 'RATE_LIMIT_UNAVAILABLE', '服务暂时不可用,请稍后再试', { cause: error })
}
