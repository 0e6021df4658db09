import { isParkAdmin, useWeapp } from './harness'

describe('园区数据 in the mini-program', () => {
  const weapp = useWeapp()

  it('a park admin opens 园区数据: the gauges and trends on 2D canvases, the companies to act on, each chart’s table', async () => {
    const app = await weapp.loginAs(isParkAdmin)
    await app.tapTab('我的')
    await app.tap('园区数据')

    expect(app.route).toBe('packages/stats/park/index')
    expect(app.text()).toContain('党的组织覆盖率')
    expect(app.text()).toContain('党的工作覆盖率')
    expect(app.text()).toContain('覆盖率趋势(近12个月)')
    expect(app.text()).toContain('组织覆盖还差 2 家')
    expect(app.text()).toContain('拾光影像科技(厦门)有限公司 短视频与影像服务 未选派指导员')
    // Every chart is a Canvas of type 2d (the harness draws none; WeChat does).
    const canvases = app.query((element) => element.tag === 'canvas')
    expect(canvases.length).toBeGreaterThanOrEqual(7)
    expect(canvases.every((canvas) => canvas.attrs.type === '2d')).toBe(true)

    await app.tap('数据表')
    expect(app.text()).toContain('组织覆盖率 84.2%')
    expect(app.text()).toContain('目标 90.0%')
  })
})
