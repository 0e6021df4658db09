import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useState } from 'react'
import type { CourseDetail, MaterialSummary, Session } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { cx } from '@/components/types'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { ApiError, toApiError } from '@/services/api-error'
import * as courses from '@/services/courses'
import { attendanceLabel, COURSE_KIND_LABELS, courseOrganiserLabel, enrolmentLabel } from '@/utils/courses'
import { startCheckin } from '@/utils/checkin-flow'
import { emitCourseChanged } from '@/utils/events'
import { ROUTES } from '@/utils/routes'
import { formatTimeRange } from '@/utils/time'
import { toastError, toastSuccess } from '@/utils/toast'
import { askToSubscribe, prepareSubscribe } from '@/utils/subscribe'
import './index.scss'

function paragraphs(text: string): string[] {
  return text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
}

function go(url: string) {
  Taro.navigateTo({ url }).catch(() => undefined)
}

function SessionRow({ session, index, canManage }: { session: Session; index: number; canManage: boolean }) {
  const status = session.myAttendance
  const open = session.checkinStatus === 'open'
  if (session.cancelledAt) {
    return (
      <View className="course-session course-session--cancelled">
        <View className="course-session__head">
          <Text className="course-session__index">第{index + 1}讲</Text>
          <Tag className="course-session__cancelled">已取消</Tag>
        </View>
        <Text className="course-session__time">{formatTimeRange(session.startsAt, session.endsAt)}</Text>
        <Text className="course-session__reason">取消原因：{session.cancelReason}</Text>
      </View>
    )
  }
  return (
    <View className={cx('course-session', open && 'course-session--open')}>
      <View className="course-session__head">
        <Text className="course-session__index">第{index + 1}讲</Text>
        {open ? (
          <Tag type="solid" className="course-session__live">
            签到中
          </Tag>
        ) : null}
        <Text
          className={cx('course-session__attendance', status && `course-session__attendance--${status}`)}
          aria-label={`我的出勤：${status ? attendanceLabel(status) : '暂无记录'}`}
        >
          {attendanceLabel(status)}
        </Text>
      </View>
      <Text className="course-session__time">{formatTimeRange(session.startsAt, session.endsAt)}</Text>
      <Text className="course-session__venue">地点：{session.venue}</Text>
      <Text className="course-session__lecturer">主讲：{session.lecturer}</Text>
      {open && !status ? (
        <Text className="course-session__checkin" onClick={() => void startCheckin()}>
          去签到 ›
        </Text>
      ) : null}
      {canManage ? (
        <View className="course-session__tools">
          <Text className="course-session__tool" onClick={() => go(ROUTES.checkinScreen(session.id))}>
            签到屏
          </Text>
          <Text className="course-session__tool" onClick={() => go(ROUTES.attendance(session.id))}>
            考勤
          </Text>
        </View>
      ) : null}
    </View>
  )
}

function MaterialRow({ material }: { material: MaterialSummary }) {
  return (
    <View
      className="course-material"
      hoverClass="course-material--active"
      onClick={() => go(ROUTES.material(material.id))}
    >
      <View className="course-material__main">
        <Text className="course-material__title">{material.title}</Text>
        {material.summary ? <Text className="course-material__summary">{material.summary}</Text> : null}
        <Text className="course-material__minutes">约{material.readMinutes}分钟</Text>
      </View>
      <Text className="course-material__arrow" aria-hidden="true">
        ›
      </Text>
    </View>
  )
}

type EnrolState = 'enrolled' | CourseDetail['status']

/** The server's status; `full` also when it just said COURSE_FULL, whatever the page still shows. */
function enrolState(course: CourseDetail, refusedFull: boolean): EnrolState {
  if (course.enrolled) return 'enrolled'
  return refusedFull && course.status === 'open' ? 'full' : course.status
}

const CLOSED_LABELS = { full: '名额已满', closed: '暂停报名', ended: '已结束' } as const

interface EnrolBarProps {
  course: CourseDetail
  refusedFull: boolean
  busy: boolean
  onEnrol: () => void
}

function EnrolBar({ course, refusedFull, busy, onEnrol }: EnrolBarProps) {
  const state = enrolState(course, refusedFull)
  return (
    <View className="course-detail__bar">
      <View className="course-detail__status">
        {state === 'enrolled' ? (
          <Text className="course-detail__state" aria-live="polite">
            已报名
          </Text>
        ) : (
          <Text className="course-detail__hint">
            {state === 'open'
              ? `剩余${Math.max(0, course.capacity - course.enrolledCount)}个名额`
              : CLOSED_LABELS[state]}
          </Text>
        )}
      </View>
      {state === 'enrolled' ? null : (
        <Button
          className={cx('course-detail__action', state !== 'open' && 'course-detail__action--disabled')}
          {...(state !== 'open' ? { disabled: true } : {})}
          loading={busy}
          onClick={() => {
            if (!busy && state === 'open') onEnrol()
          }}
        >
          {state === 'open' ? '报名学习' : CLOSED_LABELS[state]}
        </Button>
      )}
    </View>
  )
}

