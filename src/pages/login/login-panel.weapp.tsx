import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useState } from 'react'
import * as auth from '@/services/auth'
import { toastError } from '@/utils/toast'
import type { LoginPanelProps } from './types'
import './login-panel.scss'

/** WeChat: the login code goes to our server, which asks WeChat who it is (code2session). */
export default function LoginPanel({ onLoggedIn }: LoginPanelProps) {
  const [busy, setBusy] = useState(false)

  const login = async () => {
    if (busy) return
    setBusy(true)
    try {
      const { code } = await Taro.login()
      onLoggedIn(await auth.wechatLogin(code))
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="login-panel login-panel--wechat">
      <Text className="login-panel__intro">使用微信账号登录，查看园区通知、活动和学习积分。</Text>
      <Button
        className="login-panel__wechat"
        {...(busy ? { loading: true, disabled: true } : {})}
        onClick={login}
      >
        微信一键登录
      </Button>
    </View>
  )
}
