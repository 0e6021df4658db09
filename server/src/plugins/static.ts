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

/** Serves the H5 app from the same origin as the API. */
export default fp<{ build: H5Build }>(
  async (app, { build }) => {
    await app.register(fastifyStatic, {
      root: build.root,
      prefix: '/',
      index: 'index.html',
      // Unknown files fall through to the not-found handler, which serves index.html for app routes.
      wildcard: true,
    })
  },
  { name: 'static' },
)
