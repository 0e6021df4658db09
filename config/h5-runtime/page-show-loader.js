// A webpack loader for Taro's H5 router: a page that is opened covers the one below, which is
// shaded (hidden) once the opening animation has run, 350 ms later. Going back within that time
// showed the page below and then the late timer hid it again: a blank screen under the tab bar.
// Showing a page now cancels a hide of that page still waiting to happen.
const SHOW =
  /(\bshow\(page, pageConfig = \{\}, pageNo = 0\) \{[\s\S]*?let pageEl = this\.getPageContainer\(page\);\s*if \(pageEl\) \{)/

module.exports = function pageShow(source) {
  if (!source.includes('class PageHandler')) return source
  if (!SHOW.test(source)) {
    throw new Error('page-show-loader: the page show of @tarojs/router has changed')
  }
  return source.replace(
    SHOW,
    (head) =>
      `${head} if (this.hideTimer && this.lastHidePage === pageEl) { clearTimeout(this.hideTimer); this.hideTimer = null; }`,
  )
}
