import fastifyJwt from '@fastify/jwt'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { viewerOf, type Viewer } from '../domain/access'
import {
  isCanonicalToken,
  issuedAfter,
  issuedAtOfClaims,
  TOKEN_ALGORITHM,
  userIdOfClaims,
} from '../domain/auth/token'
import type { CurrentUser } from '../domain/users/mapper'
import { signedInUsers } from '../domain/users/repository'
import { forbidden, unauthenticated } from '../errors'
import { LruMap } from '../lru'
import type { Role } from '../schemas'

/** Verified tokens kept per process, least recently used dropped first. */
const VERIFIED_TOKENS_CACHED = 10_000

interface VerifiedToken {
  userId: number
  issuedAt: number | null
  expiresAtMs: number
}

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
    /** Who is asking, for every access rule; built once when the request is authenticated. */
    viewer: Viewer | null
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string }
    /** `request.user`: the signed-in user as read from the database (see `authenticate`). */
    user: CurrentUser | null
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

    await app.register(fastifyJwt, {
      secret: jwtSecret,
      // @fastify/jwt reads a number as seconds.
      sign: { algorithm: TOKEN_ALGORITHM, expiresIn: jwtTtlSeconds },
      // Verified tokens are remembered below (never past their expiry).
      verify: { algorithms: [TOKEN_ALGORITHM], requiredClaims: ['sub', 'exp'] },
      // `request.user` is ours (the database row); the library's claims decorator goes elsewhere.
      decoratorName: 'tokenClaims',
    })

    /** The user id and issue time of a valid, unexpired token in its exact spelling; null for anything else. */
    const verifyToken = (token: string): VerifiedToken | null => {
      if (!isCanonicalToken(token)) return null
      try {
        const claims = app.jwt.verify(token)
        const userId = userIdOfClaims(claims)
        const { exp } = claims as { exp?: unknown }
        if (userId === null || typeof exp !== 'number') return null
        return { userId, issuedAt: issuedAtOfClaims(claims), expiresAtMs: exp * 1000 }
      } catch {
        return null
      }
    }

    /**
     * Verified tokens by their text (a pure function of the token and the secret): the spelling
     * check, the signature and the claims cost ~30 µs, a lookup well under one. Past its expiry a
     * token is refused as before; whether the user may still use it is read on every request.
     */
    const verified = new LruMap<string, VerifiedToken>(VERIFIED_TOKENS_CACHED)
    const claimsOfToken = (token: string): VerifiedToken | null => {
      const known = verified.get(token)
      if (known) {
        if (Date.now() <= known.expiresAtMs) return known
        verified.delete(token)
        return null
      }
      const claims = verifyToken(token)
      if (claims !== null) verified.set(token, claims)
      return claims
    }

    const signedInUser = signedInUsers(app.db)

    app.decorateRequest('user', null)
    app.decorateRequest('viewer', null)
    app.decorate('issueToken', (userId: number) => app.jwt.sign({ sub: String(userId) }))

    const authenticate: Guard = async (request) => {
      const header = request.headers.authorization
      const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
      if (!match?.[1]) throw unauthenticated()
      const claims = claimsOfToken(match[1])
      if (claims === null) throw unauthenticated('登录已失效,请重新登录')
      // Checked on every request, so a changed role or a removed account applies at once; a member
      // who left the park, and logins ended before their time, are refused.
      const user = await signedInUser(claims.userId)
      if (!user || !user.active || !issuedAfter(claims.issuedAt, user.sessionsValidAfter)) {
        throw unauthenticated('登录已失效,请重新登录')
      }
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
