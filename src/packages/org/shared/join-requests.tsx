import { Text, Textarea, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useState } from 'react'
import { SegmentTabs } from '@/components/segment-tabs'
import { Tag } from '@/components/tag'
import { usePagedList } from '@/hooks/use-paged-list'
import * as org from '@/services/org'
import type { JoinRequest, JoinRequestStatus } from '@/services/org'
import { formatDateTime } from '@/utils/time'
import { toastError, toastInfo, toastSuccess } from '@/utils/toast'
import { JOIN_STATUS_LABELS } from './labels'
import { ListFooter, ListState } from './list-state'

function JoinRequestCard({ request, onDecided }: { request: JoinRequest; onDecided: () => void }) {
  const [refusing, setRefusing] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)

  const decide = async (approve: boolean) => {
    if (busy) return
    if (!approve && !reason.trim()) return toastInfo('请填写拒绝理由')
    setBusy(true)
    try {
      if (approve) await org.approveJoinRequest(request.id)
      else await org.rejectJoinRequest(request.id, reason.trim())
      toastSuccess(approve ? '已同意' : '已拒绝')
      onDecided()
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="org-row join-request">
      <View className="org-row__main">
        <View className="org-row__top">
          <Text className="org-row__name">{request.name}</Text>
          <Tag type={request.status === 'pending' ? 'primary' : 'default'}>
            {JOIN_STATUS_LABELS[request.status]}
          </Tag>
        </View>
        <Text className="org-row__cells">
          <Text className="org-row__cell">{request.phone}</Text>
          <Text className="org-row__cell">{request.company.name}</Text>
          <Text className="org-row__cell">申请加入 {request.branch.name}</Text>
          <Text className="org-row__cell">{formatDateTime(request.createdAt)}</Text>
        </Text>
        {request.note ? <Text className="org-row__note">备注：{request.note}</Text> : null}
        {request.reason ? <Text className="org-row__note">拒绝理由：{request.reason}</Text> : null}
        {request.status === 'pending' && refusing ? (
          <Textarea
            className="join-request__reason"
            value={reason}
            maxlength={200}
            placeholder="拒绝理由（申请人会看到）"
            onInput={(event) => setReason(event.detail.value)}
            aria-label="拒绝理由"
          />
        ) : null}
        {request.status === 'pending' ? (
          <View className="org-row__buttons">
            {refusing ? (
              <>
                <Button className="org-toolbar__button" onClick={() => setRefusing(false)}>
                  取消
                </Button>
                <Button className="org-toolbar__danger" loading={busy} onClick={() => void decide(false)}>
                  确认拒绝
                </Button>
              </>
            ) : (
              <>
                <Button className="org-toolbar__button" onClick={() => setRefusing(true)}>
                  拒绝
                </Button>
                <Button className="org-toolbar__primary" loading={busy} onClick={() => void decide(true)}>
                  同意
                </Button>
              </>
            )}
          </View>
        ) : null}
      </View>
    </View>
  )
}

const TABS: ReadonlyArray<readonly [JoinRequestStatus, string]> = [
  ['pending', '待审核'],
  ['approved', '已通过'],
  ['rejected', '未通过'],
]

/** 入支部申请: a secretary's own branch's (the server filters), or the whole park's for park admins. */
export function JoinRequests({ onDecided }: { onDecided?: () => void }) {
  const [status, setStatus] = useState<JoinRequestStatus>('pending')
  const list = usePagedList<JoinRequest>((cursor) => org.joinRequests(status, cursor), status)
  return (
    <View className="join-requests">
      <SegmentTabs options={TABS} value={status} onChange={setStatus} />
      <ListState list={list} emptyText={status === 'pending' ? '暂无待审核的申请' : '暂无记录'}>
        <View className="org-table">
          {list.items.map((request) => (
            <JoinRequestCard
              key={request.id}
              request={request}
              onDecided={() => {
                void list.refresh()
                onDecided?.()
              }}
            />
          ))}
        </View>
        <ListFooter list={list} />
      </ListState>
    </View>
  )
}
