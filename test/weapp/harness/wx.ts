// `wx`, as the mini-program sees it: the WeChat client APIs the app uses, done for real where that is
// possible here (wx.request is real HTTP to the test server, wx.login a real code the fake WeChat
// server knows) and kept on a simulated screen otherwise (toasts, dialogs, the tab bar's badges).
// Every other API is still there, as WeChat lists them, but calling one is reported as a problem.
import type { Phone } from './phone'
import type { PrivacyGate } from './privacy'
import { wxApiNames } from './wx-api-names'

export interface Toast {
  title: string
  icon: string
}

export interface Modal {
  title: string
  content: string
  /** What the member answered. */
  confirmed: boolean
}

/** What WeChat itself draws around the pages, as the app left it. */
export class Screen {
  readonly toasts: Toast[] = []
  readonly modals: Modal[] = []
  /** Every subscribe-message prompt WeChat showed: the templates asked for and the member's answers. */
  readonly subscribePrompts: { tmplIds: string[]; answers: Record<string, string> }[] = []
  loading: string | null = null
  keepScreenOn = false
  /** `wx.enableAlertBeforeUnload`'s message while on: WeChat asks before the member leaves by back. */
  alertBeforeUnload: string | null = null
  /** The tab bar's badges by tab index. */
  readonly tabBadges = new Map<number, string>()
  /** Every wx call the app made, in order. */
  readonly calls: { name: string; argument: unknown }[] = []
  /** Every answered wx.request: path (with query), status and parsed body. */
  readonly requests: { method: string; path: string; status: number; data: unknown }[] = []
}

export type NavigationKind = 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack'

/** What wx needs from the running mini-program. */
export interface WxHost {
  phone: Phone
  screen: Screen
  /** The origin baked into the build and where that origin really is. */
  api: { origin: string; url: string }
  /** `wx.login`: a one-time code the fake WeChat server exchanges for this openid. */
  issueLoginCode(openid: string): string
  /** Copies a value into the app's realm, as WeChat hands the app fresh objects. */
  toApp<T>(value: T): T
  /** Runs app code (a callback), reporting what it throws. */
  callApp(label: string, fn: () => void): void
  /** Work settle() waits for. */
  track(work: Promise<unknown>): void
  report(problem: string): void
  navigate(kind: NavigationKind, url: string, delta: number): Promise<void>
  setTitle(title: string): void
  /** True while a tap's handlers run: WeChat opens some prompts only then. */
  inTap(): boolean
  networkListeners: Set<(status: { isConnected: boolean; networkType: string }) => void>
  /** WeChat's privacy check before the camera, a chat's files and the phone-number button. */
  privacy: PrivacyGate
}

/** A `fail` answer: its text follows `<api>:fail `, like WeChat's errMsg. */
export class WxFail extends Error {}

type Callback = (result: unknown) => void
type Options = Record<string, unknown> & { success?: Callback; fail?: Callback; complete?: Callback }
type Api = (...args: never[]) => unknown

const WINDOW = {
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 753,
  statusBarHeight: 47,
  safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
  screenTop: 0,
}
const DEVICE = { brand: 'iPhone', model: 'iPhone 14', system: 'iOS 17.0', platform: 'ios' }
const APP_BASE = { SDKVersion: '3.4.0', language: 'zh_CN', version: '8.0.44', theme: 'light' }

function summary(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value ?? null)) as unknown
  } catch {
    return String(value)
  }
}

/** GET data as WeChat sends it: a query string of encodeURIComponent'ed pairs. */
function withQuery(url: string, data: unknown): string {
  if (data === undefined || data === null) return url
  const query =
    typeof data === 'string'
      ? data
      : Object.entries(data as Record<string, unknown>)
          .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
          .join('&')
  if (!query) return url
  return `${url}${url.includes('?') ? '&' : '?'}${query}`
}

