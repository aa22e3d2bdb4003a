import { spawn } from 'node:child_process'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import readline from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import autocannon from 'autocannon'
import { buildApp } from '../../server/src/app.js'
import { projectRoot } from '../../server/src/config.js'
import { createPool } from '../../server/src/db/pool.js'
import { createUser } from '../../server/src/features/users/user-store.js'
import { openBenchDatabase } from './bench-database.js'
import { DEMO_INCIDENT_ROWS, importDemoData } from './import-bench.js'
import { heading, judge, ms, note, progress, ratio, table } from './report.js'
import { freePort, stopProcessGroup } from './server-process.js'

/** Long enough for a steady state under load; short enough that the section ends in about two minutes. */
const LOAD_SECONDS = 20
const HEAVY_CONNECTIONS = 50
/** The light requests are paced (one connection each, a fixed rate), so they measure waiting, not add load. */
const HEALTH_RATE = 10
const HEXES_RATE = 4
/** Light requests stay answerable at a map's pace under load; their p99 alone is printed beside, as the machine may be shared. */
const TARGET_HEALTH_P99_MS = 250
const TARGET_HEXES_P99_MS = 500
const TARGET_LOOP_DELAY_MS = 100
const TARGET_SHARED_RATE = 100

const BENCH_USER = { email: 'bench-load@bench.local', password: 'a bench password 123' }
const PROBLEM_LOCATIONS = '/api/hotspots/problem-locations?res=9'
const HEXES = '/api/hexes?res=8'
const EMERGING_CASES = [
  { label: 'emerging res 10, the data\u2019s whole period (no from/to)', url: '/api/hotspots/emerging?res=10' },
  { label: 'emerging res 10, from=1990-01&to=2025-12 (the probe\u2019s request)', url: '/api/hotspots/emerging?res=10&from=1990-01&to=2025-12' },
]

async function ensureDemoData(url: string): Promise<void> {
  const database = await openBenchDatabase(url)
  const probe = createPool({ ...database.connection, max: 1 })
  try {
    const loaded = (await probe.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents')).rows[0].n
    await createUser(probe, { ...BENCH_USER, name: 'Bench analyst', role: 'analyst', mustChangePassword: false })
    if (loaded === DEMO_INCIDENT_ROWS) return
    progress(`load: the bench schema holds ${loaded} incidents; loading the demo data first (untimed)`)
  } finally {
    await probe.end()
    await database.close()
  }
  await importDemoData(url)
  const reopened = await openBenchDatabase(url)
  const pool = createPool({ ...reopened.connection, max: 1 })
  await createUser(pool, { ...BENCH_USER, name: 'Bench analyst', role: 'analyst', mustChangePassword: false })
  await pool.end()
  await reopened.close()
}

/**
 * One emerging res-10 request on an app in this process, nothing else running: its time and the longest the event
 * loop was held meanwhile (perf_hooks' event-loop delay histogram, 10 ms resolution). A fresh app, so nothing is cached.
 */
/** The loop's max delay over 5 s with nothing to do: what the machine's other work alone costs it. */
let idleLoopDelayMs = Number.NaN

async function emergingOnTheLoop(url: string): Promise<string[][]> {
  const database = await openBenchDatabase(url)
  const app = await buildApp({ connection: database.connection, engine: database.engine, clientDir: null, logger: false })
  await app.ready()
  const rows: string[][] = []
  const idle = monitorEventLoopDelay({ resolution: 10 })
  idle.enable()
  await sleep(5000)
  idle.disable()
  idleLoopDelayMs = idle.max / 1e6
  try {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: BENCH_USER })
    const session = login.cookies.find((cookie) => cookie.name === 'pm_session')
    if (!session) throw new Error(`bench sign-in answered ${login.statusCode}: ${login.body}`)
    for (const emerging of EMERGING_CASES) {
      progress(`load: ${emerging.label}`)
      const delay = monitorEventLoopDelay({ resolution: 10 })
      delay.enable()
      const started = performance.now()
      const response = await app.inject({ method: 'GET', url: emerging.url, headers: { cookie: `pm_session=${session.value}` } })
      const took = performance.now() - started
      delay.disable()
      const body = response.json()
      const how = response.headers['patrolmap-analysis']
      const months = response.statusCode === 200 ? `${body.months} months, ${body.cellCount} cells${how ? `, ${how}` : ''}` : `answered ${response.statusCode}`
      const maxDelay = delay.max / 1e6
      rows.push([emerging.label, months, ms(took), ms(maxDelay), ratio(maxDelay / took),
        judge(`${emerging.label}: event loop held ≤ ${TARGET_LOOP_DELAY_MS} ms`, maxDelay <= TARGET_LOOP_DELAY_MS)])
    }
  } finally {
    await app.close()
    await database.close()
  }
  return rows
}

