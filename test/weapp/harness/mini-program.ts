// One run of the mini-program: the built JS in a Node `vm` realm that plays WeChat's logic layer
// (App, Page, Component, getApp, getCurrentPages, a WeChat-style require, wx), a page stack with
// WeChat's navigation rules and lifecycles, and setData feeding the view that render.ts draws.
import path from 'node:path'
import vm from 'node:vm'
import {
  BUILD_DIR,
  allRoutes,
  appJson,
  compiledTemplates,
  pageJson,
  readBuildFile,
  tabRoutes,
  type AppJson,
} from './build'
import { Clock } from './clock'
import type { Phone } from './phone'
import {
  ancestry,
  elements,
  findByText,
  renderPage,
  textOf,
  type Owner,
  type TextQuery,
  type WxElement,
} from './render'
import { PrivacyGate } from './privacy'
import { Screen, WxFail, createWx, type NavigationKind } from './wx'

/** Timers due within this many (virtual) ms count as "now": React's and Taro's scheduling. */
const FRAME_MS = 16
/** WeChat keeps at most ten pages on the stack. */
const STACK_LIMIT = 10
/** Names WeChat passes as `undefined` to every module, so a mini-program cannot reach a browser. */
const HIDDEN_GLOBALS = [
  'window',
  'document',
  'frames',
  'self',
  'location',
  'navigator',
  'localStorage',
  'history',
  'Caches',
  'screen',
  'alert',
  'confirm',
  'prompt',
  'XMLHttpRequest',
  'WebSocket',
]

/** Compiled module code, shared by every run in this test process. */
const scripts = new Map<string, vm.Script>()

function moduleScript(file: string): vm.Script {
  const cached = scripts.get(file)
  if (cached) return cached
  const source = readBuildFile(file)
  if (source === null) throw new Error(`module "${file}" is not defined`)
  const script = new vm.Script(
    `(function (require, module, exports, ${HIDDEN_GLOBALS.join(', ')}) {${source}\n})`,
    { filename: path.join(BUILD_DIR, file) },
  )
  scripts.set(file, script)
  return script
}

function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    const stack = String((error as { stack?: unknown }).stack ?? '')
    const frame = stack.split('\n').find((line) => line.trim().startsWith('at '))
    return `${String((error as { message: unknown }).message)}${frame ? ` (${frame.trim()})` : ''}`
  }
  return String(error)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** `root.cn.[0].cn.[1].p9`, `list[2].name`: a setData key as a list of property names and indexes. */
export function parseDataPath(key: string): (string | number)[] {
  const keys: (string | number)[] = []
  for (const part of key.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part)
    if (!match) throw new Error(`setData key "${key}" is not a valid data path`)
    if (match[1]) keys.push(match[1])
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]))
  }
  return keys
}

type Bag = Record<string | number, unknown>

/** Sets one data path in `data`, making missing containers with `make` (so they are of data's realm). */
function setDataPath(data: Bag, keys: (string | number)[], value: unknown, make: (array: boolean) => Bag) {
  let current = data
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      if (value === undefined) delete current[key]
      else current[key] = value
      return
    }
    const next = current[key]
    if (next === null || typeof next !== 'object') current[key] = make(typeof keys[i + 1] === 'number')
    current = current[key] as Bag
  })
}

/** WeChat's query parsing for onLoad: values as they are in the URL (not decoded). */
function parseQuery(query: string): Record<string, string> {
  const result: Record<string, string> = {}
  for (const pair of query.split('&')) {
    if (!pair) continue
    const at = pair.indexOf('=')
    if (at < 0) result[pair] = 'undefined'
    else result[pair.slice(0, at)] = pair.slice(at + 1)
  }
  return result
}

export interface Backend {
  /** The origin baked into the build, and the test server it stands for. */
  api: { origin: string; url: string }
  issueLoginCode(openid: string): string
  /** The phone-number button: a one-time code the fake WeChat server exchanges for this number. */
  issuePhoneCode(phoneNumber: string): string
}

type Instance = Record<string, unknown> & { data: Bag }
type AppFunction = (this: unknown, ...args: unknown[]) => unknown

export interface PageRecord {
  id: number
  route: string
  query: Record<string, string>
  instance: Instance
  /** The page's data as the view has it (the templates' realm). */
  view: Bag
  title: string
}

export interface LaunchOptions {
  /** The page to start on (app.json's first page by default), e.g. `pages/events/index`. */
  entry?: string
}

