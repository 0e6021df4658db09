import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { Me } from '../../types/api'
import { buildApp } from '../../server/src/app'
import { loadConfig } from '../../server/src/config'
import { migrateToLatest } from '../../server/src/db/migrate'
import { demoLogin, launchBrowser, openPhone, openTab } from './harness'

const ROOT = join(__dirname, '../..')
const ADMIN = { name: '郑启航', phone: '13800000001' }

/** A park that goes live without the demo: an empty database, its first park admin from the CLI. */
async function startEmptyPark() {
  const dataDir = mkdtempSync(join(tmpdir(), 'red-e-park-e2e-'))
  const env = { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir, DATABASE_URL: '', SEED_DEMO: '0' }
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      join(ROOT, 'server/src/db/admin-create.ts'),
      '--name',
      ADMIN.name,
      '--phone',
      ADMIN.phone,
      '--park',
      '湖里创新园互联网行业联合党委',
    ],
    { env, cwd: ROOT, stdio: 'pipe' },
  )
  const app = await buildApp(loadConfig({ ...env, PORT: '0' }))
  await migrateToLatest(app.db)
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

/** The roster file a park admin saves from Excel: 50 people, UTF-8 with a BOM. */
function rosterCsv(): string {
  const companies = ['码上通科技', '小满设计']
  const statuses = ['中共党员', '群众', '入党积极分子', '中共预备党员', '群众']
  const lines = ['姓名,手机号,公司,支部,政治面貌,是否CEO,出生日期']
  for (let n = 1; n <= 50; n++) {
    const company = companies[n % 2]
    lines.push(
      `成员${String(n).padStart(2, '0')},139${String(10000000 + n).slice(-8)},${company},创新园第一联合党支部,${statuses[n % 5]},${n === 1 ? '是' : '否'},1990-01-${String((n % 28) + 1).padStart(2, '0')}`,
    )
  }
  return `\ufeff${lines.join('\r\n')}\r\n`
}

/** The text box of a Taro Input with this class (the class sits on the input or on its wrapper). */
function textField(page: Page, selector: string) {
  return page.locator(selector).locator('xpath=descendant-or-self::input').first()
}

async function addCompany(page: Page, name: string, industry: string) {
  await page.locator('.org-toolbar__primary', { hasText: '新增企业' }).click()
  await page.locator('.company-form input').nth(0).fill(name)
  await page.locator('.company-form input').nth(1).fill(industry)
  await page.locator('.org-form__submit', { hasText: '新增企业' }).click()
  await page.locator('.company-row', { hasText: name }).waitFor()
}

