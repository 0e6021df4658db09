/// <reference lib="dom" />
import type { CDPSession, Page } from 'playwright-core'
import { PHONE } from './phone'
import { demoLogin, demoUsers, openPhone, useServerAndBrowser } from './harness'

const app = useServerAndBrowser()

/** Where each script of a navigation came from, by the DevTools protocol's own account. */
async function scriptSources(cdp: CDPSession, visit: () => Promise<void>) {
  const scripts = new Map<string, { url: string; cached: boolean }>()
  cdp.on('Network.responseReceived', (event) => {
    if (event.type !== 'Script') return
    scripts.set(event.requestId, { url: event.response.url, cached: event.response.fromDiskCache === true })
  })
  cdp.on('Network.requestServedFromCache', (event) => {
    const script = scripts.get(event.requestId)
    if (script) script.cached = true
  })
  await cdp.send('Network.enable')
  await visit()
  return [...scripts.values()]
}

async function waitForLogin(page: Page) {
  await page.locator('.demo-user').first().waitFor()
}

describe('the first screen', () => {
  it('shows the splash before any script has run, and takes it away once the page is there', async () => {
    const context = await app.browser.newContext(PHONE)
    const page = await context.newPage()
    // Hold every script back: what shows now is the page as the server sent it.
    await page.route('**/*.js', (route) => route.abort())
    await page.goto(app.server.url)
    const splash = page.locator('#app-splash')
    await splash.waitFor()
    expect(await splash.isVisible()).toBe(true)
    expect(await splash.locator('.app-splash__title').textContent()).toBe('红e园区')
    expect(await page.locator('.app-splash__spinner').isVisible()).toBe(true)
    const background = await splash.evaluate((element) => getComputedStyle(element).backgroundColor)
    expect(background).toBe('rgb(200, 22, 29)')
    await context.close()

    const { page: phone, errors } = await openPhone(app.browser, app.server.url)
    await waitForLogin(phone)
    await phone.locator('#app-splash').waitFor({ state: 'detached' })
    expect(await phone.locator('.login-page__title').isVisible()).toBe(true)
    expect(errors).toEqual([])
    await phone.context().close()
  })

  it('gets the app compressed, keeps the hashed files for a year and asks again only for the page', async () => {
    const context = await app.browser.newContext(PHONE)
    const page = await context.newPage()
    const answers: Array<{ url: string; type: string; headers: Record<string, string> }> = []
    page.on('response', async (response) => {
      const url = new URL(response.url())
      if (url.origin !== new URL(app.server.url).origin) return
      if (url.pathname.startsWith('/api/') || response.status() !== 200) return
      answers.push({
        url: url.pathname,
        type: response.request().resourceType(),
        headers: await response.allHeaders(),
      })
    })
    await page.goto(app.server.url)
    await waitForLogin(page)
    await page.waitForLoadState('networkidle')

    const document = answers.find((answer) => answer.type === 'document')!
    expect(document.headers['content-encoding']).toBe('br')
    expect(document.headers['cache-control']).toBe('no-cache')
    expect(document.headers.etag).toBeTruthy()
    expect(document.headers['content-security-policy']).toContain("script-src 'self'")

    const assets = answers.filter((answer) => ['script', 'stylesheet', 'image'].includes(answer.type))
    expect(assets.filter((asset) => asset.type === 'script').length).toBeGreaterThan(0)
    for (const asset of assets) {
      expect({ url: asset.url, cacheControl: asset.headers['cache-control'] }).toEqual({
        url: asset.url,
        cacheControl: 'public, max-age=31536000, immutable',
      })
    }
    // Every script or stylesheet big enough to gain from it comes as brotli.
    const big = assets
      .filter((asset) => asset.type !== 'image')
      .filter(
        (asset) =>
          asset.headers['content-encoding'] !== undefined ||
          Number(asset.headers['content-length'] ?? 0) > 1024,
      )
    expect(big.length).toBeGreaterThan(0)
    for (const asset of big) {
      expect({ url: asset.url, encoding: asset.headers['content-encoding'] }).toEqual({
        url: asset.url,
        encoding: 'br',
      })
    }
    await context.close()
  })

  it('downloads no JavaScript on a second visit', async () => {
    const context = await app.browser.newContext(PHONE)
    const first = await context.newPage()
    const firstScripts = await scriptSources(await context.newCDPSession(first), async () => {
      await first.goto(app.server.url)
      await waitForLogin(first)
    })
    expect(firstScripts.length).toBeGreaterThan(0)
    expect(firstScripts.filter((script) => !script.cached).length).toBeGreaterThan(0)
    await first.close()

    const second = await context.newPage()
    const secondScripts = await scriptSources(await context.newCDPSession(second), async () => {
      await second.goto(app.server.url)
      await waitForLogin(second)
    })
    expect(secondScripts.length).toBeGreaterThan(0)
    expect(secondScripts.filter((script) => !script.cached)).toEqual([])
    await context.close()
  })

  it('offers a short, searchable list of demo accounts instead of all of them', async () => {
    const users = await demoUsers(app.server.url)
    expect(users.length).toBeGreaterThan(100)
    const { page, errors } = await openPhone(app.browser, app.server.url)
    await waitForLogin(page)
    const rows = page.locator('.demo-user')
    const shownAtFirst = await rows.count()
    expect(shownAtFirst).toBeLessThanOrEqual(12)

    // 显示更多 adds a page of the group's accounts.
    const members = page.locator('.demo-group', { hasText: '党员群众' })
    const more = members.locator('.demo-group__more')
    expect(await more.textContent()).toMatch(/还有 \d+ 人/)
    await more.click()
    await page.waitForFunction(
      (count) => document.querySelectorAll('.demo-user').length > count,
      shownAtFirst,
    )

    // Searching finds an account far down the list; logging in with it works.
    const last = users[users.length - 1]!
    await demoLogin(page, last.name)
    await page.locator('.home-header__greeting', { hasText: last.name }).waitFor()
    expect(errors).toEqual([])
    await page.context().close()
  })
})
