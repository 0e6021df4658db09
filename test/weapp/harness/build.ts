// The mini-program under test: the weapp build in dist/weapp-test (scripts/lib/weapp-build.mjs
// makes it), its app.json, and every page's WXML compiled by WeChat's own compiler, wcc.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

const ROOT = path.resolve(__dirname, '../../..')
export const BUILD_DIR = path.join(ROOT, 'dist/weapp-test')

export interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  window?: { navigationBarTitleText?: string }
  tabBar?: { list: { pagePath: string; text: string }[] }
}

export interface PageJson {
  navigationBarTitleText?: string
  enablePullDownRefresh?: boolean
  usingComponents?: Record<string, string>
  component?: boolean
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(BUILD_DIR, file), 'utf8')) as T
}

/** The origin baked into the build, which the harness routes to the test server. */
export function buildOrigin(): string {
  const stamp = path.join(BUILD_DIR, 'test-build.json')
  if (!existsSync(stamp)) {
    throw new Error(
      'dist/weapp-test is missing: `npm run test:weapp` (or `node scripts/lib/weapp-build.mjs`) builds it.',
    )
  }
  return readJson<{ origin: string }>('test-build.json').origin
}

export function appJson(): AppJson {
  return readJson<AppJson>('app.json')
}

/** Every page route of app.json, main package first, then the sub-packages. */
export function allRoutes(app: AppJson = appJson()): string[] {
  const sub = (app.subPackages ?? []).flatMap((pkg) => pkg.pages.map((page) => `${pkg.root}/${page}`))
  return [...app.pages, ...sub]
}

export function tabRoutes(app: AppJson = appJson()): string[] {
  return (app.tabBar?.list ?? []).map((item) => item.pagePath)
}

export function pageJson(route: string): PageJson {
  const file = `${route}.json`
  return existsSync(path.join(BUILD_DIR, file)) ? readJson<PageJson>(file) : {}
}

export function readBuildFile(file: string): string | null {
  const full = path.join(BUILD_DIR, file)
  return existsSync(full) ? readFileSync(full, 'utf8') : null
}

/** A wcc virtual node: what WeChat's view layer builds from a template and the page's data. */
export interface WccNode {
  tag: string
  attr?: Record<string, unknown>
  children?: (WccNode | string)[]
}

export interface Templates {
  /** The realm the templates run in: data handed to them must be built by its JSON. */
  json: JSON
  /**
   * `$gwx(path)(data)`: the virtual tree of one .wxml file for that data, and what wcc warned
   * about while building it (a template not found, a template calling itself).
   */
  render(file: string, data: object): { tree: WccNode; warnings: string[] }
}

let templates: Templates | null = null

/**
 * Compiles every .wxml/.wxs of the build with wcc once per test process (about 0.1 s) and loads
 * the result in a realm of its own, which plays WeChat's view layer.
 */
export function compiledTemplates(): Templates {
  if (templates) return templates
  // Required here, not at the top: only the weapp tests need WeChat's compilers.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { wxmlToJs } = require('miniprogram-compiler') as {
    wxmlToJs: (root: string, options?: { maxBuffer?: number }) => string
  }
  const code = wxmlToJs(BUILD_DIR, { maxBuffer: 64 * 1024 * 1024 })
  const view = vm.createContext({})
  // wcc's output expects a browser-like view layer: `window` is its global object.
  view.window = view
  let warnings: string[] = []
  const warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '))
  view.console = { log: warn, warn, error: warn }
  const gwx = vm.runInContext(`(function () {\n${code}\n})()`, view, {
    filename: 'wcc-output.js',
  }) as (file: string) => ((data: object, env: object, global: object) => WccNode) | undefined
  const json = vm.runInContext('JSON', view) as JSON
  templates = {
    json,
    render(file, data) {
      const generate = gwx(file)
      if (!generate) throw new Error(`wcc compiled no template ${file}`)
      warnings = []
      const tree = generate(data, {}, {})
      return { tree, warnings }
    },
  }
  return templates
}
