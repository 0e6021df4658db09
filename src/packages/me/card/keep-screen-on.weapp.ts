import Taro from '@tarojs/taro'

/** The card is shown to a scanner: the screen must not dim while the phone is held out. */
export function keepScreenOn(on: boolean) {
  Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined)
}
