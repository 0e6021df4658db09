import type { CheckinCode, CourseDetail, CoursePage, DemoUser } from '../../types/api'
import { isParkAdmin, isPlainMember, useWeapp } from './harness'

const MINUTE = 60_000

describe('学习 and 签到 in the mini-program', () => {
  const weapp = useWeapp()

  /**
   * What the secretary's projector shows right now: a fresh code of the session of 党务工作者培训班
   * whose sign-in is open (the seed starts one minutes after the server does).
   */
  async function codeOnTheScreen(member: DemoUser): Promise<string> {
    const { items } = await weapp.server.api<CoursePage>(member, '/api/courses')
    const listed = items.find((course) => course.title === '党务工作者培训班')
    if (!listed) throw new Error('the seed has no 党务工作者培训班')
    const course = await weapp.server.api<CourseDetail>(member, `/api/courses/${listed.id}`)
    const now = Date.now()
    const session = course.sessions.find(
      (item) => Date.parse(item.startsAt) - 30 * MINUTE <= now && now <= Date.parse(item.endsAt),
    )
    if (!session) throw new Error('no session of 党务工作者培训班 is open for sign-in')
    const admin = weapp.person(isParkAdmin)
    return (await weapp.server.api<CheckinCode>(admin, `/api/sessions/${session.id}/checkin-code`)).code
  }

  it('a member opens the training, scans the screen’s code and sees 签到成功 with the points', async () => {
    const [member] = weapp.people(isPlainMember)
    const app = await weapp.loginAs(member)
    await app.tapTab('学习')
    expect(app.text()).toContain('培训与课程')
    await app.tap('党务工作者培训班')
    expect(app.route).toBe('packages/study/course/index')
    expect(app.text()).toContain('签到中')

    app.phone.willScan(await codeOnTheScreen(member))
    await app.tap('去签到 ›')
    // A first use of the camera: WeChat asks for the privacy agreement through our popup.
    expect(app.text()).toContain('隐私保护提示')
    await app.tap('同意并继续')

    expect(app.screen.calls.map((call) => call.name)).toContain('scanCode')
    expect(app.route).toBe('packages/checkin/result/index')
    expect(app.text()).toMatch(/签到成功 积分 \+\d+ 党务工作者培训班/)
  })

  it('签到 on 学习 scans and signs in; a second scan says 已签到', async () => {
    const [, member] = weapp.people(isPlainMember)
    const app = await weapp.loginAs(member)
    await app.tapTab('学习')

    app.phone.willScan(await codeOnTheScreen(member))
    await app.tap('签到')
    await app.tap('同意并继续')
    expect(app.route).toBe('packages/checkin/result/index')
    expect(app.text()).toContain('签到成功')

    await app.tap('返回学习')
    expect(app.route).toBe('pages/study/index')
    app.phone.willScan(await codeOnTheScreen(member))
    await app.tap('签到')
    expect(app.text()).toContain('已签到')
    expect(app.text()).toContain('无需重复签到')
  })

  it('a member who closes the scanner stays where they were', async () => {
    const app = await weapp.loginAs(isPlainMember)
    app.phone.privacyAgreed = true // agreed on an earlier day
    await app.tapTab('学习')
    await app.tap('签到')
    expect(app.route).toBe('pages/study/index')
    expect(app.screen.calls.map((call) => call.name)).toContain('scanCode')
  })
})
