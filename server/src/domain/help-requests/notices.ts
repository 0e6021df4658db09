import type { Message } from '../notifications/notify'

/** The page a help request message opens. */
export const helpRequestLink = (id: number) => `/packages/help/detail/index?id=${id}`

/** One message about a help request; `occasion` keeps each change its own message. */
export function tell(
  row: { id: number },
  userId: number,
  title: string,
  body: string,
  occasion: string,
): Message {
  return {
    userId,
    kind: 'help_request',
    title,
    body,
    object: { type: 'help_request', id: row.id },
    occasion,
    link: helpRequestLink(row.id),
  }
}
