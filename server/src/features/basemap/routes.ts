import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync } from 'fastify'
import { projectRoot } from '../../config.js'

/** Where the client's offline style reads the street basemap from; `client/src/features/map/offline-style.ts`. */
export const BASEMAP_PREFIX = '/basemap/'
export const BASEMAP_DIR = path.join(projectRoot, 'geodata/basemap')

/**
 * The OpenStreetMap vector tiles (geodata/basemap/, one PMTiles archive) as a plain file. The client's `pmtiles`
 * protocol reads the archive's header, directories and tiles with HTTP Range requests, which @fastify/send answers
 * (206 with Content-Range; the ETag lets the reader notice a replaced file). Public, as OpenStreetMap data is, and
 * outside /api/ so it may be cached. Nothing here may be compressed on the way: a range is of the file's own bytes.
 */
export const basemapRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    root: BASEMAP_DIR,
    prefix: BASEMAP_PREFIX,
    // The client's static plugin owns reply.sendFile.
    decorateReply: false,
    // The archive is the one file meant for the client; its provenance files stay on the server.
    allowedPath: (pathName) => pathName.endsWith('.pmtiles'),
    acceptRanges: true,
    // Read by the map on every start; an hour of cache, then revalidated by its ETag.
    maxAge: '1h',
  })
}
