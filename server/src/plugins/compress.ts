import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync, type BrotliOptions } from 'node:zlib'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { LruMap } from '../lru'

/** Below this an answer goes as it is: compressing it would save less than it costs. */
export const COMPRESS_THRESHOLD_BYTES = 1024
/** Up to this an answer is compressed at once (tens of µs); a larger one in the thread pool. */
const INLINE_LIMIT_BYTES = 32 * 1024

/** Answers remembered with their ETag and compressed copies, least recently used dropped first. */
const ANSWERS_CACHED = 256

const COMPRESSIBLE = /^(?:application\/(?:json|javascript|xml)|text\/)/
const brotliAsync = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/**
 * Brotli quality 1 with a 64 KiB window: a page of events (4.8 KiB of JSON) becomes 1.4 KiB in
 * ~25 µs, where quality 4 made it 1.2 KiB in ~85 µs and gzip 1.2 KiB in ~55 µs. The last 0.2 KiB
 * is not worth three times the CPU on every list request.
 */
function brotliOptions(size: number): BrotliOptions {
  return {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: 1,
      [constants.BROTLI_PARAM_LGWIN]: 16,
      [constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  }
}

/** Gzip (the mini-program's requests ask for it) at level 1: 1.3 KiB for the same page in ~30 µs, not ~55 µs. */
const GZIP_OPTIONS = { level: 1 }

/** The encoding the client takes, brotli first; null for none (or `q=0`). */
export function acceptedEncoding(header: string | undefined): Encoding | null {
  if (!header) return null
  const offered = new Set<string>()
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    if (params.some((param) => /^\s*q=0(?:\.0*)?\s*$/.test(param))) continue
    offered.add(name.trim())
  }
  if (offered.has('br')) return 'br'
  if (offered.has('gzip') || offered.has('*')) return 'gzip'
  return null
}

type Encoding = 'br' | 'gzip'

/**
 * What an answer's body always gives: its ETag and its compressed copies, made once. A pure
 * function of the text (the same body is the same bytes), so each process may keep its own.
 */
interface Answer {
  tag: string
  raw: Buffer
  br?: Buffer
  gzip?: Buffer
}

/** Bodies as the key: a map hashes the text itself, and two equal texts are one answer. */
function answerCache() {
  const answers = new LruMap<string, Answer>(ANSWERS_CACHED)
  return (body: string): Answer => {
    let answer = answers.get(body)
    if (!answer) {
      const raw = Buffer.from(body)
      answer = { tag: createHash('sha256').update(raw).digest('base64url').slice(0, 27), raw }
      answers.set(body, answer)
    }
    return answer
  }
}

/** A strong ETag per representation: the compressed copies are other bytes than the text. */
const etagOf = (tag: string, encoding: Encoding | null) => `"${tag}${encoding ? `-${encoding}` : ''}"`

/** Whether If-None-Match names this ETag (or `*`); compared weakly, as RFC 9110 asks for GET. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false
  for (const part of header.split(',')) {
    const candidate = part.trim()
    if (candidate === '*' || candidate === etag || candidate === `W/${etag}`) return true
  }
  return false
}

const compress = (raw: Buffer, encoding: Encoding): Buffer =>
  encoding === 'br' ? brotliCompressSync(raw, brotliOptions(raw.length)) : gzipSync(raw, GZIP_OPTIONS)

function isCompressible(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): payload is string | Buffer {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return false
  if (request.method === 'HEAD' || reply.statusCode === 204 || reply.statusCode === 304) return false
  if (reply.hasHeader('content-encoding')) return false
  const type = reply.getHeader('content-type')
  return typeof type === 'string' && COMPRESSIBLE.test(type)
}

/** A GET answered 200 in text that may be stored: it gets an ETag, and a repeat may get a 304. */
function isTagged(request: FastifyRequest, reply: FastifyReply, payload: string | Buffer): payload is string {
  if (typeof payload !== 'string' || request.method !== 'GET' || reply.statusCode !== 200) return false
  const cacheControl = reply.getHeader('cache-control')
  return !(typeof cacheControl === 'string' && cacheControl.includes('no-store'))
}

/**
 * Brotli or gzip for the API's answers above a small size, as the phone accepts them. The H5 app's
 * files come compressed at build time (see the static plugin) and pass through as they are.
 *
 * A GET's answer (up to the inline size) also gets a strong ETag: a client that sends it back in
 * If-None-Match while the answer is the same gets a bodiless 304. Both the tag and the compressed
 * copies of recent answers are kept, so a list answered again the same costs no compression.
 */
export default fp(
  async (app) => {
    const answerOf = answerCache()

    app.addHook('onSend', (request, reply, payload, done) => {
      if (!isCompressible(request, reply, payload)) return done(null, payload)
      const tagged = isTagged(request, reply, payload) && payload.length <= INLINE_LIMIT_BYTES
      const answer = tagged ? answerOf(payload) : null
      const raw = answer ? answer.raw : typeof payload === 'string' ? Buffer.from(payload) : payload
      const compressible = raw.length >= COMPRESS_THRESHOLD_BYTES
      const encoding = compressible ? acceptedEncoding(request.headers['accept-encoding']) : null
      if (compressible) reply.header('vary', 'accept-encoding')
      if (answer) {
        const etag = etagOf(answer.tag, encoding)
        reply.header('etag', etag)
        if (matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
          reply.code(304)
          reply.removeHeader('content-type')
          reply.removeHeader('content-length')
          return done(null, null)
        }
      }
      if (!encoding) return done(null, payload)
      reply.header('content-encoding', encoding)
      reply.removeHeader('content-length')
      const known = answer?.[encoding]
      if (known) return done(null, known)
      if (raw.length <= INLINE_LIMIT_BYTES) {
        const body = compress(raw, encoding)
        if (answer) answer[encoding] = body
        return done(null, body)
      }
      const compressed =
        encoding === 'br' ? brotliAsync(raw, brotliOptions(raw.length)) : gzipAsync(raw, GZIP_OPTIONS)
      compressed.then(
        (body) => {
          if (answer) answer[encoding] = body
          done(null, body)
        },
        (error: Error) => done(error),
      )
    })
  },
  { name: 'compress' },
)