async function startServer(url: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO_DATA: 'false',
    // Every request comes from 127.0.0.1: the general per-address limit raised, as for a busy NAT.
    RATE_LIMIT_PER_MINUTE: '1000000' }
  const child = spawn('npx', ['tsx', 'server/src/main.ts'], { cwd: projectRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  const lastLines: string[] = []
  for (const stream of [child.stdout!, child.stderr!]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      lastLines.push(line)
      if (lastLines.length > 20) lastLines.shift()
    })
  }
  const base = `http://127.0.0.1:${port}`
  const started = performance.now()
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${lastLines.join('\n')}`)
    if (performance.now() - started > 120_000) {
      await stopProcessGroup(child)
      throw new Error(`the server did not answer /api/health within 120 s:\n${lastLines.join('\n')}`)
    }
    if (await fetch(`${base}/api/health`).then((response) => response.ok, () => false)) break
    await sleep(250)
  }
  return { base, stop: () => stopProcessGroup(child) }
}

async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_USER) })
  const session = /pm_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0]
  if (!response.ok || !session) throw new Error(`bench sign-in answered ${response.status}`)
  return session
}

/** The p99 of a light request paced alone for 5 s, before any load. */
async function aloneP99(url: string, rate: number): Promise<number> {
  return (await autocannon({ url, connections: 1, overallRate: rate, duration: 5 })).latency.p99
}

/**
 * Waits until the server has worked through what the last run left it (requests cut off at the end of a run are still
 * being answered): three health answers in a row within twice its p99 alone. Returns the seconds that took, at most 120.
 */
async function drained(base: string, healthAlone: number): Promise<number> {
  const started = performance.now()
  let quick = 0
  while (quick < 3 && performance.now() - started < 120_000) {
    const asked = performance.now()
    const ok = await fetch(`${base}/api/health`).then((response) => response.ok, () => false)
    quick = ok && performance.now() - asked <= Math.max(20, 2 * healthAlone) ? quick + 1 : 0
    await sleep(200)
  }
  return (performance.now() - started) / 1000
}

interface LoadFigures {
  heavy: autocannon.Result
  health: autocannon.Result
  hexes: autocannon.Result
}

/**
 * 50 connections asking for problem locations as fast as they are answered, for LOAD_SECONDS, while one connection
 * asks for /api/health 10 times a second and another for /api/hexes 4 times a second. `vary`: every heavy request
 * has a half-life of its own, so none can be answered from another's result.
 */
async function underLoad(base: string, cookie: string, vary: boolean): Promise<LoadFigures> {
  const headers = { cookie }
  // A request still waiting at the end is cut off with the run; none may outlast it.
  const common = { duration: LOAD_SECONDS, timeout: LOAD_SECONDS + 10, headers }
  let next = 0
  const heavy = autocannon({
    ...common,
    url: `${base}${PROBLEM_LOCATIONS}`,
    connections: HEAVY_CONNECTIONS,
    requests: vary ? [{ setupRequest: (request) => ({ ...request, path: `${PROBLEM_LOCATIONS}&halfLife=${(1 + (next++ % 1000) / 10).toFixed(1)}` }) }] : undefined,
  })
  // The light probes start once the heavy connections are busy.
  await sleep(1000)
  const probes = { ...common, duration: LOAD_SECONDS - 2, connections: 1 }
  const [health, hexes] = await Promise.all([
    autocannon({ ...probes, url: `${base}/api/health`, overallRate: HEALTH_RATE }),
    autocannon({ ...probes, url: `${base}${HEXES}`, overallRate: HEXES_RATE }),
  ])
  return { heavy: await heavy, health, hexes }
}

const failed = (result: autocannon.Result) => result.non2xx + result.errors + result.timeouts
/** A paced probe met its target only if it was answered at all, every time. */
const answeredAll = (result: autocannon.Result) => result.requests.total > 0 && failed(result) === 0

export async function runLoadBench(url: string): Promise<void> {
  await ensureDemoData(url)
  const loopRows = await emergingOnTheLoop(url)

  progress('load: starting the server (npx tsx server/src/main.ts) on a loopback port')
  const server = await startServer(url)
  const loadRows: string[][] = []
  const drainNotes: string[] = []
  let healthAlone: number
  let hexesAlone: number
  try {
    const cookie = await signIn(server.base)
    progress('load: /api/health and /api/hexes alone, 5 s each')
    healthAlone = await aloneP99(`${server.base}/api/health`, HEALTH_RATE)
    hexesAlone = await aloneP99(`${server.base}${HEXES}`, HEXES_RATE)
    for (const vary of [false, true]) {
      const label = vary ? 'each request its own half-life (no two alike)' : 'all requests alike'
      progress(`load: problem locations, ${HEAVY_CONNECTIONS} connections, ${LOAD_SECONDS} s, ${label}`)
      const { heavy, health, hexes } = await underLoad(server.base, cookie, vary)
      const healthRatio = health.latency.p99 / healthAlone
      const hexesRatio = hexes.latency.p99 / hexesAlone
      loadRows.push([
        label,
        String(heavy.requests.total),
        heavy.requests.average.toFixed(1),
        ms(heavy.latency.p50),
        ms(heavy.latency.p99),
        String(failed(heavy)),
        `${ms(health.latency.p99)} (${ratio(healthRatio)})`,
        judge(`health p99 under problem-location load (${label}) ≤ ${TARGET_HEALTH_P99_MS} ms`, health.latency.p99 <= TARGET_HEALTH_P99_MS && answeredAll(health)),
        `${ms(hexes.latency.p99)} (${ratio(hexesRatio)})`,
        judge(`hexes p99 under problem-location load (${label}) ≤ ${TARGET_HEXES_P99_MS} ms`, hexes.latency.p99 <= TARGET_HEXES_P99_MS && answeredAll(hexes)),
        vary ? '' : judge(`problem locations, all alike: ≥ ${TARGET_SHARED_RATE} requests/s`, heavy.requests.average >= TARGET_SHARED_RATE),
      ])
      progress('load: waiting for the server to finish what the run left')
      drainNotes.push(`${label}: the server was answering health quickly again ${(await drained(server.base, healthAlone)).toFixed(1)} s after the run`)
    }
  } finally {
    await server.stop()
  }

  heading('Heavy analysis and the event loop: one request on an app in this process, nothing else running')
  table(['case', 'answer', 'time', 'max event-loop delay', 'delay/time', `delay ≤ ${TARGET_LOOP_DELAY_MS} ms`], loopRows)
  note(`the same loop idle for 5 s just before: max delay ${ms(idleLoopDelayMs)} (the machine's other work); the second request, clamped to the same period, may be answered from the first's cached answer`)
  heading(`Under load: ${HEAVY_CONNECTIONS} connections on ${PROBLEM_LOCATIONS} for ${LOAD_SECONDS} s (a server process on 127.0.0.1, autocannon)`)
  table(
    ['problem-location requests', 'answered', 'req/s', 'p50', 'p99', 'failed', 'health p99 (× alone)', `≤ ${TARGET_HEALTH_P99_MS} ms`, 'hexes p99 (× alone)', `≤ ${TARGET_HEXES_P99_MS} ms`, `≥ ${TARGET_SHARED_RATE}/s`],
    loadRows,
  )
  note(`alone (5 s, before the load): /api/health p99 ${ms(healthAlone)}, ${HEXES} p99 ${ms(hexesAlone)}; under load the same, at ${HEALTH_RATE}/s and ${HEXES_RATE}/s, one connection each`)
  note('answered: problem-location answers within the run; failed: non-2xx answers, errors and timeouts (requests cut off at the end of a run are neither)')
  for (const line of drainNotes) note(line)
}
