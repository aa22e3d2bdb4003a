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
import { importCodeFingerprint } from './import-fingerprint.js'
import { count, heading, judge, ms, note, progress, table } from './report.js'
import { percentile, timed } from './stats.js'

const SCALES = [1, 4, 12] as const
type Scale = (typeof SCALES)[number]
/** The import's rate at 4× (about a million rows) against 1×: linear growth keeps it within this share. */
const LINEAR_RATE_TOLERANCE = 0.15
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

/** A scale's import figures and where they come from: imported in this run (and why), or recorded by an earlier one with the same code. */
interface ScaleImport {
  run: ImportRun
  how: string
}

/**
 * BENCH_SCALES=1,4 runs only those scales (12× imports 3.2 million rows: long on a shared machine); all three when unset.
 */
export function scalesToRun(env: NodeJS.ProcessEnv = process.env): Scale[] {
  if (!env.BENCH_SCALES) return [...SCALES]
  const asked = env.BENCH_SCALES.split(',').map((scale) => Number(scale.trim()))
  const unknown = asked.filter((scale) => !(SCALES as readonly number[]).includes(scale))
  if (unknown.length > 0 || asked.length === 0) throw new Error(`BENCH_SCALES: ${env.BENCH_SCALES}; the scales are ${SCALES.join(', ')}`)
  return SCALES.filter((scale) => asked.includes(scale))
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

/** The import run recorded in the scale's database, when it holds exactly the scale's rows; with the code fingerprint it was recorded with. */
async function recordedRun(url: string, rows: number): Promise<{ run: ImportRun; fingerprint: string | null; recordedAt: Date | null } | null> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const found = await client.query(`SELECT to_regclass('patrolmap.bench_scale_import') IS NOT NULL AS recorded`)
    if (!found.rows[0].recorded) return null
    // As JSON: a table recorded before the fingerprint column existed still reads, with no fingerprint.
    const recorded = (await client.query<{ run: { rows: number; ms: number; max_rss_bytes: number; fingerprint?: string; recorded_at?: string } }>(
      'SELECT to_jsonb(r) AS run FROM patrolmap.bench_scale_import r',
    )).rows[0]?.run
    const stored = Number((await client.query('SELECT count(*) AS n FROM patrolmap.incidents')).rows[0].n)
    if (!recorded || recorded.rows !== rows || stored !== rows) return null
    return {
      run: { rows: recorded.rows, ms: recorded.ms, maxRssBytes: Number(recorded.max_rss_bytes) },
      fingerprint: recorded.fingerprint ?? null,
      recordedAt: recorded.recorded_at ? new Date(recorded.recorded_at) : null,
    }
  } finally {
    await client.end()
  }
}

/**
 * The scale's import figures: those recorded when its database was loaded, if the import code is the same as now
 * (`fingerprint`), else a new import of the scale's files into a fresh schema in a child process (its peak memory is
 * the import's), recorded with the fingerprint.
 */
async function load(url: string, scale: Scale, fingerprint: string): Promise<ScaleImport> {
  const expected = DEMO_INCIDENT_ROWS * scale
  const recorded = await recordedRun(url, expected)
  if (recorded && recorded.fingerprint === fingerprint) {
    progress(`scale: ${scale}× already loaded (${count(expected)} rows) by the same import code; its recorded import is reused`)
    return { run: recorded.run, how: `reused: recorded ${recorded.recordedAt?.toISOString().slice(0, 16).replace('T', ' ') ?? ''} by this code` }
  }
  const why = !recorded ? 'not loaded yet' : recorded.fingerprint ? `import code changed since ${recorded.fingerprint}` : 'recorded with no fingerprint'
  const files = await policeFiles(scale)
  const { boundaries } = await demoFilesByKind()
  progress(`scale: importing ${scale}× (${count(expected)} rows, ${files.length} files): ${why}`)
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
    await client.query('CREATE TABLE patrolmap.bench_scale_import (rows integer, ms float8, max_rss_bytes bigint, fingerprint text, recorded_at timestamptz DEFAULT now())')
    await client.query('INSERT INTO patrolmap.bench_scale_import (rows, ms, max_rss_bytes, fingerprint) VALUES ($1, $2, $3, $4)', [run.rows, run.ms, run.maxRssBytes, fingerprint])
  } finally {
    await client.end()
  }
  return { run, how: `imported now: ${why}` }
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

