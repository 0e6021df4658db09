// The mini-program build the weapp tests run: dist/weapp-test, rebuilt when older than its sources.
// It has a folder of its own so that it never replaces a dist/weapp built for a real API origin.
// Its API origin is a placeholder the test harness routes to the test server, which listens on a
// port only known at run time. Run directly (`node scripts/lib/weapp-build.mjs`) it ensures the build.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildIsStale, dateFromStart, root, taroBuild } from './taro-build.mjs'

export const WEAPP_TEST_DIR = 'dist/weapp-test'
export const WEAPP_TEST_ORIGIN = 'https://api.weapp-test.invalid'
/** Written after a successful build: what the harness reads to know the build and its origin. */
const stamp = join(root, WEAPP_TEST_DIR, 'test-build.json')

function stampedOrigin() {
  try {
    return JSON.parse(readFileSync(stamp, 'utf8')).origin
  } catch {
    return null
  }
}

export function weappTestBuildIsStale() {
  return buildIsStale(stamp) || stampedOrigin() !== WEAPP_TEST_ORIGIN
}

export function ensureWeappTestBuild() {
  if (!weappTestBuildIsStale()) return
  const started = new Date()
  taroBuild('weapp', `the mini-program for the weapp tests (${WEAPP_TEST_DIR})`, {
    TARO_OUTPUT_ROOT: WEAPP_TEST_DIR,
    TARO_APP_API: WEAPP_TEST_ORIGIN,
  })
  writeFileSync(stamp, `${JSON.stringify({ origin: WEAPP_TEST_ORIGIN }, null, 2)}\n`)
  dateFromStart(stamp, started)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) ensureWeappTestBuild()
