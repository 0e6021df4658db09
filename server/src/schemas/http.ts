import { Type, type TUnsafe } from '@sinclair/typebox'
import type { ErrorBody } from './common'

/** `{ error: { code, message } }` responses for the listed statuses (the ErrorBody shared schema). */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, TUnsafe<ErrorBody>> {
  const ref = Type.Unsafe<ErrorBody>(Type.Ref('ErrorBody'))
  return Object.fromEntries(statuses.map((status) => [status, ref])) as Record<S, TUnsafe<ErrorBody>>
}

/** Marks a route as requiring `Authorization: Bearer <token>` in the OpenAPI document. */
export const bearerAuth = [{ bearerAuth: [] as string[] }]
