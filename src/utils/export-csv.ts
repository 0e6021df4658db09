// Platforms without a file of their own (and the typechecker and tests) download like a browser.
export { exportCsv, type CsvExport } from './export-csv.h5'
