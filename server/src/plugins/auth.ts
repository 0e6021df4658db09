import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { viewerOf, type Viewer } from '../domain/access'
import { signToken, verifyToken } from '../domain/auth/token'
import type { CurrentUser } from '../domain/users/mapper'
import { findUserById } from '../domain/users/repository'
import { forbidden, unauthenticated } from '../errors'
import type { Role } from '../schemas'

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: a valid bearer token of an existing user, else 401. */
    authenticate: Guard
    /** onRequest hook: authenticated and holding one of the roles, else 401/403. */
    requireRole: (...roles: Role[]) => Guard
    issueToken: (userId: number) => string
  }
  interface FastifyRequest {
    user: CurrentUser | null
    /** Who is asking, for every access rule; built once when the request is authenticated. */
    viewer: Viewer | null
  }
}

/** The viewer of a request that passed `authenticate`. */
export function currentViewer(request: FastifyRequest): Viewer {
  if (!request.viewer) throw unauthenticated()
  return request.viewer
}

/** The signed-in user of a request that passed `authenticate`. */
export function currentUser(request: FastifyRequest): CurrentUser {
  if (!request.user) throw unauthenticated()
  return request.user
}

export default fp(
  async (app) => {
    const { jwtSecret, jwtTtlSeconds } = app.config

    app.decorateRequest('user', null)
    app.decorateRequest('viewer', null)
    app.decorate('issueToken', (userId: number) => signToken(jwtSecret, userId, jwtTtlSeconds))

    const authenticate: Guard = async (request) => {
      const header = request.headers.authorization
      const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
      if (!match?.[1]) throw unauthenticated()
      const userId = verifyToken(jwtSecret, match[1])
      if (userId === null) throw unauthenticated('登录已失效,请重新登录')
      // Read on every request, so a changed role or a removed account applies at once.
      const user = await findUserById(app.db, userId)
      if (!user) throw unauthenticated('登录已失效,请重新登录')
      request.user = user
      request.viewer = viewerOf(user)
    }

    app.decorate('authenticate', authenticate)
    app.decorate('requireRole', (...roles: Role[]): Guard => {
      return async (request, reply) => {
        await authenticate(request, reply)
        if (!roles.some((role) => currentUser(request).roles.includes(role))) throw forbidden()
      }
    })
  },
  { name: 'auth', dependencies: ['db'] },
)