describe('going live without the demo, in the H5 app on a laptop', () => {
  let park: Awaited<ReturnType<typeof startEmptyPark>>
  let browser: Awaited<ReturnType<typeof launchBrowser>>
  beforeAll(async () => {
    park = await startEmptyPark()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await park?.stop()
  })

  it('the first park admin enters two companies, a joint branch, its secretary and 50 members; people join', async () => {
    const { page, errors } = await openPhone(browser, park.url)
    await page.setViewportSize({ width: 1280, height: 800 })
    await demoLogin(page, ADMIN.name)
    await page.locator('.home-header').waitFor()
    await openTab(page, '我的')
    await page.locator('.menu-item--org-manage').click()
    await page.locator('.org-manage').waitFor()

    // A centred column on a laptop, nothing wider than the window.
    // Read once the page has finished sliding in: two equal readings in a row.
    const body = page.locator('.org-manage .page-shell__body')
    let column = (await body.boundingBox())!
    for (let reading = 0; reading < 50; reading++) {
      await page.waitForTimeout(100)
      const next = (await body.boundingBox())!
      if (next.x === column.x && next.width === column.width) break
      column = next
    }
    expect(column.width).toBeLessThan(1280 - 200)
    expect(Math.abs(column.x - (1280 - column.x - column.width))).toBeLessThan(4)

    await addCompany(page, '码上通科技', '软件和信息技术服务')
    await addCompany(page, '小满设计', '工业设计')

    await page.locator('.segment-tabs__tab', { hasText: '支部' }).click()
    await page.locator('.org-toolbar__primary', { hasText: '新建支部' }).click()
    await page.locator('.branch-form input').first().fill('创新园第一联合党支部')
    await page.locator('.org-option', { hasText: '联合支部' }).click()
    await page.locator('.org-option', { hasText: '码上通科技' }).click()
    await page.locator('.org-option', { hasText: '小满设计' }).click()
    await page.locator('.org-form__submit', { hasText: '新建支部' }).click()
    const branchRow = page.locator('.branch-row', { hasText: '创新园第一联合党支部' })
    await branchRow.waitFor()
    expect(await branchRow.textContent()).toContain('码上通科技、小满设计')

    // 50 members by CSV: the file picker, a dry run, then the import.
    await page.locator('.segment-tabs__tab', { hasText: '名册' }).click()
    await page.locator('.org-toolbar__button', { hasText: '导入名册' }).click()
    const chooser = page.waitForEvent('filechooser')
    await page.locator('.member-import__choose').click()
    await (
      await chooser
    ).setFiles({ name: '名册.csv', mimeType: 'text/csv', buffer: Buffer.from(rosterCsv()) })
    await page.locator('.member-import__choose', { hasText: '已选择：名册.csv' }).waitFor()
    await page.locator('.member-import__dry-run').click()
    await page.locator('.import-result', { hasText: '预检通过，可以导入' }).waitFor()
    expect(await page.locator('.import-result').textContent()).toContain('将新增 50 人')
    await page.locator('.member-import__run').click()
    await page.locator('.import-result', { hasText: '导入完成' }).waitFor()
    expect(await page.locator('.import-result').textContent()).toContain('新增 50 人')
    await page.goBack()

    // The joint branch's secretary.
    await page.locator('.segment-tabs__tab', { hasText: '支部' }).click()
    await page.locator('.branch-row', { hasText: '创新园第一联合党支部' }).click()
    await textField(page, '.branch-form__secretary-search').fill('成员07')
    await page.locator('.org-option', { hasText: '成员07' }).click()
    await page.locator('.org-form__submit', { hasText: '保存' }).click()
    await page.locator('.branch-row', { hasText: '书记：成员07' }).waitFor()
    expect(await page.locator('.branch-row').textContent()).toContain('成员 50 人')

    // The roster's table fits the laptop window.
    await page.locator('.segment-tabs__tab', { hasText: '名册' }).click()
    await page.locator('.member-row').first().waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)

    // An invite for 成员12, opened on her phone's browser.
    await textField(page, '.org-toolbar__search').fill('成员12')
    await page.locator('.org-toolbar__button', { hasText: '搜索' }).click()
    await page.locator('.member-row', { hasText: '成员12' }).locator('.org-row__action').click()
    const codeText = await page.locator('.member-invite__code').textContent()
    const code = /邀请码 ([A-Za-z0-9]{8})/.exec(codeText ?? '')?.[1]
    expect(code).toBeDefined()

    const invited = await openPhone(browser, `${park.url}/#/pages/login/index?invite=${code}`)
    await invited.page.locator('.invite-login__submit').click()
    await invited.page.locator('.home-header', { hasText: '你好，成员12' }).waitFor()
    expect(await invited.page.locator('.join-prompt').count()).toBe(0)

    // A newcomer's join request (asked from WeChat), approved by the park admin in the browser.
    const newcomer = await park.app.db
      .insertInto('users')
      .values({
        name: '微信用户',
        wechat_openid: 'wx-newcomer-e2e',
        branch_id: null,
        company_id: null,
        political_status: 'masses',
        is_ceo: 0,
        roles: '',
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const token = park.app.issueToken(newcomer.id)
    const branches = (await (
      await fetch(`${park.url}/api/branches`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { items: Array<{ id: number; companies: Array<{ id: number; name: string }> }> }
    const joint = branches.items[0]
    const asked = await fetch(`${park.url}/api/join-requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        branchId: joint.id,
        companyId: joint.companies[1].id,
        name: '钟未来',
        phone: '13712345678',
        note: '11月入职',
      }),
    })
    expect(asked.status).toBe(201)

    await page.goBack()
    await page.locator('.segment-tabs__tab', { hasText: '申请' }).click()
    const request = page.locator('.join-request', { hasText: '钟未来' })
    await request.locator('.org-toolbar__primary', { hasText: '同意' }).click()
    await page.locator('.join-requests').getByText('暂无待审核的申请').waitFor()
    const me = (await (
      await fetch(`${park.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as Me
    expect(me.onRoster).toBe(true)
    expect(me.branch?.name).toBe('创新园第一联合党支部')

    // Every change is in the audit log.
    await page.locator('.segment-tabs__tab', { hasText: '日志' }).click()
    await page.locator('.audit-row').first().waitFor()
    const log = await page.locator('.audit-log').textContent()
    expect(log).toContain('入支部申请 · 通过')
    expect(log).toContain('支部 · 修改')
    expect(log).toContain('成员 · 导入')
    expect(log).toContain('手机号：139****0050')
    expect(errors).toEqual([])
    expect(invited.errors).toEqual([])
  }, 180_000)
})
