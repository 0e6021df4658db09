// Platforms without a file of their own (and the typechecker and tests) listen like a browser.
export { watchNetworkReturn } from './network-watch.h5'
