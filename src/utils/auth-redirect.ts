import Taro from '@tarojs/taro'
import { ROUTES } from './routes'

/** Where a logged-out visitor was going (a notice or event link), kept across the login page. */
const TARGET_KEY = 'red-e-park:after-login'

const TAB_PAGES: string[] = [ROUTES.home, ROUTES.events, ROUTES.study, ROUTES.me]

let pending = false

interface PageLike {
  route?: string
  path?: string
  options?: Record<string, unknown>
}

function currentPage(): PageLike | undefined {
  try {
    const pages = Taro.getCurrentPages() as PageLike[]
    return pages[pages.length - 1]
  } catch {
    return undefined
  }
}

function routeOf(page: PageLike | undefined): string {
  return (page?.route ?? '').replace(/^\//, '').replace(/\?.*$/, '')
}

/** The current page's parameters as its router has them (the H5 stack keeps no query). */
function routerParams(route: string): Record<string, unknown> {
  try {
    const router = Taro.getCurrentInstance().router
    const path = (router?.path ?? '').replace(/^\//, '').replace(/\?.*$/, '')
    return path === route ? (router?.params ?? {}) : {}
  } catch {
    return {}
  }
}

/**
 * The page's URL with its own parameters: the mini-program gives them as `options`, the H5 router
 * as the current instance's `params` (or on `path`); its bookkeeping (`$taroTimestamp`, `stamp`)
 * is left out.
 */
export function urlOf(page: PageLike | undefined): string | null {
  const route = routeOf(page)
  if (!route) return null
  const params: Record<string, string> = {}
  const search = page?.path?.split('?')[1]
  if (search) new URLSearchParams(search).forEach((value, key) => (params[key] = value))
  Object.entries({ ...routerParams(route), ...(page?.options ?? {}) }).forEach(([key, value]) => {
    if (value !== undefined && value !== null) params[key] = String(value)
  })
  const query = Object.entries(params)
    .filter(([key]) => !key.startsWith('$taro') && key !== 'stamp')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&')
  return `/${route}${query ? `?${query}` : ''}`
}

/** Sends the user to the login page once, however many callers notice the missing session. */
export function redirectToLogin() {
  const page = currentPage()
  if (pending || routeOf(page) === ROUTES.login.slice(1)) return
  pending = true
  const target = urlOf(page)
  try {
    if (target) Taro.setStorageSync(TARGET_KEY, target)
  } catch {
    // Without storage the visitor lands on 首页, as before.
  }
  Promise.resolve()
    .then(() => Taro.reLaunch({ url: ROUTES.login }))
    .catch(() => undefined)
    .finally(() => {
      pending = false
    })
}

/** The remembered target, once: a second login (another account) starts from 首页. */
function takeTarget(): string | null {
  try {
    const target: unknown = Taro.getStorageSync(TARGET_KEY)
    Taro.removeStorageSync(TARGET_KEY)
    return typeof target === 'string' && target.startsWith('/') ? target : null
  } catch {
    return null
  }
}

/**
 * After login: the page the visitor was sent away from, opened over 首页 so that back returns
 * there (a tab page is switched to); 首页 when there was none.
 */
export function goAfterLogin(): Promise<unknown> {
  const target = takeTarget()
  const route = target?.replace(/\?.*$/, '') ?? ROUTES.home
  if (!target || TAB_PAGES.includes(route)) return Taro.switchTab({ url: route }).catch(() => undefined)
  return Taro.switchTab({ url: ROUTES.home })
    .then(() => Taro.navigateTo({ url: target }))
    .catch(() => undefined)
}
