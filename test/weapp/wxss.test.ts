import { spawnSync } from 'node:child_process'
import path from 'node:path'

// The same check CI runs on dist/weapp (npm run check:wxss), here on the test build.
describe('the stylesheets of the mini-program', () => {
  it('all compile with WeChat’s own WXSS compiler, wcsc', () => {
    const root = path.resolve(__dirname, '../..')
    const result = spawnSync(process.execPath, ['scripts/check-wxss.mjs', 'dist/weapp-test'], {
      cwd: root,
      encoding: 'utf8',
    })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/^All \d+ stylesheets of dist\/weapp-test compile with wcsc\./)
  })
})
