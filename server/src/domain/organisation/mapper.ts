import type { NamedRef } from '../../schemas'

/** `{ id, name }` of a joined branch, company or person; null when the row has none. */
export function refOf(id: number | null, name: string | null): NamedRef | null {
  return id !== null && name !== null ? { id, name } : null
}
