import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CourseDetail, Session } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { cx } from '@/components/types'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { type ApiError, toApiError } from '@/services/api-error'
import * as myCourses from '@/services/my-courses'
import { COURSE_KIND_LABELS, courseOrganiserLabel } from '@/utils/courses'
import { ROUTES } from '@/utils/routes'
import { formatTimeRange } from '@/utils/time'
import { toastError } from '@/utils/toast'
import { attendanceSummary, sessionAttendanceLabel } from './attendance'
import './index.scss'

function SessionRow({ session, now }: { session: Session; now: number }) {
  const state = session.myAttendance ?? 'pending'
  return (
    <View className={cx('course-session', `course-session--${state}`)}>
      <View className="course-session__main">
        <Text className="course-session__time">{formatTimeRange(session.startsAt, session.endsAt)}</Text>
        <Text className="course-session__venue">
          {session.venue} · {session.lecturer}
        </Text>
      </View>
      <Text className="course-session__status">{sessionAttendanceLabel(session, now)}</Text>
    </View>
  )
}

function CourseBlock({ course, now }: { course: CourseDetail; now: number }) {
  return (
    <View className="my-course">
      <View className="my-course__head">
        <Text className="my-course__title">{course.title}</Text>
        <View className="my-course__meta">
          <Tag type={course.kind === 'training' ? 'primary' : 'default'}>
            {COURSE_KIND_LABELS[course.kind]}
          </Tag>
          <Text className="my-course__organiser">{courseOrganiserLabel(course)}</Text>
        </View>
        <Text className="my-course__summary">{attendanceSummary(course.sessions, now)}</Text>
      </View>
      <View className="my-course__sessions">
        {course.sessions.map((session) => (
          <SessionRow key={session.id} session={session} now={now} />
        ))}
      </View>
    </View>
  )
}

function MyCourses() {
  const [courses, setCourses] = useState<CourseDetail[] | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const loaded = useRef(false)

  const load = useCallback(async () => {
    try {
      setCourses(await myCourses.myCoursesWithAttendance())
      loaded.current = true
      setNow(Date.now())
      setError(null)
    } catch (e) {
      const apiError = toApiError(e)
      // With courses on screen a toast is enough.
      if (loaded.current) toastError(apiError)
      else setError(apiError)
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  return (
    <PageShell
      className="my-courses"
      loading={courses === null && error === null}
      error={courses ? null : error}
      onRetry={() => {
        setError(null)
        void load()
      }}
      empty={courses !== null && courses.length === 0}
      emptyText="还没有报名的课程"
      emptyHint="报名党务培训和学习课程后，每次课的出勤会显示在这里"
      emptyActionText="去学习"
      onEmptyAction={() => Taro.switchTab({ url: ROUTES.study }).catch(() => undefined)}
      onRefresh={load}
    >
      {courses?.map((course) => (
        <CourseBlock key={course.id} course={course} now={now} />
      ))}
    </PageShell>
  )
}

export default function MyCoursesPage() {
  const session = useAuthGuard()
  return session ? <MyCourses /> : null
}
