/// <reference lib="dom" />
import type { CDPSession, Page } from 'playwright-core'
import { PHONE } from './phone'
import type { AnnouncementPage } from '../../types/api'
import { apiAs, demoLogin, demoUsers, openPhone, useServerAndBrowser } from './harness'

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

  it('asks for the files and first answers of 首页 at once, and the app asks for none of them again', async () => {
    const users = await demoUsers(app.server.url)
    const member = users.find(
      (user) => user.roles.length === 1 && user.roles[0] === 'member' && user.branchName,
    )!
    const { page, errors } = await openPhone(app.browser, app.server.url)
    await demoLogin(page, member.name)
    await page.locator('.announcement-card').first().waitFor()

    // The member opens the app again, signed in.
    const visit = await page.context().newPage()
    const asked: string[] = []
    visit.on('request', (request) => {
      const url = new URL(request.url())
      asked.push(`${url.pathname}${url.search}`)
    })
    await visit.goto(`${app.server.url}/#/pages/home/index`)
    await visit.locator('.announcement-card').first().waitFor()
    await visit.waitForLoadState('networkidle')
    // Drawn a slice at a time down to a screen below the viewport, not the whole list: the rest
    // follows as the member scrolls down.
    const total = (await apiAs<AnnouncementPage>(app.server.url, member.id, '/api/announcements?limit=20'))
      .items.length
    const drawn = () => document.querySelectorAll('.announcement-card').length
    await visit.waitForFunction(() => document.querySelectorAll('.announcement-card').length > 4)
    expect(await visit.evaluate(drawn)).toBeLessThan(total)
    await visit.mouse.move(PHONE.viewport.width / 2, PHONE.viewport.height / 2)
    for (let turn = 0; (await visit.evaluate(drawn)) < total; turn++) {
      expect(turn).toBeLessThan(40)
      await visit.mouse.wheel(0, 600)
      await visit.waitForTimeout(100)
    }
    expect(await visit.evaluate(drawn)).toBe(total)

    // The notices and the badges' counts: asked for once each (by the index page; the app takes them).
    const times = (path: string) => asked.filter((request) => request === path).length
    expect(times('/api/announcements?limit=20')).toBe(1)
    expect(times('/api/announcements/unread-count')).toBe(1)
    expect(times('/api/me/notifications/unread-count')).toBe(1)
    // The page's scripts and stylesheets, named in the index page, each fetched once with the app's own.
    const html = await (await fetch(app.server.url)).text()
    const files = (JSON.parse(/var files = (\{.*?\})\n/.exec(html)![1]!) as Record<string, string[]>)[
      'pages/home/index'
    ]!
    expect(files.length).toBeGreaterThan(1)
    for (const file of files) expect({ file, times: times(file) }).toEqual({ file, times: 1 })
    // …by the index page's <link rel="preload">, not by the app once it had started.
    const initiators = await visit.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType('resource')
          .map((entry) => [new URL(entry.name).pathname, (entry as PerformanceResourceTiming).initiatorType]),
      ),
    )
    for (const file of files) expect({ file, by: initiators[file] }).toEqual({ file, by: 'link' })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('asks the API for nothing before a visitor without a session has picked an account', async () => {
    const context = await app.browser.newContext(PHONE)
    const page = await context.newPage()
    const asked: string[] = []
    page.on('request', (request) => asked.push(new URL(request.url()).pathname))
    await page.goto(app.server.url)
    await waitForLogin(page)
    await page.waitForLoadState('networkidle')
    expect(asked.filter((path) => path.startsWith('/api/'))).toEqual(['/api/auth/demo-users'])
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
