import type { ApplicationList, NamedRefList } from '../../types/api'
import { apiAs, demoLogin, demoUsers, openPhone, openTab, useServerAndBrowser } from './harness'

/** A park day `months` before today (the server runs on the real clock). */
function monthsAgo(months: number): string {
  const today = new Date(Date.now() + 8 * 3600_000)
  const at = new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - months, Math.min(today.getUTCDate(), 28)),
  )
  return at.toISOString().slice(0, 10)
}

async function post(baseUrl: string, userId: number, path: string, body: unknown) {
  const login = await fetch(`${baseUrl}/api/auth/demo-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  })
  const { token } = (await login.json()) as { token: string }
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
}

describe('入党申请 in the H5 app', () => {
  const app = useServerAndBrowser()

  it('a member applies; the secretary backfills an activist of 13 months and records candidate; the park admin files it', async () => {
    const url = app.server.url
    const users = await demoUsers(url)
    const secretary = users.find(
      (user) => user.roles.includes('secretary') && !user.roles.includes('park_admin'),
    )!
    const admin = users.find((user) => user.roles.includes('park_admin'))!
    const eligible = await apiAs<NamedRefList>(url, secretary.id, '/api/applications/eligible-members')
    const inPicker = eligible.items.filter((item) => users.some((user) => user.id === item.id))
    expect(inPicker.length).toBeGreaterThan(1)
    const member = inPicker[0]!
    const paper = eligible.items[eligible.items.length - 1]!
    expect(paper.id).not.toBe(member.id)

    // A member applies from 我的 → 入党进度.
    const phone = await openPhone(app.browser, url)
    await demoLogin(phone.page, member.name)
    await phone.page.locator('.announcement-card').first().waitFor()
    await openTab(phone.page, '我的')
    await phone.page.locator('.menu-item--party-progress').click()
    await phone.page.locator('.party-apply__statement textarea').fill('敬爱的党组织：我志愿加入中国共产党。')
    await phone.page.locator('.party-apply__birth input, input.party-apply__birth').fill('1998-03-01')
    await phone.page.locator('.party-apply__submit').click()
    await phone.page.locator('.party-progress__stage', { hasText: '入党申请人' }).waitFor()
    expect(await phone.page.locator('.party-next').textContent()).toContain('党组织派人谈话')
    expect(phone.errors).toEqual([])

    // The secretary enters a paper letter of 15 months ago and backfills the steps.
    const desk = await openPhone(app.browser, url)
    const page = desk.page
    await demoLogin(page, secretary.name)
    await page.locator('.announcement-card').first().waitFor()
    await openTab(page, '我的')
    await page.locator('.menu-item--party-pipeline').click()
    await page.locator('.pipeline-item').first().waitFor()
    await page.locator('.pipeline__paper').click()
    await page.locator('.paper-form__member', { hasText: paper.name }).click()
    await page.locator('.paper-form__date input, input.paper-form__date').fill(monthsAgo(15))
    await page.locator('.paper-form__birth input, input.paper-form__birth').fill('1995-06-01')
    await page.locator('.paper-form__submit').click()
    await page.locator('.party-application__stage', { hasText: '入党申请人' }).waitFor()

    const record = async (name: string, date: string) => {
      await page.locator('.record-form__submit', { hasText: name }).waitFor()
      await page.locator('.record-form__date input, input.record-form__date').fill(date)
      await page.locator('.record-form__submit').click()
      await page.locator('.party-application__record', { hasText: name }).waitFor()
    }
    await record('党组织派人谈话', monthsAgo(14))
    await record('推荐和确定入党积极分子', monthsAgo(13))
    await page.locator('.party-application__waiting', { hasText: '入党积极分子报上级党委备案' }).waitFor()

    // The committee files the activist (through the API), then the secretary goes on.
    const list = await apiAs<ApplicationList>(url, admin.id, '/api/applications?waiting=committee')
    const entry = list.items.find((item) => item.member.id === paper.id)!
    await post(url, admin.id, `/api/applications/${entry.id}/steps`, {
      code: 'activist_filing',
      date: monthsAgo(13),
    })
    await page.reload()
    await page.locator('.record-form__submit', { hasText: '指定培养联系人' }).waitFor()
    await page.locator('.record-form__person').first().click()
    await record('指定培养联系人', monthsAgo(12))
    await record('培养教育考察', monthsAgo(1))
    await record('确定发展对象', monthsAgo(0))
    await page.locator('.party-application__stage', { hasText: '发展对象' }).waitFor()
    expect(desk.errors).toEqual([])

    // The park admin sees the filing waiting and records it with one tap.
    const office = await openPhone(app.browser, url)
    await demoLogin(office.page, admin.name)
    await office.page.locator('.announcement-card').first().waitFor()
    await openTab(office.page, '我的')
    await office.page.locator('.menu-item--party-committee').click()
    const item = office.page.locator('.committee__item', { hasText: paper.name })
    await item.waitFor()
    expect(await item.textContent()).toContain('发展对象报上级党委备案')
    await item.locator('.committee__record').click()
    await office.page.locator('.taro-modal__foot div', { hasText: '记录' }).click()
    await item.waitFor({ state: 'detached' })
    const after = await apiAs<{ steps: Array<{ code: string }>; nextStep: { code: string } }>(
      url,
      admin.id,
      `/api/applications/${entry.id}`,
    )
    expect(after.steps.map((step) => step.code)).toContain('candidate_filing')
    expect(after.nextStep.code).toBe('sponsors')
    expect(office.errors).toEqual([])
  })
})
