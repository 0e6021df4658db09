import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { ROUTES } from '@/utils/routes'
import type { CheckinEntryProps } from './checkin-entry-types'
import './checkin-entry.scss'

/** Browser: no camera scanner, so 签到 opens the page where the member types the screen's 6 digits. */
export function CheckinEntry({ pending }: CheckinEntryProps) {
  return (
    <View className="checkin-entry">
      <Button
        className="checkin-entry__button"
        onClick={() => Taro.navigateTo({ url: ROUTES.checkinEnter }).catch(() => undefined)}
      >
        签到
      </Button>
      <Text className="checkin-entry__hint">培训现场：输入大屏上的6位签到码</Text>
      {pending > 0 ? (
        <Text className="checkin-entry__pending">有{pending}条离线签到待提交，联网后自动提交</Text>
      ) : null}
    </View>
  )
}
