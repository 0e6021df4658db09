import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@/components/button'
import { useRef } from 'react'
import * as auth from '@/services/auth'
import { updateUser, useSession } from '@/stores/session'
import { joinStateOf } from '@/utils/join'
import { ROUTES } from '@/utils/routes'
import { cx, type BasicComponent } from '../types'
import './index.scss'

export type JoinPromptProps = BasicComponent

/**
 * Until the server has someone on the roster: park-wide content only, and the way to 完善信息.
 * While it shows, each return to the page asks GET /api/me again (a secretary may have approved).
 */
export function JoinPrompt({ className, style }: JoinPromptProps) {
  const user = useSession()?.user ?? null
  const state = joinStateOf(user)
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (!shownBefore.current) {
      shownBefore.current = true
      return
    }
    if (state === 'member') return
    auth
      .me()
      .then(updateUser)
      .catch(() => undefined)
  })
  if (!user || state === 'member') return null
  const open = () => Taro.navigateTo({ url: ROUTES.joinProfile }).catch(() => undefined)
  return (
    <View className={cx('join-prompt', className)} style={style} role="note">
      <View className="join-prompt__main">
        <Text className="join-prompt__title">
          {state === 'pending' ? '入支部申请审核中' : '你还没有加入支部'}
        </Text>
        <Text className="join-prompt__text">
          {state === 'pending'
            ? '审核通过后即可查看本支部的通知和活动，现在显示的是园区公开内容。'
            : '现在显示的是园区公开的通知和活动。完善信息、加入所在支部后可查看本支部内容。'}
        </Text>
      </View>
      <Button className="join-prompt__action" onClick={open}>
        {state === 'pending' ? '查看申请' : '完善信息'}
      </Button>
    </View>
  )
}

export default JoinPrompt
