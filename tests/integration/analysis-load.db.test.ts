// Heavy analyses on the real data (all 35 months) must not stall the server: they run on analysis threads, their
// answers are kept per data version and parameters, and identical requests share one computation.
import fs from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../server/src/app.js'
import { poolConfig } from '../../server/src/db/pool.js'
import { boundaryFiles, geodata, policeUkFile, startTestApp, TEST_LIMITS, type SignedIn, type TestApp } from '../support/test-app.js'

/** The last month is imported by the invalidation test, so that an import happens after answers were cached. */
const LAST_MONTH = '2025-11'

let testApp: TestApp
let analyst: SignedIn
let base: string

beforeAll(async () => {
  // Many requests from one address: the general per-address limit raised, as a deployment behind a busy NAT would.
  testApp = await startTestApp({ limits: { requestsPerMinute: 1_000_000 } })
  const files = (await fs.readdir(geodata('police-uk'))).filter((name) => name.endsWith('.csv.gz')).sort()
  const months = files.map((name) => name.slice(0, 7)).filter((month) => month !== LAST_MONTH)
  expect(months).toHaveLength(34)
  await testApp.importFiles([...boundaryFiles, ...months.map(policeUkFile)])
  analyst = await testApp.signInAs('analyst')
  await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  base = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
})
afterAll(() => testApp.close())

/** Over a real socket, as a browser asks: app.inject would not show a blocked event loop to the caller. */
async function fetched(path: string): Promise<{ status: number; body: string; analysis: string | null; period: string | null; ms: number }> {
  const started = performance.now()
  const response = await fetch(`${base}${path}`, { headers: { cookie: analyst.cookie } })
  const body = await response.text()
  return { status: response.status, body, analysis: response.headers.get('patrolmap-analysis'), period: response.headers.get('patrolmap-period'), ms: performance.now() - started }
}

/**
 * Where two answers differ: numbers may differ by a relative 1e-9, everything else must be equal. Postgres adds a
 * cell's harm (a float8 sum) in whatever order its parallel workers finish, so two computations of one answer can
 * differ in the 16th or 17th digit (seen in CI: 60682.63 and 60682.630000000005). Null when they agree.
 */
