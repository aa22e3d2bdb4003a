import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { buildApp } from '../../server/src/app.js'
import { projectRoot } from '../../server/src/config.js'
import { createPool } from '../../server/src/db/pool.js'
import { createUser } from '../../server/src/features/users/user-store.js'
import { makeSyntheticData } from '../make-synthetic-data.js'
import { openBenchDatabase, resetAppSchema } from './bench-database.js'
import { DEMO_INCIDENT_ROWS, demoFilesByKind } from './import-bench.js'
import { count, heading, judge, ms, note, progress, table } from './report.js'
import { percentile, timed } from './stats.js'

const SCALES = [1, 4, 12] as const
type Scale = (typeof SCALES)[number]
const WARM_UP = 3
const MEASURED = 20
const ASB = encodeURIComponent('Anti-social behaviour')
const STOCKTON = 'E06000004'
/** Where the synthetic sets are made (once; never committed). */
const SYNTHETIC_DIR = process.env.SYNTHETIC_DATA_DIR ?? path.join(os.tmpdir(), 'patrolmap-synthetic')
const BENCH_USER = { email: 'bench-analyst@bench.local', password: 'a bench password 123' }

/** The routes, ASB over the whole period, with their targets at 12× (p95). */
const ROUTES = [
  { label: '/api/summary', url: `/api/summary?categories=${ASB}`, targetMs: 100 },
  { label: '/api/wards', url: `/api/wards?categories=${ASB}`, targetMs: 100 },
  { label: '/api/hexes res 10', url: `/api/hexes?res=10&categories=${ASB}`, targetMs: 50 },
  { label: '/api/hotspots/gistar (res 9, Stockton)', url: `/api/hotspots/gistar?res=9&lad=${STOCKTON}&categories=${ASB}`, targetMs: 300 },
  { label: '/api/hotspots/problem-locations', url: `/api/hotspots/problem-locations?res=9&categories=${ASB}`, targetMs: 300 },
  { label: '/api/hotspots/emerging', url: `/api/hotspots/emerging?res=9&categories=${ASB}`, targetMs: 300 },
]

interface ImportRun {
  rows: number
  ms: number
  maxRssBytes: number
}

/** The database of one scale: the bench database's name with `_x<scale>`, on the same server, made when missing. */
async function scaleDatabase(benchUrl: string, scale: Scale): Promise<string> {
  const url = new URL(benchUrl)
  const name = `${url.pathname.slice(1)}_x${scale}`
  const maintenance = new URL(benchUrl)
  maintenance.pathname = '/postgres'
  const client = new pg.Client({ connectionString: maintenance.toString() })
  await client.connect()
  try {
    if ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 0) await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
  url.pathname = `/${name}`
  return url.toString()
}

async function policeFiles(scale: Scale): Promise<string[]> {
  if (scale === 1) return (await demoFilesByKind()).policeUk
  const directory = path.join(SYNTHETIC_DIR, `x${scale}`)
  const existing = await fs.readdir(directory).catch(() => [] as string[])
  if (existing.filter((name) => name.endsWith('.csv.gz')).length === 140) return existing.filter((name) => name.endsWith('.csv.gz')).map((name) => path.join(directory, name)).sort()
  progress(`scale: making the ${scale}× files in ${directory}`)
  return makeSyntheticData(directory, scale)
}

/** The import run recorded in the scale's database, when it holds exactly the scale's rows. */
async function recordedRun(url: string, rows: number): Promise<ImportRun | null> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const found = await client.query(`SELECT to_regclass('patrolmap.bench_scale_import') IS NOT NULL AS recorded`)
    if (!found.rows[0].recorded) return null
    const run = (await client.query<{ rows: number; ms: number; max_rss_bytes: string }>('SELECT rows, ms, max_rss_bytes FROM patrolmap.bench_scale_import')).rows[0]
    const stored = Number((await client.query('SELECT count(*) AS n FROM patrolmap.incidents')).rows[0].n)
    return run && run.rows === rows && stored === rows ? { rows: run.rows, ms: run.ms, maxRssBytes: Number(run.max_rss_bytes) } : null
  } finally {
    await client.end()
  }
}

