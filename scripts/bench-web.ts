/// <reference lib="dom" />
/**
 * The web half of `npm run bench`, against a running server that serves the H5 build:
 *   - Lighthouse 12.2.3 mobile (simulated slow 4G, 4× CPU) on the login page and on 首页 signed in,
 *     three runs each on a cold cache, the median by performance score;
 *   - bytes on the wire for a first load of 首页 and for a second visit (JS, CSS and HTML apart
 *     from the API's answers), and how many scripts the second visit fetched from the network;
 *   - the longest main-thread task while 首页, 活动 and 我的 load on a 4× slowed CPU.
 * Chromium is Debian's (`CHROMIUM_PATH` points elsewhere), driven over the DevTools protocol.
 *
 * Run on its own (`tsx scripts/bench-web.ts`, part of `npm run bench`) it builds nothing: it serves
 * the existing H5 build (`npm run build:h5`) from the server started in a process of its own, on a
 * fresh demo database, and signs in as a demo member of a branch. `BENCH_WEB_REPORTS=<folder>`
 * keeps every Lighthouse report as JSON.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core'
import { CHROMIUM, CHROMIUM_ARGS, PHONE } from '../test/e2e/phone'

const LIGHTHOUSE_RUNS = 3
const CHROMIUM_FLAGS = [...CHROMIUM_ARGS, '--disable-default-apps', '--disable-extensions', '--mute-audio']

export const TARGETS = {
  lighthouse: 95,
  firstLoadKiB: 120,
  longTaskMs: 200,
}

/** The pages, as the hash router names them. */
export const PAGES = {
  login: '/#/pages/login/index',
  home: '/#/pages/home/index',
}

/** What the signed-in runs need: a member's token and profile, stored as the app stores them. */
export interface SignedIn {
  token: string
  user: unknown
}

interface LighthouseAudit {
  numericValue?: number
}
interface LighthouseResult {
  lhr: {
    categories: Record<string, { score: number | null }>
    audits: Record<string, LighthouseAudit>
    runWarnings: string[]
  }
}
// Lighthouse is an ES module with very large types: describe the part used here.
type Lighthouse = (url: string, flags: Record<string, unknown>) => Promise<LighthouseResult | undefined>

export interface LighthouseFigures {
  performance: number
  accessibility: number
  bestPractices: number
  tbtMs: number
  lcpMs: number
  fcpMs: number
  transferKiB: number
}

/** Taro's H5 storage keeps `{ data }` as JSON under the key the app uses. */
function storageScript({ token, user }: SignedIn): string {
  const item = (value: unknown) => JSON.stringify(JSON.stringify({ data: value }))
  return `localStorage.setItem('red-e-park:token', ${item(token)});localStorage.setItem('red-e-park:user', ${item(user)});`
}

/** Debian's Chromium with a DevTools port, for Lighthouse. */
async function startChromium(): Promise<{ port: number; stop: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'red-e-park-lh-'))
  const child: ChildProcess = spawn(
    CHROMIUM,
    [...CHROMIUM_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(buffered)
      if (match) resolve(Number(match[1]))
    })
    child.once('exit', (code) => reject(new Error(`Chromium exited early (${code})`)))
  })
  return {
    port,
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      await exited
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
      } catch {
        // Chromium's helper processes may still be writing to the profile; a temp folder left
        // behind must not throw the measured report away.
      }
    },
  }
}

