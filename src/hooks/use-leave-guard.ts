// Platforms without a file of their own (and the typechecker and tests) guard as the browser does.
export { useLeaveGuard } from './use-leave-guard.h5'
