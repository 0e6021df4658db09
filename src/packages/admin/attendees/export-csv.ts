// Platforms without a file of their own (and the typechecker and tests) download like a browser.
export { exportAttendeesCsv, csvFileName } from './export-csv.h5'
