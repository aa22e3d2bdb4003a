import zlib from 'node:zlib'
import fastifyCompress from '@fastify/compress'
import fp from 'fastify-plugin'

/**
 * The API's answers compressed for browsers that accept it: JSON (ward outlines, hexagons, task lists) is mostly
 * repeated keys and digits, a fifth of its size or less compressed, and officers and residents read it on phones on
 * slow connections (issue 16). Only the types below: the built client's files come precompressed (static.ts), PDFs and
 * photos are compressed already, and the basemap archive is answered by byte ranges of its own bytes
 * (basemap/routes.ts), which must never be re-encoded. Brotli at quality 4 and gzip at 6: fast enough to do per answer.
 */
export const COMPRESSED_TYPES = /^(application\/(json|geo\+json)|text\/(csv|plain|html))\b/

export default fp(async (app) => {
  await app.register(fastifyCompress, {
    global: true,
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: COMPRESSED_TYPES,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  })
}, { name: 'compress' })
