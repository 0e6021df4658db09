import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import fp from 'fastify-plugin'
import { AppError } from '../errors'
import { databaseStore, redisClient } from './rate-limit-stores'

export interface SecurityOptions {
  /** CSP sources (`'sha256-…'`) for the inline scripts of the H5 index page. */
  inlineScriptHashes: string[]
}

export default fp<SecurityOptions>(
  async (app, { inlineScriptHashes }) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          baseUri: ["'self'"],
          scriptSrc: ["'self'", ...inlineScriptHashes],
          scriptSrcAttr: ["'none'"],
          // Taro and Swagger UI set inline styles; images may be data: or blob: (QR codes, avatars).
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'self'"],
          formAction: ["'self'"],
          // No upgrade-insecure-requests: phones on the LAN open the app over plain http.
        },
      },
      // Only meaningful behind TLS, which production deployments put in front.
      strictTransportSecurity: app.config.production,
    })

    // Off by default; the login routes apply theirs (routes/auth). Counted where every instance
    // sees the same numbers: Redis when REDIS_URL is set, else the database.
    const { redisUrl, redisKeyPrefix } = app.config
    await app.register(rateLimit, {
      global: false,
      ...(redisUrl
        ? { redis: redisClient(app, redisUrl), nameSpace: `${redisKeyPrefix}rate-limit:` }
        : { store: databaseStore(app) }),
      errorResponseBuilder: (_request, context) =>
        new AppError(429, 'RATE_LIMITED', `操作过于频繁,请 ${Math.ceil(context.ttl / 1000)} 秒后再试`),
    })
  },
  { name: 'security' },
)
