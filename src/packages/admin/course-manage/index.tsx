import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CourseDetail, MaterialSummary, Session } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { ToolsGate } from '@/components/tools-gate'
import { cx } from '@/components/types'
import { ApiError, toApiError } from '@/services/api-error'
import * as courses from '@/services/courses'
import { COURSE_KIND_LABELS, courseOrganiserLabel, enrolmentLabel } from '@/utils/courses'
import { ROUTES } from '@/utils/routes'
import { formatTimeRange } from '@/utils/time'
import { toastError, toastSuccess } from '@/utils/toast'
import './index.scss'

function go(url: string) {
  Taro.navigateTo({ url }).catch(() => undefined)
}

const STATUS_LABELS: Record<CourseDetail['status'], string> = {
  open: '报名中',
  full: '名额已满',
  closed: '暂停报名',
  ended: '已结束',
}

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  const answer = await Taro.showModal({ title, content, confirmText, cancelText: '取消' }).catch(() => null)
  return answer?.confirm === true
}

function SessionItem({
  session,
  index,
  onDelete,
}: {
  session: Session
  index: number
  onDelete: (session: Session) => void
}) {
  const cancelled = session.cancelledAt !== null
  const ended = session.checkinStatus === 'closed'
  const open = session.checkinStatus === 'open'
  return (
    <View className={cx('manage-session', cancelled && 'manage-session--cancelled')}>
      <View className="manage-session__head">
        <Text className="manage-session__index">第{index + 1}讲</Text>
        {cancelled ? <Tag className="manage-session__state">已取消</Tag> : null}
        {open ? (
          <Tag type="solid" className="manage-session__state">
            签到中
          </Tag>
        ) : null}
      </View>
      <Text className="manage-session__time">{formatTimeRange(session.startsAt, session.endsAt)}</Text>
      <Text className="manage-session__venue">
        {session.venue} · 主讲 {session.lecturer}
      </Text>
      {cancelled ? <Text className="manage-session__reason">取消原因：{session.cancelReason}</Text> : null}
      {cancelled ? null : (
        <View className="manage-session__tools">
          {ended ? null : (
            <Button
              className="manage-session__tool manage-session__screen"
              onClick={() => go(ROUTES.checkinScreen(session.id))}
            >
              签到屏
            </Button>
          )}
          <Button
            className="manage-session__tool manage-session__attendance"
            onClick={() => go(ROUTES.attendance(session.id))}
          >
            考勤
          </Button>
          {ended ? null : (
            <Button
              className="manage-session__tool manage-session__edit"
              onClick={() => go(ROUTES.sessionEdit(session.id))}
            >
              调整/取消
            </Button>
          )}
          <Button className="manage-session__tool manage-session__delete" onClick={() => onDelete(session)}>
            删除
          </Button>
        </View>
      )}
    </View>
  )
}

function MaterialItem({
  material,
  onDelete,
}: {
  material: MaterialSummary
  onDelete: (m: MaterialSummary) => void
}) {
  return (
    <View className="manage-material">
      <View className="manage-material__main" onClick={() => go(ROUTES.materialEdit(material.id))}>
        <Text className="manage-material__title">{material.title}</Text>
        <Text className="manage-material__minutes">阅读约{material.readMinutes}分钟</Text>
      </View>
      <View className="manage-material__tools">
        <Button
          className="manage-session__tool manage-material__edit"
          onClick={() => go(ROUTES.materialEdit(material.id))}
        >
          编辑
        </Button>
        <Button className="manage-session__tool manage-material__delete" onClick={() => onDelete(material)}>
          删除
        </Button>
      </View>
    </View>
  )
}

