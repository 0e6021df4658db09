import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { code2session } from '../../domain/auth/wechat'
import { totalPoints } from '../../domain/points/repository'
import { toDemoUser, toMe, type CurrentUser } from '../../domain/users/mapper'
import { findDemoUser, findOrCreateWechatUser, listDemoUsers } from '../../domain/users/repository'
import { notFound } from '../../errors'
import {
  DemoLoginBody,
  DemoUser,
  LoginResult,
  WechatLoginBody,
  type LoginResult as LoginAnswer,
} from '../../schemas'
import { errorResponses } from '../../schemas/http'

const auth: FastifyPluginAsyncTypebox = async (app) => {
  const { demoLogin, loginRateLimit, wechat } = app.config
  const loginLimit = { rateLimit: { max: loginRateLimit, timeWindow: 60_000 } }

  const requireDemoLogin = async () => {
    if (!demoLogin) throw notFound('演示登录未开启')
  }

  const loginAnswer = async (user: CurrentUser): Promise<LoginAnswer> => ({
    token: app.issueToken(user.id),
    user: toMe(user, await totalPoints(app.db, user.id)),
  })

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
      onRequest: requireDemoLogin,
      config: loginLimit,
      schema: {
        tags: ['auth'],
        summary: '以演示账号登录',
        body: DemoLoginBody,
        response: { 200: LoginResult, ...errorResponses(400, 404, 429) },
      },
    },
    async (request) => {
      const user = await findDemoUser(app.db, request.body.userId)
      if (!user) throw notFound('演示账号不存在')
      return loginAnswer(user)
    },
  )

  app.post(
    '/wechat',
    {
      config: loginLimit,
      schema: {
        tags: ['auth'],
        summary: '微信小程序登录(code → jscode2session)',
        description: '首次登录自动创建账号(群众、普通成员、未加入支部)。',
        body: WechatLoginBody,
        response: { 200: LoginResult, ...errorResponses(400, 401, 429, 502, 503) },
      },
    },
    async (request) => {
      const { openid } = await code2session(wechat, request.body.code)
      return loginAnswer(await findOrCreateWechatUser(app.db, openid))
    },
  )
}

export default auth
