import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'

export interface H5Build {
  root: string
  /** CSP sources for the index page's inline scripts (Taro's H5 template has one). */
  inlineScriptHashes: string[]
}

/** The built H5 app in `dir`, or null when it has not been built. */
export function findH5Build(dir: string): H5Build | null {
  const index = path.join(dir, 'index.html')
  if (!existsSync(dir) || !statSync(dir).isDirectory() || !existsSync(index)) return null
  const html = readFileSync(index, 'utf8')
  const inlineScriptHashes = [...html.matchAll(/<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .map((match) => match[1] ?? '')
    .filter((script) => script.trim() !== '')
    .map((script) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`)
  return { root: dir, inlineScriptHashes }
}

/** A file name with webpack's content hash in it (`app.1c3e3afc.css`): its content never changes. */
const CONTENT_HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/i
const IMMUTABLE = 'public, max-age=31536000, immutable'
/** Anything else, index.html above all: kept, but asked about again (a 304 when unchanged). */
const REVALIDATE = 'no-cache'

/** The Cache-Control of a file sent, by the name of the file it stands for (`x.js.br` is `x.js`). */
export function cacheControlFor(filePath: string): string {
  const name = path.basename(filePath).replace(/\.(?:br|gz)$/, '')
  return CONTENT_HASHED.test(name) ? IMMUTABLE : REVALIDATE
}

/**
 * Serves the H5 app from the same origin as the API. The build writes brotli and gzip copies of its
 * text assets (config/precompress.ts), sent as they are to a browser that accepts them; content-hashed
 * files are cached for a year, index.html is revalidated by its ETag on every visit.
 */
export default fp<{ build: H5Build }>(
  async (app, { build }) => {
    await app.register(fastifyStatic, {
      root: build.root,
      prefix: '/',
      index: 'index.html',
      // Unknown files fall through to the not-found handler, which serves index.html for app routes.
      wildcard: true,
      preCompressed: true,
      etag: true,
      lastModified: true,
      cacheControl: false,
      setHeaders: (response, filePath) => {
        response.setHeader('cache-control', cacheControlFor(filePath))
        response.setHeader('vary', 'accept-encoding')
      },
    })
  },
  { name: 'static' },
)
