// Platforms without a file of their own (and the typechecker and tests) leave the screen alone.
export { keepScreenOn } from './keep-screen-on.h5'
