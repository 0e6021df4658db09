// Builds a Taro target when its output is missing or older than its sources.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs'
import { join } from 'node:path'

export const root = new URL('../..', import.meta.url).pathname
const sources = ['src', 'config', 'types', 'package.json', 'babel.config.js', 'tsconfig.json']

function newestMtime(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** True when `marker` (a file the build writes last) is missing or older than any source. */
export function buildIsStale(marker) {
  if (!existsSync(marker)) return true
  const built = statSync(marker).mtimeMs
  return sources.some((source) => existsSync(join(root, source)) && newestMtime(join(root, source)) > built)
}

/** Runs a production `taro build --type <type>` with extra environment; exits the process if it fails. */
export function taroBuild(type, label, env = {}) {
  console.log(`Building ${label}…`)
  const result = spawnSync('npx', ['taro', 'build', '--type', type], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', ...env },
  })
  if (result.status !== 0) {
    console.error(`The ${label} build failed; see the output above.`)
    process.exit(result.status ?? 1)
  }
}

/**
 * Dates `marker` to when its build began: a source saved while the build ran (which the build may
 * or may not have read) is then newer than the build, and the next run builds again.
 */
export function dateFromStart(marker, started) {
  if (existsSync(marker)) utimesSync(marker, started, started)
}
