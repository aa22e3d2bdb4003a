// Stopping the server (SIGTERM, as a deployment restarts it): it stops taking connections, lets the requests under way
// finish, and exits 0 within SHUTDOWN_TIMEOUT_MS; past the limit it exits anyway.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { projectRoot } from '../../server/src/config.js'
import { APP_SCHEMA } from '../../server/src/db/pool.js'
import { freePort } from '../../scripts/bench/server-process.js'
import { startTestApp, type TestApp } from '../support/test-app.js'

let testApp: TestApp
/** A connection of the test's own, which holds a lock so that a request stays under way in the database. */
let control: pg.Client

const isServer = inject('databaseEngine') === 'server'

beforeAll(async () => {
  // A migrated schema for the child server to start on.
  testApp = await startTestApp()
  control = new pg.Client({ connectionString: inject('databaseUrl') })
  await control.connect()
})
afterAll(async () => {
  await control?.end()
  await testApp?.close()
})

async function startServer(shutdownTimeoutMs: number): Promise<{ child: ChildProcess; base: string; output: string[] }> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  child.stdout!.on('data', (chunk) => output.push(String(chunk)))
  child.stderr!.on('data', (chunk) => output.push(String(chunk)))
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output.join('')}`)
    if (await fetch(`${base}/api/health`).then((response) => response.ok, () => false)) return { child, base, output }
    if (Date.now() > deadline) throw new Error(`the server did not answer within 60 s:\n${output.join('')}`)
    await sleep(100)
  }
}

/** Until a backend waits for the lock: the request is under way in the database. */
async function requestWaiting(): Promise<void> {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    const waiting = await control.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`)
    if (waiting.rowCount) return
    await sleep(50)
  }
  throw new Error('no request waited for the lock')
}

describe.skipIf(!isServer)('stopping the server', () => {
  it('on SIGTERM finishes the request under way, refuses new connections, and exits 0 within the limit', async () => {
    const { child, base, output } = await startServer(10_000)
    const exited = once(child, 'exit')
    try {
      await control.query(`BEGIN; LOCK TABLE ${APP_SCHEMA}.import_batches IN ACCESS EXCLUSIVE MODE`)
      const inFlight = fetch(`${base}/api/health`)
      await requestWaiting()
      const signalled = Date.now()
      child.kill('SIGTERM')
      await sleep(500)
      // Still running: it waits for the request.
      expect(child.exitCode).toBeNull()
      await expect(fetch(`${base}/api/config`)).rejects.toThrow()
      await control.query('ROLLBACK')
      const answer = await inFlight
      expect(answer.status).toBe(200)
      expect((await answer.json()).status).toBe('ok')
      const [code] = await exited
      expect(code, output.join('')).toBe(0)
      expect(Date.now() - signalled).toBeLessThan(10_000)
    } finally {
      await control.query('ROLLBACK').catch(() => {})
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
  })

  it('exits 1 once the limit passes with a request still under way', async () => {
    const { child, base, output } = await startServer(1000)
    const exited = once(child, 'exit')
    try {
      await control.query(`BEGIN; LOCK TABLE ${APP_SCHEMA}.import_batches IN ACCESS EXCLUSIVE MODE`)
      const inFlight = fetch(`${base}/api/health`).catch(() => null)
      await requestWaiting()
      const signalled = Date.now()
      child.kill('SIGTERM')
      const [code] = await exited
      expect(code, output.join('')).toBe(1)
      expect(Date.now() - signalled).toBeGreaterThanOrEqual(900)
      expect(Date.now() - signalled).toBeLessThan(5000)
      await inFlight
    } finally {
      await control.query('ROLLBACK').catch(() => {})
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
  })
})
