// The built client as the server answers it, from an app whose database is never reached: the public report pages get
// their own page (report.html), every other client address the staff's (index.html), and a browser that accepts
// compression gets the build's compressed copy of a file.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../app.js'
import { poolConfig } from '../../db/pool.js'

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
