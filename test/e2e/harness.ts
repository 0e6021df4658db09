/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { buildApp } from '../../server/src/app'
import { loadConfig } from '../../server/src/config'
import { migrateToLatest } from '../../server/src/db/migrate'
import { seedIfEmpty } from '../../server/src/db/seed'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The real server, on a fresh seeded SQLite database, serving the built H5 app. */
export async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'red-e-park-e2e-'))
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    PORT: '0',
  })
  const app = await buildApp(config)
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
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  })
}

/** A phone-sized page (390×844, touch) that fails the test on any uncaught page error. */
export async function openPhone(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  })
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

/** Logs in through the demo-account picker as the named user. */
export async function demoLogin(page: Page, name: string) {
  await page.locator('.demo-user', { hasText: name }).first().click()
}
