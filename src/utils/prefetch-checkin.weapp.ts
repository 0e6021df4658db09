/** Mini-program: the sign-in sub-package is preloaded with the 学习 tab (app.config preloadRule). */
export function prefetchCheckinPages() {}
