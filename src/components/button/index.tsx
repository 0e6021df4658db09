// Platforms without a file of their own (and the typechecker and tests) get the browser's button.
export { Button, default } from './index.h5'
export type { ButtonProps } from './types'
