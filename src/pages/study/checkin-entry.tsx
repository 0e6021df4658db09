// Platforms without a file of their own (and the typechecker and tests) enter the short code.
export { CheckinEntry } from './checkin-entry.h5'
