// Only the browser has a file of its own; the typechecker and tests see it too.
export { canUseCamera, scanWithCamera } from './index.h5'
