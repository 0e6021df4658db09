// npm run size: prints the size of the WeChat main package, each sub-package and the H5 build,
// and fails when the main package exceeds our 512 KiB budget (WeChat's own limit is 2 MiB).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const BUDGET = 512 * 1024
const weapp = join(root, 'dist/weapp')
const h5 = join(root, 'dist/h5')

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`

if (!existsSync(join(weapp, 'app.json'))) {
  console.error('dist/weapp is missing: run `npm run build:weapp` first.')
  process.exit(1)
}
const app = JSON.parse(readFileSync(join(weapp, 'app.json'), 'utf8'))
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((sub) => sub.root.replace(/\/$/, ''))
const sizes = { main: 0, ...Object.fromEntries(subRoots.map((sub) => [sub, 0])) }
for (const file of files(weapp)) {
  const path = relative(weapp, file)
  const owner = subRoots.find((sub) => path === sub || path.startsWith(`${sub}/`)) ?? 'main'
  sizes[owner] += statSync(file).size
}

console.log('WeChat mini-program (dist/weapp)')
console.log(`  main package      ${kib(sizes.main).padStart(12)}   budget ${kib(BUDGET)}`)
for (const sub of subRoots) console.log(`  ${sub.padEnd(18)}${kib(sizes[sub]).padStart(12)}`)
if (existsSync(h5)) {
  // The build keeps a brotli (.br) and a gzip (.gz) copy beside each text asset: counted apart.
  const h5Files = files(h5)
  const sum = (list) => list.reduce((total, file) => total + statSync(file).size, 0)
  const plain = h5Files.filter((file) => !/\.(br|gz)$/.test(file))
  const js = plain.filter((file) => file.endsWith('.js'))
  const brotliJs = js.map((file) => (existsSync(`${file}.br`) ? `${file}.br` : file))
  console.log('H5 (dist/h5)')
  console.log(
    `  total             ${kib(sum(plain)).padStart(12)}   of which JS ${kib(sum(js))} (${kib(sum(brotliJs))} brotli)`,
  )
}
if (sizes.main > BUDGET) {
  console.error(`The main package is ${kib(sizes.main)}, over the ${kib(BUDGET)} budget.`)
  process.exit(1)
}
