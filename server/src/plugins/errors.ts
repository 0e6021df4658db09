import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { isDatabaseUnavailable } from '../db/errors'
import { AppError } from '../errors'
import { MULTILINE_PATTERN, SINGLE_LINE_PATTERN } from '../schemas/common'

export interface ErrorsOptions {
  /** Answer unknown non-API page GETs with the H5 app's index.html (client-side routes). */
  spaFallback: boolean
}

interface SchemaError {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
}

const PART_NAMES: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
}

const TYPE_NAMES: Record<string, string> = {
  integer: '整数',
  number: '数字',
  string: '字符串',
  boolean: '布尔值',
  object: ' JSON 对象',
  array: '数组',
  null: ' null',
}

/** A Chinese message naming the failing field, e.g. `body/title 不能为空`. */
export function describeValidationError(part: string | undefined, errors: SchemaError[]): string {
  const first = errors[0]
  const prefix = PART_NAMES[part ?? ''] ?? part ?? 'body'
  if (!first) return `${prefix} 不合法`
  const field = `${prefix}${first.instancePath}`
  const limit = first.params.limit
  switch (first.keyword) {
    case 'required':
      return `${field}/${String(first.params.missingProperty)} 不能为空`
    case 'additionalProperties':
      return `字段 ${field.replaceAll('/', '.')}.${String(first.params.additionalProperty)} 不允许`
    case 'type':
      return `${field} 应为${TYPE_NAMES[String(first.params.type)] ?? ` ${String(first.params.type)}`}`
    case 'minimum':
      return `${field} 不能小于 ${String(limit)}`
    case 'maximum':
      return `${field} 不能大于 ${String(limit)}`
    case 'minLength':
      return limit === 1 ? `${field} 不能为空` : `${field} 长度不能少于 ${String(limit)}`
    case 'maxLength':
      return `${field} 长度不能超过 ${String(limit)}`
    case 'pattern':
      return first.params.pattern === SINGLE_LINE_PATTERN || first.params.pattern === MULTILINE_PATTERN
        ? `${field} 不能包含控制字符`
        : `${field} 格式不正确`
    case 'format':
      return `${field} 格式不正确`
    case 'const':
    case 'enum':
    case 'anyOf':
      return `${field} 取值无效`
    default:
      return `${field} 不合法`
  }
}

/** Seconds a client is asked to wait before retrying while the database is unavailable. */
const DATABASE_RETRY_AFTER_S = 2

function send(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.status(status).send({ error: { code, message } })
}

/** Framework errors a client can cause, by status: never a 500. */
function clientError(error: FastifyError): { status: number; code: string; message: string } {
  const status = error.statusCode ?? 400
  switch (status) {
    case 413:
      return { status, code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' }
    case 415:
      return { status, code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求格式,请使用 application/json' }
    case 429:
      return { status, code: 'RATE_LIMITED', message: '操作过于频繁,请稍后再试' }
    case 404:
      return { status, code: 'NOT_FOUND', message: '请求的内容不存在' }
    case 400:
      if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
        return { status, code: 'INVALID_JSON', message: '请求体不是合法的 JSON' }
      }
      if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
        return { status, code: 'INVALID_JSON', message: '请求体为空,请发送 JSON 对象' }
      }
      return { status, code: 'BAD_REQUEST', message: '请求无效' }
    default:
      return { status, code: 'BAD_REQUEST', message: '请求无效' }
  }
}

/** One error shape for the whole API: `{ error: { code, message } }`; 5xx details stay in the log. */
export default fp<ErrorsOptions>(
  async (app, { spaFallback }) => {
    app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof AppError) {
        if (error.statusCode >= 500) request.log.warn({ err: error.cause ?? error }, error.message)
        return send(reply, error.statusCode, error.code, error.message)
      }
      if (error.validation) {
        return send(
          reply,
          400,
          'VALIDATION_FAILED',
          describeValidationError(error.validationContext, error.validation),
        )
      }
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        const { status, code, message } = clientError(error)
        return send(reply, status, code, message)
      }
      if (isDatabaseUnavailable(error)) {
        // The pool replaces broken connections by itself: the client only has to try again.
        request.log.warn({ err: error }, 'database unavailable')
        void reply.header('retry-after', String(DATABASE_RETRY_AFTER_S))
        return send(reply, 503, 'DATABASE_UNAVAILABLE', '数据库暂时不可用,请稍后再试')
      }
      request.log.error({ err: error }, 'unhandled error')
      return send(reply, 500, 'INTERNAL', '服务器开小差了,请稍后再试')
    })

    // After SIGTERM (app.close()) requests in flight finish; one that still arrives on an open
    // connection is turned away in the usual envelope, and the connection is closed.
    let closing = false
    app.addHook('preClose', async () => {
      closing = true
    })
    app.addHook('onRequest', async (_request, reply) => {
      if (!closing) return
      void reply.header('connection', 'close').header('retry-after', '1')
      return send(reply, 503, 'SHUTTING_DOWN', '服务正在重启,请稍后重试')
    })

    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? ''
      const isApi = path === '/api' || path.startsWith('/api/')
      const looksLikePage = !/\.[a-z0-9]+$/i.test(path)
      if (spaFallback && !isApi && looksLikePage && (request.method === 'GET' || request.method === 'HEAD')) {
        return reply.type('text/html; charset=utf-8').sendFile('index.html')
      }
      return send(reply, 404, 'NOT_FOUND', `接口不存在:${request.method} ${path}`)
    })
  },
  { name: 'errors' },
)
