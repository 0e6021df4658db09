// npm test: every test there is — client (jsdom), server (SQLite, and PostgreSQL when
// TEST_DATABASE_URL is set) and the browser tests, which need the H5 build.
import { spawnSync } from 'node:child_process'
import { ensureH5Build } from './lib/h5-build.mjs'

ensureH5Build()
if (!process.env.TEST_DATABASE_URL) {
  console.log('TEST_DATABASE_URL is not set: the server suites run on SQLite only.')
}
const result = spawnSync('npx', ['jest', ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(result.status ?? 1)
