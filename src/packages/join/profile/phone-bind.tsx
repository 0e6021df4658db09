// Platforms without a file of their own (and the typechecker and tests) use the H5 one.
export { PhoneBind } from './phone-bind.h5'