/** Writes the session into the browser profile's localStorage for `origin`. */
async function signInProfile(port: number, origin: string, signedIn: SignedIn): Promise<void> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`)
  const context = browser.contexts()[0]!
  const page = await context.newPage()
  // A blank document of the app's origin: the app itself does not need to run for this.
  await page.route(`${origin}/__bench-blank`, (route) =>
    route.fulfill({ body: '', contentType: 'text/html' }),
  )
  await page.goto(`${origin}/__bench-blank`)
  await page.evaluate(storageScript(signedIn))
  await page.close()
  await browser.close().catch(() => undefined)
}

function median<T>(runs: T[], by: (run: T) => number): T {
  const sorted = [...runs].sort((a, b) => by(a) - by(b))
  return sorted[Math.floor(sorted.length / 2)]!
}

async function lighthouseRuns(
  lighthouse: Lighthouse,
  port: number,
  url: string,
): Promise<{ median: LighthouseFigures; scores: number[] }> {
  const runs: LighthouseFigures[] = []
  for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
    // The default (mobile) configuration: Moto G Power, simulated slow 4G and a 4× slower CPU.
    // Each run clears the HTTP cache; localStorage (the session) is kept.
    const result = await lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    })
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`)
    // BENCH_WEB_REPORTS=<folder> keeps each run's full report, to open in Lighthouse's viewer.
    const reports = process.env.BENCH_WEB_REPORTS
    if (reports) {
      mkdirSync(reports, { recursive: true })
      const name = `${new URL(url).hash.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'index'}-${i + 1}.json`
      writeFileSync(path.join(reports, name), JSON.stringify(result.lhr))
    }
    const { categories, audits } = result.lhr
    const score = (name: string) => Math.round((categories[name]?.score ?? 0) * 100)
    const value = (name: string) => audits[name]?.numericValue ?? Number.NaN
    runs.push({
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      tbtMs: value('total-blocking-time'),
      lcpMs: value('largest-contentful-paint'),
      fcpMs: value('first-contentful-paint'),
      transferKiB: value('total-byte-weight') / 1024,
    })
  }
  return { median: median(runs, (run) => run.performance), scores: runs.map((run) => run.performance) }
}

interface Transfer {
  /** Bytes on the wire for HTML, JS and CSS. */
  appKiB: number
  jsKiB: number
  /** Bytes on the wire for the API's answers. */
  apiKiB: number
  /** Scripts that came over the network (not from the browser's cache). */
  scriptsFetched: number
  scriptsFromCache: number
  requests: number
}

/** Counts what one navigation moves over the network, by the DevTools protocol's own figures. */
async function recordTransfer(cdp: CDPSession, visit: () => Promise<void>): Promise<Transfer> {
  const kinds = new Map<string, { type: string; url: string; cached: boolean }>()
  const figures: Transfer = {
    appKiB: 0,
    jsKiB: 0,
    apiKiB: 0,
    scriptsFetched: 0,
    scriptsFromCache: 0,
    requests: 0,
  }
  const onResponse = (event: {
    requestId: string
    type: string
    response: { url: string; fromDiskCache?: boolean }
  }) => {
    kinds.set(event.requestId, {
      type: event.type,
      url: event.response.url,
      cached: event.response.fromDiskCache === true,
    })
  }
  const onCached = (event: { requestId: string }) => {
    const kind = kinds.get(event.requestId)
    if (kind) kind.cached = true
    else kinds.set(event.requestId, { type: 'Script', url: '', cached: true })
  }
  const onFinished = (event: { requestId: string; encodedDataLength: number }) => {
    const kind = kinds.get(event.requestId)
    if (!kind) return
    figures.requests++
    const kib = event.encodedDataLength / 1024
    const isApi = new URL(kind.url || 'http://x/').pathname.startsWith('/api/')
    if (kind.type === 'Script') {
      if (kind.cached) figures.scriptsFromCache++
      else figures.scriptsFetched++
    }
    if (isApi) figures.apiKiB += kib
    else if (['Document', 'Script', 'Stylesheet'].includes(kind.type)) {
      figures.appKiB += kib
      if (kind.type === 'Script') figures.jsKiB += kib
    }
  }
  cdp.on('Network.responseReceived', onResponse)
  cdp.on('Network.requestServedFromCache', onCached)
  cdp.on('Network.loadingFinished', onFinished)
  await visit()
  cdp.off('Network.responseReceived', onResponse)
  cdp.off('Network.requestServedFromCache', onCached)
  cdp.off('Network.loadingFinished', onFinished)
  return figures
}

async function phonePage(context: BrowserContext): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  return { page, cdp }
}

