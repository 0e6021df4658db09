// The weapp test toolkit: `useWeapp()` in a describe block gives a real server and a way to launch the
// built mini-program on a phone; each launched app is closed after its test, and the test fails if
// the app threw, logged an error, or called a wx API the harness does not implement.
import type { DemoUser } from '../../../types/api'
import { MiniProgram, type LaunchOptions } from './mini-program'
import { Phone } from './phone'
import { startWeappServer, type WeappServer } from './server'

export { MiniProgram } from './mini-program'
export { Phone } from './phone'
export { allRoutes, tabRoutes } from './build'
export { classesOf, findByText, textOf, type WxElement } from './render'

export type PersonQuery = string | ((person: DemoUser) => boolean)

export const isParkAdmin = (person: DemoUser) => person.roles.includes('park_admin')
export const isSecretary = (person: DemoUser) => person.roles.includes('secretary') && !isParkAdmin(person)
export const isCeo = (person: DemoUser) => person.isCeo
/** A member of a branch with no other role. */
export const isPlainMember = (person: DemoUser) =>
  person.roles.length === 1 && person.roles[0] === 'member' && !person.isCeo && person.branchName !== null

export interface Weapp {
  server: WeappServer
  /** Starts the mini-program (on a new phone unless given one) and settles on its first page. */
  launch(options?: LaunchOptions & { phone?: Phone }): Promise<MiniProgram>
  /** A seeded person, by name or by a test such as `isSecretary`. */
  person(query: PersonQuery): DemoUser
  /** Every seeded person who fits, in the seed's order. */
  people(query: PersonQuery): DemoUser[]
  /** A phone `person` has already logged in on (the app is closed again): launch() on it is signed in. */
  signedInPhone(query: PersonQuery | DemoUser): Promise<Phone>
  /**
   * Starts the mini-program on `person`'s phone and logs in the way they would: the login page's
   * 微信一键登录 (wx.login, then the server's code2session against the fake WeChat). Ends on 首页.
   */
  loginAs(query: PersonQuery | DemoUser, options?: LaunchOptions & { phone?: Phone }): Promise<MiniProgram>
}

const LOGIN_ROUTE = 'pages/login/index'

/** Logs in on the login page with WeChat (the phone's WeChat account must already be set). */
export async function loginWithWechat(app: MiniProgram) {
  if (app.route !== LOGIN_ROUTE) throw new Error(`expected the login page, but ${app.route} is open`)
  await app.tap('微信一键登录')
  if (app.route === LOGIN_ROUTE) {
    throw new Error(
      `still on the login page after 微信一键登录 (toasts: ${app.toasts.join(' / ') || 'none'})`,
    )
  }
}

export function useWeapp(): Weapp {
  let server: WeappServer | null = null
  const running: MiniProgram[] = []

  beforeAll(async () => {
    server = await startWeappServer()
  })

  afterEach(async () => {
    const apps = running.splice(0)
    for (const app of apps) await app.close()
    // A scenario fails on anything the app reported, even when its own assertions held.
    for (const app of apps) expect(app.problems).toEqual([])
  })

  afterAll(async () => {
    await server?.close()
  })

  const started = (): WeappServer => {
    if (!server) throw new Error('useWeapp(): the server starts in beforeAll; use it inside a test')
    return server
  }

  const weapp: Weapp = {
    get server() {
      return started()
    },
    async launch(options = {}) {
      const backend = started()
      const app = await MiniProgram.launch(
        options.phone ?? new Phone(),
        {
          api: { origin: backend.origin, url: backend.url },
          issueLoginCode: (openid) => backend.wechat.issueCode(openid),
          issuePhoneCode: (phoneNumber) => backend.wechat.issuePhoneCode(phoneNumber),
        },
        options,
      )
      running.push(app)
      return app
    },
    person(query) {
      const [found] = weapp.people(query)
      if (!found) throw new Error(`no seeded person matches ${String(query)}`)
      return found
    },
    people(query) {
      return started().people.filter((person) =>
        typeof query === 'string' ? person.name === query : query(person),
      )
    },
    async signedInPhone(query) {
      const app = await weapp.loginAs(query)
      running.splice(running.indexOf(app), 1)
      await app.close()
      if (app.problems.length > 0) throw new Error(`logging in reported: ${app.problems.join('; ')}`)
      return app.phone
    },
    async loginAs(query, options = {}) {
      const person = typeof query === 'object' ? query : weapp.person(query)
      const phone = options.phone ?? new Phone()
      phone.openid = await started().linkWechat(person)
      const app = await weapp.launch({ ...options, phone })
      await loginWithWechat(app)
      return app
    },
  }
  return weapp
}
