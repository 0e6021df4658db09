import { Type, type Static, type TSchema } from '@sinclair/typebox'

/** ISO 8601 UTC timestamp, e.g. 2026-11-24T06:00:00.000Z */
export const IsoTime = Type.String({ format: 'date-time', examples: ['2026-11-24T06:00:00.000Z'] })

export const Id = Type.Integer({ minimum: 1, maximum: 2147483647 })

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false })
export type IdParams = Static<typeof IdParams>

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ pattern: '^[A-Z][A-Z0-9_]*$' }),
      message: Type.String(),
    }),
  },
  { $id: 'ErrorBody' },
)
export type ErrorBody = Static<typeof ErrorBody>

/** Query of every list endpoint: `limit` 1–50 (default 20) and an opaque `cursor`. */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
}

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) })

export interface PageOf<T> {
  items: T[]
  nextCursor: string | null
}

export const NamedRef = Type.Object({ id: Id, name: Type.String() })
export type NamedRef = Static<typeof NamedRef>

/**
 * Optional `Idempotency-Key` header of retryable writes: 1–100 visible ASCII characters. A retry
 * with the same key answers the first answer again and changes nothing.
 */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      pattern: '^[\\x21-\\x7e]+$',
      description: '幂等键:同一键的重试返回首次结果,不会重复执行',
    }),
  ),
})
export type IdempotencyHeaders = Static<typeof IdempotencyHeaders>
