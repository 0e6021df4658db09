// A webpack loader for Taro's React runtime on H5: a page is mounted as a React transition, so
// React renders it in slices of a few milliseconds, yielding to the browser in between, instead of
// in one task that holds the main thread for the whole page (the page shows once it has committed,
// as before: Taro waits for the mount's callback).
const MOUNT =
  /(this\.pages\.push\(page\);\s*)this\.forceUpdate\(\(\.\.\.args\) => \{([\s\S]*?)\}\);(\s*\}\s*unmount\(id, cb\))/

module.exports = function pageTransition(source) {
  if (!MOUNT.test(source)) {
    throw new Error('page-transition-loader: the page mount of @tarojs/plugin-framework-react has changed')
  }
  return source.replace(
    MOUNT,
    (_, before, body, after) =>
      `${before}react.startTransition(() => this.forceUpdate((...args) => {${body}}));${after}`,
  )
}