export class MiniProgram {
  readonly screen = new Screen()
  /** Errors, unimplemented wx calls and template warnings: a scenario ends with none. */
  readonly problems: string[] = []
  /** What the app wrote with console.warn. */
  readonly warnings: string[] = []
  readonly app: AppJson = appJson()
  private readonly knownRoutes = allRoutes(this.app)
  private readonly tabs = tabRoutes(this.app)
  /** A tap's handlers are running (see WxHost.inTap). */
  private tapping = false
  private readonly clock = new Clock((label, fn) => this.callApp(label, fn))
  private readonly context: vm.Context
  private readonly appJSON: JSON
  private readonly appPromise: object
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly pageConfigs = new Map<string, Record<string, unknown>>()
  private readonly componentConfigs = new Map<string, Record<string, unknown>>()
  private readonly networkListeners = new Set<
    (status: { isConnected: boolean; networkType: string }) => void
  >()
  private readonly inflight = new Set<Promise<unknown>>()
  readonly privacy: PrivacyGate
  private readonly backend: Backend
  private stack: PageRecord[] = []
  private readonly tabPages = new Map<string, PageRecord>()
  private appInstance: Record<string, unknown> | null = null
  private loading: string | null = null
  private nextPageId = 1
  private closed = false

  private constructor(
    readonly phone: Phone,
    backend: Backend,
  ) {
    this.backend = backend
    this.privacy = new PrivacyGate({
      phone,
      enabled: (this.app as { __usePrivacyCheck__?: boolean }).__usePrivacyCheck__ === true,
      toApp: (value) => this.toApp(value),
      callApp: (label, fn) => this.callApp(label, fn),
      track: (work) => this.track(work),
      report: (problem) => this.report(problem),
    })
    const wx = createWx({
      privacy: this.privacy,
      phone,
      screen: this.screen,
      api: backend.api,
      issueLoginCode: (openid) => backend.issueLoginCode(openid),
      toApp: (value) => this.toApp(value),
      callApp: (label, fn) => this.callApp(label, fn),
      track: (work) => this.track(work),
      report: (problem) => this.report(problem),
      navigate: (kind, url, delta) => this.navigate(kind, url, delta),
      setTitle: (title) => {
        const top = this.top()
        if (top) top.title = title
      },
      inTap: () => this.tapping,
      networkListeners: this.networkListeners,
    })
    const ignore = () => undefined
    const sandbox: Record<string, unknown> = {
      console: {
        log: ignore,
        info: ignore,
        debug: ignore,
        warn: (...args: unknown[]) => this.warnings.push(args.map(String).join(' ')),
        error: (...args: unknown[]) => this.report(`console.error: ${args.map(describeError).join(' ')}`),
      },
      setTimeout: this.clock.setTimeout,
      clearTimeout: this.clock.clearTimeout,
      setInterval: this.clock.setInterval,
      clearInterval: this.clock.clearInterval,
      wx,
      App: (config: Record<string, unknown>) => {
        this.appInstance = config
      },
      Page: (config: Record<string, unknown>) => {
        if (!this.loading) this.report('Page() was called outside of a page file')
        else this.pageConfigs.set(this.loading, config)
      },
      Component: (config: Record<string, unknown>) => {
        if (!this.loading) this.report('Component() was called outside of a component file')
        else this.componentConfigs.set(this.loading, config)
      },
      Behavior: (definition: unknown) => definition,
      getApp: () => this.appInstance,
      getCurrentPages: () => this.appArray(this.stack.map((record) => record.instance)),
    }
    // Like WeChat's logic layer: no eval, no new Function.
    this.context = vm.createContext(sandbox, {
      name: 'mini-program logic layer',
      codeGeneration: { strings: false, wasm: false },
    })
    this.appJSON = vm.runInContext('JSON', this.context) as JSON
    this.appPromise = (vm.runInContext('Promise', this.context) as PromiseConstructor).prototype
    process.on('unhandledRejection', this.onUnhandledRejection)
  }

