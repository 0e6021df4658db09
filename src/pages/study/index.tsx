import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { Course } from '../../../types/api'
import { CourseCard } from '@/components/course-card'
import { PageShell } from '@/components/page-shell'
import { useAppEvent } from '@/hooks/use-app-event'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { usePagedList, useRevalidateOnShow } from '@/hooks/use-paged-list'
import * as courses from '@/services/courses'
import { pendingCheckinCount } from '@/stores/offline-checkins'
import { APP_EVENTS } from '@/utils/events'
import { prefetchCheckinPages } from '@/utils/prefetch-checkin'
import { ROUTES } from '@/utils/routes'
import { CheckinEntry } from './checkin-entry'
import './index.scss'
import { useTabBadges } from '@/stores/tab-badges'

function usePendingCheckins(): number {
  const [pending, setPending] = useState(pendingCheckinCount)
  const recount = () => setPending(pendingCheckinCount())
  useDidShow(recount)
  useAppEvent(APP_EVENTS.offlineCheckinsSettled, recount)
  return pending
}

function CourseList() {
  useEffect(prefetchCheckinPages, [])
  const fetchPage = useCallback((cursor: string | null) => courses.list(cursor), [])
  const list = usePagedList<Course>(fetchPage)
  useRevalidateOnShow(list.revalidate)
  const pending = usePendingCheckins()

  // Back from a course: the card shows what the server answered there (my enrolment, counts).
  useAppEvent<[Course]>(APP_EVENTS.courseChanged, (changed) => {
    list.update((items) => items.map((item) => (item.id === changed.id ? { ...item, ...changed } : item)))
  })

  const open = (course: Course) => {
    Taro.navigateTo({ url: ROUTES.courseDetail(course.id) }).catch(() => undefined)
  }

  return (
    <PageShell
      className="study-page"
      header={<CheckinEntry pending={pending} />}
      loading={list.loading}
      error={list.error}
      onRetry={() => void list.refresh()}
      empty={list.items.length === 0}
      emptyText="暂无课程"
      emptyHint="园区和支部发布的党务培训与学习课程会显示在这里"
      onRefresh={list.refresh}
      onLoadMore={() => void list.loadMore()}
      loadingMore={list.loadingMore}
      hasMore={list.hasMore}
    >
      <Text className="study-page__section">培训与课程</Text>
      <View className="course-list">
        {list.items.map((item) => (
          <CourseCard key={item.id} course={item} onOpen={open} />
        ))}
      </View>
    </PageShell>
  )
}

export default function StudyPage() {
  const session = useAuthGuard()
  useTabBadges()
  return session ? <CourseList /> : null
}
