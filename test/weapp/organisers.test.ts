import type { CheckinCode, CourseDetail, CoursePage } from '../../types/api'
import { isPlainMember, isSecretary, useWeapp } from './harness'

const MINUTE = 60_000
const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日']

/** A moment in park time (UTC+8): its day, time of day and weekday, as the pickers show them. */
function parkClock(at: number) {
  const shifted = new Date(at + 8 * 60 * MINUTE)
  const iso = shifted.toISOString()
  return { day: iso.slice(0, 10), time: iso.slice(11, 16), weekday: shifted.getUTCDay() || 7 }
}

describe('课程管理 in the mini-program', () => {
  const weapp = useWeapp()

  it('a secretary creates a course with three weekly sessions and a material, opens the sign-in screen, and a member signs in', async () => {
    const secretary = weapp.person(isSecretary)
    const member = weapp.people(isPlainMember).find((person) => person.branchName === secretary.branchName)!
    const app = await weapp.loginAs(secretary)
    await app.tapTab('我的')
    await app.tap('课程管理')
    expect(app.route).toBe('packages/admin/courses/index')
    await app.tap('新建课程')
    expect(app.route).toBe('packages/admin/course-edit/index')

    await app.fill('例如：青年党员读书班', '支部委员读书班')
    // A half-filled form: WeChat will ask before the secretary leaves it.
    expect(app.screen.alertBeforeUnload).toBe('填写的内容尚未保存，离开后将丢失')

    // Weekly, starting in 15 minutes (so the first session takes sign-ins now), three times.
    const start = parkClock(Date.now() + 15 * MINUTE)
    const today = parkClock(Date.now())
    await app.choose(`每${WEEKDAYS[today.weekday - 1]}`, start.weekday - 1)
    await app.choose('上课时间 19:00', start.time)
    await app.choose(`从 ${today.day} 起`, start.day)
    await app.fill('次数', '3')
    expect(app.text()).toContain(`每${WEEKDAYS[start.weekday - 1]} ${start.time}，共 3 次，每次 90 分钟`)
    await app.fill('例如：党群服务中心二楼', '党群服务中心二楼')
    await app.fill('例如：郑老师', '郑老师')
    await app.tap('创建课程')
    expect(app.toasts).toContain('课程已创建')
    await app.wait(1500)
    expect(app.route).toBe('packages/admin/course-manage/index')
    expect(app.screen.alertBeforeUnload).toBeNull()
    expect(app.text()).toContain('第3讲')
    expect(app.text()).not.toContain('第4讲')

    await app.tap('+ 添加资料')
    expect(app.route).toBe('packages/admin/material-edit/index')
    await app.fill('例如：读书班导读', '读书班导读')
    await app.fill('每行一段；以 # 开头的行显示为小标题', `# 为什么读\n${'读书明理，学以致用。'.repeat(40)}`)
    await app.tap('保存')
    await app.wait(1500)
    expect(app.route).toBe('packages/admin/course-manage/index')
    expect(app.text()).toMatch(/读书班导读 阅读约\d+分钟/)

    // One tap from the first session: the sign-in screen.
    await app.tap('签到屏', 0)
    expect(app.route).toBe('packages/checkin/screen/index')

    const { items } = await weapp.server.api<CoursePage>(secretary, '/api/courses?managed=1&limit=50')
    const course = await weapp.server.api<CourseDetail>(
      secretary,
      `/api/courses/${items.find((c) => c.title === '支部委员读书班')!.id}`,
    )
    expect(course.sessions).toHaveLength(3)
    const code = await weapp.server.api<CheckinCode>(
      secretary,
      `/api/sessions/${course.sessions[0]!.id}/checkin-code`,
    )

    const phone = await weapp.loginAs(member)
    phone.phone.privacyAgreed = true // agreed to the privacy policy on an earlier day
    await phone.tapTab('学习')
    phone.phone.willScan(code.code)
    await phone.tap('签到')
    expect(phone.route).toBe('packages/checkin/result/index')
    expect(phone.text()).toMatch(/签到成功 积分 \+\d+ 支部委员读书班/)
  })

  it('a session is cancelled with a reason, shown with the session', async () => {
    const secretary = weapp.person(isSecretary)
    const app = await weapp.loginAs(secretary)
    const { items } = await weapp.server.api<CoursePage>(secretary, '/api/courses?managed=1&limit=50')
    const course = items.find((c) => c.title === '支部委员读书班')!
    await app.openPage(`packages/admin/course-manage/index?id=${course.id}`)
    await app.tap('调整/取消', 2)
    expect(app.route).toBe('packages/admin/session-edit/index')
    await app.fill('取消原因（已报名的成员会看到），例如：讲师临时出差，改期另行通知', '讲师临时出差')
    // The section is titled 取消本场 too: the second one is its button.
    await app.tap('取消本场', 1)
    expect(app.screen.modals.at(-1)?.title).toBe('取消本场')
    expect(app.toasts).toContain('已取消该场次')
    await app.wait(1500)
    expect(app.route).toBe('packages/admin/course-manage/index')
    expect(app.text()).toContain('取消原因：讲师临时出差')
  })
})