  /** Starts the app on a phone: app.js and its chunks, App's onLaunch/onShow, then the first page. */
  static async launch(phone: Phone, backend: Backend, options: LaunchOptions = {}): Promise<MiniProgram> {
    const program = new MiniProgram(phone, backend)
    const entry = options.entry ?? program.app.pages[0]
    program.require('app.js')
    const app = program.appInstance
    if (!app) throw new Error('app.js did not call App()')
    const launch = { path: entry, query: {}, scene: 1001, referrerInfo: {} }
    program.callApp('App.onLaunch', () =>
      (app.onLaunch as AppFunction | undefined)?.call(app, program.toApp(launch)),
    )
    program.callApp('App.onShow', () =>
      (app.onShow as AppFunction | undefined)?.call(app, program.toApp(launch)),
    )
    await program.navigate('reLaunch', `/${entry}`, 1).catch((error: unknown) => {
      program.report(`the first page ${entry} did not open: ${describeError(error)}`)
    })
    await program.settle()
    return program
  }

  // ---- what the member sees ----

  /** The page on top of the stack. */
  get route(): string {
    return this.top()?.route ?? ''
  }

  /** Every page on the stack, the first page first. */
  get routes(): string[] {
    return this.stack.map((record) => record.route)
  }

  /** The navigation bar's title of the page on top. */
  get title(): string {
    return this.top()?.title ?? ''
  }

  get toasts(): string[] {
    return this.screen.toasts.map((toast) => toast.title)
  }

  /** The badge on a tab of the native tab bar (e.g. 首页's unread count), or null without one. */
  tabBadge(text: string): string | null {
    const index = (this.app.tabBar?.list ?? []).findIndex((item) => item.text === text)
    if (index < 0) throw new Error(`the tab bar has no ${text}`)
    return this.screen.tabBadges.get(index) ?? null
  }

  /** The current page, drawn from its data by WeChat's compiled templates. */
  page(): WxElement {
    const top = this.top()
    if (!top) throw new Error('no page is open')
    const warnings: string[] = []
    const tree = renderPage(top.route, top.view, this.pageOwner(top), {
      warnings,
      componentOwner: (component, props) => this.componentOwner(component, props),
    })
    for (const warning of warnings) this.report(`${top.route}: wcc: ${warning}`)
    return tree
  }

  /** All the text of the current page, as one string. */
  text(): string {
    return textOf(this.page())
  }

  /** The innermost elements of the current page whose text matches. */
  findAll(query: TextQuery): WxElement[] {
    return findByText(this.page(), query)
  }

  /**
   * The `index`th innermost element whose text matches; throws, quoting the page, if none does. A
   * string finds elements that read exactly that first (a 领取 button before a sentence with 领取 in it).
   */
  find(query: TextQuery, index = 0): WxElement {
    const page = this.page()
    const exact = typeof query === 'string' ? findByText(page, new RegExp(`^${escapeRegExp(query)}$`)) : []
    const found = exact.length > index ? exact : findByText(page, query)
    if (found.length <= index) {
      throw new Error(
        `${String(query)} is not on ${this.route} (${found.length} found). The page reads: ${textOf(page)}`,
      )
    }
    return found[index]
  }

  /** Elements of the current page that pass `test`, e.g. `(el) => el.tag === 'canvas'`. */
  query(test: (element: WxElement) => boolean): WxElement[] {
    return elements(this.page()).filter(test)
  }

  // ---- what the member does ----

  /** Taps the element (or the first innermost element with this text) and waits until the app settles. */
  async tap(target: TextQuery | WxElement, index = 0) {
    const element = typeof target === 'object' && 'tag' in target ? target : this.find(target, index)
    const handled = this.dispatch(element, 'tap', { x: 0, y: 0 }, true)
    // A button's open-type is WeChat's own action (the phone number, the privacy agreement).
    const button = ancestry(element).find((node) => node.tag === 'button')
    const openType = String(button?.attrs.openType ?? button?.attrs['open-type'] ?? '')
    if (button && openType && !button.attrs.disabled) this.openTypeTap(button, openType)
    else if (!handled) throw new Error(`nothing on ${this.route} answers a tap on "${textOf(element)}"`)
    await this.settle()
  }

  /** What WeChat does for a tapped `<button open-type="…">`. */
  private openTypeTap(button: WxElement, openType: string) {
    if (openType === 'agreePrivacyAuthorization') {
      this.privacy.agreeButtonTapped(String(button.attrs.id ?? ''))
      this.dispatch(button, 'agreeprivacyauthorization', {}, false)
      return
    }
    if (openType === 'getPhoneNumber') {
      const answer = (detail: object) => this.dispatch(button, 'getphonenumber', detail, false)
      this.privacy.require(
        'getPhoneNumber',
        () => {
          const number = this.phone.phoneNumber
          if (number === undefined) return answer({ errMsg: 'getPhoneNumber:fail user deny' })
          answer({ errMsg: 'getPhoneNumber:ok', code: this.backend.issuePhoneCode(number) })
        },
        () => answer({ errMsg: 'getPhoneNumber:fail privacy permission is not authorized' }),
      )
      return
    }
    this.report(`a tap on a button with open-type="${openType}", which the weapp harness does not do`)
  }

