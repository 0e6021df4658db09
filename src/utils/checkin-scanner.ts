// Platforms without a file of their own (and the typechecker and tests) type the short code.
export { canScanCheckin, scanCheckinCode } from './checkin-scanner.h5'
