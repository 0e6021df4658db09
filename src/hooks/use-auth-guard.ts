import { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'
import { getSession, useSession, type Session } from '@/stores/session'
import { redirectToLogin } from '@/utils/auth-redirect'

/**
 * Sends a logged-out visitor to the login page, on first render and whenever the page shows again
 * (e.g. after 退出登录 on another tab). Returns the session; pages render nothing while it is null.
 */
export function useAuthGuard(): Session | null {
  const session = useSession()
  const loggedIn = session !== null
  useEffect(() => {
    if (!loggedIn) redirectToLogin()
  }, [loggedIn])
  useDidShow(() => {
    // Storage, not React state: inside onShow the state may be one render behind.
    if (!getSession()) redirectToLogin()
  })
  return session
}
