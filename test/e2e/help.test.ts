import { solidPng } from '../../server/src/db/demo-images'
import { demoLogin, demoUsers, openPhone, openTab, screenshot, useServerAndBrowser } from './harness'

const TITLE = '申请高新技术企业认定辅导'

describe('红e帮帮团 in the H5 app', () => {
  const app = useServerAndBrowser()

  it('a member files a request, the park assigns it, the helper resolves it, the member rates it', async () => {
    const url = app.server.url
    const users = await demoUsers(url)
    const member = users.find(
      (user) => user.roles.length === 1 && user.roles[0] === 'member' && !user.isCeo && user.branchName,
    )!
    const admin = users.find((user) => user.roles.includes('park_admin'))!
    const helper = users.find((user) => user.roles.includes('helper'))!

    const phone = await openPhone(app.browser, url)
    const page = phone.page
    await demoLogin(page, member.name)
    await page.locator('.announcement-card').first().waitFor()
    await openTab(page, '我的')
    await page.locator('.menu-item--help').click()
    await page.locator('.help-list__new').click()
    await page.locator('.help-chip', { hasText: '政策咨询' }).click()
    await page.locator('.help-form__title input, input.help-form__title').fill(TITLE)
    await page
      .locator('.help-form__body textarea, textarea.help-form__body')
      .fill('想了解认定条件和园区的辅导安排。')
    // A photo from the album (the file chooser H5's chooseImage opens).
    const chooser = page.waitForEvent('filechooser')
    await page.locator('.help-photo__add').click()
    await (
      await chooser
    ).setFiles({ name: 'site.png', mimeType: 'image/png', buffer: solidPng(120, 90, [200, 40, 40]) })
    await page.locator('.help-photos--edit .help-photo img').first().waitFor()
    await page.locator('.help-form__submit').click()
    await page.locator('.help-detail__title', { hasText: TITLE }).waitFor()
    // The photo is on the request, loaded from its signed link.
    const photo = page.locator('.help-detail__photos .help-photo img').first()
    await photo.waitFor()
    await page.waitForFunction(
      () =>
        (document.querySelector('.help-detail__photos .help-photo img') as HTMLImageElement | null)
          ?.naturalWidth === 120,
    )
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120)
    expect(await page.locator('.help-history').textContent()).toContain('添加了照片')
    expect(await page.locator('.help-detail__head').textContent()).toContain('红色服务通道')
    expect(phone.errors).toEqual([])

    const desk = await openPhone(app.browser, url)
    await demoLogin(desk.page, admin.name)
    await desk.page.locator('.announcement-card').first().waitFor()
    await openTab(desk.page, '我的')
    await desk.page.locator('.menu-item--help').click()
    await desk.page.locator('.help-request-card', { hasText: TITLE }).waitFor()
    await screenshot(desk.page, 'help-queue')
    await desk.page.locator('.help-request-card', { hasText: TITLE }).click()
    await desk.page.locator('.help-assign__option', { hasText: helper.name }).click()
    await desk.page.locator('.help-detail__assignee', { hasText: helper.name }).waitFor()
    expect(desk.errors).toEqual([])

    const help = await openPhone(app.browser, url)
    await demoLogin(help.page, helper.name)
    await help.page.locator('.announcement-card').first().waitFor()
    await openTab(help.page, '我的')
    await help.page.locator('.menu-item--help').click()
    await help.page.locator('.help-request-card', { hasText: TITLE }).click()
    await help.page
      .locator('.help-thread__input textarea, textarea.help-thread__input')
      .fill('条件已发您，下周有申报辅导。')
    await help.page.locator('.help-thread__send').click()
    await help.page.locator('.help-reply--helper', { hasText: '条件已发您' }).waitFor()
    await help.page.locator('.help-action--resolved').click()
    await help.page.locator('.help-detail__head .help-status', { hasText: '已解决' }).waitFor()
    expect(help.errors).toEqual([])

    await page.reload()
    await page.locator('.help-detail__title', { hasText: TITLE }).waitFor()
    await page.locator('.help-reply--helper', { hasText: '条件已发您' }).waitFor()
    await page.locator('.help-star').nth(4).click()
    await page
      .locator('.help-rating-form__comment textarea, textarea.help-rating-form__comment')
      .fill('很及时')
    await page.locator('.help-rating-form__submit').click()
    await page.locator('.help-rating', { hasText: '很及时' }).waitFor()
    expect(await page.locator('.help-rating-form').count()).toBe(0)
    await page.getByText('感谢评价').waitFor({ state: 'hidden' })
    await screenshot(page, 'help-request')
    expect(phone.errors).toEqual([])
  })
})