  /**
   * Types `value` into the input or textarea whose placeholder matches `field` (or the first one after
   * the text `field`, a form label), as WeChat's input event reports it.
   */
  async fill(field: TextQuery, value: string) {
    const input = this.field(field, (element) => element.tag === 'input' || element.tag === 'textarea')
    this.dispatch(input, 'input', { value, cursor: value.length, keyCode: 0 }, false)
    await this.settle()
    this.dispatch(input, 'blur', { value }, false)
    await this.settle()
  }

  /** Chooses `value` in the picker that shows the text `field` (or follows the label `field`). */
  async choose(field: TextQuery, value: string | number | number[]) {
    const picker = this.field(field, (element) => element.tag === 'picker')
    this.dispatch(picker, 'change', { value }, false)
    await this.settle()
  }

  /** Turns the switch after the label `field` on or off. */
  async toggle(field: TextQuery, value: boolean) {
    const control = this.field(field, (element) => element.tag === 'switch' || element.tag === 'checkbox')
    this.dispatch(control, 'change', { value }, false)
    await this.settle()
  }

  /** Taps a tab of WeChat's native tab bar (首页 活动 学习 我的). */
  async tapTab(text: string) {
    const list = this.app.tabBar?.list ?? []
    const index = list.findIndex((item) => item.text === text)
    if (index < 0)
      throw new Error(`the tab bar has no ${text} (it has ${list.map((item) => item.text).join(' ')})`)
    const item = list[index]
    if (this.route !== item.pagePath) {
      if (!this.tabs.includes(this.route)) {
        // The tab bar is only on tab pages.
        throw new Error(`${this.route} shows no tab bar`)
      }
      await this.navigate('switchTab', `/${item.pagePath}`, 1)
    }
    const top = this.top()
    if (top) this.lifecycle(top, 'onTabItemTap', { index, pagePath: item.pagePath, text })
    await this.settle()
  }

  /** Drags the page down to refresh it (only where its config enables pull-down refresh). */
  async pullDownRefresh() {
    const top = this.top()
    if (!top) throw new Error('no page is open')
    if (!pageJson(top.route).enablePullDownRefresh) throw new Error(`${top.route} has no pull-down refresh`)
    this.lifecycle(top, 'onPullDownRefresh')
    await this.settle()
  }

  /** Scrolls to the bottom of the page (onReachBottom, where lists load their next page). */
  async scrollToBottom() {
    const top = this.top()
    if (top) this.lifecycle(top, 'onReachBottom')
    await this.settle()
  }

  /** The question WeChat will ask before this page is left (wx.enableAlertBeforeUnload), or null. */
  get alertBeforeUnload(): string | null {
    return this.screen.alertBeforeUnload
  }

  /**
   * WeChat's back button (or gesture). Where the page asked for it (wx.enableAlertBeforeUnload),
   * WeChat asks first, and the member's answer (`phone.willAnswerModal`) decides whether they leave.
   */
  async back() {
    const question = this.screen.alertBeforeUnload
    if (question !== null) {
      const confirmed = this.phone.takeModalAnswer()
      this.screen.modals.push({ title: '', content: question, confirmed })
      if (!confirmed) return
      this.screen.alertBeforeUnload = null
    }
    await this.navigate('navigateBack', '', 1)
    await this.settle()
  }

