// The database going away under the server: connections refused, backends terminated while idle or mid-query, a
// statement timeout. Each request answers 503 with Retry-After, and the server process stays up and answers again.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../server/src/app.js'
import { projectRoot } from '../../server/src/config.js'
import { APP_SCHEMA, poolConfig } from '../../server/src/db/pool.js'
import { freePort } from '../../scripts/bench/server-process.js'
import { signIn, startTestApp, TEST_LIMITS, type TestApp } from '../support/test-app.js'

/** The child server's connections carry this name, so the test terminates its backends and nobody else's. */
const CHILD_APPLICATION_NAME = 'patrolmap-outage-test'

let testApp: TestApp
/** A connection of the test's own: it holds locks and terminates backends. */
let control: pg.Client

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(50)
  }
}

/** Holds an exclusive lock on a table until `release`, so a request reading it waits in the database. */
async function lockTable(table: string): Promise<{ release: () => Promise<void> }> {
  await control.query(`BEGIN; LOCK TABLE ${APP_SCHEMA}.${table} IN ACCESS EXCLUSIVE MODE`)
  return { release: async () => void (await control.query('ROLLBACK')) }
}

/** The backend waiting for a lock: the request's query. */
const waitingBackend = () =>
  waitFor(
    'a backend waiting for the lock',
    async () =>
      (await control.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`))
        .rows[0]?.pid as number | undefined,
    10_000,
  )

const isServer = inject('databaseEngine') === 'server'

beforeAll(async () => {
  testApp = await startTestApp()
  control = new pg.Client({ connectionString: inject('databaseUrl') })
  await control.connect()
})
afterAll(async () => {
  await control?.end()
  await testApp?.close()
})

describe('an unreachable database', () => {
  it('answers 503 with Retry-After when connections are refused, on public and signed-in routes alike', async () => {
    const port = await freePort()
    const app = await buildApp({ connection: poolConfig(`postgres://postgres@127.0.0.1:${port}/nowhere`, { max: 2, statementTimeoutMs: 1000 }), engine: 'server', clientDir: null, limits: TEST_LIMITS })
    try {
      const answers = [
        await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'someone@test.local', password: 'some password here' } }),
        await app.inject({ url: '/api/summary', headers: { cookie: `pm_session=${'a'.repeat(43)}` } }),
        await app.inject({ url: '/api/health' }),
      ]
      for (const answer of answers) {
        expect(answer.statusCode, answer.body).toBe(503)
        expect(answer.headers['retry-after']).toBe('5')
        expect(answer.headers['cache-control']).toBe('no-store')
      }
      expect(answers[0].json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable' })
    } finally {
      await app.close()
    }
  })
})

describe.skipIf(!isServer)('backends terminated under the server', () => {
  it('answers 503 with Retry-After when the backend is terminated mid-request (57P01), and serves the next request', async () => {
    const analyst = await testApp.signInAs('analyst')
    const lock = await lockTable('harm_weights')
    let response
    try {
      const pending = testApp.app.inject({ url: '/api/harm-weights', headers: analyst.headers })
      await control.query('SELECT pg_terminate_backend($1)', [await waitingBackend()])
      response = await pending
    } finally {
      await lock.release()
    }
    expect(response.statusCode, response.body).toBe(503)
    expect(response.headers['retry-after']).toBe('5')
    // The dead connection's own 'error' event came too; the pool dropped it and opens another.
    expect((await testApp.app.inject({ url: '/api/harm-weights', headers: analyst.headers })).statusCode).toBe(200)
  })

  it('answers a statement timeout (57014) with 503 and Retry-After', async () => {
    await testApp.signInAs('analyst')
    const app = await buildApp({ connection: poolConfig(inject('databaseUrl'), { max: 2, statementTimeoutMs: 200 }), engine: 'server', clientDir: null, limits: TEST_LIMITS })
    try {
      const analyst = await signIn(app, 'analyst@test.local')
      const lock = await lockTable('harm_weights')
      let response
      try {
        response = await app.inject({ url: '/api/harm-weights', headers: analyst.headers })
      } finally {
        await lock.release()
      }
      expect(response.statusCode, response.body).toBe(503)
      expect(response.headers['retry-after']).toBe('5')
      expect(response.json().message).toContain('took too long')
    } finally {
      await app.close()
    }
  })

  it('keeps the server process up when its connections are cut, idle and mid-query, and answers again within seconds', async () => {
    const port = await freePort()
    const databaseUrl = new URL(inject('databaseUrl'))
    databaseUrl.searchParams.set('application_name', CHILD_APPLICATION_NAME)
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl.href, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DB_POOL_SIZE: '4' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const output: string[] = []
    child.stdout!.on('data', (chunk) => output.push(String(chunk)))
    child.stderr!.on('data', (chunk) => output.push(String(chunk)))
    const health = async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).status
    const alive = () => child.exitCode === null && child.signalCode === null
    try {
      await waitFor('the server to answer', async () => ((await health()) === 200 ? true : undefined), 60_000)

      // Concurrent requests may open more connections, which then sit idle in the pool; then one request waits in the
      // database (its client checked out). The idle ones are not certain (a CI run found only the waiting backend, and
      // three requests held at a lock together were seen on one connection); the waiting one is.
      expect(await Promise.all([health(), health(), health(), health()])).toEqual([200, 200, 200, 200])
      const lock = await lockTable('import_batches')
      let during: number | null
      try {
        const pending = health()
        await waitingBackend()
        // OFFSET 0 keeps the filter from being evaluated after the termination, which would end every backend.
        const terminated = await control.query(
          'SELECT pg_terminate_backend(pid) FROM (SELECT pid FROM pg_stat_activity WHERE application_name = $1 OFFSET 0) AS child',
          [CHILD_APPLICATION_NAME],
        )
        expect(terminated.rowCount).toBeGreaterThanOrEqual(1)
        // A server that dies closes the socket: no status at all.
        during = await pending.catch(() => null)
      } finally {
        await lock.release()
      }
      await sleep(500)
      expect(alive(), `the server exited (${child.exitCode ?? child.signalCode}):\n${output.join('')}`).toBe(true)
      expect(during).toBe(503)
      const answered = await waitFor('the server to answer again', async () => ((await health()) === 200 ? true : undefined), 5_000).catch(() => false)
      expect(answered, `no 200 within 5 s; the server ${alive() ? 'is up' : `exited (${child.exitCode ?? child.signalCode})`}:\n${output.join('')}`).toBe(true)
      expect(alive()).toBe(true)
    } finally {
      if (alive()) {
        child.kill('SIGTERM')
        await once(child, 'exit')
      }
    }
  })
})
