// Sign-in under concurrent load, over real HTTP on a listening port (app.inject would not share libuv's thread pool
// with file reads the way a served client does): throttles count an attempt before its password hash, and hashing
// cannot starve static files or the API.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_COST } from '../../server/src/features/users/passwords.js'
import { createUser } from '../../server/src/features/users/user-store.js'
import { createTestUser, signIn, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js'

const ACCOUNT_LIMIT = 5
const ADDRESS_LIMIT = 12
/** Generous: only to prove the answers are not stuck behind password hashes (before the fix: many seconds). */
const FAST_MS = 2000

let testApp: TestApp
let base: string
let clientDir: string

const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows

beforeAll(async () => {
  clientDir = await fs.mkdtemp(path.join(os.tmpdir(), 'patrolmap-client-'))
  await fs.writeFile(path.join(clientDir, 'index.html'), '<!doctype html><title>Patrolmap</title>')
  // The test is the proxy in front (127.0.0.1): each request's X-Forwarded-For stands for a client address.
  testApp = await startTestApp({
    clientDir,
    // Hashing at the real cost is what is under load here, unknown emails' stand-in hash included.
    security: { maxFailuresPerAccount: ACCOUNT_LIMIT, maxFailuresPerAddress: ADDRESS_LIMIT, windowMinutes: 15, trustProxy: ['127.0.0.1'], passwordHashCost: DEFAULT_COST },
    // The sign-in throttle is under test here, not the general per-address limit.
    limits: { requestsPerMinute: 1_000_000 },
  })
  base = await testApp.app.listen({ host: '127.0.0.1', port: 0 })
})
afterAll(async () => {
  await testApp.close()
  await fs.rm(clientDir, { recursive: true, force: true })
})

function login(email: string, password: string, from: string): Promise<Response> {
  return fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ email, password }),
  })
}

function countStatuses(responses: Response[]): Record<number, number> {
  const counts: Record<number, number> = {}
  for (const response of responses) counts[response.status] = (counts[response.status] ?? 0) + 1
  return counts
}

async function timed(url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now()
  const response = await fetch(url)
  await response.arrayBuffer()
  return { status: response.status, ms: Math.round(performance.now() - started) }
}

interface Latency {
  /** The slowest answer while the load ran, and how many were timed. */
  root: { status: number; ms: number }
  health: { status: number; ms: number }
  samples: number
  responses: Response[]
}

/** Asks for `/` and `/api/health` again and again while `load` is in flight: the slowest answers of each. */
async function latencyDuring(load: Promise<Response[]>): Promise<Latency> {
  let settled = false
  const done = load.finally(() => (settled = true))
  const worst = { root: { status: 0, ms: -1 }, health: { status: 0, ms: -1 }, samples: 0 }
  do {
    const [root, health] = await Promise.all([timed(`${base}/`), timed(`${base}/api/health`)])
    if (root.ms > worst.root.ms || root.status !== 200) worst.root = root
    if (health.ms > worst.health.ms || health.status !== 200) worst.health = health
    worst.samples++
    await new Promise((resolve) => setTimeout(resolve, 100))
  } while (!settled)
  return { ...worst, responses: await done }
}

const wrongPasswordReasons = async (email: string) =>
  (await sql(`SELECT details->>'reason' AS reason, count(*)::int AS n FROM audit_log WHERE action = 'auth.login_failed' AND actor_email = $1 GROUP BY 1`, [email]))
    .reduce((all, row) => ({ ...all, [row.reason]: row.n }), {} as Record<string, number>)

describe('40 simultaneous wrong passwords for one account', () => {
  it('checks only as many as the account limit allows and refuses the rest with 429, without hashing them', async () => {
    await createTestUser(testApp.pool, { email: 'target@test.local', role: 'analyst' })
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => login('target@test.local', `guess ${i}`, `198.51.100.${i + 1}`)))
    expect(countStatuses(responses)).toEqual({ 401: ACCOUNT_LIMIT, 429: 40 - ACCOUNT_LIMIT })
    expect(await wrongPasswordReasons('target@test.local')).toEqual({ 'wrong password': ACCOUNT_LIMIT, throttled: 40 - ACCOUNT_LIMIT })
    // The right password is refused too until the window passes; then it works and clears the count.
    expect((await login('target@test.local', TEST_PASSWORD, '198.51.100.200')).status).toBe(429)
    await sql(`UPDATE login_failures SET at = at - interval '16 minutes'`)
    expect((await login('target@test.local', TEST_PASSWORD, '198.51.100.200')).status).toBe(200)
    expect(await sql(`SELECT * FROM login_failures WHERE email = 'target@test.local'`)).toEqual([])
  })

  it('keeps / and /api/health fast while they run against an account hashed at the real cost', async () => {
    await sql('DELETE FROM login_failures')
    await createUser(testApp.pool, { email: 'real-cost@test.local', name: 'Real', role: 'analyst', password: TEST_PASSWORD, mustChangePassword: false, hashCost: DEFAULT_COST })
    const load = Promise.all(Array.from({ length: 40 }, (_, i) => login('real-cost@test.local', `guess ${i}`, `198.51.100.${i + 1}`)))
    const { root, health, samples, responses } = await latencyDuring(load)
    console.log(`one account, 40 sign-ins: slowest of ${samples}: / ${root.ms} ms, /api/health ${health.ms} ms; answers ${JSON.stringify(countStatuses(responses))}`)
    expect(root.status).toBe(200)
    expect(health.status).toBe(200)
    expect(root.ms).toBeLessThan(FAST_MS)
    expect(health.ms).toBeLessThan(FAST_MS)
    expect(countStatuses(responses)).toEqual({ 401: ACCOUNT_LIMIT, 429: 40 - ACCOUNT_LIMIT })
  })
})

