// Builds dist/weapp-test first when it is missing or older than the sources (npm test has done so
// already; this covers `npx jest --selectProjects weapp`).
const { spawnSync } = require('node:child_process')
const path = require('node:path')

module.exports = () => {
  const script = path.join(__dirname, '../../scripts/lib/weapp-build.mjs')
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' })
  if (result.status !== 0) throw new Error('The weapp test build failed; see the output above.')
}