export function createWx(host: WxHost): object {
  const { phone, screen } = host

  /** An API with success/fail/complete callbacks, answered asynchronously like WeChat does. */
  const callbackApi =
    (name: string, work: (options: Options) => unknown) =>
    (options: Options = {}) => {
      const answer = (result: object, failure?: string) => {
        const errMsg = failure === undefined ? `${name}:ok` : `${name}:fail ${failure}`.trim()
        const res = host.toApp({ ...result, errMsg })
        host.callApp(`wx.${name} callback`, () => {
          ;(failure === undefined ? options.success : options.fail)?.(res)
          options.complete?.(res)
        })
      }
      host.track(
        Promise.resolve()
          .then(() => work(options))
          .then(
            (result) => answer((result as object | undefined) ?? {}),
            (error: unknown) => {
              if (!(error instanceof WxFail))
                host.report(`wx.${name} failed in the harness: ${String(error)}`)
              answer({}, error instanceof Error ? error.message : String(error))
            },
          ),
      )
    }

  /** An API WeChat holds back until the member has agreed to the privacy policy. */
  const privacyGated =
    (name: string, work: (options: Options) => unknown) =>
    (options: Options = {}) =>
      host.privacy.require(
        name,
        () => callbackApi(name, work)(options),
        () =>
          callbackApi(name, () => {
            throw new WxFail('privacy permission is not authorized')
          })(options),
      )

  /** Files the member picked from a chat, by their temporary path. */
  const tempFiles = new Map<string, string>()

  const readStorage = (key: string): unknown => {
    const stored = phone.storage.get(String(key))
    return stored === undefined ? '' : host.toApp(JSON.parse(stored) as unknown)
  }

  const request = (options: Options) => {
    const controller = new AbortController()
    callbackApi('request', async (o) => {
      const url = String(o.url)
      if (!url.startsWith(`${host.api.origin}/`)) {
        host.report(
          `wx.request to ${url}: not the API origin ${host.api.origin} (WeChat's request domain list)`,
        )
        throw new WxFail('url not in domain list')
      }
      if (!phone.online) throw new WxFail('-2:net::ERR_INTERNET_DISCONNECTED')
      const method = String(o.method ?? 'GET').toUpperCase()
      const header: Record<string, string> = { ...(o.header as Record<string, string> | undefined) }
      // WeChat's default content type, unless the app set one (in any letter case).
      if (!Object.keys(header).some((name) => name.toLowerCase() === 'content-type')) {
        header['content-type'] = 'application/json'
      }
      const target = `${host.api.url}${url.slice(host.api.origin.length)}`
      let body: string | undefined
      let full = target
      if (method === 'GET') full = withQuery(target, o.data)
      else if (o.data !== undefined) body = typeof o.data === 'string' ? o.data : JSON.stringify(o.data)
      const response = await fetch(full, { method, headers: header, body, signal: controller.signal })
      const text = await response.text()
      let data: unknown = text
      if ((o.dataType ?? 'json') === 'json') {
        try {
          data = JSON.parse(text) as unknown
        } catch {
          // WeChat hands over the raw text when it is not JSON.
        }
      }
      screen.requests.push({ method, path: full.slice(host.api.url.length), status: response.status, data })
      return {
        data,
        statusCode: response.status,
        header: Object.fromEntries(response.headers),
        cookies: [],
      }
    })(options)
    return {
      abort: () => controller.abort(),
      onHeadersReceived: () => undefined,
      offHeadersReceived: () => undefined,
      onChunkReceived: () => undefined,
      offChunkReceived: () => undefined,
    }
  }

  const navigation = (kind: NavigationKind) =>
    callbackApi(kind, (o) => host.navigate(kind, String(o.url ?? ''), Number(o.delta ?? 1)))

  const implemented: Record<string, Api> = {
    request,
    login: callbackApi('login', () => ({ code: host.issueLoginCode(phone.openid) })),

    getStorageSync: (key: string) => readStorage(key),
    setStorageSync: (key: string, value: unknown) => {
      phone.storage.set(String(key), JSON.stringify(value ?? null))
    },
    removeStorageSync: (key: string) => {
      phone.storage.delete(String(key))
    },
    clearStorageSync: () => phone.storage.clear(),
    getStorageInfoSync: () =>
      host.toApp({ keys: [...phone.storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage: callbackApi('getStorage', (o) => {
      if (!phone.storage.has(String(o.key))) throw new WxFail('data not found')
      return { data: readStorage(String(o.key)) }
    }),
    setStorage: callbackApi('setStorage', (o) => {
      phone.storage.set(String(o.key), JSON.stringify(o.data ?? null))
    }),
    removeStorage: callbackApi('removeStorage', (o) => {
      phone.storage.delete(String(o.key))
    }),

    navigateTo: navigation('navigateTo'),
    redirectTo: navigation('redirectTo'),
    switchTab: navigation('switchTab'),
    reLaunch: navigation('reLaunch'),
    navigateBack: navigation('navigateBack'),

    showToast: callbackApi('showToast', (o) => {
      screen.toasts.push({ title: String(o.title ?? ''), icon: String(o.icon ?? 'success') })
    }),
    hideToast: callbackApi('hideToast', () => undefined),
    showLoading: callbackApi('showLoading', (o) => {
      screen.loading = String(o.title ?? '')
    }),
    hideLoading: callbackApi('hideLoading', () => {
      screen.loading = null
    }),
    showModal: callbackApi('showModal', (o) => {
      const confirmed = phone.takeModalAnswer()
      screen.modals.push({ title: String(o.title ?? ''), content: String(o.content ?? ''), confirmed })
      return { confirm: confirmed, cancel: !confirmed }
    }),
    setNavigationBarTitle: callbackApi('setNavigationBarTitle', (o) => host.setTitle(String(o.title ?? ''))),
    setTabBarBadge: callbackApi('setTabBarBadge', (o) => {
      screen.tabBadges.set(Number(o.index), String(o.text ?? ''))
    }),
    removeTabBarBadge: callbackApi('removeTabBarBadge', (o) => {
      screen.tabBadges.delete(Number(o.index))
    }),
    startPullDownRefresh: callbackApi('startPullDownRefresh', () => undefined),
    stopPullDownRefresh: callbackApi('stopPullDownRefresh', () => undefined),
    setKeepScreenOn: callbackApi('setKeepScreenOn', (o) => {
      screen.keepScreenOn = Boolean(o.keepScreenOn)
    }),
    enableAlertBeforeUnload: callbackApi('enableAlertBeforeUnload', (o) => {
      screen.alertBeforeUnload = String(o.message ?? '')
    }),
    disableAlertBeforeUnload: callbackApi('disableAlertBeforeUnload', () => {
      screen.alertBeforeUnload = null
    }),

    // A one-time subscribe prompt: 1–3 template ids, shown only from a tap (WeChat refuses it from
    // anywhere else), answered as the phone was told to answer it.
    requestSubscribeMessage: (options: Options = {}) => {
      const fromTap = host.inTap()
      return callbackApi('requestSubscribeMessage', (o) => {
        const ids = o.tmplIds
        if (
          !Array.isArray(ids) ||
          ids.length < 1 ||
          ids.length > 3 ||
          !ids.every((id) => typeof id === 'string' && id !== '')
        ) {
          throw new WxFail('invalid tmplIds')
        }
        if (!fromTap) throw new WxFail('can only be invoked by user TAP gesture.')
        const answer = phone.takeSubscribeAnswer()
        const answers = Object.fromEntries((ids as string[]).map((id) => [id, answer]))
        screen.subscribePrompts.push({ tmplIds: [...(ids as string[])], answers })
        return answers
      })(options)
    },

    scanCode: privacyGated('scanCode', () => {
      const code = phone.takeScan()
      if (code === undefined) throw new WxFail('cancel')
      return { result: code, scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '' }
    }),

    onNeedPrivacyAuthorization: (listener: Parameters<PrivacyGate['onNeedPrivacyAuthorization']>[0]) => {
      host.privacy.onNeedPrivacyAuthorization(listener)
    },
    getPrivacySetting: callbackApi('getPrivacySetting', () => ({
      needAuthorization: !phone.privacyAgreed,
      privacyContractName: '《红e园区小程序隐私保护指引》',
    })),
    chooseMessageFile: privacyGated('chooseMessageFile', () => {
      const file = phone.takeFile()
      if (!file) throw new WxFail('cancel')
      const path = `wxfile://tmp_${tempFiles.size + 1}_${file.name}`
      tempFiles.set(path, file.text)
      return {
        tempFiles: [{ path, size: Buffer.byteLength(file.text), name: file.name, type: 'file', time: 0 }],
      }
    }),
    // The manager's methods are the harness's own functions (toApp would copy them away).
    getFileSystemManager: () =>
      ({
        readFile: callbackApi('readFile', (o) => {
          const text = tempFiles.get(String(o.filePath))
          if (text === undefined) throw new WxFail(`no such file or directory, open ${String(o.filePath)}`)
          if (o.encoding !== 'utf8' && o.encoding !== 'utf-8') {
            host.report(`FileSystemManager.readFile without encoding utf8 (${String(o.encoding)})`)
          }
          return { data: text }
        }),
      }) as object,

    getNetworkType: callbackApi('getNetworkType', () => ({ networkType: phone.online ? 'wifi' : 'none' })),
    onNetworkStatusChange: (listener: (status: { isConnected: boolean; networkType: string }) => void) => {
      host.networkListeners.add(listener)
    },
    offNetworkStatusChange: (listener?: (status: { isConnected: boolean; networkType: string }) => void) => {
      if (listener) host.networkListeners.delete(listener)
      else host.networkListeners.clear()
    },
    onWindowResize: () => undefined,
    offWindowResize: () => undefined,

    getWindowInfo: () => host.toApp(WINDOW),
    getDeviceInfo: () => host.toApp({ ...DEVICE, benchmarkLevel: 30 }),
    getAppBaseInfo: () => host.toApp(APP_BASE),
    getSystemInfoSync: () => host.toApp({ ...WINDOW, ...DEVICE, ...APP_BASE, fontSizeSetting: 16 }),
    getMenuButtonBoundingClientRect: () =>
      host.toApp({ width: 87, height: 32, top: 51, right: 383, bottom: 83, left: 296 }),
    canIUse: () => true,
    // Nothing is laid out and no canvas is drawn here: every node a query asks for answers null
    // (a page must cope, as it must when a node is gone by the time the answer comes).
    createSelectorQuery: () => {
      const answers: null[] = []
      const asked = () => {
        answers.push(null)
        return query
      }
      const nodes = {
        boundingClientRect: asked,
        fields: asked,
        node: asked,
        scrollOffset: asked,
        context: asked,
      }
      const query = {
        in: () => query,
        select: () => nodes,
        selectAll: () => nodes,
        selectViewport: () => nodes,
        exec: (callback?: (result: unknown) => void) => {
          if (!callback) return
          host.track(
            Promise.resolve().then(() =>
              host.callApp('SelectorQuery.exec', () => callback(host.toApp([...answers]))),
            ),
          )
        },
      }
      return query
    },
    nextTick: (fn: () => void) => {
      host.track(Promise.resolve().then(() => host.callApp('wx.nextTick', fn)))
    },
  }

  const names = new Set([...wxApiNames(), ...Object.keys(implemented)])
  const target: Record<string | symbol, unknown> = { env: { USER_DATA_PATH: 'wxfile://usr' } }
  for (const name of names) {
    const api = implemented[name]
    target[name] = (...args: unknown[]) => {
      screen.calls.push({ name, argument: summary(args[0]) })
      if (api) return (api as (...a: unknown[]) => unknown)(...args)
      host.report(
        `wx.${name} is not implemented in the weapp harness (called with ${JSON.stringify(summary(args[0]))})`,
      )
      const options = args[0] as Options | undefined
      if (options && typeof options === 'object' && (options.fail || options.complete)) {
        callbackApi(name, () => {
          throw new WxFail('not implemented in the test harness')
        })(options)
      }
      return undefined
    }
  }
  // Taro looks APIs up with `key in wx` and Object.keys(wx); the chunks keep webpackJsonp on it.
  return new Proxy(target, { has: () => true })
}
