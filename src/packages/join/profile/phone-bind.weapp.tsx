import { Button, Text, View } from '@tarojs/components'
import type { BaseEventOrig, ButtonProps } from '@tarojs/components'
import { useState } from 'react'
import { ApiError } from '@/services/api-error'
import * as org from '@/services/org'
import { toastError, toastInfo } from '@/utils/toast'
import type { PhoneBindProps } from './types'

/**
 * WeChat's phone-number button hands over a one-time code; the server exchanges it with WeChat for
 * the verified number and finds it on the roster. The privacy popup answers WeChat first.
 */
export function PhoneBind({ onBound }: PhoneBindProps) {
  const [busy, setBusy] = useState(false)

  const onGetPhoneNumber = async (event: BaseEventOrig<ButtonProps.onGetPhoneNumberEventDetail>) => {
    const code = event.detail.code
    if (!code) {
      toastInfo('未获取到手机号，可使用邀请码或申请加入支部')
      return
    }
    if (busy) return
    setBusy(true)
    try {
      onBound(await org.bind({ phoneCode: code }))
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NOT_ON_ROSTER')
        toastInfo('名册中没有这个手机号，请使用邀请码或申请加入支部')
      else toastError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="join-option join-option--phone">
      <Text className="join-option__title">手机号快速验证</Text>
      <Text className="join-option__text">
        如果你所在的支部已把你录入名册，验证微信绑定的手机号即可加入。
      </Text>
      <Button
        className="join-option__primary"
        openType="getPhoneNumber"
        loading={busy}
        onGetPhoneNumber={(event) => void onGetPhoneNumber(event)}
      >
        手机号快速验证
      </Button>
    </View>
  )
}
