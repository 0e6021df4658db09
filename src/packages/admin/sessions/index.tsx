import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useState } from 'react'
import type { Me, SessionListItem } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { SegmentTabs } from '@/components/segment-tabs'
import { Tag } from '@/components/tag'
import { cx } from '@/components/types'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { usePagedList } from '@/hooks/use-paged-list'
import * as courses from '@/services/courses'
import { useTools, type Tools } from '@/stores/tools'
import { ROUTES } from '@/utils/routes'
import { formatRelative, formatTimeRange } from '@/utils/time'
import './index.scss'

function go(url: string) {
  Taro.navigateTo({ url }).catch(() => undefined)
}

const WHEN_TABS = [
  ['upcoming', '进行中与即将开始'],
  ['past', '已结束'],
] as const

/** One session of a course I run: the server says whether its sign-in is open, to come or over. */
function SessionCard({ session, now }: { session: SessionListItem; now: number }) {
  const open = session.checkinStatus === 'open'
  const ended = session.checkinStatus === 'closed'
  return (
    <View className={cx('managed-session', open && 'managed-session--open')}>
      <View className="managed-session__head">
        {open ? (
          <Tag type="solid" className="managed-session__state">
            签到中
          </Tag>
        ) : (
          <Tag className="managed-session__state">
            {ended ? '已结束' : formatRelative(session.startsAt, now)}
          </Tag>
        )}
        {session.branch ? <Tag className="managed-session__branch">{session.branch.name}</Tag> : null}
      </View>
      <Text className="managed-session__course">{session.courseTitle}</Text>
      <Text className="managed-session__time">{formatTimeRange(session.startsAt, session.endsAt)}</Text>
      <Text className="managed-session__venue">
        {session.venue} · 主讲 {session.lecturer}
      </Text>
      <View className="managed-session__tools">
        {ended ? null : (
          <Button
            className="managed-session__tool managed-session__screen"
            onClick={() => go(ROUTES.checkinScreen(session.id))}
          >
            打开签到屏
          </Button>
        )}
        <Button
          className="managed-session__tool managed-session__attendance"
          onClick={() => go(ROUTES.attendance(session.id))}
        >
          考勤
        </Button>
      </View>
    </View>
  )
}

/** 签到管理: every session of the courses I run, as the server lists them (managed=1). */
function Sessions({ user, tools }: { user: Me; tools: Tools | null }) {
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming')
  const [now, setNow] = useState(() => Date.now())
  const fetchPage = useCallback(
    (cursor: string | null) => {
      setNow(Date.now())
      return courses.managedSessions(when, cursor)
    },
    [when],
  )
  const list = usePagedList<SessionListItem>(fetchPage, when)

  return (
    <PageShell
      className="sessions-page"
      header={
        <View className="sessions-page__header">
          <Text className="sessions-page__scope">
            {tools?.scope === 'park' ? '园区全部培训场次' : `${user.branch?.name ?? '本支部'}的培训场次`}
          </Text>
          <Text className="sessions-page__hint">开始前30分钟可打开签到屏，投到大屏或电脑上供成员扫码</Text>
          <SegmentTabs className="sessions-page__tabs" options={WHEN_TABS} value={when} onChange={setWhen} />
        </View>
      }
      loading={list.loading}
      error={list.error}
      onRetry={() => void list.refresh()}
      empty={list.items.length === 0 && !list.hasMore}
      emptyText={when === 'upcoming' ? '暂无即将开始的培训场次' : '暂无已结束的培训场次'}
      emptyHint="本支部或园区发布培训课程后，场次会显示在这里"
      onRefresh={list.refresh}
      onLoadMore={() => void list.loadMore()}
      loadingMore={list.loadingMore}
      hasMore={list.hasMore}
    >
      {list.items.map((session) => (
        <SessionCard key={session.id} session={session} now={now} />
      ))}
    </PageShell>
  )
}

export default function SessionsManagePage() {
  const session = useAuthGuard()
  const tools = useTools()
  if (!session?.user) return null
  // Who may run sign-ins is the server's call: a member's list answers 403 with its reason.
  return <Sessions user={session.user} tools={tools ?? null} />
}
