import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useEffect, useRef } from 'react'
import type { Course, Me } from '../../../../types/api'
import { CourseCard } from '@/components/course-card'
import { PageShell } from '@/components/page-shell'
import { ToolsGate } from '@/components/tools-gate'
import { usePagedList } from '@/hooks/use-paged-list'
import * as courses from '@/services/courses'
import { useSession } from '@/stores/session'
import type { Tools } from '@/stores/tools'
import { ROUTES } from '@/utils/routes'
import './index.scss'

function go(url: string) {
  Taro.navigateTo({ url }).catch(() => undefined)
}

/** 课程管理: the courses I organise (managed=1), and 新建课程. */
function ManagedCourses({ user, tools }: { user: Me; tools: Tools | null }) {
  const list = usePagedList<Course>(courses.managedList)
  // Shown again (back from a form), not the first show: load what changed.
  const shown = useRef(false)
  useEffect(() => {
    shown.current = true
  }, [])
  useDidShow(() => {
    if (shown.current) void list.refresh()
  })
  return (
    <PageShell
      className="manage-courses"
      header={
        <View className="manage-courses__header">
          <Text className="manage-courses__scope">
            {tools?.scope === 'park' ? '园区全部课程' : `${user.branch?.name ?? '本支部'}的课程`}
          </Text>
          <Button className="manage-courses__new" onClick={() => go(ROUTES.courseNew)}>
            新建课程
          </Button>
        </View>
      }
      loading={list.loading}
      error={list.error}
      onRetry={() => void list.refresh()}
      empty={list.items.length === 0 && !list.hasMore}
      emptyText="还没有课程"
      emptyHint="点“新建课程”创建培训或学习课程，可一次安排每周重复的场次"
      onRefresh={list.refresh}
      onLoadMore={() => void list.loadMore()}
      loadingMore={list.loadingMore}
      hasMore={list.hasMore}
    >
      <View className="manage-courses__list">
        {list.items.map((course) => (
          <CourseCard key={course.id} course={course} onOpen={() => go(ROUTES.courseManage(course.id))} />
        ))}
      </View>
    </PageShell>
  )
}

export default function ManagedCoursesPage() {
  const session = useSession()
  return (
    <ToolsGate need="organiser" denied="仅支部书记和园区管理员可以管理课程">
      {(tools) => (session?.user ? <ManagedCourses user={session.user} tools={tools} /> : null)}
    </ToolsGate>
  )
}
