import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useEffect, useState } from 'react'
import type { SessionDetail } from '../../../../types/api'
import { LIMITS } from '../../../../server/src/schemas/limits'
import { ScopeOption } from '@/components/branch-scope'
import { DateTimeField } from '@/components/date-time-field'
import { EmptyState } from '@/components/empty-state'
import { PageShell } from '@/components/page-shell'
import { ToolsGate } from '@/components/tools-gate'
import { cx } from '@/components/types'
import { useDiscardGuard } from '@/hooks/use-discard-guard'
import { ApiError, toApiError } from '@/services/api-error'
import * as courses from '@/services/courses'
import { useCareModeClass } from '@/stores/care-mode'
import { toastError, toastSuccess } from '@/utils/toast'
import { initialWeekly, weeklyRule, type WeeklyValues } from '../schedule'
import { WeeklyFields } from '../weekly-fields'
import '../form.scss'

interface Values {
  mode: 'once' | 'weekly'
  weekly: WeeklyValues
  startsAt: string | null
  endsAt: string | null
  venue: string
  lecturer: string
}

function valuesOf(session: SessionDetail | null): Values {
  return {
    mode: session ? 'once' : 'weekly',
    weekly: initialWeekly(),
    startsAt: session?.startsAt ?? null,
    endsAt: session?.endsAt ?? null,
    venue: session?.venue ?? '',
    lecturer: session?.lecturer ?? '',
  }
}

function leaveSoon() {
  setTimeout(() => {
    Taro.navigateBack().catch(() => undefined)
  }, 1200)
}