  /** Opens a page as a link from outside would: a tab page by switchTab, others by navigateTo. */
  async openPage(url: string) {
    const route = url.replace(/^\//, '').split('?')[0]
    await this.navigate(
      this.tabs.includes(route) ? 'switchTab' : 'navigateTo',
      `/${url.replace(/^\//, '')}`,
      1,
    )
    await this.settle()
  }

  /** Network off or on; the app hears it through wx.onNetworkStatusChange. */
  async setOnline(online: boolean) {
    this.phone.online = online
    const status = this.toApp({ isConnected: online, networkType: online ? 'wifi' : 'none' })
    for (const listener of [...this.networkListeners])
      this.callApp('network status listener', () => listener(status))
    await this.settle()
  }

  /** Lets `ms` of (virtual) time pass: timers due by then fire, in order. */
  async wait(ms: number) {
    const until = this.clock.now + ms
    await this.settle()
    while (this.clock.fireNext(until)) await this.settle()
    this.clock.now = until
    await this.settle()
  }

  /**
   * Runs the app until it is idle: microtasks, timers due within a frame, then HTTP in flight. Longer
   * timers (a toast's delay, a 10 s code rotation) wait for wait(ms).
   */
  async settle() {
    for (let round = 0; round < 10_000; round++) {
      await new Promise((resolve) => setImmediate(resolve))
      // What is due now runs before an answer comes back from the network, as on a phone.
      if (this.clock.fireNext(this.clock.now + FRAME_MS)) continue
      if (this.inflight.size > 0) {
        await Promise.race(this.inflight)
        continue
      }
      return
    }
    throw new Error(`the mini-program never settles on ${this.route}: a timer keeps re-arming within a frame`)
  }

  /** Stops the app: its timers are dropped and nothing of it runs any more. */
  async close() {
    if (this.closed) return
    await Promise.allSettled([...this.inflight])
    this.closed = true
    this.clock.dispose()
    this.networkListeners.clear()
    process.off('unhandledRejection', this.onUnhandledRejection)
  }

  // ---- the logic layer ----

  report(problem: string) {
    if (!this.closed) this.problems.push(problem)
  }

  private onUnhandledRejection = (reason: unknown, promise: Promise<unknown>) => {
    if (Object.getPrototypeOf(promise) === this.appPromise)
      this.report(`unhandled rejection: ${describeError(reason)}`)
  }

  private toApp<T>(value: T): T {
    return value === undefined ? value : (this.appJSON.parse(JSON.stringify(value)) as T)
  }

  private appArray<T>(items: T[]): T[] {
    const array = this.appJSON.parse('[]') as T[]
    array.push(...items)
    return array
  }

  private callApp(label: string, fn: () => void) {
    if (this.closed) return
    try {
      fn()
    } catch (error) {
      this.report(`${label} threw: ${describeError(error)}`)
    }
  }

  private track(work: Promise<unknown>) {
    const settled = work.then(
      () => undefined,
      (error: unknown) => this.report(`async work failed: ${describeError(error)}`),
    )
    this.inflight.add(settled)
    void settled.finally(() => this.inflight.delete(settled))
  }

  /** WeChat's require: paths relative to the requiring file, `.js` optional, each module run once. */
  private require(file: string): unknown {
    const normalized = path.posix.normalize(file.endsWith('.js') ? file : `${file}.js`)
    const loaded = this.modules.get(normalized)
    if (loaded) return loaded.exports
    const module = { exports: this.appJSON.parse('{}') as unknown }
    this.modules.set(normalized, module)
    const run = moduleScript(normalized).runInContext(this.context) as (...args: unknown[]) => void
    const localRequire = (request: string) =>
      this.require(
        request.startsWith('/') ? request.slice(1) : path.posix.join(path.posix.dirname(normalized), request),
      )
    run.call(undefined, localRequire, module, module.exports, ...HIDDEN_GLOBALS.map(() => undefined))
    return module.exports
  }

  private runFile(file: string, as: string) {
    const previous = this.loading
    this.loading = as
    try {
      this.require(`${file}.js`)
    } finally {
      this.loading = previous
    }
  }

  private loadComponents(file: string) {
    for (const target of Object.values(pageJson(file).usingComponents ?? {})) {
      const component = path.posix.join(path.posix.dirname(file), target)
      if (this.componentConfigs.has(component) || this.loading === component) continue
      this.runFile(component, component)
      if (!this.componentConfigs.has(component)) throw new Error(`${component}.js did not call Component()`)
      this.loadComponents(component)
    }
  }

  /** Runs a page's code the first time it is opened (with its sub-package's chunks, via require). */
  private loadPage(route: string) {
    if (this.pageConfigs.has(route)) return
    this.loadComponents(route)
    this.runFile(route, route)
    if (!this.pageConfigs.has(route)) throw new Error(`${route}.js did not call Page()`)
  }

  private top(): PageRecord | undefined {
    return this.stack[this.stack.length - 1]
  }

  private lifecycle(record: PageRecord, name: string, argument?: unknown) {
    const method = record.instance[name]
    if (typeof method !== 'function') return
    this.callApp(`${record.route} ${name}`, () =>
      (method as AppFunction).call(record.instance, this.toApp(argument)),
    )
  }

  private createPage(route: string, query: Record<string, string>): PageRecord {
    this.loadPage(route)
    const config = this.pageConfigs.get(route) as Record<string, unknown>
    const id = this.nextPageId++
    const instance = this.appJSON.parse('{}') as Instance
    for (const [key, value] of Object.entries(config)) if (key !== 'data') instance[key] = value
    const initial = (config.data as object | undefined) ?? {}
    instance.data = this.toApp(initial) as Bag
    const record: PageRecord = {
      id,
      route,
      query,
      instance,
      view: compiledTemplates().json.parse(JSON.stringify(initial)) as Bag,
      title: pageJson(route).navigationBarTitleText ?? this.app.window?.navigationBarTitleText ?? '',
    }
    Object.assign(instance, {
      route,
      __route__: route,
      is: route,
      options: this.toApp(query),
      __wxWebviewId__: id,
      __wxExparserNodeId__: `page-${id}`,
      getPageId: () => `pageId:${id}`,
      setData: (data: Record<string, unknown>, callback?: () => void) => this.setData(record, data, callback),
    })
    return record
  }

  private setData(record: PageRecord, data: Record<string, unknown>, callback?: () => void) {
    const view = compiledTemplates().json
    for (const [key, value] of Object.entries(data ?? {})) {
      const keys = parseDataPath(key)
      const json = value === undefined ? undefined : JSON.stringify(value)
      setDataPath(
        record.instance.data,
        keys,
        json === undefined ? undefined : this.appJSON.parse(json),
        (array) => this.appJSON.parse(array ? '[]' : '{}'),
      )
      setDataPath(record.view, keys, json === undefined ? undefined : view.parse(json), (array) =>
        view.parse(array ? '[]' : '{}'),
      )
    }
    if (typeof callback === 'function') this.clock.setTimeout(() => callback.call(record.instance), 0)
  }

  private open(route: string, query: Record<string, string>): PageRecord {
    let record: PageRecord
    try {
      record = this.createPage(route, query)
    } catch (error) {
      // The page's code (or its sub-package's) threw while loading: on a phone the page stays blank.
      this.report(`${route} did not load: ${describeError(error)}`)
      throw new WxFail(`${route} did not load`)
    }
    this.stack.push(record)
    if (this.tabs.includes(route)) this.tabPages.set(route, record)
    this.lifecycle(record, 'onLoad', query)
    this.lifecycle(record, 'onShow')
    // WeChat calls onReady once the view has drawn the first data.
    this.clock.setTimeout(() => this.lifecycle(record, 'onReady'), 0)
    return record
  }

  private unload(record: PageRecord) {
    this.lifecycle(record, 'onUnload')
    if (this.tabPages.get(record.route) === record) this.tabPages.delete(record.route)
  }

  private resolve(url: string): { route: string; query: Record<string, string> } {
    const [target, query = ''] = url.split('?')
    const from = this.top()?.route ?? ''
    const route = target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(from), target)
    if (!this.knownRoutes.includes(route)) throw new WxFail(`page "${route}" is not found`)
    return { route, query: parseQuery(query) }
  }

