// The phone the mini-program runs on: what outlives one run of the app (storage, the WeChat account,
// the network) and what the member does with it outside the app's pages (the codes in front of the
// camera, the answers to dialogs).

export class Phone {
  /** The WeChat account signed in on this phone: what `wx.login` codes stand for. */
  openid: string
  /** `wx.setStorageSync` and friends, kept as JSON like WeChat keeps them. */
  readonly storage = new Map<string, string>()
  /** False: every wx.request fails as it would without a network. */
  online = true
  /** The number bound to this WeChat account: what the phone-number button hands over (none: it cannot). */
  phoneNumber: string | undefined
  /** The member agreed to the mini-program's privacy policy (WeChat remembers it per account). */
  privacyAgreed = false
  private readonly files: { name: string; text: string }[] = []
  private readonly scans: string[] = []
  private readonly modalAnswers: boolean[] = []
  private readonly subscribeAnswers: Array<'accept' | 'reject'> = []

  constructor(openid = `wx-visitor-${Math.random().toString(36).slice(2, 10)}`) {
    this.openid = openid
  }

  /** The next `wx.scanCode` reads this code (without one queued, the member cancels the scan). */
  willScan(code: string) {
    this.scans.push(code)
  }

  /** How the member answers the next `wx.showModal` (without one queued: 确定). */
  willAnswerModal(confirm: boolean) {
    this.modalAnswers.push(confirm)
  }

  /** The next `wx.chooseMessageFile` picks this file from a chat (none queued: the member cancels). */
  willChooseFile(name: string, text: string) {
    this.files.push({ name, text })
  }

  takeFile(): { name: string; text: string } | undefined {
    return this.files.shift()
  }

  /** How the member answers the next `wx.requestSubscribeMessage`, for every template it asks (without one queued: 取消, all rejected). */
  willAnswerSubscribe(answer: 'accept' | 'reject') {
    this.subscribeAnswers.push(answer)
  }

  takeSubscribeAnswer(): 'accept' | 'reject' {
    return this.subscribeAnswers.shift() ?? 'reject'
  }

  takeScan(): string | undefined {
    return this.scans.shift()
  }

  takeModalAnswer(): boolean {
    return this.modalAnswers.shift() ?? true
  }
}
