import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { code2session } from '../../domain/auth/wechat'
import { totalPoints } from '../../domain/points/repository'
import { toDemoUser, toMe, type CurrentUser } from '../../domain/users/mapper'
import { redeemInvite } from '../../domain/organisation/invites'
import { latestJoinRequestOf } from '../../domain/organisation/repository'
import {
  findDemoUser,
  findOrCreateWechatUser,
  findUserById,
  listDemoUsers,
} from '../../domain/users/repository'
import { isDatabaseUnavailable } from '../../db/errors'
import { AppError, notFound } from '../../errors'
import { unavailableAsAppError } from '../../plugins/rate-limit-stores'
import {
  DemoLoginBody,
  DemoUser,
  InviteLoginBody,
  LoginResult,
  WechatLoginBody,
  type LoginResult as LoginAnswer,
} from '../../schemas'
import { errorResponses } from '../../schemas/http'

/** Login limits count attempts per minute. */
const LIMIT_WINDOW_MS = 60_000

const auth: FastifyPluginAsyncTypebox = async (app) => {
  const { demoLogin, loginLimitPerAddress, loginLimitPerAccount, wechat } = app.config

  /*
   * Login limits, per minute and shared by every instance (plugins/security): per client address a
   * ceiling generous enough for a whole venue behind one NAT, and per account a tight one. Every
   * attempt counts against its address, valid or not; the account's count starts once the request
   * names one (a demo user id, or the openid WeChat answered).
   */
  const accounts = new WeakMap<FastifyRequest, string>()
  const limits = {
    address: app.createRateLimit({
      max: loginLimitPerAddress,
      timeWindow: LIMIT_WINDOW_MS,
      keyGenerator: (request) => `login:address:${request.ip}`,
    }),
    account: app.createRateLimit({
      max: loginLimitPerAccount,
      timeWindow: LIMIT_WINDOW_MS,
      keyGenerator: (request) => `login:account:${accounts.get(request) ?? ''}`,
    }),
  }
  const enforce = async (limit: keyof typeof limits, request: FastifyRequest, reply: FastifyReply) => {
    let result: Awaited<ReturnType<(typeof limits)[typeof limit]>>
    try {
      result = await limits[limit](request)
    } catch (error) {
      throw isDatabaseUnavailable(error) ? error : unavailableAsAppError(error)
    }
    if (!result.isAllowed && result.isExceeded) {
      void reply.header('retry-after', String(result.ttlInSeconds))
      const who = limit === 'address' ? '当前网络' : '该账号'
      throw new AppError(429, 'RATE_LIMITED', `${who}登录过于频繁,请 ${result.ttlInSeconds} 秒后再试`)
    }
  }
  const limitAddress = (request: FastifyRequest, reply: FastifyReply) => enforce('address', request, reply)
  const limitAccount = (request: FastifyRequest, reply: FastifyReply, account: string) => {
    accounts.set(request, account)
    return enforce('account', request, reply)
  }

  const requireDemoLogin = async () => {
    if (!demoLogin) throw notFound('演示登录未开启')
  }

  const loginAnswer = async (user: CurrentUser): Promise<LoginAnswer> => {
    const [points, joinRequest] = await Promise.all([
      totalPoints(app.db, user.id),
      user.roles.length > 0 ? null : latestJoinRequestOf(app.db, user.id),
    ])
    return { token: app.issueToken(user.id), user: toMe(user, points, joinRequest) }
  }

  app.get(
    '/demo-users',
    {
      onRequest: requireDemoLogin,
      schema: {
        tags: ['auth'],
        summary: '演示账号列表(仅在开启演示登录时可用)',
        description: '园区管理员、支部书记、CEO 在前,其余党员群众在后。',
        response: { 200: Type.Array(DemoUser), ...errorResponses(404) },
      },
    },
    async () => (await listDemoUsers(app.db)).map(toDemoUser),
  )

  app.post(
    '/demo-login',
    {
      onRequest: [requireDemoLogin, limitAddress],
      schema: {
        tags: ['auth'],
        summary: '以演示账号登录',
        body: DemoLoginBody,
        response: { 200: LoginResult, ...errorResponses(400, 404, 429) },
      },
    },
    async (request, reply) => {
      await limitAccount(request, reply, `demo:${request.body.userId}`)
      const user = await findDemoUser(app.db, request.body.userId)
      if (!user) throw notFound('演示账号不存在')
      return loginAnswer(user)
    },
  )

  app.post(
    '/invite',
    {
      onRequest: limitAddress,
      schema: {
        tags: ['auth'],
        summary: '用支部书记发的邀请码登录(H5 等无法使用微信登录时)',
        description: '邀请码一次有效;已绑定微信的成员请用微信登录(409 ALREADY_BOUND)。422 INVITE_INVALID。',
        body: InviteLoginBody,
        response: { 200: LoginResult, ...errorResponses(400, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      await limitAccount(request, reply, `invite:${request.body.inviteCode.toUpperCase()}`)
      const now = app.now()
      const { memberId } = await app.db
        .transaction()
        .execute((trx) => redeemInvite(trx, request.body.inviteCode, now))
      const user = await findUserById(app.db, memberId)
      if (!user) throw notFound('成员不存在')
      return loginAnswer(user)
    },
  )

  app.post(
    '/wechat',
    {
      onRequest: limitAddress,
      schema: {
        tags: ['auth'],
        summary: '微信小程序登录(code → jscode2session)',
        description:
          '首次登录自动创建尚未加入花名册的账号(roles 为空、未加入支部),需在“完善信息”中绑定或申请加入。',
        body: WechatLoginBody,
        response: { 200: LoginResult, ...errorResponses(400, 401, 403, 429, 502, 503) },
      },
    },
    async (request, reply) => {
      const { openid } = await code2session(wechat, request.body.code)
      await limitAccount(request, reply, `wechat:${openid}`)
      const user = await findOrCreateWechatUser(app.db, openid)
      if (!user.active) throw new AppError(403, 'ACCOUNT_INACTIVE', '该账号已离开园区,如有疑问请联系支部书记')
      return loginAnswer(user)
    },
  )
}

export default auth
