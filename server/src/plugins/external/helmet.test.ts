// Helmet's headers on API answers, from an app whose database is never reached (the route asked reads none).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../app.js'
import { poolConfig } from '../../db/pool.js'

let app: FastifyInstance
beforeAll(async () => {
  app = await buildApp({ connection: poolConfig('postgres://postgres@127.0.0.1:1/none', { max: 1, statementTimeoutMs: 1000 }), engine: 'server', clientDir: null, limits: { maxEventLoopDelayMs: 0 } })
})
afterAll(() => app.close())

describe('security headers', () => {
  it('sends a Content-Security-Policy and the other helmet headers on API answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/config' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-security-policy']).toContain("script-src 'self'")
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['referrer-policy']).toBe('no-referrer')
  })
})
