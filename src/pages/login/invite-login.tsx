import { useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useState } from 'react'
import { toApiError } from '@/services/api-error'
import * as auth from '@/services/auth'
import { inviteCodeFrom } from '@/utils/join'
import { toastInfo } from '@/utils/toast'
import type { LoginPanelProps } from './types'

const MESSAGES: Record<string, string> = {
  INVITE_INVALID: '邀请码无效或已过期，请向支部书记重新获取',
  ALREADY_BOUND: '这个邀请已被使用，请向支部书记重新获取',
}

/** H5 has no WeChat login: a member signs in with the invite code (or the invite link) from their secretary. */
export function InviteLogin({ onLoggedIn }: LoginPanelProps) {
  const router = useRouter()
  const [code, setCode] = useState(() => inviteCodeFrom(router?.params?.invite ?? '') ?? '')
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const inviteCode = inviteCodeFrom(code)
    if (!inviteCode) return toastInfo('请输入8位邀请码')
    if (busy) return
    setBusy(true)
    try {
      onLoggedIn(await auth.inviteLogin(inviteCode))
    } catch (e) {
      const error = toApiError(e)
      toastInfo(MESSAGES[error.code] ?? error.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="invite-login">
      <Text className="invite-login__title">邀请码登录</Text>
      <Text className="invite-login__hint">支部书记邀请你加入时会给你一个 8 位邀请码</Text>
      <View className="invite-login__row">
        <Input
          className="invite-login__input"
          value={code}
          maxlength={8}
          placeholder="8位邀请码"
          onInput={(event) => setCode(event.detail.value)}
          aria-label="邀请码"
        />
        <Button
          className="invite-login__submit"
          {...(busy ? { loading: true, disabled: true } : {})}
          onClick={() => void submit()}
        >
          加入并登录
        </Button>
      </View>
    </View>
  )
}
