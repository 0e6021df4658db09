/** Browsers decide about the screen themselves; nothing to ask for. */
export function keepScreenOn(_on: boolean) {}
