// Platforms without a file of their own (and the typechecker and tests) fetch ahead like a browser.
export { prefetchCheckinPages } from './prefetch-checkin.h5'