async function waitForHome(page: Page): Promise<void> {
  await page.locator('.announcement-card').first().waitFor({ timeout: 30_000 })
  await page.waitForLoadState('networkidle')
}

export interface LongTasks {
  /** The longest task while each page loaded, in ms (0: none over 50 ms). */
  longestMs: Record<string, number>
  count: number
}

/**
 * 首页, then 活动 and 我的 from the tab bar, on a 4× slowed CPU; Chromium reports every main-thread
 * task over 50 ms to a PerformanceObserver ('longtask'), read after each page has settled.
 */
async function recordLongTasks(context: BrowserContext, origin: string): Promise<LongTasks> {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  await page.addInitScript(() => {
    const tasks: number[] = []
    ;(window as unknown as { __longTasks: number[] }).__longTasks = tasks
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration)
    }).observe({ type: 'longtask', buffered: true })
  })
  const take = () =>
    page.evaluate(() => {
      const tasks = (window as unknown as { __longTasks: number[] }).__longTasks
      return tasks.splice(0, tasks.length)
    })
  const longestMs: Record<string, number> = {}
  let count = 0
  const note = (name: string, tasks: number[]) => {
    longestMs[name] = Math.round(Math.max(0, ...tasks))
    count += tasks.length
  }
  await page.goto(`${origin}${PAGES.home}`)
  await waitForHome(page)
  note('首页', await take())
  for (const [tab, ready] of [
    ['活动', '.event-card'],
    ['我的', '.menu-item--card'],
  ] as const) {
    await page.locator('.weui-tabbar__item', { hasText: tab }).click()
    await page.locator(ready).first().waitFor({ timeout: 30_000 })
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(300)
    note(tab, await take())
  }
  await page.close()
  return { longestMs, count }
}

export interface WebFigures {
  login: { median: LighthouseFigures; scores: number[] }
  home: { median: LighthouseFigures; scores: number[] }
  firstLoad: Transfer
  secondVisit: Transfer
  longTasks: LongTasks
}

export async function runWebBench(origin: string, signedIn: SignedIn): Promise<WebFigures> {
  const { default: lighthouse } = (await import('lighthouse')) as unknown as { default: Lighthouse }
  const chrome = await startChromium()
  let login: WebFigures['login']
  let home: WebFigures['home']
  try {
    login = await lighthouseRuns(lighthouse, chrome.port, `${origin}${PAGES.login}`)
    await signInProfile(chrome.port, origin, signedIn)
    home = await lighthouseRuns(lighthouse, chrome.port, `${origin}${PAGES.home}`)
  } finally {
    await chrome.stop()
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })
  try {
    const context = await browser.newContext(PHONE)
    await context.addInitScript(storageScript(signedIn))
    const first = await phonePage(context)
    const firstLoad = await recordTransfer(first.cdp, async () => {
      await first.page.goto(`${origin}${PAGES.home}`)
      await waitForHome(first.page)
    })
    await first.page.close()
    // A second visit: the app opened again in the same browser, as from a bookmark.
    const second = await phonePage(context)
    const secondVisit = await recordTransfer(second.cdp, async () => {
      await second.page.goto(`${origin}${PAGES.home}`)
      await waitForHome(second.page)
    })
    await second.page.close()
    const longTasks = await recordLongTasks(context, origin)
    return { login, home, firstLoad, secondVisit, longTasks }
  } finally {
    await browser.close()
  }
}

const fmt = (value: number, digits = 0) => value.toFixed(digits)

