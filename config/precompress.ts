import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Compiler } from 'webpack'

/** Text assets worth compressing; smaller ones cost more in headers and CPU than they save. */
const TEXT_ASSET = /\.(?:js|css|html|svg|json|map)$/
const MIN_BYTES = 1024

/**
 * Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy beside every text asset of the
 * H5 build, once at build time, so the server sends them as they are (`@fastify/static`'s
 * `preCompressed`) instead of compressing on every request. A copy that would not be smaller is
 * left out, and the server then sends the file itself.
 */
export class PrecompressPlugin {
  apply(compiler: Compiler) {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('PrecompressPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        // After the HTML page is written and every hash is final.
        { name: 'PrecompressPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        (assets) => {
          for (const [name, source] of Object.entries(assets)) {
            if (!TEXT_ASSET.test(name)) continue
            const raw = source.buffer()
            if (raw.length < MIN_BYTES) continue
            const brotli = brotliCompressSync(raw, {
              params: {
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
              },
            })
            const gzip = gzipSync(raw, { level: 9 })
            if (brotli.length < raw.length) compilation.emitAsset(`${name}.br`, new sources.RawSource(brotli))
            if (gzip.length < raw.length) compilation.emitAsset(`${name}.gz`, new sources.RawSource(gzip))
          }
        },
      )
    })
  }
}
