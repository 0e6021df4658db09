import Taro, { useRouter } from '@tarojs/taro'
import { Input, Switch, Text, Textarea, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { AnnouncementCreate, AnnouncementDetail, Me } from '../../../../types/api'
import { Button } from '@/components/button'
import { PageShell } from '@/components/page-shell'
import { scopeLabel } from '@/components/announcement-card'
import { useDiscardGuard } from '@/hooks/use-discard-guard'
import { ApiError, toApiError } from '@/services/api-error'
import { BranchScope } from '@/components/branch-scope'
import { cx } from '@/components/types'
import * as announcements from '@/services/announcements'
import { useCareModeClass } from '@/stores/care-mode'
import { emitAnnouncementPublished } from '@/utils/events'
import { toastError, toastSuccess } from '@/utils/toast'
import './index.scss'
import { LIMITS } from '../../../../server/src/schemas/limits'
import type { Tools } from '@/stores/tools'
import { useSession } from '@/stores/session'
import { ToolsGate } from '@/components/tools-gate'
import { CharCount } from '../char-count'

type Scope = AnnouncementCreate['scope']

function NoticeForm({
  user,
  tools,
  notice,
}: {
  user: Me
  tools: Tools | null
  notice: AnnouncementDetail | null
}) {
  // 关怀模式: this page has no page shell to carry the class.
  const careMode = useCareModeClass()
  const isParkAdmin = tools?.scope === 'park'
  const [title, setTitle] = useState(notice?.title ?? '')
  const [body, setBody] = useState(notice?.body ?? '')
  const guard = useDiscardGuard(title !== (notice?.title ?? '') || body !== (notice?.body ?? ''))
  const [scope, setScope] = useState<Scope>(isParkAdmin ? 'park' : 'branch')
  // A park admin may address any branch; a secretary only their own.
  const [branchId, setBranchId] = useState<number | null>(isParkAdmin ? null : (user.branch?.id ?? null))
  const [pinned, setPinned] = useState(notice?.pinned ?? false)
  const [important, setImportant] = useState(false)
  const [submitting, setSubmitting] = useState(false)

  const submit = async () => {
    if (submitting) return
    const input: AnnouncementCreate = { title: title.trim(), body: body.trim(), scope, pinned, important }
    if (!input.title) return void Taro.showToast({ title: '请填写标题', icon: 'none' })
    if (!input.body) return void Taro.showToast({ title: '请填写正文', icon: 'none' })
    if (notice) {
      setSubmitting(true)
      try {
        await announcements.update(notice.id, { title: input.title, body: input.body, pinned })
        guard.release()
        toastSuccess('已保存')
        emitAnnouncementPublished()
        setTimeout(() => {
          Taro.navigateBack().catch(() => undefined)
        }, 1200)
      } catch (e) {
        toastError(e)
        setSubmitting(false)
      }
      return
    }
    if (scope === 'branch') {
      if (branchId === null)
        return void Taro.showToast({ title: '你还没有所属支部，无法发布支部通知', icon: 'none' })
      input.branchId = branchId
    }
    setSubmitting(true)
    try {
      await announcements.publish(input)
      guard.release()
      toastSuccess('发布成功')
      emitAnnouncementPublished()
      setTimeout(() => {
        Taro.navigateBack().catch(() => undefined)
      }, 1500)
    } catch (e) {
      toastError(e)
      setSubmitting(false)
    }
  }

  return (
    <View className={cx('notice-form', careMode)}>
      <View className="notice-form__field">
        <Text className="notice-form__label">标题</Text>
        <Input
          className="notice-form__input notice-form__title"
          value={title}
          maxlength={LIMITS.noticeTitle}
          placeholder="例如：关于开展主题党日活动的通知"
          onInput={(event) => setTitle(event.detail.value)}
          aria-label="标题"
        />
        <CharCount value={title} max={LIMITS.noticeTitle} />
      </View>
      <View className="notice-form__field">
        <Text className="notice-form__label">正文</Text>
        <Textarea
          className="notice-form__textarea notice-form__body"
          value={body}
          maxlength={LIMITS.noticeBody}
          placeholder="通知内容，空行分段"
          onInput={(event) => setBody(event.detail.value)}
          aria-label="正文"
        />
      </View>
      <View className="notice-form__field">
        <Text className="notice-form__label">发布范围</Text>
        {notice ? (
          <Text className="notice-form__fixed-scope">
            {notice.scope === 'park' ? '全园区' : scopeLabel(notice)}
          </Text>
        ) : isParkAdmin ? (
          <BranchScope
            className="notice-form__scopes"
            parkLabel="全园区"
            value={scope === 'park' ? null : branchId}
            onChange={(chosen) => {
              setScope(chosen === null ? 'park' : 'branch')
              setBranchId(chosen)
            }}
          />
        ) : (
          <Text className="notice-form__fixed-scope">本支部：{user.branch?.name ?? '未加入支部'}</Text>
        )}
      </View>
      <View className="notice-form__field notice-form__field--row">
        <View>
          <Text className="notice-form__label">置顶</Text>
          <Text className="notice-form__hint">置顶的通知排在列表最前</Text>
        </View>
        <Switch
          className="notice-form__pinned"
          checked={pinned}
          color="#C8161D"
          onChange={(event) => setPinned(event.detail.value)}
          aria-label="置顶"
        />
      </View>
      {/* Marking important tells everyone at publication; an edit tells no one again. */}
      {notice ? null : (
        <View className="notice-form__field notice-form__field--row">
          <View>
            <Text className="notice-form__label">重要通知</Text>
            <Text className="notice-form__hint">发布后提醒通知范围内的每位成员(消息与微信订阅消息)</Text>
          </View>
          <Switch
            className="notice-form__important"
            checked={important}
            color="#C8161D"
            onChange={(event) => setImportant(event.detail.value)}
            aria-label="重要通知"
          />
        </View>
      )}
      {/* On H5 a `disabled="false"` attribute still greys the button out: only pass true. */}
      <Button className="notice-form__submit" loading={submitting} onClick={submit}>
        {notice ? '保存' : '发布'}
      </Button>
      {notice ? (
        <Text className="notice-form__hint">修改标题或正文后，读者会看到“已编辑”及修改时间</Text>
      ) : null}
    </View>
  )
}

/** 编辑通知: the notice as it stands, for its organiser only. */
function EditNotice({ user, tools, id }: { user: Me; tools: Tools | null; id: number }) {
  const [notice, setNotice] = useState<AnnouncementDetail | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: '编辑通知' }).catch(() => undefined)
    announcements
      .detail(id)
      .then((result) => {
        if (!result.canManage)
          setError(new ApiError(403, 'FORBIDDEN', '只有通知的发布支部书记或园区管理员可以编辑'))
        else setNotice(result)
      })
      .catch((e: unknown) => setError(toApiError(e)))
  }, [id])
  if (error) return <PageShell error={error} />
  if (!notice) return <PageShell loading />
  return <NoticeForm user={user} tools={tools} notice={notice} />
}

export default function NoticeNewPage() {
  const session = useSession()
  const router = useRouter()
  const id = Number(router?.params?.id)
  return (
    <ToolsGate need="organiser" denied="仅支部书记和园区管理员可以发布通知">
      {(tools) =>
        session?.user ? (
          Number.isInteger(id) && id > 0 ? (
            <EditNotice user={session.user} tools={tools} id={id} />
          ) : (
            <NoticeForm user={session.user} tools={tools} notice={null} />
          )
        ) : null
      }
    </ToolsGate>
  )
}
