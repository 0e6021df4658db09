import { AjvCompiler } from '@fastify/ajv-compiler'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify'
import type { Config } from './config'
import { createDb } from './db/connect'
import authPlugin from './plugins/auth'
import clockPlugin from './plugins/clock'
import compressPlugin from './plugins/compress'
import configPlugin from './plugins/config'
import dbPlugin from './plugins/db'
import errorsPlugin from './plugins/errors'
import openapiPlugin from './plugins/openapi'
import securityPlugin from './plugins/security'
import staticPlugin, { findH5Build } from './plugins/static'
import routes from './routes'

const AJV_OPTIONS = {
  // Unknown fields are an error (schemas say additionalProperties: false), never silently dropped.
  removeAdditional: false,
  // Query strings and path params arrive as text (bodies are exempt, see buildApp).
  coerceTypes: 'array',
  // A coerced 'Infinity' would otherwise skip minimum/maximum (strict mode checks finiteness
  // before coercion only); bodies are JSON and can never hold a non-finite number.
  strictNumbers: false,
  useDefaults: true,
  allErrors: false,
} as const

const buildValidators = AjvCompiler()

/**
 * Request lines in the log name the method and the path only: query strings can carry personal
 * data (a phone number searched in the roster), so they never reach the log.
 */
export const requestLogSerializer = (request: { id: string; method: string; url: string }) => ({
  id: request.id,
  method: request.method,
  url: request.url.split('?')[0],
})

function withSafeRequestLog(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (typeof logger !== 'object' || logger === null) return logger
  return { ...logger, serializers: { req: requestLogSerializer, ...logger.serializers } }
}

export interface BuildOptions {
  /** Overrides the logger built from `config.logLevel`. */
  logger?: FastifyServerOptions['logger']
  /** The clock the time-based rules read (sign-in codes and windows); the system clock by default. */
  now?: () => Date
}

/**
 * Builds the whole application without listening: plugins in order external → app → routes.
 * The database is opened here; run `migrateToLatest(app.db)` (and `seedIfEmpty`) before serving.
 */
export async function buildApp(config: Config, options: BuildOptions = {}) {
  const app = Fastify({
    logger: withSafeRequestLog(options.logger ?? { level: config.logLevel }),
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    // While closing, requests still arriving on open connections get our envelope (plugins/errors).
    return503OnClosing: false,
    // Bad percent-encoding or an overlong path segment fails before routing: same error envelope.
    frameworkErrors: (error, _request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      void (reply as FastifyReply).status(tooLong ? 414 : 400).send({
        error: tooLong
          ? { code: 'URI_TOO_LONG', message: '请求地址过长' }
          : { code: 'BAD_URL', message: '请求地址无效' },
      })
    },
    ajv: { customOptions: AJV_OPTIONS },
    // JSON bodies are validated as sent; only query strings, params and headers (text by nature) are
    // converted: `limit=20` and `/:id` become integers, but a body's `true` never becomes 1.
    schemaController: {
      compilersFactory: {
        buildValidator: (externalSchemas, serverOptions) => {
          const options = serverOptions as { customOptions: Record<string, unknown> }
          const converting = buildValidators(externalSchemas, options)
          const exact = buildValidators(externalSchemas, {
            ...options,
            customOptions: { ...options.customOptions, coerceTypes: false },
          })
          return (route) => (route.httpPart === 'body' ? exact : converting)(route)
        },
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>()

  // The API speaks JSON only: a text/plain body is answered 415 instead of failing validation.
  app.removeContentTypeParser('text/plain')
  // Mini-program and H5 clients label body-less DELETEs as JSON; only a POST/PUT/PATCH needs one.
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' && (request.method === 'DELETE' || request.method === 'OPTIONS')) {
      done(null, undefined)
      return
    }
    parseJson(request, body.toString(), done)
  })

  const h5 = findH5Build(config.staticDir)

  // External
  await app.register(configPlugin, { config })
  await app.register(clockPlugin, { now: options.now })
  await app.register(compressPlugin)
  await app.register(securityPlugin, { inlineScriptHashes: h5?.inlineScriptHashes ?? [] })
  await app.register(openapiPlugin)

  // Application
  const handle = createDb(config, (error) => app.log.warn({ err: error }, 'database connection lost'))
  await app.register(dbPlugin, { handle })
  await app.register(authPlugin)
  await app.register(errorsPlugin, { spaFallback: h5 !== null })

  // Routes, then the H5 app for everything else
  await app.register(routes)
  if (h5) await app.register(staticPlugin, { build: h5 })

  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
