import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { startCheckin } from '@/utils/checkin-flow'
import { ROUTES } from '@/utils/routes'
import type { CheckinEntryProps } from './checkin-entry-types'
import './checkin-entry.scss'

/** WeChat: 签到 scans the screen's QR code; the 6-digit code is the way in without a camera. */
export function CheckinEntry({ pending }: CheckinEntryProps) {
  return (
    <View className="checkin-entry">
      <Button className="checkin-entry__button" onClick={() => void startCheckin()}>
        签到
      </Button>
      <View className="checkin-entry__row">
        <Text className="checkin-entry__hint">培训现场：扫描大屏上的二维码</Text>
        <Text
          className="checkin-entry__link"
          onClick={() => Taro.navigateTo({ url: ROUTES.checkinEnter }).catch(() => undefined)}
        >
          输入签到码
        </Text>
      </View>
      {pending > 0 ? (
        <Text className="checkin-entry__pending">有{pending}条离线签到待提交，联网后自动提交</Text>
      ) : null}
    </View>
  )
}
