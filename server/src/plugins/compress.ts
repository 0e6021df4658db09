import { constants } from 'node:zlib'
import compress from '@fastify/compress'
import fp from 'fastify-plugin'

/** Below this an answer goes as it is: compressing it would save less than it costs. */
export const COMPRESS_THRESHOLD_BYTES = 1024

/**
 * Brotli or gzip for the API's answers above a small size, as the phone accepts them. The H5
 * app's files come compressed at build time (see the static plugin) and are passed through as
 * they are. Brotli at quality 4 compresses JSON about as well as gzip at level 6, in less CPU.
 */
export default fp(
  async (app) => {
    await app.register(compress, {
      global: true,
      threshold: COMPRESS_THRESHOLD_BYTES,
      encodings: ['br', 'gzip'],
      brotliOptions: {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_QUALITY]: 4,
        },
      },
    })
  },
  { name: 'compress' },
)
