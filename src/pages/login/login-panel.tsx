// Platforms without a file of their own (and the typechecker and tests) use the demo picker.
export { default } from './login-panel.h5'
