import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type { AnnouncementDetail } from '../../../../types/api'
import { scopeLabel } from '@/components/announcement-card'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { ApiError, toApiError } from '@/services/api-error'
import * as announcements from '@/services/announcements'
import { emitAnnouncementRead } from '@/utils/events'
import { formatFullDateTime, formatRelative } from '@/utils/time'
import './index.scss'

function paragraphs(body: string): string[] {
  return body
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
}

function NoticeDetail({ id }: { id: number }) {
  const [notice, setNotice] = useState<AnnouncementDetail | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      const result = await announcements.detail(id)
      setNotice(result)
      // Opening it marked it read on the server; the list behind us updates at once.
      emitAnnouncementRead(id)
    } catch (e) {
      setError(toApiError(e))
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

  return (
    <PageShell className="notice-detail" loading={loading} error={error} onRetry={() => void load()}>
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
          </View>
          <View className="notice-detail__body">
            {paragraphs(notice.body).map((paragraph, index) => (
              <Text className="notice-detail__paragraph" key={index}>
                {paragraph}
              </Text>
            ))}
          </View>
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
