import Taro from '@tarojs/taro'
import { Image, Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { HelpCategory } from '../../../../types/api'
import { Button } from '@/components/button'
import { PageShell } from '@/components/page-shell'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import * as helpRequests from '@/services/help-requests'
import { ROUTES } from '@/utils/routes'
import { toastError, toastInfo } from '@/utils/toast'
import { CATEGORY_OPTIONS } from '../labels'
import { MAX_PHOTOS, choosePhotos, sendPhoto, type ChosenPhoto, type PhotoState } from '../photos'
import '../help.scss'

export const TITLE_MAX = 40
export const BODY_MAX = 2000

const STATE_LABELS: Record<PhotoState, string> = {
  waiting: '',
  uploading: '上传中…',
  done: '已上传',
  failed: '上传失败',
}

/** 添加照片: up to six tiles, each removable until the request is sent. */
function PhotoTiles({
  photos,
  busy,
  onChange,
}: {
  photos: ChosenPhoto[]
  busy: boolean
  onChange: (next: ChosenPhoto[]) => void
}) {
  const add = async () => {
    if (busy || photos.length >= MAX_PHOTOS) return
    try {
      const chosen = await choosePhotos(MAX_PHOTOS - photos.length)
      onChange([...photos, ...chosen.map((file) => ({ ...file, state: 'waiting' as const }))])
    } catch {
      // Cancelled: nothing chosen.
    }
  }
  return (
    <View className="help-photos help-photos--edit">
      {photos.map((photo, index) => (
        <View key={photo.path} className={`help-photo help-photo--${photo.state}`}>
          <Image className="help-photo__image" src={photo.path} mode="aspectFill" />
          {STATE_LABELS[photo.state] ? (
            <Text className="help-photo__state">{STATE_LABELS[photo.state]}</Text>
          ) : null}
          {busy ? null : (
            <View
              className="help-photo__remove"
              role="button"
              aria-label="删除照片"
              onClick={() => onChange(photos.filter((_, i) => i !== index))}
            >
              <Text>×</Text>
            </View>
          )}
        </View>
      ))}
      {photos.length < MAX_PHOTOS && !busy ? (
        <View className="help-photo help-photo__add" role="button" aria-label="添加照片" onClick={add}>
          <Text className="help-photo__plus">+</Text>
          <Text className="help-photo__hint">添加照片</Text>
          <Text className="help-photo__hint">（最多{MAX_PHOTOS}张）</Text>
        </View>
      ) : null}
    </View>
  )
}

/** 我要求助: a category, a short title and what the company needs, and photos if they help. */
export function HelpForm({ onFiled }: { onFiled: (id: number) => void }) {
  const [category, setCategory] = useState<HelpCategory | null>(null)
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [photos, setPhotos] = useState<ChosenPhoto[]>([])
  const [submitting, setSubmitting] = useState(false)
  /** Filed first, then each photo in turn, its tile showing how it went. */
  const uploadAll = async (id: number): Promise<string | null> => {
    let firstError: string | null = null
    let current = photos
    const mark = (index: number, state: PhotoState) => {
      current = current.map((photo, i) => (i === index ? { ...photo, state } : photo))
      setPhotos(current)
    }
    for (let index = 0; index < current.length; index++) {
      mark(index, 'uploading')
      const error = await sendPhoto(id, current[index]!.path, current[index]!.file)
      mark(index, error ? 'failed' : 'done')
      firstError ??= error
    }
    return firstError
  }
  const submit = async () => {
    if (submitting) return
    if (!category) return toastInfo('请选择求助类别')
    if (!title.trim()) return toastInfo('请填写标题')
    if (!body.trim()) return toastInfo('请描述需要帮助的问题')
    setSubmitting(true)
    try {
      const created = await helpRequests.create({ category, title: title.trim(), body: body.trim() })
      const photoError = photos.length > 0 ? await uploadAll(created.id) : null
      if (photoError) toastInfo(`求助已提交，部分照片未上传：${photoError}`)
      else {
        toastInfo(created.priority === 'high' ? '已提交，走红色服务通道优先办理' : '已提交，帮帮团会尽快答复')
      }
      onFiled(created.id)
    } catch (e) {
      toastError(e)
    } finally {
      setSubmitting(false)
    }
  }
  return (
    <View className="help-form">
      <View className="help-field">
        <Text className="help-field__label">求助类别</Text>
        <View className="help-chips" role="radiogroup" aria-label="求助类别">
          {CATEGORY_OPTIONS.map(([code, name]) => (
            <View
              key={code}
              role="radio"
              aria-checked={category === code}
              className={category === code ? 'help-chip help-chip--active' : 'help-chip'}
              onClick={() => setCategory(code)}
            >
              <Text>{name}</Text>
            </View>
          ))}
        </View>
      </View>
      <View className="help-field">
        <View className="help-field__head">
          <Text className="help-field__label">标题</Text>
          <Text className="help-field__count">
            {title.length}/{TITLE_MAX}
          </Text>
        </View>
        <Input
          className="help-input help-form__title"
          value={title}
          maxlength={TITLE_MAX}
          placeholder="一句话说明需要什么帮助"
          onInput={(event) => setTitle(event.detail.value)}
          aria-label="标题"
        />
      </View>
      <View className="help-field">
        <View className="help-field__head">
          <Text className="help-field__label">问题描述</Text>
          <Text className="help-field__count">
            {body.length}/{BODY_MAX}
          </Text>
        </View>
        <Textarea
          className="help-textarea help-form__body"
          value={body}
          maxlength={BODY_MAX}
          placeholder="企业的情况、遇到的问题、希望得到的帮助"
          onInput={(event) => setBody(event.detail.value)}
          aria-label="问题描述"
        />
      </View>
      <View className="help-field">
        <Text className="help-field__label">照片（选填）</Text>
        <PhotoTiles photos={photos} busy={submitting} onChange={setPhotos} />
      </View>
      <Button
        className="help-submit help-form__submit"
        loading={submitting}
        disabled={submitting}
        onClick={submit}
      >
        提交求助
      </Button>
    </View>
  )
}

export default function HelpNewPage() {
  const session = useAuthGuard()
  if (!session) return null
  return (
    <PageShell className="help help-new">
      <HelpForm
        onFiled={(id) => {
          Taro.redirectTo({ url: ROUTES.helpDetail(id) }).catch(() => undefined)
        }}
      />
    </PageShell>
  )
}
