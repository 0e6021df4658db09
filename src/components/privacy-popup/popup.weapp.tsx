import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { useCareModeClass } from '@/stores/care-mode'
import { ROUTES } from '@/utils/routes'
import { cx } from '../types'
import './index.scss'

type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void

const AGREE_BUTTON_ID = 'privacy-agree'

/**
 * WeChat asks before the phone-number button or the camera is used (`__usePrivacyCheck__`): our own
 * popup says what the park keeps, links the 隐私政策, and answers WeChat with the member's choice.
 * Put it on every page with such a button or scan; the page shown last answers.
 */
export function PrivacyPopup() {
  const careMode = useCareModeClass()
  const [resolve, setResolve] = useState<Resolve | null>(null)

  const listen = useCallback(() => {
    if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return
    Taro.onNeedPrivacyAuthorization((answer) => {
      answer({ event: 'exposureAuthorization' })
      setResolve(() => answer)
    })
  }, [])
  useEffect(listen, [listen])
  useDidShow(listen)

  if (!resolve) return null
  const finish = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => {
    resolve(option)
    setResolve(null)
  }
  return (
    <View className={cx('privacy-popup', careMode)} role="dialog" aria-label="隐私保护提示">
      <View className="privacy-popup__panel">
        <Text className="privacy-popup__title">隐私保护提示</Text>
        <Text className="privacy-popup__text">
          为了确认你的身份、把你加入所在支部，红e园区会使用你的手机号；签到和名片核验会使用摄像头扫码。园区只保存完成党建工作所需的信息，手机号仅园区管理员和你所在支部的书记可见。
        </Text>
        <Text
          className="privacy-popup__link"
          onClick={() => Taro.navigateTo({ url: ROUTES.privacy }).catch(() => undefined)}
        >
          查看《隐私政策》
        </Text>
        <View className="privacy-popup__actions">
          <Button className="privacy-popup__refuse" onClick={() => finish({ event: 'disagree' })}>
            拒绝
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className="privacy-popup__agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => finish({ buttonId: AGREE_BUTTON_ID, event: 'agree' })}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  )
}

export default PrivacyPopup
