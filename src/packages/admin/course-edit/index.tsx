import Taro, { useRouter } from '@tarojs/taro'
import { Input, Switch, Text, Textarea, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useEffect, useState } from 'react'
import type { CourseCreate, CourseDetail, CourseKind, Me } from '../../../../types/api'
import { LIMITS } from '../../../../server/src/schemas/limits'
import { BranchScope, ScopeOption } from '@/components/branch-scope'
import { DateTimeField } from '@/components/date-time-field'
import { EmptyState } from '@/components/empty-state'
import { PageShell } from '@/components/page-shell'
import { ToolsGate } from '@/components/tools-gate'
import { cx } from '@/components/types'
import { useDiscardGuard } from '@/hooks/use-discard-guard'
import { ApiError, toApiError } from '@/services/api-error'
import * as courses from '@/services/courses'
import { useCareModeClass } from '@/stores/care-mode'
import { useSession } from '@/stores/session'
import type { Tools } from '@/stores/tools'
import { COURSE_KIND_LABELS } from '@/utils/courses'
import { ROUTES } from '@/utils/routes'
import { toastError, toastSuccess } from '@/utils/toast'
import { CharCount } from '../char-count'
import { initialWeekly, weeklyRule, type WeeklyValues } from '../schedule'
import { WeeklyFields } from '../weekly-fields'
import '../form.scss'

const KINDS: CourseKind[] = ['training', 'study']

interface CourseValues {
  title: string
  kind: CourseKind
  description: string
  capacity: string
  enrolmentOpen: boolean
  /** null: park-wide (park admins) or the secretary's own branch, the server's default */
  branchId: number | null
}

interface ScheduleValues {
  mode: 'weekly' | 'once'
  weekly: WeeklyValues
  startsAt: string | null
  endsAt: string | null
  venue: string
  lecturer: string
}

function courseValues(course: CourseDetail | null): CourseValues {
  return course
    ? {
        title: course.title,
        kind: course.kind,
        description: course.description,
        capacity: String(course.capacity),
        enrolmentOpen: course.enrolmentOpen,
        branchId: course.branch?.id ?? null,
      }
    : { title: '', kind: 'training', description: '', capacity: '30', enrolmentOpen: true, branchId: null }
}

const EMPTY_SCHEDULE: ScheduleValues = {
  mode: 'weekly',
  weekly: initialWeekly(),
  startsAt: null,
  endsAt: null,
  venue: '',
  lecturer: '',
}

/** The sessions part of a new course, or what is missing, in words. */
function sessionsOf(schedule: ScheduleValues): Pick<CourseCreate, 'sessions' | 'recurrence'> | string {
  if (schedule.mode === 'weekly') {
    const rule = weeklyRule(schedule.weekly, schedule)
    return typeof rule === 'string' ? rule : { recurrence: rule }
  }
  if (!schedule.startsAt) return '请选择开始时间'
  if (!schedule.endsAt) return '请选择结束时间'
  if (!schedule.venue.trim()) return '请填写上课地点'
  if (!schedule.lecturer.trim()) return '请填写主讲人'
  return {
    sessions: [
      {
        startsAt: schedule.startsAt,
        endsAt: schedule.endsAt,
        venue: schedule.venue.trim(),
        lecturer: schedule.lecturer.trim(),
      },
    ],
  }
}

