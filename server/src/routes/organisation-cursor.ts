import { decodeCursor, isId } from '../domain/cursor'
import { validationFailed } from '../errors'

/** The id an organisation list's cursor carries (lists ordered by id); null without a cursor. */
export function idFromCursor(cursor: string | undefined): number | null {
  if (cursor === undefined) return null
  const [id, ...rest] = decodeCursor(cursor) ?? []
  if (!isId(id) || rest.length > 0) throw validationFailed('query/cursor 无效,请从第一页重新加载')
  return id
}
