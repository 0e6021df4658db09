import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import type { HealthPackageList } from '../../types/api'
import { CHROMIUM, demoLogin, demoUsers, openPhone, startServer, apiAs } from './harness'
import { CHROMIUM_ARGS } from './phone'
import { writeQrVideo } from './qr-video'

type Server = Awaited<ReturnType<typeof startServer>>

/** Claims the first batch a CEO can still claim, through the API, and returns the pickup code. */
async function claimPickupCode(server: Server): Promise<string> {
  const users = await demoUsers(server.url)
  for (const ceo of users.filter((user) => user.isCeo)) {
    const packages = await apiAs<HealthPackageList>(server.url, ceo.id, '/api/health-packages')
    const open = packages.items.find((item) => item.eligible && item.myClaim === null && item.remaining > 0)
    if (!open) continue
    const login = await fetch(`${server.url}/api/auth/demo-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: ceo.id }),
    })
    const { token } = (await login.json()) as { token: string }
    const claim = await fetch(`${server.url}/api/health-packages/${open.id}/claim`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(claim.status).toBe(201)
    return ((await claim.json()) as { code: string }).code
  }
  throw new Error('the seed has no CEO who can claim a package')
}

describe('scanning with the camera in the H5 app', () => {
  let server: Server
  let browser: Browser | undefined
  let dir: string
  let code: string

  beforeAll(async () => {
    server = await startServer()
    code = await claimPickupCode(server)
    // The fake camera plays a video of the real pickup code's QR.
    dir = mkdtempSync(join(tmpdir(), 'red-e-park-camera-'))
    const video = join(dir, 'pickup.y4m')
    writeQrVideo(video, code)
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('the park admin scans a pickup QR with the camera and it is redeemed', async () => {
    const users = await demoUsers(server.url)
    const admin = users.find((user) => user.roles.includes('park_admin'))!
    const { page, errors } = await openPhone(browser!, server.url)
    await page.context().grantPermissions(['camera'], { origin: server.url })
    await demoLogin(page, admin.name)
    await page.locator('.announcement-card').first().waitFor()

    const decoderRequests: string[] = []
    page.on('request', (request) => {
      if (/qr-decoder|camera-scanner|qr-scanner-worker/.test(request.url()))
        decoderRequests.push(request.url())
    })
    await page.goto(`${server.url}/#/packages/admin/redeem/index`)
    // The typed way stays beside the camera.
    await page.locator('.redeem-page__input').waitFor()
    expect(decoderRequests).toEqual([])

    await page.getByRole('button', { name: '扫码核销' }).click()
    const scanner = page.getByRole('dialog', { name: '扫描取件码' })
    await scanner.waitFor()
    // Linux Chromium has no BarcodeDetector: the kept decoder reads the frames.
    expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false)

    await page.locator('.redeem-result--ok').waitFor({ timeout: 20_000 })
    expect(await page.locator('.redeem-result__title').textContent()).toContain('核销成功')
    expect(await page.locator('.redeem-result__code').textContent()).toContain(code)
    // The scanner closed and let go of the camera.
    expect(await scanner.count()).toBe(0)
    expect(decoderRequests.some((url) => /camera-scanner/.test(url))).toBe(true)
    expect(errors).toEqual([])
  })
})
