import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback } from 'react'
import type { CourseWithSessions, Session } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { cx } from '@/components/types'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { usePagedList } from '@/hooks/use-paged-list'
import * as me from '@/services/me'
import { COURSE_KIND_LABELS, courseOrganiserLabel } from '@/utils/courses'
import { ROUTES } from '@/utils/routes'
import { formatTimeRange } from '@/utils/time'
import { attendanceSummary, sessionAttendanceLabel } from './attendance'
import './index.scss'

function SessionRow({ session }: { session: Session }) {
  const state = session.myAttendance ?? 'pending'
  return (
    <View className={cx('course-session', `course-session--${state}`)}>
      <View className="course-session__main">
        <Text className="course-session__time">{formatTimeRange(session.startsAt, session.endsAt)}</Text>
        <Text className="course-session__venue">
          {session.venue} · {session.lecturer}
        </Text>
      </View>
      <Text className="course-session__status">{sessionAttendanceLabel(session)}</Text>
    </View>
  )
}

function CourseBlock({ course }: { course: CourseWithSessions }) {
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
        <Text className="my-course__summary">{attendanceSummary(course)}</Text>
      </View>
      <View className="my-course__sessions">
        {course.sessions.map((session) => (
          <SessionRow key={session.id} session={session} />
        ))}
      </View>
    </View>
  )
}

/** 我的课程: my courses with every session and my attendance, one request a page. */
function MyCourses() {
  const fetchPage = useCallback((cursor: string | null) => me.myCourses(cursor), [])
  const list = usePagedList<CourseWithSessions>(fetchPage)
  return (
    <PageShell
      className="my-courses"
      loading={list.loading}
      error={list.error}
      onRetry={() => void list.refresh()}
      empty={list.items.length === 0 && !list.hasMore}
      emptyText="还没有报名的课程"
      emptyHint="报名党务培训和学习课程后，每次课的出勤会显示在这里"
      emptyActionText="去学习"
      onEmptyAction={() => Taro.switchTab({ url: ROUTES.study }).catch(() => undefined)}
      onRefresh={list.refresh}
      onLoadMore={() => void list.loadMore()}
      loadingMore={list.loadingMore}
      hasMore={list.hasMore}
    >
      {list.items.map((course) => (
        <CourseBlock key={course.id} course={course} />
      ))}
    </PageShell>
  )
}

export default function MyCoursesPage() {
  const session = useAuthGuard()
  return session ? <MyCourses /> : null
}
