// npm test: every test there is — client (jsdom), server (SQLite, and PostgreSQL when
// TEST_DATABASE_URL is set), the browser tests, which need the H5 build, and the mini-program
// tests, which need the weapp test build (dist/weapp-test). Builds only what the selected
// projects (`--selectProjects …`) need.
import { spawnSync } from 'node:child_process'
import { ensureH5Build } from './lib/h5-build.mjs'
import { ensureWeappTestBuild } from './lib/weapp-build.mjs'

/** The names after `--selectProjects`, up to the next option; null without it. */
function selectedProjects(args) {
  const at = args.indexOf('--selectProjects')
  if (at < 0) return null
  const rest = args.slice(at + 1)
  const end = rest.findIndex((arg) => arg.startsWith('-'))
  return end < 0 ? rest : rest.slice(0, end)
}

const args = process.argv.slice(2)
const selected = selectedProjects(args)
const wants = (project) => selected === null || selected.includes(project)

if (wants('e2e')) ensureH5Build()
if (wants('weapp')) ensureWeappTestBuild()
if (!process.env.TEST_DATABASE_URL) {
  console.log('TEST_DATABASE_URL is not set: the server suites run on SQLite only.')
}
const result = spawnSync('npx', ['jest', ...args], { stdio: 'inherit' })
process.exit(result.status ?? 1)
