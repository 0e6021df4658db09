// Builds the H5 app when dist/h5 is missing or older than its sources.
import { join } from 'node:path'
import { buildIsStale, dateFromStart, root, taroBuild } from './taro-build.mjs'

const marker = join(root, 'dist/h5/index.html')

export function h5BuildIsStale() {
  return buildIsStale(marker)
}

export function ensureH5Build() {
  if (!h5BuildIsStale()) return
  const started = new Date()
  taroBuild('h5', 'the H5 app (dist/h5)')
  dateFromStart(marker, started)
}
