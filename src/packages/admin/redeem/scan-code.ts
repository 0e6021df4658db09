// Platforms without a file of their own (and the typechecker and tests) have no scanner: type the code.
export { canScan, scanPickupCode } from './scan-code.h5'