/** 课程管理: one course as its organiser runs it — details, sessions and materials. */
function CourseManager({ id }: { id: number }) {
  const [course, setCourse] = useState<CourseDetail | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  // Shown again (back from a form), not the first show: load what changed.
  const shown = useRef(false)

  const load = useCallback(async () => {
    try {
      const result = await courses.detail(id)
      if (!result.canManage) setError(new ApiError(403, 'FORBIDDEN', '只有课程的组织者可以管理'))
      else {
        setCourse(result)
        setError(null)
      }
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [id])

  useEffect(() => {
    if (Number.isInteger(id) && id > 0) void load()
    else {
      setError(new ApiError(404, 'NOT_FOUND', '课程不存在或已删除'))
      setLoading(false)
    }
  }, [id, load])
  // Back from a form: show what it saved.
  useEffect(() => {
    shown.current = true
  }, [])
  useDidShow(() => {
    if (shown.current) void load()
  })

  const deleteSession = async (session: Session) => {
    if (
      !(await confirm(
        '删除场次',
        `确定删除 ${formatTimeRange(session.startsAt, session.endsAt)} 的场次？`,
        '删除',
      ))
    )
      return
    try {
      await courses.deleteSession(session.id)
      toastSuccess('已删除')
    } catch (e) {
      // 409 HAS_ATTENDANCE says to cancel instead: the server's words.
      toastError(e)
    }
    await load()
  }

  const deleteMaterial = async (material: MaterialSummary) => {
    if (!(await confirm('删除学习资料', `确定删除「${material.title}」？`, '删除'))) return
    try {
      await courses.deleteMaterial(material.id)
      toastSuccess('已删除')
    } catch (e) {
      toastError(e)
    }
    await load()
  }

  const toggleEnrolment = async () => {
    if (!course) return
    try {
      setCourse(await courses.update(course.id, { enrolmentOpen: !course.enrolmentOpen }))
      toastSuccess(course.enrolmentOpen ? '已暂停报名' : '已开放报名')
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <PageShell
      className="course-manage"
      loading={loading}
      error={course ? null : error}
      onRetry={() => {
        setLoading(true)
        void load()
      }}
      onRefresh={load}
    >
      {course ? (
        <>
          <View className="course-manage__card">
            <View className="course-manage__tags">
              <Tag type="primary">{COURSE_KIND_LABELS[course.kind]}</Tag>
              <Tag>{courseOrganiserLabel(course)}</Tag>
              <Tag className="course-manage__status">{STATUS_LABELS[course.status]}</Tag>
            </View>
            <Text className="course-manage__title">{course.title}</Text>
            <Text className="course-manage__places">
              {enrolmentLabel(course)} · 共{course.sessionCount}次课
            </Text>
            <View className="course-manage__actions">
              <Button
                className="manage-session__tool course-manage__edit"
                onClick={() => go(ROUTES.courseEdit(course.id))}
              >
                编辑课程
              </Button>
              {course.status === 'ended' ? null : (
                <Button
                  className="manage-session__tool course-manage__enrolment"
                  onClick={() => void toggleEnrolment()}
                >
                  {course.enrolmentOpen ? '暂停报名' : '开放报名'}
                </Button>
              )}
              <Button
                className="manage-session__tool course-manage__view"
                onClick={() => go(ROUTES.courseDetail(course.id))}
              >
                成员视角
              </Button>
            </View>
          </View>

          <View className="course-manage__section">
            <Text className="course-manage__heading">课程安排</Text>
            <Text
              className="course-manage__add course-manage__add-session"
              onClick={() => go(ROUTES.sessionNew(course.id))}
            >
              + 添加场次
            </Text>
          </View>
          {course.sessions.map((session, index) => (
            <SessionItem
              key={session.id}
              session={session}
              index={index}
              onDelete={(s) => void deleteSession(s)}
            />
          ))}

          <View className="course-manage__section">
            <Text className="course-manage__heading">学习资料</Text>
            <Text
              className="course-manage__add course-manage__add-material"
              onClick={() => go(ROUTES.materialNew(course.id))}
            >
              + 添加资料
            </Text>
          </View>
          {course.materials.length > 0 ? (
            course.materials.map((material) => (
              <MaterialItem key={material.id} material={material} onDelete={(m) => void deleteMaterial(m)} />
            ))
          ) : (
            <Text className="course-manage__none">还没有学习资料，添加后成员可在课程页阅读并获得积分</Text>
          )}
        </>
      ) : null}
    </PageShell>
  )
}

export default function CourseManagePage() {
  const router = useRouter()
  const id = Number(router?.params?.id)
  return (
    <ToolsGate need="organiser" denied="仅支部书记和园区管理员可以管理课程">
      {() => <CourseManager id={id} />}
    </ToolsGate>
  )
}