describe('40 simultaneous sign-ins from one address', () => {
  it('checks only as many as the address limit allows, across accounts', async () => {
    await sql('DELETE FROM login_failures')
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => login(`spray${i}@test.local`, 'guess', '192.0.2.7')))
    expect(countStatuses(responses)).toEqual({ 401: ADDRESS_LIMIT, 429: 40 - ADDRESS_LIMIT })
    const [failures] = await sql(`SELECT count(*)::int AS n FROM login_failures WHERE ip = '192.0.2.7'`)
    expect(failures.n).toBe(ADDRESS_LIMIT)
  })
})

describe('40 simultaneous sign-ins from 40 addresses for 40 accounts (nothing throttles them)', () => {
  it('never lets password hashing fill the thread pool that file reads share', async () => {
    await sql('DELETE FROM login_failures')
    // Unknown accounts are checked against a hash at the real cost, so each of these costs a real scrypt. That hash is
    // made at the first unknown sign-in; made now, so all forty checks queue at once.
    expect((await login('warm-up@test.local', 'guess', '203.0.113.250')).status).toBe(401)
    await sql('DELETE FROM login_failures')
    const load = Promise.all(Array.from({ length: 40 }, (_, i) => login(`someone${i}@test.local`, 'guess', `203.0.113.${i + 1}`)))
    const { root, health, samples, responses } = await latencyDuring(load)
    console.log(`40 accounts, 40 addresses: slowest of ${samples}: / ${root.ms} ms, /api/health ${health.ms} ms; answers ${JSON.stringify(countStatuses(responses))}`)
    expect(root.status).toBe(200)
    expect(health.status).toBe(200)
    expect(root.ms).toBeLessThan(FAST_MS)
    expect(health.ms).toBeLessThan(FAST_MS)
    // Each is checked, or refused as busy (503, with Retry-After) and then not counted against the account.
    for (const response of responses) expect([401, 503]).toContain(response.status)
    const busy = responses.filter((response) => response.status === 503)
    for (const response of busy) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
    const [failures] = await sql(`SELECT count(*)::int AS n FROM login_failures`)
    expect(failures.n).toBe(40 - busy.length)
  })
})

describe('the current-password check of POST /api/auth/password', () => {
  it('is throttled per session, counted before hashing, and does not lock the owner out of signing in', async () => {
    await sql('DELETE FROM login_failures')
    await createTestUser(testApp.pool, { email: 'owner@test.local', role: 'inspector' })
    const stolen = await signIn(testApp.app, 'owner@test.local')
    const guess = (currentPassword: string) =>
      fetch(`${base}/api/auth/password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: stolen.cookie, 'x-csrf-token': stolen.csrfToken },
        body: JSON.stringify({ currentPassword, newPassword: 'a thief chose this one' }),
      })
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => guess(`guess ${i}`)))
    expect(countStatuses(responses)).toEqual({ 400: ACCOUNT_LIMIT, 429: 40 - ACCOUNT_LIMIT })
    const refused = responses.find((response) => response.status === 429)!
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800)
    // Even the right password is refused in that session now...
    expect((await guess(TEST_PASSWORD)).status).toBe(429)
    // ...but the owner can still sign in, and change the password from their own session, ending the thief's.
    const owner = await signIn(testApp.app, 'owner@test.local')
    const changed = await testApp.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: owner.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'the owner chose this' },
    })
    expect(changed.statusCode).toBe(204)
    expect((await testApp.app.inject({ method: 'GET', url: '/api/auth/session', headers: stolen.headers })).statusCode).toBe(401)
  })
})
