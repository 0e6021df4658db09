// Builds the H5 app when dist/h5 is missing or older than its sources.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('../..', import.meta.url).pathname
const sources = ['src', 'config', 'types', 'package.json', 'babel.config.js', 'tsconfig.json']
const marker = join(root, 'dist/h5/index.html')

function newestMtime(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

export function h5BuildIsStale() {
  if (!existsSync(marker)) return true
  const built = statSync(marker).mtimeMs
  return sources.some((source) => existsSync(join(root, source)) && newestMtime(join(root, source)) > built)
}

export function ensureH5Build() {
  if (!h5BuildIsStale()) return
  console.log('Building the H5 app (dist/h5)…')
  const result = spawnSync('npx', ['taro', 'build', '--type', 'h5'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) {
    console.error('The H5 build failed; see the output above.')
    process.exit(result.status ?? 1)
  }
}
