import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, Textarea, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import type {
  HelpHistoryItem,
  HelpRequestDetail,
  HelperSummary,
  HelpStatusAction,
} from '../../../../types/api'
import { Button } from '@/components/button'
import { PageShell } from '@/components/page-shell'
import { Tag } from '@/components/tag'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { type ApiError, toApiError } from '@/services/api-error'
import * as helpRequests from '@/services/help-requests'
import { apiUrl } from '@/services/request'
import { formatDateTime } from '@/utils/time'
import { toastError, toastInfo, toastSuccess } from '@/utils/toast'
import { ACTION_LABELS, STATUS_LABELS, timingLine } from '../labels'
import { MAX_PHOTOS, choosePhotos, photoErrorMessage, sendPhoto } from '../photos'
import '../help.scss'

const SIDE_LABELS = { requester: '求助人', helper: '帮帮团', park: '园区' } as const

function historyLine(item: HelpHistoryItem): string {
  switch (item.kind) {
    case 'submitted':
      return `${item.actor.name} 提交了求助`
    case 'assigned':
      return `${item.actor.name} 分派给 ${item.assignee?.name ?? ''}`
    case 'replied':
      return `${item.actor.name} 回复`
    case 'rated':
      return `${item.actor.name} 评价`
    case 'reopened':
      return `${item.actor.name} 重新打开`
    case 'status':
      return `${item.actor.name} 将状态改为「${item.toStatus ? STATUS_LABELS[item.toStatus] : ''}」`
    case 'photo_added':
      return `${item.actor.name} 添加了照片`
    case 'photo_removed':
      return `${item.actor.name} 删除了照片`
  }
}

