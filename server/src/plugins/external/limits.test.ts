// The general per-address rate limit and under-pressure, on an app whose database is never reached: both answer before
// any route reads it, in the API's error shape.
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildApp, type LoadLimits } from '../../app.js'
import { poolConfig } from '../../db/pool.js'

let app: FastifyInstance | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

/** Port 1 on the loopback: nothing listens, so a route that reads the database would answer 503, not 200. */
async function appWith(limits: Partial<LoadLimits>): Promise<FastifyInstance> {
  app = await buildApp({ connection: poolConfig('postgres://postgres@127.0.0.1:1/none', { max: 1, statementTimeoutMs: 1000 }), engine: 'server', clientDir: null, limits })
  await app.ready()
  return app
}

describe('the general rate limit', () => {
  it('answers 429 with Retry-After once an address has used its requests for the minute; other addresses go on', async () => {
    const limited = await appWith({ requestsPerMinute: 3 })
    const from = (remoteAddress: string, url = '/api/config') => limited.inject({ url, remoteAddress })
    for (let request = 0; request < 3; request++) expect((await from('10.0.0.1')).statusCode).toBe(200)
    const refused = await from('10.0.0.1')
    expect(refused.statusCode).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(refused.headers['cache-control']).toBe('no-store')
    expect(refused.json()).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/^Too many requests from your address; try again in \d+ seconds?\.$/) })
    // Every path counts, a path that is no route too.
    expect((await from('10.0.0.1', '/api/nothing-here')).statusCode).toBe(429)
    expect((await from('10.0.0.2')).statusCode).toBe(200)
  })

  it('lets the default limit carry a team behind one address', async () => {
    const shared = await appWith({})
    const answers = await Promise.all(Array.from({ length: 500 }, () => shared.inject({ url: '/api/config', remoteAddress: '10.0.0.3' })))
    expect(answers.every((answer) => answer.statusCode === 200)).toBe(true)
  })
})

describe('under pressure', () => {
  it('answers 503 with Retry-After in the API error shape while the heap is over its limit, and health says busy', async () => {
    const pressed = await appWith({ maxHeapUsedFraction: 0.000_001 })
    await vi.waitFor(() => expect(pressed.isUnderPressure()).toBe(true), { timeout: 5000, interval: 50 })
    const refused = await pressed.inject({ url: '/api/config' })
    expect(refused.statusCode).toBe(503)
    expect(refused.headers['retry-after']).toBe('5')
    expect(refused.json()).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'The server is overloaded; try again shortly.' })
    const health = await pressed.inject({ url: '/api/health' })
    expect(health.statusCode).toBe(503)
    expect(health.headers['retry-after']).toBe('5')
    expect(health.json()).toMatchObject({ status: 'busy', data: null, counts: null })
  })

  it('refuses requests after the event loop was held past its limit', async () => {
    const pressed = await appWith({ maxEventLoopDelayMs: 100 })
    expect((await pressed.inject({ url: '/api/config' })).statusCode).toBe(200)
    const until = Date.now() + 1500
    while (Date.now() < until) {
      // the loop held, as a runaway computation would
    }
    await vi.waitFor(() => expect(pressed.isUnderPressure()).toBe(true), { timeout: 2000, interval: 5 })
    expect((await pressed.inject({ url: '/api/config' })).statusCode).toBe(503)
  })

  it('is off at 0', async () => {
    const relaxed = await appWith({ maxEventLoopDelayMs: 0, maxHeapUsedFraction: 0 })
    await sleep(1100)
    expect(relaxed.isUnderPressure()).toBe(false)
    expect((await relaxed.inject({ url: '/api/config' })).statusCode).toBe(200)
  })
})
