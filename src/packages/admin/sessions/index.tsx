import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { Me } from '../../../../types/api'
import { EmptyState } from '@/components/empty-state'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { cx } from '@/components/types'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { type ApiError, toApiError } from '@/services/api-error'
import { isCheckinOpen } from '@/utils/courses'
import { canOrganiseEvents, isParkAdmin } from '@/utils/labels'
import { ROUTES } from '@/utils/routes'
import { formatRelative, formatTimeRange } from '@/utils/time'
import { loadManagedSessions, type ManagedSession, type ManagedSessions } from './managed-sessions'
import './index.scss'

function go(url: string) {
  Taro.navigateTo({ url }).catch(() => undefined)
}

function SessionCard({ item, now }: { item: ManagedSession; now: number }) {
  const { session } = item
  const open = isCheckinOpen(session, now)
  const ended = Date.parse(session.endsAt) < now
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
        {item.branchName ? <Tag className="managed-session__branch">{item.branchName}</Tag> : null}
      </View>
      <Text className="managed-session__course">{item.courseTitle}</Text>
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

function Sessions({ user }: { user: Me }) {
  const [data, setData] = useState<ManagedSessions | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const [now, setNow] = useState(() => Date.now())

  const load = useCallback(async () => {
    try {
      const at = Date.now()
      setData(await loadManagedSessions(at))
      setNow(at)
      setError(null)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  const empty = !!data && data.upcoming.length === 0 && data.past.length === 0
  return (
    <PageShell
      className="sessions-page"
      header={
        <View className="sessions-page__header">
          <Text className="sessions-page__scope">
            {isParkAdmin(user) ? '园区全部培训场次' : `${user.branch?.name ?? '本支部'}的培训场次`}
          </Text>
          <Text className="sessions-page__hint">开始前30分钟可打开签到屏，投到大屏或电脑上供成员扫码</Text>
        </View>
      }
      loading={loading}
      error={data ? null : error}
      onRetry={() => {
        setLoading(true)
        void load()
      }}
      empty={empty}
      emptyText="暂无培训场次"
      emptyHint="本支部或园区发布培训课程后，场次会显示在这里"
      onRefresh={load}
    >
      {data ? (
        <>
          <Text className="sessions-page__section">进行中与即将开始（{data.upcoming.length}）</Text>
          {data.upcoming.length > 0 ? (
            data.upcoming.map((item) => <SessionCard key={item.session.id} item={item} now={now} />)
          ) : (
            <Text className="sessions-page__none">暂无即将开始的场次</Text>
          )}
          {data.past.length > 0 ? (
            <>
              <Text className="sessions-page__section">已结束</Text>
              {data.past.map((item) => (
                <SessionCard key={item.session.id} item={item} now={now} />
              ))}
            </>
          ) : null}
        </>
      ) : null}
    </PageShell>
  )
}

export default function SessionsManagePage() {
  const session = useAuthGuard()
  if (!session) return null
  if (!session.user || !canOrganiseEvents(session.user)) {
    return <EmptyState kind="error" text="仅支部书记和园区管理员可以管理签到" />
  }
  return <Sessions user={session.user} />
}
