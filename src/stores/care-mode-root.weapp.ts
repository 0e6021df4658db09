/** A mini-program page has no root the app can mark; each page root carries the class instead. */
export function markRoot(_className: string, _on: boolean) {}