/** 添加场次 (one, or a weekly series) to a course, or 调整 one: move it, or cancel it with a reason. */
function SessionForm({ courseId, session }: { courseId: number; session: SessionDetail | null }) {
  const careMode = useCareModeClass()
  const [initial] = useState(() => valuesOf(session))
  const [values, setValues] = useState<Values>(initial)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((current) => ({ ...current, [key]: value }))
  const dirty =
    values.startsAt !== initial.startsAt ||
    values.endsAt !== initial.endsAt ||
    values.venue !== initial.venue ||
    values.lecturer !== initial.lecturer ||
    reason.trim() !== ''
  const guard = useDiscardGuard(dirty)

  const run = async (work: () => Promise<unknown>, done: string) => {
    if (busy) return
    setBusy(true)
    try {
      await work()
      guard.release()
      toastSuccess(done)
      leaveSoon()
    } catch (e) {
      toastError(e)
      setBusy(false)
    }
  }

  const save = () => {
    if (!values.venue.trim()) return void Taro.showToast({ title: '请填写上课地点', icon: 'none' })
    if (!values.lecturer.trim()) return void Taro.showToast({ title: '请填写主讲人', icon: 'none' })
    if (values.mode === 'weekly' && !session) {
      const rule = weeklyRule(values.weekly, values)
      if (typeof rule === 'string') return void Taro.showToast({ title: rule, icon: 'none' })
      return void run(() => courses.addWeeklySessions(courseId, rule), `已添加 ${rule.count} 个场次`)
    }
    if (!values.startsAt) return void Taro.showToast({ title: '请选择开始时间', icon: 'none' })
    if (!values.endsAt) return void Taro.showToast({ title: '请选择结束时间', icon: 'none' })
    const fields = {
      startsAt: values.startsAt,
      endsAt: values.endsAt,
      venue: values.venue.trim(),
      lecturer: values.lecturer.trim(),
    }
    if (session) void run(() => courses.updateSession(session.id, fields), '已保存')
    else void run(() => courses.addSession(courseId, fields), '已添加场次')
  }

  const cancelSession = async () => {
    if (!session) return
    if (!reason.trim()) return void Taro.showToast({ title: '请填写取消原因，成员会看到', icon: 'none' })
    const answer = await Taro.showModal({
      title: '取消本场',
      content: '取消后不再签到，已报名的成员会收到通知并看到原因',
      confirmText: '确定取消',
      cancelText: '再想想',
    }).catch(() => null)
    if (!answer?.confirm) return
    void run(() => courses.cancelSession(session.id, reason.trim()), '已取消该场次')
  }

  return (
    <View className={cx('admin-form session-form', careMode)}>
      {session ? (
        <View className="admin-form__field">
          <Text className="admin-form__label">所属课程</Text>
          <Text className="admin-form__fixed">{session.courseTitle}</Text>
        </View>
      ) : (
        <View className="admin-form__field">
          <Text className="admin-form__label">添加方式</Text>
          <View className="admin-form__modes">
            <ScopeOption
              className="session-form__mode--weekly"
              label="每周重复"
              selected={values.mode === 'weekly'}
              onSelect={() => set('mode', 'weekly')}
            />
            <ScopeOption
              className="session-form__mode--once"
              label="单次"
              selected={values.mode === 'once'}
              onSelect={() => set('mode', 'once')}
            />
          </View>
        </View>
      )}
      {values.mode === 'weekly' && !session ? (
        <WeeklyFields values={values.weekly} onChange={(weekly) => set('weekly', weekly)} />
      ) : (
        <>
          <View className="admin-form__field">
            <DateTimeField
              className="session-form__starts"
              label="开始时间"
              value={values.startsAt}
              onChange={(value) => set('startsAt', value)}
            />
          </View>
          <View className="admin-form__field">
            <DateTimeField
              className="session-form__ends"
              label="结束时间"
              value={values.endsAt}
              onChange={(value) => set('endsAt', value)}
            />
            {session ? <Text className="admin-form__hint">已有签到或请假记录的场次不能再改时间</Text> : null}
          </View>
        </>
      )}
      <View className="admin-form__field">
        <Text className="admin-form__label">上课地点</Text>
        <Input
          className="admin-form__input session-form__venue"
          value={values.venue}
          maxlength={LIMITS.venue}
          placeholder="例如：党群服务中心二楼"
          onInput={(e) => set('venue', e.detail.value)}
          aria-label="上课地点"
        />
      </View>
      <View className="admin-form__field">
        <Text className="admin-form__label">主讲人</Text>
        <Input
          className="admin-form__input session-form__lecturer"
          value={values.lecturer}
          maxlength={LIMITS.lecturer}
          placeholder="例如：郑老师"
          onInput={(e) => set('lecturer', e.detail.value)}
          aria-label="主讲人"
        />
      </View>
      <Button className="admin-form__submit session-form__submit" loading={busy} onClick={save}>
        {session ? '保存' : '添加'}
      </Button>

      {session ? (
        <View className="admin-form__field session-form__cancel">
          <Text className="admin-form__label">取消本场</Text>
          <Textarea
            className="admin-form__textarea session-form__reason"
            style={{ height: '160px' }}
            value={reason}
            maxlength={LIMITS.cancelReason}
            placeholder="取消原因（已报名的成员会看到），例如：讲师临时出差，改期另行通知"
            onInput={(e) => setReason(e.detail.value)}
            aria-label="取消原因"
          />
          <Button
            className="admin-form__danger session-form__cancel-button"
            {...(busy ? { disabled: true } : {})}
            onClick={() => void cancelSession()}
          >
            取消本场
          </Button>
        </View>
      ) : null}
    </View>
  )
}

function EditSession({ id }: { id: number }) {
  const [session, setSession] = useState<SessionDetail | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: '调整场次' }).catch(() => undefined)
    courses
      .session(id)
      .then((result) => {
        if (!result.canManage) setError(new ApiError(403, 'FORBIDDEN', '只有课程的组织者可以调整场次'))
        else setSession(result)
      })
      .catch((e: unknown) => setError(toApiError(e)))
  }, [id])
  if (error) return <PageShell error={error} />
  if (!session) return <PageShell loading />
  if (session.cancelledAt)
    return <EmptyState kind="error" text={`该场次已取消：${session.cancelReason ?? ''}`} />
  return <SessionForm courseId={session.courseId} session={session} />
}

export default function SessionEditPage() {
  const router = useRouter()
  const id = Number(router?.params?.id)
  const courseId = Number(router?.params?.courseId)
  return (
    <ToolsGate need="organiser" denied="仅支部书记和园区管理员可以安排场次">
      {() =>
        Number.isInteger(id) && id > 0 ? (
          <EditSession id={id} />
        ) : Number.isInteger(courseId) && courseId > 0 ? (
          <SessionForm courseId={courseId} session={null} />
        ) : (
          <EmptyState kind="error" text="没有指定课程" />
        )
      }
    </ToolsGate>
  )
}