function CourseDetailView({ id }: { id: number }) {
  const [course, setCourse] = useState<CourseDetail | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const [busy, setBusy] = useState(false)
  const [refusedFull, setRefusedFull] = useState(false)

  const load = useCallback(async () => {
    try {
      const result = await courses.detail(id)
      setCourse(result)
      setError(null)
      return result
    } catch (e) {
      setError(toApiError(e))
      return null
    } finally {
      setLoading(false)
    }
  }, [id])

  useEffect(() => {
    if (Number.isInteger(id) && id > 0) void load()
    else {
      setError(new ApiError(404, 'NOT_FOUND', '课程不存在或已删除'))
      setLoading(false)
    }
  }, [id, load])

  /** Shows the answer at once, then the server's counts, and tells the list. */
  const settle = async (change: Partial<CourseDetail>) => {
    setCourse((current) => (current ? { ...current, ...change } : current))
    const fresh = await load()
    if (fresh) emitCourseChanged(fresh)
  }

  useEffect(() => {
    void prepareSubscribe()
  }, [])

  const enrol = async () => {
    // WeChat's prompt opens only from the tap itself: ask first, then enrol.
    const asking = askToSubscribe('courseEnrol')
    setBusy(true)
    try {
      await asking
      const result = await courses.enroll(id)
      toastSuccess('报名成功')
      await settle({ enrolled: true, enrolledCount: result.enrolledCount })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ALREADY_ENROLLED') {
        toastSuccess('已报名')
        await settle({ enrolled: true })
      } else if (e instanceof ApiError && e.code === 'COURSE_FULL') {
        Taro.showToast({ title: '名额已满', icon: 'none', duration: 2500 }).catch(() => undefined)
        setRefusedFull(true)
        void load()
      } else {
        toastError(e)
        if (e instanceof ApiError && e.status >= 400 && e.status < 500) void load()
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell
      className="course-detail"
      loading={loading}
      error={course ? null : error}
      onRetry={() => {
        setLoading(true)
        void load()
      }}
      onRefresh={load}
    >
      {course ? (
        <>
          <View className="course-detail__card">
            <View className="course-detail__tags">
              <Tag type="primary" className="course-detail__kind">
                {COURSE_KIND_LABELS[course.kind] ?? '学习课程'}
              </Tag>
              <Tag className="course-detail__organiser">{courseOrganiserLabel(course)}</Tag>
            </View>
            <Text className="course-detail__title">{course.title}</Text>
            <Text className="course-detail__places">
              {enrolmentLabel(course)} · 共{course.sessionCount}次课
            </Text>
            {course.canManage ? (
              <Text className="course-detail__manage" onClick={() => go(ROUTES.courseManage(course.id))}>
                管理课程 ›
              </Text>
            ) : null}
            {course.description.trim() ? (
              <View className="course-detail__about">
                {paragraphs(course.description).map((paragraph, index) => (
                  <Text className="course-detail__paragraph" key={index}>
                    {paragraph}
                  </Text>
                ))}
              </View>
            ) : null}
          </View>

          <Text className="course-detail__section">课程安排</Text>
          {course.sessions.length > 0 ? (
            <View className="course-detail__list">
              {course.sessions.map((session, index) => (
                <SessionRow key={session.id} session={session} index={index} canManage={course.canManage} />
              ))}
            </View>
          ) : (
            <Text className="course-detail__none">暂无安排</Text>
          )}

          <Text className="course-detail__section">学习资料</Text>
          {course.materials.length > 0 ? (
            <View className="course-detail__list">
              {course.materials.map((material) => (
                <MaterialRow key={material.id} material={material} />
              ))}
            </View>
          ) : (
            <Text className="course-detail__none">暂无学习资料</Text>
          )}

          <EnrolBar course={course} refusedFull={refusedFull} busy={busy} onEnrol={() => void enrol()} />
        </>
      ) : null}
    </PageShell>
  )
}

export default function CourseDetailPage() {
  const session = useAuthGuard()
  const router = useRouter()
  const id = Number(router?.params?.id)
  return session ? <CourseDetailView id={id} /> : null
}