/** Imports the scale's files into a fresh schema in a child process (its peak memory is the import's), and records the run. */
async function load(url: string, scale: Scale): Promise<ImportRun> {
  const expected = DEMO_INCIDENT_ROWS * scale
  const recorded = await recordedRun(url, expected)
  if (recorded) {
    progress(`scale: ${scale}× already loaded (${count(expected)} rows); its recorded import is reused`)
    return recorded
  }
  const files = await policeFiles(scale)
  const { boundaries } = await demoFilesByKind()
  progress(`scale: importing ${scale}× (${count(expected)} rows, ${files.length} files)`)
  await resetAppSchema(url)
  const { stdout } = await promisify(execFile)(path.join(projectRoot, 'node_modules/.bin/tsx'), ['scripts/bench/scale-import-child.ts', url, ...boundaries, ...files], {
    cwd: projectRoot,
    maxBuffer: 16 * 1024 * 1024,
  })
  const run = JSON.parse(stdout.trim().split('\n').pop()!) as ImportRun
  if (run.rows !== expected) throw new Error(`${scale}×: imported ${run.rows} rows, expected ${expected}`)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('CREATE TABLE patrolmap.bench_scale_import (rows integer, ms float8, max_rss_bytes bigint)')
    await client.query('INSERT INTO patrolmap.bench_scale_import VALUES ($1, $2, $3)', [run.rows, run.ms, run.maxRssBytes])
  } finally {
    await client.end()
  }
  return run
}

/** p50 and p95 of each route, one request at a time; before each, the counts' version is bumped, so nothing is cached. */
async function measureRoutes(url: string): Promise<{ p50: number; p95: number }[]> {
  const database = await openBenchDatabase(url)
  const app = await buildApp({ connection: database.connection, engine: database.engine, clientDir: null, logger: false })
  await app.ready()
  const pool = createPool({ ...database.connection, max: 1 })
  try {
    const users = await pool.query('SELECT 1 FROM users WHERE email = $1', [BENCH_USER.email])
    if (users.rowCount === 0) await createUser(pool, { ...BENCH_USER, name: 'Bench analyst', role: 'analyst', mustChangePassword: false })
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: BENCH_USER })
    const session = login.cookies.find((cookie) => cookie.name === 'pm_session')
    if (!session) throw new Error(`bench sign-in answered ${login.statusCode}: ${login.body}`)
    const cookie = `pm_session=${session.value}`
    const figures: { p50: number; p95: number }[] = []
    for (const route of ROUTES) {
      const request = async () => {
        const response = await app.inject({ method: 'GET', url: route.url, headers: { cookie } })
        if (response.statusCode !== 200) throw new Error(`GET ${route.url} answered ${response.statusCode}: ${response.body}`)
      }
      const samples: number[] = []
      for (let run = 0; run < WARM_UP + MEASURED; run++) {
        // As after an import: the analyses' cache and the data period's are both keyed by this version.
        await pool.query('UPDATE count_version SET version = version + 1')
        const { ms: took } = await timed(request)
        if (run >= WARM_UP) samples.push(took)
      }
      figures.push({ p50: percentile(samples, 50), p95: percentile(samples, 95) })
    }
    return figures
  } finally {
    await pool.end()
    await app.close()
    await database.close()
  }
}

/** The table: each route at 1×, 4× and 12× of the real data, the import's rate and its peak memory. */
export async function runScaleBench(benchUrl: string): Promise<void> {
  const runs = new Map<Scale, ImportRun>()
  const routes = new Map<Scale, { p50: number; p95: number }[]>()
  for (const scale of SCALES) {
    const url = await scaleDatabase(benchUrl, scale)
    runs.set(scale, await load(url, scale))
    progress(`scale: routes at ${scale}×`)
    routes.set(scale, await measureRoutes(url))
  }
  heading('Counts as data grows: ASB over the whole period, through app.inject (signed in), nothing cached')
  const figure = (scale: Scale, index: number) => `${ms(routes.get(scale)![index].p50)} / ${ms(routes.get(scale)![index].p95)}`
  table(
    ['route', '1× p50 / p95', '4×', '12×', 'target at 12× (p95)', ''],
    ROUTES.map((route, index) => [
      route.label, figure(1, index), figure(4, index), figure(12, index), `≤ ${route.targetMs} ms`,
      judge(`scale: ${route.label} p95 at 12× ≤ ${route.targetMs} ms`, routes.get(12)![index].p95 <= route.targetMs),
    ]),
  )
  note(`${MEASURED} requests per route after ${WARM_UP} warm-up, one at a time; the counts' version is bumped before each, so every analysis is worked out again`)
  heading('Import as data grows (police files into a fresh schema, boundaries first, in a process of its own)')
  table(
    ['scale', 'rows', 'time', 'rows/s', 'peak RSS'],
    SCALES.map((scale) => {
      const run = runs.get(scale)!
      return [`${scale}×`, count(run.rows), `${(run.ms / 1000).toFixed(1)} s`, count(run.rows / (run.ms / 1000)), `${Math.round(run.maxRssBytes / 2 ** 20)} MB`]
    }),
  )
  note('a scale already loaded reuses the figures recorded when it was imported; drop its database to import it again')
}
