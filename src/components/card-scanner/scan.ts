// Platforms without a file of their own (and the typechecker and tests) have no scanner: paste.
export { canScan, scanCardPayload } from './scan.h5'
