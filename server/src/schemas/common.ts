import { Type, type Static, type StringOptions, type TSchema } from '@sinclair/typebox'

/*
 * Text a person typed: any Unicode except control characters (C0, DEL and C1), which no keyboard
 * produces and PostgreSQL cannot store (NUL). Multi-line fields keep tab, line feed and carriage
 * return. The validator names the field: `body/title 不能包含控制字符`.
 */
export const SINGLE_LINE_PATTERN = '^[^\\u0000-\\u001f\\u007f-\\u009f]*$'
export const MULTILINE_PATTERN = '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$'

/** A text field of a request: `TextField({ maxLength: 100 })`, or `{ multiline: true, … }` for bodies. */
export const TextField = ({ multiline = false, ...options }: StringOptions & { multiline?: boolean } = {}) =>
  Type.String({ ...options, pattern: multiline ? MULTILINE_PATTERN : SINGLE_LINE_PATTERN })

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
  cursor: Type.Optional(TextField({ minLength: 1, maxLength: 200 })),
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