  /** wx.navigateTo & co., with WeChat's rules for tab pages and the stack. */
  private async navigate(kind: NavigationKind, url: string, delta: number) {
    // WeChat switches pages after the call returns.
    await Promise.resolve()
    if (this.closed) return
    const top = this.top()
    if (kind === 'navigateBack') {
      if (this.stack.length <= 1) throw new WxFail('cannot navigate back at first page.')
      const keep = Math.max(1, this.stack.length - Math.max(1, delta))
      for (const record of this.stack.splice(keep).reverse()) this.unload(record)
      const shown = this.top() as PageRecord
      this.lifecycle(shown, 'onShow')
      return
    }
    const { route, query } = this.resolve(url)
    const isTab = this.tabs.includes(route)
    if (kind === 'navigateTo' || kind === 'redirectTo') {
      if (isTab) throw new WxFail(`can not ${kind} a tabbar page`)
      if (kind === 'navigateTo' && this.stack.length >= STACK_LIMIT)
        throw new WxFail('webview count limit exceed')
      if (top && kind === 'navigateTo') this.lifecycle(top, 'onHide')
      if (top && kind === 'redirectTo') this.unload(this.stack.pop() as PageRecord)
      this.open(route, query)
      return
    }
    if (kind === 'switchTab') {
      if (!isTab) throw new WxFail('can not switch to no-tabBar page')
      for (const record of [...this.stack].reverse()) {
        if (this.tabs.includes(record.route)) {
          if (record.route !== route) this.lifecycle(record, 'onHide')
        } else {
          this.unload(record)
        }
      }
      const existing = this.tabPages.get(route)
      this.stack = []
      if (existing) {
        this.stack.push(existing)
        if (existing !== top) this.lifecycle(existing, 'onShow')
      } else {
        this.open(route, {})
      }
      return
    }
    // reLaunch: every page goes, tab pages too.
    const everyPage = new Set([...this.stack, ...this.tabPages.values()])
    for (const record of [...everyPage].reverse()) this.unload(record)
    this.stack = []
    this.tabPages.clear()
    this.open(route, query)
  }

