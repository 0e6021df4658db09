import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { HelpCategory } from '../../../../types/api'
import { Button } from '@/components/button'
import { PageShell } from '@/components/page-shell'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import * as helpRequests from '@/services/help-requests'
import { ROUTES } from '@/utils/routes'
import { toastError, toastInfo } from '@/utils/toast'
import { CATEGORY_OPTIONS } from '../labels'
import '../help.scss'

export const TITLE_MAX = 40
export const BODY_MAX = 2000

/** 我要求助: a category, a short title and what the company needs. */
export function HelpForm({ onFiled }: { onFiled: (id: number) => void }) {
  const [category, setCategory] = useState<HelpCategory | null>(null)
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [submitting, setSubmitting] = useState(false)
  const submit = async () => {
    if (submitting) return
    if (!category) return toastInfo('请选择求助类别')
    if (!title.trim()) return toastInfo('请填写标题')
    if (!body.trim()) return toastInfo('请描述需要帮助的问题')
    setSubmitting(true)
    try {
      const created = await helpRequests.create({ category, title: title.trim(), body: body.trim() })
      toastInfo(created.priority === 'high' ? '已提交，走红色服务通道优先办理' : '已提交，帮帮团会尽快答复')
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
