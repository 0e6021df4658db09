// WeChat's privacy check (`__usePrivacyCheck__` in app.json): before the phone-number button or the
// camera is used, a member who has not agreed yet is asked — through the app's own popup, which
// WeChat calls with `wx.onNeedPrivacyAuthorization(listener)` and which answers with `resolve()`.
// Agreeing needs a tap on a `<button open-type="agreePrivacyAuthorization">` whose id the app names.
import type { Phone } from './phone'

export interface PrivacyHost {
  phone: Phone
  /** app.json asks for the check. */
  enabled: boolean
  toApp<T>(value: T): T
  callApp(label: string, fn: () => void): void
  /** Work settle() waits for (the API call, once the member has answered). */
  track(work: Promise<unknown>): void
  report(problem: string): void
}

type ResolveOption = { event?: string; buttonId?: string }
type Listener = (resolve: (option: ResolveOption) => void, eventInfo: { referrer: string }) => void

export class PrivacyGate {
  private listener: Listener | null = null
  private readonly agreeButtonsTapped = new Set<string>()
  /** Every time the app was asked, by the API that asked. */
  readonly asked: string[] = []

  constructor(private readonly host: PrivacyHost) {}

  onNeedPrivacyAuthorization(listener: Listener) {
    this.listener = listener
  }

  /** The member tapped an agree button (its id, as rendered). */
  agreeButtonTapped(id: string) {
    this.agreeButtonsTapped.add(id)
  }

  /**
   * Runs `proceed` once the member may use `api`: at once when they agreed before (or the check is
   * off), else after the app's popup has answered `agree`; `refuse` when it answers `disagree`.
   */
  require(api: string, proceed: () => void, refuse: () => void) {
    const { phone } = this.host
    if (!this.host.enabled || phone.privacyAgreed) return proceed()
    if (!this.listener) {
      this.host.report(
        `${api} needs the privacy agreement, but the app set no wx.onNeedPrivacyAuthorization listener`,
      )
      return refuse()
    }
    this.asked.push(api)
    let answered = false
    const resolve = (option: ResolveOption) => {
      const event = option?.event
      if (event === 'exposureAuthorization') return
      if (answered) return
      answered = true
      if (event === 'agree') {
        if (!option.buttonId || !this.agreeButtonsTapped.has(option.buttonId)) {
          this.host.report(
            `resolve({ event: 'agree' }) without a tapped agreePrivacyAuthorization button (buttonId ${String(option.buttonId)})`,
          )
          return this.host.track(Promise.resolve().then(refuse))
        }
        phone.privacyAgreed = true
        this.host.track(Promise.resolve().then(proceed))
      } else if (event === 'disagree') {
        this.host.track(Promise.resolve().then(refuse))
      } else {
        this.host.report(`wx.onNeedPrivacyAuthorization resolve() with an unknown event ${String(event)}`)
      }
    }
    const listener = this.listener
    this.host.callApp('wx.onNeedPrivacyAuthorization listener', () =>
      listener(resolve, this.host.toApp({ referrer: api })),
    )
  }
}
