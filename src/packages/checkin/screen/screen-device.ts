// Platforms without a file of their own (and the typechecker and tests) behave like a browser.
export {
  canFullscreen,
  keepScreenOn,
  readViewport,
  toggleFullscreen,
  watchViewport,
  type Viewport,
} from './screen-device.h5'