  // ---- the view layer's side ----

  private pageOwner(record: PageRecord): Owner {
    return {
      name: record.route,
      call: (method, event) => {
        const handler = record.instance[method]
        if (typeof handler !== 'function') this.report(`${record.route} has no method ${method} for an event`)
        else
          this.callApp(`${record.route} ${method}`, () =>
            (handler as AppFunction).call(record.instance, event),
          )
      },
    }
  }

  private componentOwner(component: string, props: Record<string, unknown>): Owner {
    return {
      name: component,
      call: (method, event) => {
        const config = this.componentConfigs.get(component)
        const handler = (config?.methods as Record<string, unknown> | undefined)?.[method]
        if (typeof handler !== 'function') {
          this.report(`component ${component} has no method ${method} for an event`)
          return
        }
        const instance = { is: component, data: props, properties: props }
        this.callApp(`${component} ${method}`, () => (handler as AppFunction).call(instance, event))
      },
    }
  }

  /**
   * Fires a WeChat event at `target`: `bind*` handlers on the way up (for bubbling events) until a
   * `catch*` one stops it; the event names each element by its rendered id and data-* attributes.
   */
  private dispatch(target: WxElement, type: string, detail: object, bubbles: boolean): boolean {
    const describeNode = (node: WxElement) => ({
      id: String(node.attrs.id ?? ''),
      offsetLeft: 0,
      offsetTop: 0,
      dataset: Object.fromEntries(
        Object.entries(node.attrs)
          .filter(([name]) => name.startsWith('data-'))
          .map(([name, value]) => [
            name.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
            value,
          ]),
      ),
    })
    let handled = false
    for (const node of bubbles ? ancestry(target) : [target]) {
      const caught = node.attrs[`catch${type}`] ?? node.attrs[`catch:${type}`]
      const bound = caught ?? node.attrs[`bind${type}`] ?? node.attrs[`bind:${type}`]
      if (typeof bound === 'string' && bound !== '') {
        const touch = { identifier: 0, pageX: 0, pageY: 0, clientX: 0, clientY: 0 }
        const event = this.toApp({
          type,
          timeStamp: this.clock.now,
          target: describeNode(target),
          currentTarget: describeNode(node),
          detail,
          touches: type === 'tap' ? [touch] : [],
          changedTouches: type === 'tap' ? [touch] : [],
          mark: {},
        })
        const tapping = this.tapping
        this.tapping = type === 'tap'
        try {
          node.owner.call(bound, event)
        } finally {
          this.tapping = tapping
        }
        handled = true
      }
      if (caught) break
    }
    return handled
  }

  /** A form control: by placeholder, else the first after the text `field` in document order. */
  private field(field: TextQuery, isControl: (element: WxElement) => boolean): WxElement {
    const root = this.page()
    const all = elements(root)
    const matchesText = (value: unknown) =>
      typeof value === 'string' && (typeof field === 'string' ? value.includes(field) : field.test(value))
    const byPlaceholder = all.find((element) => isControl(element) && matchesText(element.attrs.placeholder))
    if (byPlaceholder) return byPlaceholder
    const label = findByText(root, field)[0]
    if (label) {
      const own = ancestry(label).find(isControl)
      if (own) return own
      const after = all.slice(all.indexOf(label) + 1).find(isControl)
      if (after) return after
    }
    throw new Error(`no form control for ${String(field)} on ${this.route}. The page reads: ${this.text()}`)
  }
}
