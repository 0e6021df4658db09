/** The browser has a document root: marking <html> reaches every page, the tab bar and the body. */
export function markRoot(className: string, on: boolean) {
  if (typeof document === 'undefined') return
  document.documentElement.classList.toggle(className, on)
}
