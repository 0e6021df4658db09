import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useState } from 'react'
import type { AttendanceEntry, AttendanceStatus, SessionAttendance } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { cx } from '@/components/types'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { ApiError, toApiError } from '@/services/api-error'
import * as checkins from '@/services/checkins'
import { ATTENDANCE_LABELS } from '@/utils/courses'
import { exportCsv } from '@/utils/export-csv'
import { matchesMember } from '@/utils/member-search'
import { ROUTES } from '@/utils/routes'
import { formatDateTime, formatTimeRange } from '@/utils/time'
import { toastError, toastSuccess } from '@/utils/toast'
import './index.scss'

const TABS: AttendanceStatus[] = ['present', 'late', 'pending', 'leave', 'absent']

const EMPTY_TEXT: Record<AttendanceStatus, string> = {
  present: '还没有人签到',
  late: '没有迟到的成员',
  pending: '没有待确认的签到',
  leave: '没有请假的成员',
  absent: '没有缺勤的成员',
}

/** The entries whose member's name or branch contains the search text. */
export function matching(entries: AttendanceEntry[], query: string): AttendanceEntry[] {
  return entries.filter((entry) => matchesMember(entry.member, query))
}

export function attendanceCsvName(attendance: SessionAttendance): string {
  const day = formatDateTime(attendance.session.startsAt).split(' ')[0]
  return `${attendance.session.courseTitle}-${day}-考勤.csv`
}

interface EntryProps {
  entry: AttendanceEntry
  /** 补签 and 请假 for members who did not come; 确认 for a pending sign-in. */
  actions: 'absent' | 'pending' | null
  busy: boolean
  /** 撤销 of an organiser's 补签 or 请假 (where the server says it can be undone). */
  onUndo: (entry: AttendanceEntry) => void
  onSignIn: (entry: AttendanceEntry) => void
  onConfirm: (entry: AttendanceEntry) => void
  onLeave: (entry: AttendanceEntry, note: string) => void
}

