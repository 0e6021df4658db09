import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { cx } from '@/components/types'
import { useAuthGuard } from '@/hooks/use-auth-guard'
import { setCareMode, useCareMode, useCareModeClass } from '@/stores/care-mode'
import { clearSession } from '@/stores/session'
import { ROUTES } from '@/utils/routes'
import './index.scss'

function Settings() {
  const careMode = useCareMode()
  const rootClass = useCareModeClass()

  const logout = async () => {
    const { confirm } = await Taro.showModal({
      title: '退出登录',
      content: '退出后需要重新登录才能报名和签到。',
      confirmText: '退出',
      cancelText: '取消',
      confirmColor: '#C8161D',
    })
    if (!confirm) return
    clearSession()
    Taro.reLaunch({ url: ROUTES.login }).catch(() => undefined)
  }

  return (
    <View className={cx('settings', rootClass)}>
      <View className="settings__group">
        <View
          className="settings__row settings__care"
          role="switch"
          aria-checked={careMode}
          aria-label="关怀模式"
          onClick={() => setCareMode(!careMode)}
        >
          <View className="settings__text">
            <Text className="settings__label">关怀模式</Text>
            <Text className="settings__hint">字号放大、颜色对比更强，看得更清楚</Text>
          </View>
          <View
            className={cx('settings__care-switch', careMode && 'settings__care-switch--on')}
            aria-hidden="true"
          >
            <Text className="settings__care-state">{careMode ? '开' : '关'}</Text>
            <View className="settings__care-knob" />
          </View>
        </View>
        <View className="settings__preview">
          <Text className="settings__preview-title">效果预览</Text>
          <Text className="settings__preview-text">
            关于开展主题党日活动的通知：本周五下午在园区党群服务中心开展主题党日活动。
          </Text>
        </View>
      </View>
      <Button className="settings__logout logout-button" onClick={() => void logout()}>
        退出登录
      </Button>
    </View>
  )
}

export default function SettingsPage() {
  const session = useAuthGuard()
  return session ? <Settings /> : null
}
