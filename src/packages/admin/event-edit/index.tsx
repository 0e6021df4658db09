import Taro, { useRouter } from '@tarojs/taro'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useEffect, useState } from 'react'
import type { CategoryCode, EventCreate, EventDetail, EventPatch, Me } from '../../../../types/api'
import { LIMITS } from '../../../../server/src/schemas/limits'
import { BranchScope } from '@/components/branch-scope'
import { DateTimeField } from '@/components/date-time-field'
import { EmptyState } from '@/components/empty-state'
import { PageShell } from '@/components/page-shell'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { useLeaveGuard } from '@/hooks/use-leave-guard'
import { useCategories } from '@/hooks/use-categories'
import { ApiError, toApiError } from '@/services/api-error'
import * as events from '@/services/events'
import { emitEventsEdited } from '@/utils/events'
import { useTools, type Tools } from '@/stores/tools'
import { ROUTES } from '@/utils/routes'
import { toastError, toastSuccess } from '@/utils/toast'
import { CharCount } from '../char-count'
import '../form.scss'

interface FormValues {
  title: string
  category: CategoryCode
  description: string
  venue: string
  startsAt: string | null
  endsAt: string | null
  capacity: string
  signupDeadline: string | null
  cancelDeadline: string | null
  /** null: park-wide (park admins), or the server's default, the secretary's own branch */
  branchId: number | null
}

function initialValues(event: EventDetail | null): FormValues {
  if (event) {
    return {
      title: event.title,
      category: event.category,
      description: event.description,
      venue: event.venue,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      capacity: String(event.capacity),
      signupDeadline: event.signupDeadline,
      cancelDeadline: event.cancelDeadline,
      branchId: event.branch?.id ?? null,
    }
  }
  return {
    title: '',
    category: 'salon',
    description: '',
    venue: '',
    startsAt: null,
    endsAt: null,
    capacity: '30',
    signupDeadline: null,
    cancelDeadline: null,
    branchId: null,
  }
}

/** What is still to fill in. Whether the times and numbers make sense is the server's call. */
function missingOf(values: FormValues): string | null {
  if (!values.title.trim()) return '请填写活动名称'
  if (!values.venue.trim()) return '请填写活动地点'
  if (!values.startsAt) return '请选择开始时间'
  if (!values.endsAt) return '请选择结束时间'
  if (!values.capacity) return '请填写名额'
  return null
}

