import type { IncomingMessage, ServerResponse } from 'node:http'
import helmet, { type HelmetOptions } from 'helmet'
import rateLimit from '@fastify/rate-limit'
import fp from 'fastify-plugin'
import { AppError } from '../errors'
import { databaseStore, redisClient } from './rate-limit-stores'

export interface SecurityOptions {
  /** CSP sources (`'sha256-…'`) for the inline scripts of the H5 index page. */
  inlineScriptHashes: string[]
}

/** The headers helmet sets with these options, read once from a stand-in response. */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {}
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()]
    },
  }
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined)
  return headers
}

export default fp<SecurityOptions>(
  async (app, { inlineScriptHashes }) => {
    // Helmet's headers are the same for every answer: worked out once here, not on every request.
    const pageHeaders = helmetHeaders({
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
          // The H5 camera scanner decodes in a Web Worker that qr-scanner starts from a blob: URL.
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'self'"],
          formAction: ["'self'"],
          // No upgrade-insecure-requests: phones on the LAN open the app over plain http.
        },
      },
      // Only meaningful behind TLS, which production deployments put in front.
      strictTransportSecurity: app.config.production,
    })
    // JSON, scripts and styles are never rendered as a page: no sniffing, no framing, nothing loaded.
    const dataHeaders: Record<string, string> = {
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cross-origin-resource-policy': 'same-origin',
      'x-content-type-options': 'nosniff',
    }
    const hsts = pageHeaders['strict-transport-security']
    if (hsts) dataHeaders['strict-transport-security'] = hsts

    app.addHook('onSend', (_request, reply, payload, done) => {
      const type = reply.getHeader('content-type')
      reply.headers(typeof type === 'string' && type.startsWith('text/html') ? pageHeaders : dataHeaders)
      done(null, payload)
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
