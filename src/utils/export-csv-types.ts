export interface CsvExport {
  /** The API path that answers the CSV, e.g. `/api/sessions/3/attendance?format=csv`. */
  path: string
  /** The name the file is saved or shared under. */
  fileName: string
  /** Said when the server answers 403 (the mini-program download sees no error envelope). */
  forbiddenMessage?: string
}