function EntryRow({ entry, actions, busy, onSignIn, onConfirm, onLeave, onUndo }: EntryProps) {
  const [askingLeave, setAskingLeave] = useState(false)
  const [note, setNote] = useState('')
  return (
    <View className={cx('attendance-entry', `attendance-entry--${entry.status}`)}>
      <View className="attendance-entry__row">
        <View className="attendance-entry__main">
          <Text className="attendance-entry__name">{entry.member.name}</Text>
          <Text className="attendance-entry__branch">{entry.member.branch?.name ?? '未加入支部'}</Text>
          {entry.checkedInAt ? (
            <Text className="attendance-entry__time">
              {entry.status === 'pending' ? '二维码时间' : '签到'}：{formatDateTime(entry.checkedInAt)}
            </Text>
          ) : null}
          {entry.note ? <Text className="attendance-entry__note">备注：{entry.note}</Text> : null}
        </View>
        <View className="attendance-entry__tags">
          {entry.offline ? (
            <Tag type="gold" className="attendance-entry__offline">
              离线
            </Tag>
          ) : null}
          {entry.manual ? (
            <Tag className="attendance-entry__manual">{entry.status === 'leave' ? '登记' : '补签'}</Tag>
          ) : null}
        </View>
        {entry.canUndo ? (
          <View className="attendance-entry__quick">
            <Button
              className="attendance-entry__action attendance-entry__undo"
              loading={busy}
              onClick={() => onUndo(entry)}
              aria-label={`撤销${entry.member.name}的${entry.status === 'leave' ? '请假' : '补签'}`}
            >
              撤销
            </Button>
          </View>
        ) : null}
        {actions === 'pending' ? (
          <View className="attendance-entry__quick">
            <Button
              className="attendance-entry__action attendance-entry__confirm"
              loading={busy}
              onClick={() => onConfirm(entry)}
            >
              确认
            </Button>
          </View>
        ) : null}
        {actions === 'absent' && !askingLeave ? (
          <View className="attendance-entry__quick">
            <Button
              className="attendance-entry__action attendance-entry__sign-in"
              {...(busy ? { disabled: true } : {})}
              onClick={() => onSignIn(entry)}
            >
              补签
            </Button>
            <Button
              className="attendance-entry__action attendance-entry__leave"
              {...(busy ? { disabled: true } : {})}
              onClick={() => setAskingLeave(true)}
            >
              请假
            </Button>
          </View>
        ) : null}
      </View>
      {actions === 'absent' && askingLeave ? (
        <View className="attendance-entry__leave-form">
          <Input
            className="attendance-entry__note-input"
            value={note}
            maxlength={200}
            placeholder="请假原因（可不填）"
            aria-label="请假原因"
            onInput={(e) => setNote(e.detail.value)}
          />
          <View className="attendance-entry__actions">
            <Button
              className="attendance-entry__action attendance-entry__confirm-leave"
              loading={busy}
              onClick={() => onLeave(entry, note.trim())}
            >
              确认请假
            </Button>
            <Button className="attendance-entry__action" onClick={() => setAskingLeave(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}

function Attendance({ sessionId }: { sessionId: number }) {
  const [data, setData] = useState<SessionAttendance | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const [tab, setTab] = useState<AttendanceStatus>('present')
  const [busy, setBusy] = useState<'export' | 'confirm-all' | number | null>(null)

  const load = useCallback(async () => {
    try {
      setData(await checkins.attendance(sessionId))
      setError(null)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [sessionId])

  useEffect(() => {
    if (sessionId > 0) void load()
    else {
      setError(new ApiError(404, 'NOT_FOUND', '签到场次不存在或无权查看'))
      setLoading(false)
    }
  }, [sessionId, load])

  const record = async (entry: AttendanceEntry, status: 'present' | 'leave', note?: string) => {
    setBusy(entry.member.id)
    try {
      await checkins.recordAttendance(sessionId, {
        memberId: entry.member.id,
        status,
        ...(note ? { note } : {}),
      })
      toastSuccess(status === 'leave' ? '已登记请假' : entry.status === 'pending' ? '已确认' : '已补签')
      await load()
    } catch (e) {
      toastError(e)
      if (e instanceof ApiError && e.status === 409) void load()
    } finally {
      setBusy(null)
    }
  }

  const undo = async (entry: AttendanceEntry) => {
    const what = entry.status === 'leave' ? '请假' : '补签'
    const { confirm } = await Taro.showModal({
      title: `撤销${what}`,
      content:
        entry.status === 'leave'
          ? `撤销${entry.member.name}的请假登记吗？撤销记录会保留`
          : `撤销${entry.member.name}的补签吗？补签获得的积分将收回，撤销记录会保留`,
      confirmText: '撤销',
      cancelText: '取消',
      confirmColor: '#C8161D',
    })
    if (!confirm) return
    setBusy(entry.member.id)
    try {
      await checkins.undoAttendance(sessionId, entry.member.id)
      toastSuccess(`已撤销${what}`)
      await load()
    } catch (e) {
      toastError(e)
      void load()
    } finally {
      setBusy(null)
    }
  }

  const signIn = async (entry: AttendanceEntry) => {
    const { confirm } = await Taro.showModal({
      title: '补签',
      content: `确认为${entry.member.name}补签“已签到”吗？`,
      confirmText: '补签',
      cancelText: '取消',
      confirmColor: '#C8161D',
    })
    if (confirm) await record(entry, 'present')
  }

  const confirmAll = async () => {
    if (busy || !data) return
    const { confirm } = await Taro.showModal({
      title: '全部确认',
      content: `确认${data.pending.length}条待确认的签到都已到场吗？确认后计入出勤和积分`,
      confirmText: '全部确认',
      cancelText: '取消',
      confirmColor: '#C8161D',
    })
    if (!confirm) return
    setBusy('confirm-all')
    try {
      const { confirmed } = await checkins.confirmAllPending(sessionId)
      toastSuccess(`已确认${confirmed}人`)
      await load()
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(null)
    }
  }

  const exportAttendance = async () => {
    if (busy || !data) return
    setBusy('export')
    try {
      await exportCsv({
        path: checkins.attendanceCsvPath(sessionId),
        fileName: attendanceCsvName(data),
        forbiddenMessage: '只有课程的组织者可以导出考勤',
      })
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(null)
    }
  }

  const [query, setQuery] = useState('')
  const entries = data ? matching(data[tab], query) : []
  return (
    <PageShell
      className="attendance-page"
      loading={loading}
      error={data ? null : error}
      onRetry={() => {
        setLoading(true)
        void load()
      }}
      onRefresh={load}
    >
      {data ? (
        <>
          <View className="attendance-page__session">
            <Text className="attendance-page__course">{data.session.courseTitle}</Text>
            <Text className="attendance-page__when">
              {formatTimeRange(data.session.startsAt, data.session.endsAt)} · {data.session.venue}
            </Text>
            <View className="attendance-page__tools">
              <Button
                className="attendance-page__tool attendance-page__export"
                loading={busy === 'export'}
                onClick={() => void exportAttendance()}
              >
                导出CSV
              </Button>
              {data.session.checkinStatus !== 'closed' ? (
                <Button
                  className="attendance-page__tool attendance-page__screen"
                  onClick={() =>
                    Taro.navigateTo({ url: ROUTES.checkinScreen(sessionId) }).catch(() => undefined)
                  }
                >
                  签到屏
                </Button>
              ) : null}
            </View>
          </View>

          <View className="attendance-tabs" role="tablist">
            {TABS.map((status) => (
              <View
                key={status}
                role="tab"
                aria-selected={tab === status}
                className={cx(
                  'attendance-tabs__tab',
                  `attendance-tabs__tab--${status}`,
                  tab === status && 'attendance-tabs__tab--active',
                )}
                onClick={() => setTab(status)}
              >
                <Text className="attendance-tabs__count">{data[status].length}</Text>
                <Text className="attendance-tabs__label">
                  {status === 'present' ? '已签到' : ATTENDANCE_LABELS[status]}
                </Text>
              </View>
            ))}
          </View>

          <Input
            className="attendance-page__search"
            value={query}
            placeholder="搜索姓名或支部"
            confirmType="search"
            aria-label="搜索成员"
            onInput={(e) => setQuery(e.detail.value)}
          />
          {tab === 'pending' && entries.length > 0 ? (
            <View className="attendance-page__pending">
              <Text className="attendance-page__pending-hint">
                二维码过期后才送达的离线签到：确认成员确实到场后计入出勤和积分
              </Text>
              <Button
                className="attendance-page__confirm-all"
                loading={busy === 'confirm-all'}
                onClick={() => void confirmAll()}
              >
                全部确认
              </Button>
            </View>
          ) : null}
          {entries.length === 0 ? (
            <Text className="attendance-page__none">
              {query.trim() && data[tab].length > 0 ? `没有找到“${query.trim()}”` : EMPTY_TEXT[tab]}
            </Text>
          ) : (
            <View className="attendance-page__list">
              {entries.map((entry) => (
                <EntryRow
                  key={entry.member.id}
                  entry={entry}
                  actions={tab === 'absent' || tab === 'pending' ? tab : null}
                  busy={busy === entry.member.id}
                  onSignIn={(item) => void signIn(item)}
                  onConfirm={(item) => void record(item, 'present')}
                  onLeave={(item, note) => void record(item, 'leave', note)}
                  onUndo={(item) => void undo(item)}
                />
              ))}
            </View>
          )}
          {tab === 'absent' && entries.length > 0 ? (
            <Text className="attendance-page__footnote">缺勤：已报名课程、尚未签到也未请假的成员</Text>
          ) : null}
        </>
      ) : null}
    </PageShell>
  )
}

export default function AttendancePage() {
  const session = useAuthGuard()
  const router = useRouter()
  const sessionId = Number(router?.params?.sessionId)
  return session ? <Attendance sessionId={Number.isInteger(sessionId) ? sessionId : 0} /> : null
}