export function reportWeb(figures: WebFigures): void {
  console.log('\nH5 app (served by the API server, Lighthouse 12.2.3 mobile, median of 3)')
  for (const [name, { median: run, scores }] of [
    ['login page', figures.login],
    ['首页 signed in', figures.home],
  ] as const) {
    console.log(
      `  ${name.padEnd(15)} performance ${run.performance} (runs ${scores.join('/')}), ` +
        `accessibility ${run.accessibility}, best practices ${run.bestPractices}; ` +
        `FCP ${fmt(run.fcpMs)} ms, LCP ${fmt(run.lcpMs)} ms, TBT ${fmt(run.tbtMs)} ms, ${fmt(run.transferKiB, 1)} KiB`,
    )
  }
  const { firstLoad, secondVisit, longTasks } = figures
  console.log(
    `  first load of 首页: ${fmt(firstLoad.appKiB, 1)} KiB HTML/JS/CSS (JS ${fmt(firstLoad.jsKiB, 1)} KiB) ` +
      `+ ${fmt(firstLoad.apiKiB, 1)} KiB API, ${firstLoad.requests} requests`,
  )
  console.log(
    `  second visit:       ${fmt(secondVisit.appKiB, 1)} KiB HTML/JS/CSS, scripts from the network ` +
      `${secondVisit.scriptsFetched}, from the cache ${secondVisit.scriptsFromCache}; ${fmt(secondVisit.apiKiB, 1)} KiB API`,
  )
  console.log(
    `  longest task on a 4× slowed CPU: ${Object.entries(longTasks.longestMs)
      .map(([page, ms]) => `${page} ${ms} ms`)
      .join(', ')}`,
  )
  const scoresMet =
    figures.login.median.performance >= TARGETS.lighthouse &&
    figures.home.median.performance >= TARGETS.lighthouse
  const keptFull = [figures.login.median, figures.home.median].every(
    (run) => run.accessibility === 100 && run.bestPractices === 100,
  )
  const bytesMet = firstLoad.appKiB <= TARGETS.firstLoadKiB && secondVisit.scriptsFetched === 0
  const tasksMet = Object.values(longTasks.longestMs).every((ms) => ms <= TARGETS.longTaskMs)
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met')
  console.log(
    `target: Lighthouse performance ≥ ${TARGETS.lighthouse} on both: ${verdict(scoresMet)}; ` +
      `accessibility and best practices 100: ${verdict(keptFull)}`,
  )
  console.log(
    `target: first load ≤ ${TARGETS.firstLoadKiB} KiB, no JS on a second visit: ${verdict(bytesMet)}; ` +
      `no task over ${TARGETS.longTaskMs} ms: ${verdict(tasksMet)}`,
  )
}

/** The H5 build the server will serve; the web bench needs it. */
export function h5BuildDir(root: string): string | null {
  const dir = path.join(root, 'dist/h5')
  try {
    readFileSync(path.join(dir, 'index.html'))
    return dir
  } catch {
    return null
  }
}

interface DemoAccount {
  id: number
  roles: string[]
  branchName: string | null
}

/** The server in a process of its own, on a fresh SQLite demo database, serving `staticDir`. */
async function startServer(
  root: string,
  staticDir: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'red-e-park-bench-web-'))
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/server.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DEMO_LOGIN: '1',
      SEED_DEMO: '1',
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      STATIC_DIR: staticDir,
      HOST: '127.0.0.1',
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const match = /running at (http:\/\/[^\s]+)/.exec(buffered)
      if (match) resolve(match[1]!)
    })
    void exited.then(() => reject(new Error('the server exited before it was listening')))
  })
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A demo member of a branch (no other role), signed in as the picker signs in. */
async function signInDemoMember(origin: string): Promise<SignedIn> {
  const accounts = (await (await fetch(`${origin}/api/auth/demo-users`)).json()) as DemoAccount[]
  const member = accounts.find(
    (account) => account.branchName !== null && account.roles.length === 1 && account.roles[0] === 'member',
  )
  if (!member) throw new Error('no demo member of a branch to sign in as')
  const login = await fetch(`${origin}/api/auth/demo-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: member.id }),
  })
  const { token } = (await login.json()) as { token: string }
  const user = (await (
    await fetch(`${origin}/api/me`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as unknown
  return { token, user }
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..')
  const staticDir = h5BuildDir(root)
  if (!staticDir) {
    console.log('\nH5 app: dist/h5 is not built (npm run build:h5); the web figures are skipped.')
    return
  }
  const server = await startServer(root, staticDir)
  try {
    reportWeb(await runWebBench(server.url, await signInDemoMember(server.url)))
  } finally {
    await server.stop()
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
