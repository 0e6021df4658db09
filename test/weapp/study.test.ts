import type { CheckinCode, CourseDetail, CoursePage } from '../../types/api'
import { isParkAdmin, isPlainMember, useWeapp } from './harness'

const MINUTE = 60_000

describe('学习 and 签到 in the mini-program', () => {
  const weapp = useWeapp()

  it('a member opens the training, scans the screen’s code and sees 签到成功 with the points', async () => {
    const member = weapp.person(isPlainMember)
    const admin = weapp.person(isParkAdmin)
    // The seed starts a session of 党务工作者培训班 minutes after the server, so sign-in is open.
    const { items } = await weapp.server.api<CoursePage>(member, '/api/courses')
    const listed = items.find((course) => course.title === '党务工作者培训班')
    expect(listed).toBeDefined()
    const course = await weapp.server.api<CourseDetail>(member, `/api/courses/${listed!.id}`)
    const now = Date.now()
    const session = course.sessions.find(
      (item) => Date.parse(item.startsAt) - 30 * MINUTE <= now && now <= Date.parse(item.endsAt),
    )
    expect(session).toBeDefined()

    const app = await weapp.loginAs(member)
    await app.tapTab('学习')
    expect(app.text()).toContain('培训与课程')
    await app.tap('党务工作者培训班')
    expect(app.route).toBe('packages/study/course/index')
    expect(app.text()).toContain('签到中')

    // The secretary's projector shows this code; the member points the camera at it.
    const screen = await weapp.server.api<CheckinCode>(admin, `/api/sessions/${session!.id}/checkin-code`)
    app.phone.willScan(screen.code)
    await app.tap('去签到 ›')

    expect(app.screen.calls.map((call) => call.name)).toContain('scanCode')
    expect(app.route).toBe('packages/checkin/result/index')
    expect(app.text()).toMatch(/签到成功 积分 \+\d+ 党务工作者培训班/)
  })

  it('a member who closes the scanner stays where they were', async () => {
    const app = await weapp.loginAs(isPlainMember)
    await app.tapTab('学习')
    await app.tap('签到')
    expect(app.route).toBe('pages/study/index')
    expect(app.screen.calls.map((call) => call.name)).toContain('scanCode')
  })
})
