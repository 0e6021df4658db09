import { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useState } from 'react'
import type { SessionListItem } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { cx } from '@/components/types'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { type ApiError, toApiError } from '@/services/api-error'
import * as courses from '@/services/courses'
import { isShortCode, normaliseShortCode } from '@/utils/checkin'
import { startCheckin, submitCheckin } from '@/utils/checkin-flow'
import { canScanCheckin } from '@/utils/checkin-scanner'
import { prefetchCheckinPages } from '@/utils/prefetch-checkin'
import { formatTimeRange } from '@/utils/time'
import './index.scss'

/** Signed in already: nothing more to do for that session. */
function signedIn(item: SessionListItem): boolean {
  return item.myAttendance === 'present' || item.myAttendance === 'late' || item.myAttendance === 'pending'
}

/** What the server recorded for a session I signed in to: 已签到, noting lateness or a pending check. */
function signedInLabel(item: SessionListItem): string {
  if (item.myAttendance === 'late') return '已签到（迟到）'
  if (item.myAttendance === 'pending') return '已签到 · 待确认'
  return '已签到'
}

function SessionOption({
  item,
  selected,
  onSelect,
}: {
  item: SessionListItem
  selected: boolean
  onSelect: () => void
}) {
  const done = signedIn(item)
  return (
    <View
      className={cx(
        'checkin-enter__session',
        selected && 'checkin-enter__session--active',
        done && 'checkin-enter__session--done',
      )}
      role="radio"
      aria-checked={selected}
      aria-disabled={done}
      onClick={() => {
        if (!done) onSelect()
      }}
    >
      <View className="checkin-enter__radio" aria-hidden="true" />
      <View className="checkin-enter__session-main">
        <Text className="checkin-enter__session-title">{item.courseTitle}</Text>
        <Text className="checkin-enter__session-time">{formatTimeRange(item.startsAt, item.endsAt)}</Text>
        <Text className="checkin-enter__session-venue">{item.venue}</Text>
      </View>
      {done ? <Tag type="primary">{signedInLabel(item)}</Tag> : null}
    </View>
  )
}

function EnterCode() {
  // Opened from a reminder (消息, a subscribe message): that session, if it is open now.
  const router = useRouter()
  const linked = Number(router?.params?.sessionId)
  const [sessions, setSessions] = useState<SessionListItem[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<ApiError | null>(null)
  const [selected, setSelected] = useState<number | null>(null)
  const [code, setCode] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    try {
      // The sessions the server says are open for sign-in now.
      const found = (await courses.openSessions()).items
      setSessions(found)
      setError(null)
      // One session open (the usual case): it is the one.
      const choosable = found.filter((item) => !signedIn(item))
      setSelected((current) =>
        current !== null && choosable.some((item) => item.id === current)
          ? current
          : choosable.some((item) => item.id === linked)
            ? linked
            : choosable.length === 1
              ? choosable[0].id
              : null,
      )
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [linked])

  useEffect(() => {
    void load()
  }, [load])
  useEffect(prefetchCheckinPages, [])

  // Every open session signed in (the server says so): nothing to type.
  const allDone = sessions.length > 0 && sessions.every(signedIn)

  const submit = async () => {
    if (busy) return
    if (selected === null) {
      setProblem('请先选择要签到的培训场次')
      return
    }
    if (!isShortCode(code)) {
      setProblem('请输入6位数字签到码')
      return
    }
    setProblem(null)
    setBusy(true)
    try {
      await submitCheckin({ sessionId: selected, shortCode: code }, 'redirectTo')
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell
      className="checkin-enter"
      loading={loading}
      error={error}
      onRetry={() => {
        setLoading(true)
        void load()
      }}
      onRefresh={load}
    >
      {canScanCheckin && !allDone ? (
        <View className="checkin-enter__scan">
          <Button className="checkin-enter__scan-button" onClick={() => void startCheckin('redirectTo')}>
            扫码签到
          </Button>
          <Text className="checkin-enter__or">没有相机？也可以输入签到码</Text>
        </View>
      ) : null}

      <Text className="checkin-enter__label">1. 选择培训场次</Text>
      {sessions.length === 0 ? (
        <View className="checkin-enter__none">
          <Text className="checkin-enter__none-text">现在没有正在签到的培训</Text>
          <Text className="checkin-enter__none-hint">签到于开始前30分钟开放，到培训结束时关闭</Text>
        </View>
      ) : (
        <View className="checkin-enter__sessions" role="radiogroup" aria-label="培训场次">
          {sessions.map((item) => (
            <SessionOption
              key={item.id}
              item={item}
              selected={selected === item.id}
              onSelect={() => {
                setSelected(item.id)
                setProblem(null)
              }}
            />
          ))}
        </View>
      )}

      {allDone ? (
        <View className="checkin-enter__done" aria-live="polite">
          <Text className="checkin-enter__done-title">已签到</Text>
          <Text className="checkin-enter__done-hint">
            {sessions.length === 1 ? '这场培训' : '正在签到的培训'}您都已签到，无需重复签到
          </Text>
        </View>
      ) : (
        <CodeForm
          code={code}
          problem={problem}
          busy={busy}
          onCode={(value) => {
            setCode(value)
            setProblem(null)
          }}
          onSubmit={() => void submit()}
        />
      )}
    </PageShell>
  )
}

function CodeForm({
  code,
  problem,
  busy,
  onCode,
  onSubmit,
}: {
  code: string
  problem: string | null
  busy: boolean
  onCode: (value: string) => void
  onSubmit: () => void
}) {
  return (
    <>
      <Text className="checkin-enter__label">2. 输入大屏上的6位签到码</Text>
      <Input
        className="checkin-enter__input"
        type="number"
        maxlength={6}
        value={code}
        placeholder="6位数字"
        confirmType="done"
        aria-label="6位签到码"
        nativeProps={{ inputMode: 'numeric', pattern: '[0-9]*', autoComplete: 'one-time-code' }}
        onInput={(e) => onCode(normaliseShortCode(String(e.detail.value ?? '')))}
        onConfirm={onSubmit}
      />
      {problem ? (
        <Text className="checkin-enter__error" aria-live="assertive">
          {problem}
        </Text>
      ) : null}
      <Button className="checkin-enter__submit" loading={busy} onClick={onSubmit}>
        签到
      </Button>
      <Text className="checkin-enter__note">签到码每10秒更新一次，请输入大屏上当前显示的数字</Text>
    </>
  )
}

export default function CheckinEnterPage() {
  const session = useAuthGuard()
  return session ? <EnterCode /> : null
}
