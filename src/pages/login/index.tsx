import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect } from 'react'
import type { LoginResult } from '../../../types/api'
import { cx } from '@/components/types'
import { getSession, saveSession } from '@/stores/session'
import { useCareModeClass } from '@/stores/care-mode'
import { goAfterLogin } from '@/utils/auth-redirect'
import { joinStateOf } from '@/utils/join'
import { ROUTES } from '@/utils/routes'
import LoginPanel from './login-panel'
import './index.scss'

function goHome() {
  Taro.switchTab({ url: ROUTES.home }).catch(() => undefined)
}

export default function LoginPage() {
  // 关怀模式: this page has no page shell to carry the class.
  const careMode = useCareModeClass()
  useEffect(() => {
    if (getSession()) goHome()
  }, [])

  const onLoggedIn = ({ token, user }: LoginResult) => {
    saveSession(token, user)
    // Someone the roster does not know yet (a first WeChat login) goes on to 完善信息; back is 首页.
    // Anyone else goes where they were going (a notice link opened logged out), or to 首页.
    if (joinStateOf(user) === 'new') {
      Taro.switchTab({ url: ROUTES.home })
        .then(() => Taro.navigateTo({ url: ROUTES.joinProfile }))
        .catch(() => undefined)
    } else void goAfterLogin()
  }

  return (
    <View className={cx('login-page', careMode)}>
      <View className="login-page__brand">
        <Text className="login-page__title">红e园区</Text>
        <Text className="login-page__subtitle">湖里创新园互联网行业联合党委</Text>
      </View>
      <LoginPanel onLoggedIn={onLoggedIn} />
    </View>
  )
}
