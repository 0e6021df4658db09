// The mini-program ships every page in its package (nothing to fetch on the way), and the tests
// have no webpack chunks: only H5 (`page-load-errors.h5.ts`) watches.
export function watchPageLoadErrors(): () => void {
  return () => {}
}
