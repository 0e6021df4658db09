import { request } from '@/services/request'
import type { CsvExport } from './export-csv-types'

export type { CsvExport } from './export-csv-types'

/**
 * Browser: fetch the CSV through the request layer (token, errors) and save it with a Blob link.
 * The byte-order mark lets Excel read the UTF-8 Chinese names (decoding the text dropped the server's).
 */
export async function exportCsv({ path, fileName }: CsvExport): Promise<void> {
  const text = await request<string>(path, {
    header: { Accept: 'text/csv, application/json' },
    responseType: 'text',
  })
  const withBom = text.startsWith('\ufeff') ? text : `\ufeff${text}`
  const url = URL.createObjectURL(new Blob([withBom], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Let the download start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
