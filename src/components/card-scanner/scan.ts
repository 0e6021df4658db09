// Platforms without a file of their own (and the typechecker and tests) scan as the browser does.
export { canPaste, canScan, scanCardPayload } from './scan.h5'
