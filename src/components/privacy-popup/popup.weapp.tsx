import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useEffect, useReducer, useState } from 'react'
import { useCareModeClass } from '@/stores/care-mode'
import { ROUTES } from '@/utils/routes'
import { cx } from '../types'
import './index.scss'

type ResolveOption = Taro.onNeedPrivacyAuthorization.ResolveOption
type Resolve = (option: ResolveOption) => void

const AGREE_BUTTON_ID = 'privacy-agree'

// One listener for the whole app (WeChat keeps only the last one): it holds WeChat's question until
// the popup of the page on screen answers it.
let pending: Resolve | null = null
const popups = new Set<() => void>()
let listening = false

function listen() {
  if (listening || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  listening = true
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve
    popups.forEach((redraw) => redraw())
  })
}

function answer(option: ResolveOption) {
  const resolve = pending
  pending = null
  popups.forEach((redraw) => redraw())
  resolve?.(option)
}

/**
 * WeChat asks before the phone-number button or the camera is used (`__usePrivacyCheck__`): our own
 * popup says what the park keeps, links the 隐私政策, and answers WeChat with the member's choice.
 * Every page shell carries one; the one on the page shown answers.
 */
export function PrivacyPopup() {
  const careMode = useCareModeClass()
  const [, redraw] = useReducer((n: number) => n + 1, 0)
  const [onScreen, setOnScreen] = useState(true)
  useEffect(() => {
    listen()
    popups.add(redraw)
    return () => {
      popups.delete(redraw)
    }
  }, [])
  useDidShow(() => setOnScreen(true))
  useDidHide(() => setOnScreen(false))

  if (!pending || !onScreen) return null
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
          <Button className="privacy-popup__refuse" onClick={() => answer({ event: 'disagree' })}>
            拒绝
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className="privacy-popup__agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answer({ buttonId: AGREE_BUTTON_ID, event: 'agree' })}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  )
}
