// Platforms without a file of their own (and the typechecker and tests) behave like the browser.
export { bottomOf, viewportHeight } from './viewport.h5'
