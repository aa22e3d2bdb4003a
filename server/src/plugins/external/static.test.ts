// The built client as the server answers it, from an app whose database is never reached: the public report pages get
// their own page (report.html), every other client address the staff's (index.html), and a browser that accepts
// compression gets the build's compressed copy of a file; API answers are compressed on the way (compress.ts), the
// basemap's byte ranges never.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../app.js'
import { poolConfig } from '../../db/pool.js'
import { BASEMAP_DIR } from '../../features/basemap/routes.js'

const SCRIPT = `console.log(${JSON.stringify('the client '.repeat(200))})\n`
let app: FastifyInstance
let clientDir: string

beforeAll(async () => {
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'patrolmap-client-'))
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<title>staff</title>')
  fs.writeFileSync(path.join(clientDir, 'report.html'), '<title>report</title>')
  fs.mkdirSync(path.join(clientDir, 'assets'))
  fs.writeFileSync(path.join(clientDir, 'assets/app.js'), SCRIPT)
  fs.writeFileSync(path.join(clientDir, 'assets/app.js.gz'), zlib.gzipSync(SCRIPT))
  app = await buildApp({ connection: poolConfig('postgres://postgres@127.0.0.1:1/none', { max: 1, statementTimeoutMs: 1000 }), engine: 'server', clientDir, limits: { maxEventLoopDelayMs: 0 } })
})
afterAll(async () => {
  await app.close()
  fs.rmSync(clientDir, { recursive: true, force: true })
})

describe('the built client', () => {
  it('answers the public report form and its receipts with report.html, and other client addresses with index.html', async () => {
    const page = async (url: string) => (await app.inject({ method: 'GET', url })).body
    expect(await page('/report')).toBe('<title>report</title>')
    expect(await page('/report/?lon=-1.31&lat=54.56&z=17')).toBe('<title>report</title>')
    expect(await page('/report/receipt/ABCD-EFGH-JKMN-PQRS-TVWX-YZ01')).toBe('<title>report</title>')
    expect(await page('/report/receipt/short')).toBe('<title>staff</title>')
    expect(await page('/resident-reports')).toBe('<title>staff</title>')
    expect(await page('/')).toBe('<title>staff</title>')
  })

  it('sends the compressed copy of a file to a browser that accepts it, and the file itself to one that does not', async () => {
    const compressed = await app.inject({ method: 'GET', url: '/assets/app.js', headers: { 'accept-encoding': 'gzip, deflate' } })
    expect(compressed.headers['content-encoding']).toBe('gzip')
    expect(compressed.headers.vary).toContain('accept-encoding')
    expect(zlib.gunzipSync(compressed.rawPayload).toString()).toBe(SCRIPT)
    const plain = await app.inject({ method: 'GET', url: '/assets/app.js', headers: { 'accept-encoding': 'identity' } })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(SCRIPT)
  })
})

describe('compression on the way', () => {
  it('compresses a JSON answer for a browser that accepts Brotli or gzip, and not for one that does not', async () => {
    const plain = await app.inject({ method: 'GET', url: '/docs/json' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    const brotli = await app.inject({ method: 'GET', url: '/docs/json', headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(brotli.headers['content-encoding']).toBe('br')
    expect(brotli.headers.vary).toContain('accept-encoding')
    expect(zlib.brotliDecompressSync(brotli.rawPayload).toString()).toBe(plain.body)
    expect(brotli.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4)
    const gzip = await app.inject({ method: 'GET', url: '/docs/json', headers: { 'accept-encoding': 'gzip' } })
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(plain.body)
  })

  it('answers a byte range of the basemap archive with the file\u2019s own bytes, whatever the browser accepts', async () => {
    const file = fs.readdirSync(BASEMAP_DIR).find((name) => name.endsWith('.pmtiles'))!
    const range = await app.inject({ method: 'GET', url: `/basemap/${file}`, headers: { range: 'bytes=0-4095', 'accept-encoding': 'gzip, deflate, br' } })
    expect(range.statusCode).toBe(206)
    expect(range.headers['content-encoding']).toBeUndefined()
    const start = Buffer.alloc(4096)
    const handle = fs.openSync(path.join(BASEMAP_DIR, file), 'r')
    fs.readSync(handle, start, 0, 4096, 0)
    fs.closeSync(handle)
    expect(range.rawPayload.equals(start)).toBe(true)
  })
})