function CourseForm({ user, tools, course }: { user: Me; tools: Tools | null; course: CourseDetail | null }) {
  const careMode = useCareModeClass()
  const [initial] = useState(() => courseValues(course))
  const [values, setValues] = useState<CourseValues>(initial)
  const [schedule, setSchedule] = useState<ScheduleValues>(EMPTY_SCHEDULE)
  const [submitting, setSubmitting] = useState(false)
  const editing = course !== null
  const set = <K extends keyof CourseValues>(key: K, value: CourseValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }))
  const setPlace = <K extends keyof ScheduleValues>(key: K, value: ScheduleValues[K]) =>
    setSchedule((current) => ({ ...current, [key]: value }))
  const dirty =
    values.title !== initial.title ||
    values.description !== initial.description ||
    values.capacity !== initial.capacity ||
    values.kind !== initial.kind ||
    values.enrolmentOpen !== initial.enrolmentOpen ||
    (!editing && (schedule.venue !== '' || schedule.lecturer !== '' || schedule.startsAt !== null))
  const guard = useDiscardGuard(dirty)

  const submit = async () => {
    if (submitting) return
    if (!values.title.trim()) return void Taro.showToast({ title: '请填写课程名称', icon: 'none' })
    if (!values.capacity || Number(values.capacity) < 1)
      return void Taro.showToast({ title: '请填写名额', icon: 'none' })
    const fields = {
      title: values.title.trim(),
      kind: values.kind,
      description: values.description.trim(),
      capacity: Number(values.capacity),
      enrolmentOpen: values.enrolmentOpen,
    }
    let planned: Pick<CourseCreate, 'sessions' | 'recurrence'> = {}
    if (!editing) {
      const result = sessionsOf(schedule)
      if (typeof result === 'string') return void Taro.showToast({ title: result, icon: 'none' })
      planned = result
    }
    setSubmitting(true)
    try {
      const saved = course
        ? await courses.update(course.id, fields)
        : await courses.create({
            ...fields,
            ...planned,
            ...(values.branchId === null ? {} : { branchId: values.branchId }),
          })
      guard.release()
      toastSuccess(editing ? '已保存' : '课程已创建')
      setTimeout(() => {
        if (editing) Taro.navigateBack().catch(() => undefined)
        else Taro.redirectTo({ url: ROUTES.courseManage(saved.id) }).catch(() => undefined)
      }, 1200)
    } catch (e) {
      toastError(e)
      setSubmitting(false)
    }
  }

  return (
    <View className={cx('admin-form course-form', careMode)}>
      <View className="admin-form__field">
        <Text className="admin-form__label">课程名称</Text>
        <Input
          className="admin-form__input course-form__title"
          value={values.title}
          maxlength={LIMITS.courseTitle}
          placeholder="例如：青年党员读书班"
          onInput={(e) => set('title', e.detail.value)}
          aria-label="课程名称"
        />
        <CharCount value={values.title} max={LIMITS.courseTitle} />
      </View>
      <View className="admin-form__field">
        <Text className="admin-form__label">课程类型</Text>
        <View className="admin-form__options">
          {KINDS.map((kind) => (
            <ScopeOption
              key={kind}
              className={`course-form__kind course-form__kind--${kind}`}
              label={COURSE_KIND_LABELS[kind]}
              selected={values.kind === kind}
              onSelect={() => set('kind', kind)}
            />
          ))}
        </View>
      </View>
      <View className="admin-form__field">
        <Text className="admin-form__label">课程介绍</Text>
        <Textarea
          className="admin-form__textarea course-form__description"
          value={values.description}
          maxlength={LIMITS.courseDescription}
          placeholder="学习目标、安排与要求，空行分段"
          onInput={(e) => set('description', e.detail.value)}
          aria-label="课程介绍"
        />
      </View>
      <View className="admin-form__field">
        <Text className="admin-form__label">名额</Text>
        <Input
          className="admin-form__input course-form__capacity"
          type="number"
          value={values.capacity}
          placeholder="人数"
          onInput={(e) => set('capacity', e.detail.value.replace(/\D/g, ''))}
          aria-label="名额"
        />
      </View>
      <View className="admin-form__field course-form__enrolment">
        <Text className="admin-form__label">开放报名</Text>
        <Switch
          className="course-form__enrolment-switch"
          checked={values.enrolmentOpen}
          color="#C8161D"
          onChange={(e) => set('enrolmentOpen', e.detail.value)}
          aria-label="开放报名"
        />
        <Text className="admin-form__hint">关闭后成员暂时不能报名，已报名的不受影响</Text>
      </View>
      <View className="admin-form__field">
        <Text className="admin-form__label">课程范围</Text>
        {editing ? (
          <Text className="admin-form__fixed">
            {course?.branch ? course.branch.name : '园区课程（全体成员）'}
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

      {editing ? null : (
        <>
          <View className="admin-form__field">
            <Text className="admin-form__label">上课安排</Text>
            <View className="admin-form__modes">
              <ScopeOption
                className="course-form__mode--weekly"
                label="每周重复"
                selected={schedule.mode === 'weekly'}
                onSelect={() => setPlace('mode', 'weekly')}
              />
              <ScopeOption
                className="course-form__mode--once"
                label="单次"
                selected={schedule.mode === 'once'}
                onSelect={() => setPlace('mode', 'once')}
              />
            </View>
            <Text className="admin-form__hint">之后可在课程管理中添加、调整或取消场次</Text>
          </View>
          {schedule.mode === 'weekly' ? (
            <WeeklyFields values={schedule.weekly} onChange={(weekly) => setPlace('weekly', weekly)} />
          ) : (
            <>
              <View className="admin-form__field">
                <DateTimeField
                  className="course-form__starts"
                  label="开始时间"
                  value={schedule.startsAt}
                  onChange={(value) => setPlace('startsAt', value)}
                />
              </View>
              <View className="admin-form__field">
                <DateTimeField
                  className="course-form__ends"
                  label="结束时间"
                  value={schedule.endsAt}
                  onChange={(value) => setPlace('endsAt', value)}
                />
              </View>
            </>
          )}
          <View className="admin-form__field">
            <Text className="admin-form__label">上课地点</Text>
            <Input
              className="admin-form__input course-form__venue"
              value={schedule.venue}
              maxlength={LIMITS.venue}
              placeholder="例如：党群服务中心二楼"
              onInput={(e) => setPlace('venue', e.detail.value)}
              aria-label="上课地点"
            />
          </View>
          <View className="admin-form__field">
            <Text className="admin-form__label">主讲人</Text>
            <Input
              className="admin-form__input course-form__lecturer"
              value={schedule.lecturer}
              maxlength={LIMITS.lecturer}
              placeholder="例如：郑老师"
              onInput={(e) => setPlace('lecturer', e.detail.value)}
              aria-label="主讲人"
            />
          </View>
        </>
      )}
      {/* On H5 a `disabled="false"` attribute still greys the button out: only pass true. */}
      <Button className="admin-form__submit course-form__submit" loading={submitting} onClick={submit}>
        {editing ? '保存' : '创建课程'}
      </Button>
    </View>
  )
}

function EditCourse({ user, tools, id }: { user: Me; tools: Tools | null; id: number }) {
  const [course, setCourse] = useState<CourseDetail | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: '编辑课程' }).catch(() => undefined)
    courses
      .detail(id)
      .then((result) => {
        if (!result.canManage) setError(new ApiError(403, 'FORBIDDEN', '只有课程的组织者可以编辑'))
        else setCourse(result)
      })
      .catch((e: unknown) => setError(toApiError(e)))
  }, [id])
  if (error) return <PageShell error={error} />
  if (!course) return <PageShell loading />
  if (course.status === 'ended') return <EmptyState kind="error" text="课程已结束，不能再修改" />
  return <CourseForm user={user} tools={tools} course={course} />
}

export default function CourseEditPage() {
  const session = useSession()
  const router = useRouter()
  const id = Number(router?.params?.id)
  return (
    <ToolsGate need="organiser" denied="仅支部书记和园区管理员可以创建课程">
      {(tools) =>
        session?.user ? (
          Number.isInteger(id) && id > 0 ? (
            <EditCourse user={session.user} tools={tools} id={id} />
          ) : (
            <CourseForm user={session.user} tools={tools} course={null} />
          )
        ) : null
      }
    </ToolsGate>
  )
}
