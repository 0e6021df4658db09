import { demoLogin, demoUsers, openPhone, openTab, screenshot, useServerAndBrowser } from './harness'

describe('园区数据 in the H5 app', () => {
  const app = useServerAndBrowser()

  it('a park admin opens 园区数据 and sees the coverage gauges against target and the trends drawn', async () => {
    const users = await demoUsers(app.server.url)
    const admin = users.find((user) => user.roles.includes('park_admin'))!
    const { page, errors } = await openPhone(app.browser, app.server.url)
    await demoLogin(page, admin.name)
    await openTab(page, '我的')
    await page.locator('.menu-item--park-stats').click()
    await page.locator('.park-stats__gauges canvas').first().waitFor()

    // The demo park: 16 of 19 operating companies with a party organisation, 17 with organisation or instructor.
    await page.getByText('党的组织覆盖率').waitFor()
    await page.getByText(/组织覆盖还差 2 家/).waitFor()
    await page.getByText('拾光影像科技(厦门)有限公司').waitFor()
    // Every chart is drawn: its canvas has coloured pixels, not a blank sheet.
    await page.waitForFunction(() => {
      const canvases = Array.from(document.querySelectorAll<HTMLCanvasElement>('canvas.chart-canvas'))
      return (
        canvases.length >= 7 &&
        canvases.every((canvas) => {
          const context = canvas.getContext('2d')
          if (!context || canvas.width === 0) return false
          const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
          for (let i = 3; i < data.length; i += 4 * 7) if (data[i]! > 0) return true
          return false
        })
      )
    })
    // The gauge's numbers as a table.
    const gauge = page.locator('.chart-card', { hasText: '党的组织覆盖率' })
    await gauge.getByText('数据表').click()
    await gauge.getByText('84.2%').waitFor()
    await gauge.getByText('收起数据').click()
    await screenshot(page, 'park-stats')

    // The coverage trend, twelve months in its table.
    const trend = page.locator('.chart-card', { hasText: '覆盖率趋势' })
    await trend.scrollIntoViewIfNeeded()
    await trend.getByText('数据表').click()
    expect(await trend.locator('.chart-card__row').count()).toBe(13)
    expect(errors).toEqual([])
  })
})
