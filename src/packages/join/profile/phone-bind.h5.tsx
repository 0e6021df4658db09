import { Text, View } from '@tarojs/components'
import type { PhoneBindProps } from './types'

/** H5 has no WeChat phone-number button: say so, and point at the other two ways. */
export function PhoneBind(_props: PhoneBindProps) {
  return (
    <View className="join-option join-option--phone join-option--unavailable">
      <Text className="join-option__title">手机号快速验证</Text>
      <Text className="join-option__text">
        手机号快速验证仅在微信小程序中可用。在浏览器中请使用支部书记给你的邀请码，或申请加入支部。
      </Text>
    </View>
  )
}
