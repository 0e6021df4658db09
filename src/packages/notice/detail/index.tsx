import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { AnnouncementDetail } from '../../../../types/api'
import { scopeLabel } from '@/components/announcement-card'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { ApiError, toApiError } from '@/services/api-error'
import * as announcements from '@/services/announcements'
import { emitAnnouncementPublished, emitAnnouncementRead } from '@/utils/events'
import { ROUTES } from '@/utils/routes'
import { formatFullDateTime, formatRelative } from '@/utils/time'
import { toastError, toastSuccess } from '@/utils/toast'
import './index.scss'

function paragraphs(body: string): string[] {
  return body
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
}

function go(url: string) {
  Taro.navigateTo({ url }).catch(() => undefined)
}

/** The organiser's row under a notice: 编辑, 置顶, 阅读情况, 撤回. */
function NoticeTools({
  notice,
  onChanged,
}: {
  notice: AnnouncementDetail
  onChanged: (notice: AnnouncementDetail | null) => void
}) {
  const [busy, setBusy] = useState(false)
  const act = async (work: () => Promise<AnnouncementDetail | null>, done: string) => {
    if (busy) return
    setBusy(true)
    try {
      const result = await work()
      toastSuccess(done)
      emitAnnouncementPublished()
      onChanged(result)
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }
  const withdraw = async () => {
    const answer = await Taro.showModal({
      title: '撤回通知',
      content: '撤回后通知将从所有列表中移除，已打开的链接会显示“该通知已撤回”',
      confirmText: '撤回',
      cancelText: '取消',
    }).catch(() => null)
    if (!answer?.confirm) return
    await act(async () => {
      await announcements.withdraw(notice.id)
      return null
    }, '已撤回')
  }
  return (
    <View className="notice-tools">
      <Button
        className="notice-tools__tool notice-tools__edit"
        onClick={() => go(ROUTES.noticeEdit(notice.id))}
      >
        编辑
      </Button>
      <Button
        className="notice-tools__tool notice-tools__pin"
        onClick={() =>
          void act(
            () => announcements.update(notice.id, { pinned: !notice.pinned }),
            notice.pinned ? '已取消置顶' : '已置顶',
          )
        }
      >
        {notice.pinned ? '取消置顶' : '置顶'}
      </Button>
      <Button
        className="notice-tools__tool notice-tools__readers"
        onClick={() => go(ROUTES.noticeReaders(notice.id))}
      >
        阅读情况
      </Button>
      <Button className="notice-tools__tool notice-tools__withdraw" onClick={() => void withdraw()}>
        撤回
      </Button>
    </View>
  )
}

function NoticeDetail({ id }: { id: number }) {
  const [notice, setNotice] = useState<AnnouncementDetail | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  // Shown again (back from a form), not the first show: load what changed.
  const shown = useRef(false)

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      const result = await announcements.detail(id)
      setNotice(result)
      // Opening it marked it read on the server; the list behind us updates at once.
      emitAnnouncementRead(id)
    } catch (e) {
      const failure = toApiError(e)
      setError(failure)
      // A stale link to a withdrawn notice: the lists behind us drop it too.
      if (failure.code === 'NOTICE_WITHDRAWN') emitAnnouncementPublished()
    } finally {
      setLoading(false)
    }
  }, [id])

  useEffect(() => {
    if (Number.isInteger(id) && id > 0) void load()
    else {
      setError(new ApiError(404, 'NOT_FOUND', '通知不存在或已删除'))
      setLoading(false)
    }
  }, [id, load])
  // Back from editing it: show the corrected text.
  useEffect(() => {
    shown.current = true
  }, [])
  useDidShow(() => {
    if (shown.current && notice?.canManage) void load()
  })

  const withdrawn = error?.code === 'NOTICE_WITHDRAWN'
  return (
    <PageShell
      className="notice-detail"
      loading={loading}
      error={error}
      onRetry={withdrawn ? undefined : () => void load()}
    >
      {notice ? (
        <View className="notice-detail__card">
          <Text className="notice-detail__title">{notice.title}</Text>
          <View className="notice-detail__tags">
            {notice.pinned ? <Tag type="solid">置顶</Tag> : null}
            <Tag type={notice.scope === 'park' ? 'primary' : 'default'} className="notice-detail__scope">
              {notice.scope === 'park' ? '园区通知' : scopeLabel(notice)}
            </Tag>
          </View>
          <View className="notice-detail__meta">
            <Text className="notice-detail__author">发布人：{notice.author.name}</Text>
            <Text className="notice-detail__date">
              {formatFullDateTime(notice.publishedAt)}（{formatRelative(notice.publishedAt)}）
            </Text>
            {notice.editedAt ? (
              <Text className="notice-detail__edited">已编辑 · {formatFullDateTime(notice.editedAt)}</Text>
            ) : null}
          </View>
          <View className="notice-detail__body">
            {paragraphs(notice.body).map((paragraph, index) => (
              <Text className="notice-detail__paragraph" key={index}>
                {paragraph}
              </Text>
            ))}
          </View>
          {notice.canManage ? (
            <NoticeTools
              notice={notice}
              onChanged={(changed) => {
                if (changed) return setNotice(changed)
                setNotice(null)
                setError(new ApiError(404, 'NOTICE_WITHDRAWN', '该通知已撤回'))
              }}
            />
          ) : null}
        </View>
      ) : null}
    </PageShell>
  )
}

export default function NoticeDetailPage() {
  const session = useAuthGuard()
  const router = useRouter()
  const id = Number(router?.params?.id)
  return session ? <NoticeDetail id={id} /> : null
}
