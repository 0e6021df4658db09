/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { DemoUser } from '../../types/api'
import { buildApp } from '../../server/src/app'
import { loadConfig } from '../../server/src/config'
import { migrateToLatest } from '../../server/src/db/migrate'
import { seedIfEmpty } from '../../server/src/db/seed'
import { CHROMIUM, CHROMIUM_ARGS, PHONE } from './phone'

export { CHROMIUM }

/**
 * The real server, on a fresh seeded SQLite database, serving the built H5 app. `now` sets the
 * server's clock (e.g. a sign-in window open at a planned time); the browser keeps its own.
 */
export async function startServer(options: { now?: () => Date } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'red-e-park-e2e-'))
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    PORT: '0',
  })
  const app = await buildApp(config, { now: options.now })
  await migrateToLatest(app.db)
  await seedIfEmpty(app.db)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    url,
    app,
    async stop() {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  })
}

/** A phone-sized page (390×844, touch) that fails the test on any uncaught page error. */
export async function openPhone(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext(PHONE)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(url)
  return { page, errors }
}

/** Waits until page transitions have finished, so a screenshot shows one settled page. */
export async function settle(page: Page) {
  await page.evaluate(() =>
    Promise.allSettled(document.getAnimations().map((animation) => animation.finished)),
  )
}

/** Logs in through the demo-account picker as the named user, searching for them as a person would. */
export async function demoLogin(page: Page, name: string) {
  await page.locator('.login-panel__search input').fill(name)
  await page.locator('.demo-user', { hasText: name }).first().click()
}

/** Calls the API as a demo user, to pick test data the way a person would pick it on screen. */
export async function apiAs<T>(baseUrl: string, userId: number, path: string): Promise<T> {
  const login = await fetch(`${baseUrl}/api/auth/demo-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  })
  const { token } = (await login.json()) as { token: string }
  const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
  if (!response.ok) throw new Error(`${path}: ${response.status}`)
  return (await response.json()) as T
}

export async function demoUsers(baseUrl: string): Promise<DemoUser[]> {
  return (await (await fetch(`${baseUrl}/api/auth/demo-users`)).json()) as DemoUser[]
}

/** Taps a tab of the H5 tab bar. */
export async function openTab(page: Page, label: '首页' | '活动' | '学习' | '我的') {
  await page.locator('.weui-tabbar__item', { hasText: label }).click()
}

type Server = Awaited<ReturnType<typeof startServer>>

/** Starts the server and Chromium around the enclosing describe block. */
export function useServerAndBrowser(options: { now?: () => Date } = {}): {
  server: Server
  browser: Browser
} {
  const context = {} as { server: Server; browser: Browser }
  beforeAll(async () => {
    context.server = await startServer(options)
    context.browser = await launchBrowser()
  })
  afterAll(async () => {
    await context.browser?.close()
    await context.server?.stop()
  })
  return context
}

const SCREENSHOT_DIR = join(__dirname, '../../docs/screenshots')

/** Saves a settled screenshot for the README. */
export async function screenshot(page: Page, name: string) {
  await settle(page)
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })
}