/** The table: each route at 1×, 4× and 12× of the real data (those BENCH_SCALES names), the import's rate and its peak memory. */
export async function runScaleBench(benchUrl: string): Promise<void> {
  const scales = scalesToRun()
  const fingerprint = await importCodeFingerprint()
  const imports = new Map<Scale, ScaleImport>()
  const routes = new Map<Scale, { p50: number; p95: number }[]>()
  for (const scale of scales) {
    const url = await scaleDatabase(benchUrl, scale)
    imports.set(scale, await load(url, scale, fingerprint))
    progress(`scale: routes at ${scale}×`)
    routes.set(scale, await measureRoutes(url))
  }
  heading('Counts as data grows: ASB over the whole period, through app.inject (signed in), nothing cached')
  const figure = (scale: Scale, index: number) => `${ms(routes.get(scale)![index].p50)} / ${ms(routes.get(scale)![index].p95)}`
  const at12 = routes.get(12)
  table(
    ['route', ...scales.map((scale, column) => (column === 0 ? `${scale}× p50 / p95` : `${scale}×`)), 'target at 12× (p95)', ''],
    ROUTES.map((route, index) => [
      route.label, ...scales.map((scale) => figure(scale, index)), `≤ ${route.targetMs} ms`,
      at12 ? judge(`scale: ${route.label} p95 at 12× ≤ ${route.targetMs} ms`, at12[index].p95 <= route.targetMs) : '',
    ]),
  )
  note(`${MEASURED} requests per route after ${WARM_UP} warm-up, one at a time; the counts' version is bumped before each, so every analysis is worked out again`)
  if (!at12) note(`12× not run (BENCH_SCALES=${scales.join(',')}): the targets are not judged`)

  heading('Import as data grows (police files into a fresh schema, boundaries first, in a process of its own)')
  const rate = (scale: Scale) => imports.get(scale)!.run.rows / (imports.get(scale)!.run.ms / 1000)
  table(
    ['scale', 'rows', 'time', 'rows/s', 'peak RSS', 'figures'],
    scales.map((scale) => {
      const { run, how } = imports.get(scale)!
      return [`${scale}×`, count(run.rows), `${(run.ms / 1000).toFixed(1)} s`, count(rate(scale)), `${Math.round(run.maxRssBytes / 2 ** 20)} MB`, how]
    }),
  )
  note(`import code fingerprint ${fingerprint} (importCodeFingerprint: the importer, counts, db, lib, migrations, the child and synthetic-data scripts);`)
  note('a scale already loaded by the same code reuses the figures recorded then; other code, or none recorded, imports it again')
  if (imports.has(1) && imports.has(4)) {
    // The "rows/s at 269k and at a synthetic 1 million rows": the 4× set is the one near a million.
    const change = rate(4) / rate(1) - 1
    const linear = judge(`scale: import rows/s at 4× (${count(DEMO_INCIDENT_ROWS * 4)} rows) within ${LINEAR_RATE_TOLERANCE * 100}% of 1×`, Math.abs(change) <= LINEAR_RATE_TOLERANCE)
    note(
      `linear growth: ${count(rate(1))} rows/s at 1× (${count(DEMO_INCIDENT_ROWS)} rows), ${count(rate(4))} rows/s at 4× (${count(DEMO_INCIDENT_ROWS * 4)} rows, ` +
        `the synthetic set of about 1 million): ${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%, ` +
        `${linear === 'PASS' ? 'within' : 'outside'} ±${LINEAR_RATE_TOLERANCE * 100}% of 1× (${linear})`,
    )
  } else {
    note('the import\'s rate at 4× (about 1 million rows) against 1× needs both scales run')
  }
}
