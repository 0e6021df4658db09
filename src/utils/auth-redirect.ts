import Taro from '@tarojs/taro'
import { ROUTES } from './routes'

let pending = false

function currentRoute(): string {
  try {
    const pages = Taro.getCurrentPages()
    return (pages[pages.length - 1]?.route ?? '').replace(/^\//, '')
  } catch {
    return ''
  }
}

/** Sends the user to the login page once, however many callers notice the missing session. */
export function redirectToLogin() {
  if (pending || currentRoute() === ROUTES.login.slice(1)) return
  pending = true
  Promise.resolve()
    .then(() => Taro.reLaunch({ url: ROUTES.login }))
    .catch(() => undefined)
    .finally(() => {
      pending = false
    })
}