function EventForm({ user, tools, event }: { user: Me; tools: Tools | null; event: EventDetail | null }) {
  const [initial] = useState<FormValues>(() => initialValues(event))
  const [values, setValues] = useState<FormValues>(initial)
  const categories = useCategories()
  const [submitting, setSubmitting] = useState(false)
  const [saved, setSaved] = useState(false)
  // Half filled in: leaving asks before the typing is thrown away.
  const dirty = !saved && JSON.stringify(values) !== JSON.stringify(initial)
  const leaveGuard = useLeaveGuard(dirty, '已填写的内容尚未保存，离开后将丢失')
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }))
  const editing = event !== null
  const categoryIndex = Math.max(
    0,
    categories.findIndex((category) => category.code === values.category),
  )
  const categoryName = categories[categoryIndex]?.name ?? ''

  const submit = async () => {
    if (submitting) return
    const missing = missingOf(values)
    if (missing) return void Taro.showToast({ title: missing, icon: 'none' })
    const fields = {
      title: values.title.trim(),
      category: values.category,
      description: values.description.trim(),
      venue: values.venue.trim(),
      startsAt: values.startsAt as string,
      endsAt: values.endsAt as string,
      capacity: Number(values.capacity),
      ...(values.signupDeadline ? { signupDeadline: values.signupDeadline } : {}),
      ...(values.cancelDeadline ? { cancelDeadline: values.cancelDeadline } : {}),
    }
    setSubmitting(true)
    try {
      let saved: EventDetail
      if (event) {
        const patch: EventPatch = fields
        saved = await events.update(event.id, patch)
      } else {
        const input: EventCreate =
          values.branchId === null ? fields : { ...fields, branchId: values.branchId }
        saved = await events.create(input)
      }
      toastSuccess(editing ? '已保存' : '发布成功')
      emitEventsEdited()
      leaveGuard.release()
      setSaved(true)
      setTimeout(() => {
        if (editing) Taro.navigateBack().catch(() => undefined)
        else Taro.redirectTo({ url: ROUTES.eventDetail(saved.id) }).catch(() => undefined)
      }, 1200)
    } catch (e) {
      toastError(e)
      setSubmitting(false)
    }
  }

  return (
    <View className="admin-form event-form">
      <View className="admin-form__field">
        <Text className="admin-form__label">活动名称</Text>
        <Input
          className="admin-form__input event-form__title"
          value={values.title}
          maxlength={LIMITS.eventTitle}
          placeholder="例如：青创沙龙第九期"
          onInput={(e) => set('title', e.detail.value)}
          aria-label="活动名称"
        />
        <CharCount value={values.title} max={LIMITS.eventTitle} />
      </View>
      <View className="admin-form__field">
        <Text className="admin-form__label">活动类别</Text>
        <Picker
          mode="selector"
          range={categories.map((category) => category.name)}
          value={categoryIndex}
          onChange={(e) => set('category', categories[Number(e.detail.value)]?.code ?? values.category)}
        >
          <View className="admin-form__picker event-form__category">
            <Text>{categoryName}</Text>
            <Text className="admin-form__arrow" aria-hidden="true">
              ›
            </Text>
          </View>
        </Picker>
      </View>
      <View className="admin-form__field">
        <Text className="admin-form__label">活动地点</Text>
        <Input
          className="admin-form__input event-form__venue"
          value={values.venue}
          maxlength={LIMITS.venue}
          placeholder="例如：创新驿站二楼多功能厅"
          onInput={(e) => set('venue', e.detail.value)}
          aria-label="活动地点"
        />
      </View>
      <View className="admin-form__field">
        <DateTimeField
          className="event-form__starts"
          label="开始时间"
          value={values.startsAt}
          onChange={(value) => set('startsAt', value)}
        />
      </View>
      <View className="admin-form__field">
        <DateTimeField
          className="event-form__ends"
          label="结束时间"
          value={values.endsAt}
          onChange={(value) => set('endsAt', value)}
        />
      </View>
      <View className="admin-form__field">
        <Text className="admin-form__label">名额</Text>
        <Input
          className="admin-form__input event-form__capacity"
          type="number"
          value={values.capacity}
          placeholder="人数"
          onInput={(e) => set('capacity', e.detail.value.replace(/\D/g, ''))}
          aria-label="名额"
        />
        {editing ? (
          <Text className="admin-form__hint">增加名额后，候补成员按顺序自动转为报名成功</Text>
        ) : null}
      </View>
      <View className="admin-form__field">
        <DateTimeField
          className="event-form__signup-deadline"
          label="报名截止"
          value={values.signupDeadline}
          onChange={(value) => set('signupDeadline', value)}
          onClear={editing ? undefined : () => set('signupDeadline', null)}
          placeholder="默认为开始时间"
        />
      </View>
      <View className="admin-form__field">
        <DateTimeField
          className="event-form__cancel-deadline"
          label="取消截止"
          value={values.cancelDeadline}
          onChange={(value) => set('cancelDeadline', value)}
          onClear={editing ? undefined : () => set('cancelDeadline', null)}
          placeholder="默认为开始前2小时"
        />
      </View>
      <View className="admin-form__field">
        <Text className="admin-form__label">活动介绍</Text>
        <Textarea
          className="admin-form__textarea event-form__description"
          value={values.description}
          maxlength={LIMITS.eventDescription}
          placeholder="活动内容、议程、注意事项，空行分段"
          onInput={(e) => set('description', e.detail.value)}
          aria-label="活动介绍"
        />
      </View>
      <View className="admin-form__field">
        <Text className="admin-form__label">活动范围</Text>
        {editing ? (
          <Text className="admin-form__fixed">
            {event?.branch ? event.branch.name : '园区活动（全体成员可报名）'}
          </Text>
        ) : tools?.scope === 'park' ? (
          <BranchScope
            className="admin-form__options"
            parkLabel="园区"
            value={values.branchId}
            onChange={(branchId) => set('branchId', branchId)}
          />
        ) : (
          <Text className="admin-form__fixed">本支部：{user.branch?.name ?? '未加入支部'}</Text>
        )}
      </View>
      {/* On H5 a `disabled="false"` attribute still greys the button out: only pass true. */}
      <Button className="admin-form__submit event-form__submit" loading={submitting} onClick={submit}>
        {editing ? '保存' : '发布活动'}
      </Button>
    </View>
  )
}

function EditEvent({ user, tools, id }: { user: Me; tools: Tools | null; id: number }) {
  const [event, setEvent] = useState<EventDetail | null>(null)
  const [error, setError] = useState<ApiError | null>(null)

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: '编辑活动' }).catch(() => undefined)
    events
      .detail(id)
      .then((result) => {
        if (!result.canManage) setError(new ApiError(403, 'FORBIDDEN', '只有活动的组织者可以编辑'))
        else setEvent(result)
      })
      .catch((e: unknown) => setError(toApiError(e)))
  }, [id])

  if (error) return <PageShell error={error} />
  if (!event) return <PageShell loading />
  if (event.status === 'cancelled') return <EmptyState kind="error" text="活动已取消，不能再修改" />
  return <EventForm user={user} tools={tools} event={event} />
}

export default function EventEditPage() {
  const session = useAuthGuard()
  const router = useRouter()
  const tools = useTools()
  if (!session) return null
  const user = session.user
  if (tools === undefined) return <PageShell loading />
  if (!user || tools?.scope === null) {
    return <EmptyState kind="error" text="仅支部书记和园区管理员可以发布活动" />
  }
  const id = Number(router?.params?.id)
  return Number.isInteger(id) && id > 0 ? (
    <EditEvent user={user} tools={tools} id={id} />
  ) : (
    <EventForm user={user} tools={tools} event={null} />
  )
}