function difference(actual: unknown, expected: unknown, at = '$'): string | null {
  if (typeof actual === 'number' && typeof expected === 'number') {
    return Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(actual), Math.abs(expected)) ? null : `${at}: ${actual} ≠ ${expected}`
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return `${at}: ${actual.length} items ≠ ${expected.length}`
    for (const [index, item] of actual.entries()) {
      const found = difference(item, expected[index], `${at}[${index}]`)
      if (found) return found
    }
    return null
  }
  if (actual !== null && expected !== null && typeof actual === 'object' && typeof expected === 'object' && !Array.isArray(actual) && !Array.isArray(expected)) {
    const keys = Object.keys(actual).sort()
    if (keys.join() !== Object.keys(expected).sort().join()) return `${at}: keys ${keys} ≠ ${Object.keys(expected).sort()}`
    for (const key of keys) {
      const found = difference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${at}.${key}`)
      if (found) return found
    }
    return null
  }
  return Object.is(actual, expected) ? null : `${at}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`
}

/** The same database through a second app, whose cache is empty: what a fresh computation answers. */
async function freshAnswer(path: string): Promise<unknown> {
  const engine = inject('databaseEngine')
  const app: FastifyInstance = await buildApp({
    connection: poolConfig(inject('databaseUrl'), { max: 2, statementTimeoutMs: 300_000, sharedBackend: engine === 'embedded' }),
    engine,
    clientDir: null,
    limits: TEST_LIMITS,
  })
  try {
    const response = await app.inject({ method: 'GET', url: path, headers: analyst.headers })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['patrolmap-analysis']).toBe('computed')
    return response.json()
  } finally {
    await app.close()
  }
}

describe('heavy analyses on the real data', () => {
  it('leave the event loop free: /api/health answers within a second while six run, and the loop is never held for long', async () => {
    const heavy = [
      '/api/hotspots/emerging?res=10',
      '/api/hotspots/emerging?res=10&from=1990-01&to=2025-12&fdr=false',
      '/api/hotspots/problem-locations?res=10&k=2',
      '/api/hotspots/gistar?res=10&k=3',
      '/api/hotspots/forecast-accuracy?res=10&measure=harm',
      '/api/hotspots/concentration?res=10',
    ]
    const delay = monitorEventLoopDelay({ resolution: 10 })
    delay.enable()
    let running = true
    const answers = Promise.all(heavy.map((path) => fetched(path))).finally(() => (running = false))
    const health: number[] = []
    while (running) {
      const probe = await fetched('/api/health')
      expect(probe.status).toBe(200)
      health.push(probe.ms)
      await sleep(100)
    }
    delay.disable()
    for (const answer of await answers) expect(answer.status, answer.body).toBe(200)
    // Not a timing target (the machine is shared): blocked analyses held health for seconds, and the loop as long.
    expect(health.length).toBeGreaterThan(3)
    expect(Math.max(...health), `health: ${health.map(Math.round).join(', ')} ms`).toBeLessThan(1000)
    expect(delay.max / 1e6).toBeLessThan(500)
  })

  it('share one computation among identical requests and answer the next from the cache', async () => {
    const path = '/api/hotspots/problem-locations?res=9&halfLife=4.5&limit=50'
    const first = await Promise.all(Array.from({ length: 5 }, () => fetched(path)))
    for (const answer of first) expect(answer.status, answer.body).toBe(200)
    expect(first.map((answer) => answer.analysis).sort()).toEqual(['computed', 'shared', 'shared', 'shared', 'shared'])
    expect(new Set(first.map((answer) => answer.body)).size).toBe(1)
    const again = await fetched(path)
    expect(again.analysis).toBe('cached')
    expect(again.body).toBe(first[0].body)
    // The data's period as it is now: without the last month, unless the import test has run already.
    const { rows } = await testApp.pool.query<{ period: string }>(
      `SELECT to_char(min(period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM') || '/' ||
              to_char(max(period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM') AS period FROM incidents`,
    )
    expect(rows[0].period).toMatch(/^2023-01\/2025-1[01]$/)
    expect(again.period).toBe(rows[0].period)
  })

  it('work out answers afresh after the harm weights change, as a fresh computation gives them', async () => {
    const path = '/api/hotspots/problem-locations?res=9&measure=harm&limit=30'
    const before = await fetched(path)
    expect((await fetched(path)).analysis).toBe('cached')
    const weights = (await testApp.app.inject({ method: 'GET', url: '/api/harm-weights', headers: analyst.headers })).json().weights
    const burglary = weights.find((row: { category: string }) => row.category === 'Burglary')
    const changed = await testApp.app.inject({
      method: 'PUT', url: '/api/harm-weights', headers: analyst.headers, payload: { weights: [{ category: 'Burglary', weight: burglary.weight * 10 }], reason: 'test' },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    const after = await fetched(path)
    expect(after.analysis).toBe('computed')
    expect(after.body).not.toBe(before.body)
    expect(difference(JSON.parse(after.body), await freshAnswer(path))).toBeNull()
  })

  it('work out answers afresh after an import, as a fresh computation gives them', async () => {
    const paths = ['/api/hotspots/emerging?res=8', '/api/hotspots/gistar?res=9&measure=harm', '/api/hotspots/forecast-accuracy?res=9']
    const before = await Promise.all(paths.map((path) => fetched(path)))
    for (const path of paths) expect((await fetched(path)).analysis).toBe('cached')
    await testApp.importFiles([policeUkFile(LAST_MONTH)])
    for (const [index, path] of paths.entries()) {
      const after = await fetched(path)
      expect(after.analysis, path).toBe('computed')
      expect(after.period).toBe('2023-01/2025-11')
      expect(after.body).not.toBe(before[index].body)
      expect(difference(JSON.parse(after.body), await freshAnswer(path))).toBeNull()
    }
  })
})
