// The street basemap's archive served for the client's pmtiles reader, from an app whose database is never reached.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../app.js'
import { poolConfig } from '../../db/pool.js'
import { BASEMAP_DIR } from './routes.js'

const ARCHIVE = 'osm-teesside-north.pmtiles'
const URL = `/basemap/${ARCHIVE}`

let app: FastifyInstance
beforeAll(async () => {
  app = await buildApp({ connection: poolConfig('postgres://postgres@127.0.0.1:1/none', { max: 1, statementTimeoutMs: 1000 }), engine: 'server', clientDir: null, limits: { maxEventLoopDelayMs: 0 } })
})
afterAll(() => app.close())

describe('the basemap archive', () => {
  it('answers a Range request with 206 and exactly those bytes of the file, as the pmtiles reader asks', async () => {
    const response = await app.inject({ method: 'GET', url: URL, headers: { range: 'bytes=0-16383' } })
    const file = fs.readFileSync(path.join(BASEMAP_DIR, ARCHIVE))
    expect(response.statusCode).toBe(206)
    expect(response.headers['content-range']).toBe(`bytes 0-16383/${file.length}`)
    expect(response.rawPayload.equals(file.subarray(0, 16384))).toBe(true)
    // A PMTiles v3 archive starts with its magic number and version.
    expect(response.rawPayload.subarray(0, 7).toString('latin1')).toBe('PMTiles')
    expect(response.headers.etag).toBeTruthy()
  })

  it('answers a range in the middle of the file with those bytes', async () => {
    const file = fs.readFileSync(path.join(BASEMAP_DIR, ARCHIVE))
    const response = await app.inject({ method: 'GET', url: URL, headers: { range: 'bytes=100000-100999' } })
    expect(response.statusCode).toBe(206)
    expect(response.rawPayload.equals(file.subarray(100000, 101000))).toBe(true)
  })

  it('needs no session: OpenStreetMap data is public', async () => {
    const response = await app.inject({ method: 'HEAD', url: URL })
    expect(response.statusCode).toBe(200)
    expect(response.headers['accept-ranges']).toBe('bytes')
  })

  it('serves the archive only, not the provenance files beside it', async () => {
    const response = await app.inject({ method: 'GET', url: '/basemap/osm-teesside-north.source-metadata.json' })
    expect(response.statusCode).toBe(404)
  })
})
