import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useCallback, useEffect, useState } from 'react'
import type { AnnouncementReaders } from '../../../../types/api'
import { PageShell } from '@/components/page-shell'
import { SegmentTabs } from '@/components/segment-tabs'
import { ToolsGate } from '@/components/tools-gate'
import { ApiError, toApiError } from '@/services/api-error'
import * as announcements from '@/services/announcements'
import { formatDateTime } from '@/utils/time'
import { toastError, toastInfo } from '@/utils/toast'
import './index.scss'

const TABS = [
  ['unread', '未读'],
  ['read', '已读'],
] as const

/** `已读 12 / 未读 30` for a branch or the whole audience. */
export function readShare(read: number, unread: number): string {
  const total = read + unread
  return total === 0 ? '暂无读者' : `${Math.round((read / total) * 100)}% 已读`
}

/** 阅读情况: who has read (and when), who has not, per branch for a park notice, and 提醒未读. */
function Readers({ id }: { id: number }) {
  const [readers, setReaders] = useState<AnnouncementReaders | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const [tab, setTab] = useState<'unread' | 'read'>('unread')
  const [reminding, setReminding] = useState(false)

  const load = useCallback(async () => {
    try {
      setReaders(await announcements.readers(id))
      setError(null)
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

  const remind = async () => {
    if (reminding) return
    setReminding(true)
    try {
      const sent = await announcements.remindUnread(id)
      toastInfo(sent.notified > 0 ? `已提醒 ${sent.notified} 位未读成员` : '所有成员都已阅读')
      await load()
    } catch (e) {
      toastError(e)
    } finally {
      setReminding(false)
    }
  }

  const canRemind =
    readers !== null &&
    readers.unreadCount > 0 &&
    (readers.remindAgainAt === null || Date.parse(readers.remindAgainAt) <= Date.now())

  return (
    <PageShell
      className="notice-readers"
      loading={loading}
      error={readers ? null : error}
      onRetry={error?.code === 'NOTICE_WITHDRAWN' ? undefined : () => void load()}
      onRefresh={load}
    >
      {readers ? (
        <>
          <View className="notice-readers__summary">
            <View className="notice-readers__figure">
              <Text className="notice-readers__number notice-readers__read-count">{readers.readCount}</Text>
              <Text className="notice-readers__caption">已读</Text>
            </View>
            <View className="notice-readers__figure">
              <Text className="notice-readers__number notice-readers__unread-count">
                {readers.unreadCount}
              </Text>
              <Text className="notice-readers__caption">未读</Text>
            </View>
            <Button
              className="notice-readers__remind"
              {...(canRemind ? {} : { disabled: true })}
              loading={reminding}
              onClick={() => void remind()}
            >
              提醒未读
            </Button>
          </View>
          {readers.remindedAt ? (
            <Text className="notice-readers__reminded">
              上次提醒：{formatDateTime(readers.remindedAt)}
              {readers.remindAgainAt && Date.parse(readers.remindAgainAt) > Date.now()
                ? `，${formatDateTime(readers.remindAgainAt)} 后可再次提醒`
                : ''}
            </Text>
          ) : null}

          {readers.byBranch.length > 1 ? (
            <View className="notice-readers__branches">
              <Text className="notice-readers__heading">各支部阅读情况</Text>
              {readers.byBranch.map((row) => (
                <View className="notice-readers__branch" key={row.branch.id}>
                  <Text className="notice-readers__branch-name">{row.branch.name}</Text>
                  <Text className="notice-readers__branch-figures">
                    已读 {row.read} · 未读 {row.unread} · {readShare(row.read, row.unread)}
                  </Text>
                </View>
              ))}
            </View>
          ) : null}

          <SegmentTabs className="notice-readers__tabs" options={TABS} value={tab} onChange={setTab} />
          <View className="notice-readers__list">
            {tab === 'read'
              ? readers.read.map((row) => (
                  <View className="notice-readers__person" key={row.member.id}>
                    <Text className="notice-readers__name">{row.member.name}</Text>
                    <Text className="notice-readers__meta">
                      {row.member.branch?.name ?? ''} · {formatDateTime(row.readAt)} 已读
                    </Text>
                  </View>
                ))
              : readers.unread.map((row) => (
                  <View className="notice-readers__person" key={row.member.id}>
                    <Text className="notice-readers__name">{row.member.name}</Text>
                    <Text className="notice-readers__meta">{row.member.branch?.name ?? ''} · 未读</Text>
                  </View>
                ))}
            {(tab === 'read' ? readers.read : readers.unread).length === 0 ? (
              <Text className="notice-readers__none">
                {tab === 'read' ? '还没有人阅读' : '所有成员都已阅读'}
              </Text>
            ) : null}
          </View>
        </>
      ) : null}
    </PageShell>
  )
}

export default function NoticeReadersPage() {
  const router = useRouter()
  const id = Number(router?.params?.id)
  return (
    <ToolsGate need="organiser" denied="仅支部书记和园区管理员可以查看阅读情况">
      {() => <Readers id={id} />}
    </ToolsGate>
  )
}