/** The request's photos; a tap shows them full screen. The requester adds and removes them until closed. */
function PhotoGrid({
  request,
  onChanged,
  onReload,
}: {
  request: HelpRequestDetail
  onChanged: (next: HelpRequestDetail) => void
  onReload: () => Promise<void>
}) {
  const [busy, setBusy] = useState(false)
  const urls = request.photos.map((photo) => apiUrl(photo.url))
  const editable = request.actions.photos
  if (request.photos.length === 0 && !editable) return null
  const add = async () => {
    if (busy) return
    let chosen: Array<{ path: string; file?: Blob }>
    try {
      chosen = await choosePhotos(MAX_PHOTOS - request.photos.length)
    } catch {
      return
    }
    setBusy(true)
    let firstError: string | null = null
    for (const file of chosen) firstError ??= await sendPhoto(request.id, file.path, file.file)
    await onReload()
    setBusy(false)
    if (firstError) toastInfo(firstError)
    else if (chosen.length > 0) toastSuccess('已上传')
  }
  const remove = async (photoId: number) => {
    if (busy) return
    const { confirm } = await Taro.showModal({
      title: '删除照片',
      content: '确定删除这张照片？',
      confirmText: '删除',
    })
    if (!confirm) return
    setBusy(true)
    try {
      onChanged(await helpRequests.removePhoto(request.id, photoId))
    } catch (e) {
      toastInfo(photoErrorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="help-card help-detail__photos">
      <Text className="help-card__heading">照片</Text>
      <View className="help-photos">
        {request.photos.map((photo, index) => (
          <View key={photo.id} className="help-photo">
            <Image
              className="help-photo__image"
              src={urls[index]!}
              mode="aspectFill"
              aria-label={`照片 ${index + 1}`}
              onClick={() => void Taro.previewImage({ current: urls[index]!, urls }).catch(() => undefined)}
            />
            {editable && !busy ? (
              <View
                className="help-photo__remove"
                role="button"
                aria-label="删除照片"
                onClick={() => void remove(photo.id)}
              >
                <Text>×</Text>
              </View>
            ) : null}
          </View>
        ))}
        {editable && request.photos.length < MAX_PHOTOS ? (
          <View className="help-photo help-photo__add" role="button" aria-label="添加照片" onClick={add}>
            <Text className="help-photo__plus">{busy ? '…' : '+'}</Text>
            <Text className="help-photo__hint">{busy ? '上传中' : '添加照片'}</Text>
          </View>
        ) : null}
      </View>
    </View>
  )
}

/** The park admin's picker: every helper with the open requests they already hold. */
function AssignPanel({
  request,
  onDone,
}: {
  request: HelpRequestDetail
  onDone: (next: HelpRequestDetail) => void
}) {
  const [helpers, setHelpers] = useState<HelperSummary[] | null>(null)
  const [busy, setBusy] = useState<number | null>(null)
  useEffect(() => {
    helpRequests.helpers().then(setHelpers, toastError)
  }, [])
  const assign = async (helper: HelperSummary) => {
    if (busy !== null) return
    setBusy(helper.id)
    try {
      onDone(await helpRequests.assign(request.id, helper.id))
      toastSuccess('已分派')
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(null)
    }
  }
  return (
    <View className="help-card help-assign">
      <Text className="help-card__heading">{request.assignee ? '改派给' : '分派给帮帮团成员'}</Text>
      {helpers === null ? <Text className="help-card__line">加载中…</Text> : null}
      {helpers?.length === 0 ? <Text className="help-card__line">还没有帮帮团成员</Text> : null}
      {helpers?.map((helper) => (
        <View
          key={helper.id}
          role="button"
          aria-busy={busy === helper.id}
          aria-disabled={helper.id === request.assignee?.id}
          className={
            helper.id === request.assignee?.id
              ? 'help-assign__option help-assign__option--current'
              : 'help-assign__option'
          }
          onClick={() => (helper.id === request.assignee?.id ? undefined : void assign(helper))}
        >
          <Text className="help-assign__name">{helper.name}</Text>
          <Text className="help-assign__load">
            {helper.id === request.assignee?.id
              ? '当前负责人'
              : busy === helper.id
                ? '分派中…'
                : `在办 ${helper.openCount} 件`}
          </Text>
        </View>
      ))}
    </View>
  )
}

/** 1–5 stars and a comment, once, after the request was resolved. */
function RatingForm({
  request,
  onDone,
}: {
  request: HelpRequestDetail
  onDone: (next: HelpRequestDetail) => void
}) {
  const [score, setScore] = useState(0)
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    if (busy) return
    if (score === 0) return toastInfo('请选择星级')
    setBusy(true)
    try {
      onDone(await helpRequests.rate(request.id, score, comment))
      toastSuccess('感谢评价')
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="help-card help-rating-form">
      <Text className="help-card__heading">评价这次帮助</Text>
      <View className="help-stars" role="radiogroup" aria-label="星级">
        {[1, 2, 3, 4, 5].map((n) => (
          <View
            key={n}
            role="radio"
            aria-checked={score === n}
            aria-label={`${n} 星`}
            className={n <= score ? 'help-star help-star--on' : 'help-star'}
            onClick={() => setScore(n)}
          >
            <Text>★</Text>
          </View>
        ))}
      </View>
      <Textarea
        className="help-textarea help-rating-form__comment"
        value={comment}
        maxlength={500}
        placeholder="说说你的感受（选填）"
        onInput={(event) => setComment(event.detail.value)}
        aria-label="评价留言"
      />
      <Button
        className="help-submit help-rating-form__submit"
        loading={busy}
        disabled={busy}
        onClick={submit}
      >
        提交评价
      </Button>
    </View>
  )
}

function Detail({ id }: { id: number }) {
  const [request, setRequest] = useState<HelpRequestDetail | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const [reply, setReply] = useState('')
  const [busy, setBusy] = useState<string | null>(null)
  const load = useCallback(async () => {
    try {
      setRequest(await helpRequests.get(id))
      setError(null)
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setLoading(false)
    }
  }, [id])
  useEffect(() => {
    void load()
  }, [load])

  const move = async (action: HelpStatusAction) => {
    if (!request || busy) return
    if (action === 'closed' || action === 'reopened') {
      const { confirm } = await Taro.showModal({
        title: ACTION_LABELS[action],
        content:
          action === 'closed' ? '关闭后不能再回复，需要时可重新打开。' : '重新打开后，帮帮团会继续跟进。',
        confirmText: '确定',
      })
      if (!confirm) return
    }
    setBusy(action)
    try {
      setRequest(await helpRequests.changeStatus(request.id, action))
      toastSuccess(action === 'reopened' ? '已重新打开' : STATUS_LABELS[action])
    } catch (e) {
      toastError(e)
      void load()
    } finally {
      setBusy(null)
    }
  }
  const send = async () => {
    if (!request || busy) return
    if (!reply.trim()) return toastInfo('请输入回复内容')
    setBusy('reply')
    try {
      setRequest(await helpRequests.reply(request.id, reply.trim()))
      setReply('')
      toastSuccess('已回复')
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(null)
    }
  }

  const timing = request ? timingLine(request.timing, request.status) : null
  return (
    <PageShell
      className="help help-detail"
      loading={loading}
      error={request ? null : error}
      onRetry={() => {
        setLoading(true)
        void load()
      }}
      onRefresh={load}
    >
      {request && timing ? (
        <>
          <View className="help-card help-detail__head">
            <View className="help-card__tags">
              {request.priority === 'high' ? <Tag type="solid">红色服务通道</Tag> : null}
              <Tag type="primary">{request.categoryName}</Tag>
              <Tag className={`help-status help-status--${request.status}`}>
                {STATUS_LABELS[request.status]}
              </Tag>
            </View>
            <Text className="help-detail__title">{request.title}</Text>
            <Text className="help-card__line">
              {request.company.name} · {request.requester.name} · {formatDateTime(request.createdAt)}
            </Text>
            <Text className="help-card__line help-detail__assignee">
              负责人：{request.assignee ? request.assignee.name : '待园区分派'}
            </Text>
            {timing.text ? (
              <Text className={timing.late ? 'help-card__due help-card__due--late' : 'help-card__due'}>
                {timing.text}
              </Text>
            ) : null}
            <Text className="help-detail__body">{request.body}</Text>
          </View>

          <PhotoGrid request={request} onChanged={setRequest} onReload={load} />

          {request.actions.status.length > 0 ? (
            <View className="help-actions">
              {request.actions.status.map((action) => (
                <Button
                  key={action}
                  className={`help-action help-action--${action}`}
                  loading={busy === action}
                  disabled={busy !== null}
                  onClick={() => void move(action)}
                >
                  {ACTION_LABELS[action]}
                </Button>
              ))}
            </View>
          ) : null}

          {request.actions.assign ? <AssignPanel request={request} onDone={setRequest} /> : null}

          {request.rating ? (
            <View className="help-card help-rating">
              <Text className="help-card__heading">求助人评价</Text>
              <Text className="help-stars help-rating__stars" aria-label={`${request.rating.score} 星`}>
                {'★'.repeat(request.rating.score)}
                <Text className="help-star">{'★'.repeat(5 - request.rating.score)}</Text>
              </Text>
              {request.rating.comment ? (
                <Text className="help-card__line">{request.rating.comment}</Text>
              ) : null}
            </View>
          ) : null}
          {request.actions.rate ? <RatingForm request={request} onDone={setRequest} /> : null}

          <View className="help-card help-thread">
            <Text className="help-card__heading">沟通记录</Text>
            {request.replies.length === 0 ? <Text className="help-card__line">还没有回复</Text> : null}
            {request.replies.map((item) => (
              <View key={item.id} className={`help-reply help-reply--${item.side}`}>
                <Text className="help-reply__who">
                  {item.author.name} · {SIDE_LABELS[item.side]} · {formatDateTime(item.createdAt)}
                </Text>
                <Text className="help-reply__body">{item.body}</Text>
              </View>
            ))}
            {request.actions.reply ? (
              <View className="help-thread__compose">
                <Textarea
                  className="help-textarea help-thread__input"
                  value={reply}
                  maxlength={2000}
                  placeholder="写下回复"
                  onInput={(event) => setReply(event.detail.value)}
                  aria-label="回复内容"
                />
                <Button
                  className="help-submit help-thread__send"
                  loading={busy === 'reply'}
                  disabled={busy !== null}
                  onClick={send}
                >
                  发送回复
                </Button>
              </View>
            ) : null}
          </View>

          <View className="help-card help-history">
            <Text className="help-card__heading">办理记录</Text>
            {request.history.map((item) => (
              <View key={item.id} className="help-history__item">
                <Text className="help-history__at">{formatDateTime(item.at)}</Text>
                <Text className="help-history__line">{historyLine(item)}</Text>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </PageShell>
  )
}

export default function HelpDetailPage() {
  const session = useAuthGuard()
  const id = Number(useRouter().params.id)
  if (!session) return null
  return <Detail id={id} />
}
