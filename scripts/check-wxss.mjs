// npm run check:wxss [dir]: compiles every .wxss of a mini-program build (dist/weapp by default)
// with WeChat's own WXSS compiler, wcsc, and fails on the first file it rejects. A stylesheet wcsc
// rejects is not loaded on a phone at all. It also rejects the universal selector `*`, which
// WeChat DevTools refuses even where wcsc lets it through.
import { chmodSync, existsSync, readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, posix, relative } from 'node:path'
import { spawnSync } from 'node:child_process'

const root = new URL('..', import.meta.url).pathname
const dir = join(root, process.argv[2] ?? 'dist/weapp')

const require = createRequire(import.meta.url)
const wcsc = join(dirname(require.resolve('miniprogram-compiler/package.json')), 'bin/linux/wcsc')

function files(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(folder, entry.name)) : [join(folder, entry.name)],
  )
}

const IMPORT = /@import\s+(?:url\()?["']([^"']+)["']\)?/g

/** The file and every stylesheet it imports, imports first, as paths relative to the build. */
function withImports(file, seen = new Set()) {
  if (seen.has(file)) return []
  seen.add(file)
  const source = readFileSync(join(dir, file), 'utf8')
  const imported = [...source.matchAll(IMPORT)].map((match) => posix.join(posix.dirname(file), match[1]))
  return [...imported.flatMap((path) => withImports(path, seen)), file]
}

/** wcsc's own complaint about one file (compiled with what it imports), or null. */
function compile(file) {
  const list = withImports(file)
  const result = spawnSync(wcsc, ['-db', '-pc', '0', ...list], { cwd: dir, maxBuffer: 64 * 1024 * 1024 })
  if (result.error) throw result.error
  return result.status === 0 ? null : result.stderr.toString().trim().split('\n')[0]
}

/** The text around a `file(line:col)` position wcsc names, so the rejected selector is visible. */
function around(message) {
  const match = /^ERR: (.+?)\((\d+):(\d+)\)/.exec(message)
  if (!match) return ''
  const lines = readFileSync(join(dir, match[1]), 'utf8').split('\n')
  const line = lines[Number(match[2]) - 1] ?? ''
  const at = Number(match[3]) - 1
  return `\n    …${line.slice(Math.max(0, at - 60), at + 40)}…`
}

/** Selectors (not at-rule preludes) that use the universal selector `*` (but not `[attr*=…]`). */
function universalSelectors(source) {
  const found = []
  const css = source.replace(/\/\*[\s\S]*?\*\//g, '')
  let start = 0
  for (let i = 0; i < css.length; i++) {
    const char = css[i]
    if (char === '{') {
      const prelude = css.slice(start, i).trim()
      if (!prelude.startsWith('@') && /\*(?!=)/.test(prelude)) found.push(prelude)
      start = i + 1
    } else if (char === '}' || char === ';') {
      start = i + 1
    }
  }
  return found
}

if (!existsSync(join(dir, 'app.json'))) {
  console.error(`${relative(root, dir)} is not a mini-program build (no app.json).`)
  process.exit(1)
}
if (process.platform !== 'linux') {
  console.error('check-wxss runs the Linux build of wcsc.')
  process.exit(1)
}
chmodSync(wcsc, 0o755)

const stylesheets = files(dir)
  .filter((file) => file.endsWith('.wxss'))
  .map((file) => relative(dir, file).split('\\').join('/'))
  .sort()
const problems = new Set()
for (const file of stylesheets) {
  const error = compile(file)
  if (error) problems.add(`${error}${around(error)}`)
  for (const selector of universalSelectors(readFileSync(join(dir, file), 'utf8'))) {
    problems.add(`ERR: ${file}: the universal selector * is not allowed in mini-programs: ${selector}`)
  }
}

if (problems.size > 0) {
  console.error(`wcsc rejects ${problems.size} stylesheet problem(s) in ${relative(root, dir)}:`)
  for (const problem of problems) console.error(`  ${problem}`)
  process.exit(1)
}
console.log(`All ${stylesheets.length} stylesheets of ${relative(root, dir)} compile with wcsc.`)
