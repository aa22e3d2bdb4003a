import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type pg from 'pg'
import { buildApp } from '../../server/src/app.js'
import { projectRoot } from '../../server/src/config.js'
import { createPool } from '../../server/src/db/pool.js'
import { categoryIds } from '../../server/src/features/counts/count-bounds.js'
import { createUser } from '../../server/src/features/users/user-store.js'
import { loadQuery } from '../../server/src/lib/sql-file.js'
import { openBenchDatabase } from './bench-database.js'
import { DEMO_INCIDENT_ROWS, importDemoData } from './import-bench.js'
import { heading, judge, ms, note, progress, ratio, table } from './report.js'
import { percentile, timed } from './stats.js'

const WARM_UP_RUNS = 5
const MEASURED_RUNS = 40
const TARGET_ANALYSIS_MS = 300

/** The aggregation every hotspot analysis starts from, loaded as the feature loads it. */
const cellValues = loadQuery(pathToFileURL(path.join(projectRoot, 'server/src/features/hotspots/routes.ts')).href, 'cell-values.sql')

interface HotspotCase {
  label: string
  categories: string | null
}

const CASES: HotspotCase[] = [
  { label: 'ASB', categories: 'Anti-social behaviour' },
  { label: 'all categories', categories: null },
]

const BENCH_USER = { email: 'bench-hotspots@bench.local', password: 'a bench password 123' }

async function analystCookie(app: Awaited<ReturnType<typeof buildApp>>, pool: pg.Pool): Promise<string> {
  await createUser(pool, { ...BENCH_USER, name: 'Bench analyst', role: 'analyst', mustChangePassword: false })
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: BENCH_USER })
  const session = response.cookies.find((cookie) => cookie.name === 'pm_session')
  if (response.statusCode !== 200 || !session) throw new Error(`bench sign-in answered ${response.statusCode}: ${response.body}`)
  return `pm_session=${session.value}`
}

/**
 * Gi* + FDR over every res-9 cell of the four councils for all 35 months, and the problem-location ranking (which
 * runs Gi*, emerging hot spots over the 35 months and the ranking), against the bare aggregation they start from.
 */
export async function runHotspotsBench(url: string): Promise<void> {
  let database = await openBenchDatabase(url)
  const probe = createPool({ ...database.connection, max: 1 })
  const loaded = (await probe.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents')).rows[0].n
  await probe.end()
  if (loaded !== DEMO_INCIDENT_ROWS) {
    progress(`hotspots: the bench schema holds ${loaded} incidents; loading the demo data first (untimed)`)
    await database.close()
    await importDemoData(url)
    database = await openBenchDatabase(url)
  }
  const app = await buildApp({ connection: database.connection, engine: database.engine, clientDir: null, logger: false })
  await app.ready()
  const sqlPool = createPool(database.connection)
  const rows: string[][] = []
  try {
    const cookie = await analystCookie(app, sqlPool)
    for (const hotspotCase of CASES) {
      const query = new URLSearchParams({ res: '9' })
      if (hotspotCase.categories) query.set('categories', hotspotCase.categories)
      const routes = [
        { name: 'Gi* + FDR', url: `/api/hotspots/gistar?${query}` },
        { name: 'problem locations (Gi*, emerging, ranking)', url: `/api/hotspots/problem-locations?${query}` },
      ]
      const ids = await categoryIds(sqlPool, hotspotCase.categories ? [hotspotCase.categories] : null)
      const querySql = () => sqlPool.query({ ...cellValues, values: [null, null, ids, null, 9] })
      for (const route of routes) {
        progress(`hotspots: ${hotspotCase.label}, ${route.name}`)
        const request = async () => {
          const response = await app.inject({ method: 'GET', url: route.url, headers: { cookie } })
          if (response.statusCode !== 200) throw new Error(`GET ${route.url} answered ${response.statusCode}: ${response.body}`)
          return response
        }
        const first = (await request()).json()
        const size = first.cells?.length ?? first.total
        for (let i = 0; i < WARM_UP_RUNS; i++) {
          await request()
          await querySql()
        }
        const api: number[] = []
        const sql: number[] = []
        for (let i = 0; i < MEASURED_RUNS; i++) {
          api.push((await timed(request)).ms)
          sql.push((await timed(querySql)).ms)
        }
        const [apiP50, apiP95, sqlP50] = [percentile(api, 50), percentile(api, 95), percentile(sql, 50)]
        rows.push([
          `${hotspotCase.label}: ${route.name}`,
          String(size),
          ms(apiP50),
          ms(apiP95),
          ms(sqlP50),
          ratio(apiP50 / sqlP50),
          judge(`hotspots ${hotspotCase.label}, ${route.name}: p95 ≤ ${TARGET_ANALYSIS_MS} ms`, apiP95 <= TARGET_ANALYSIS_MS),
        ])
      }
    }
  } finally {
    await app.close()
    await sqlPool.end()
    await database.close()
  }
  heading('Hotspot analysis over every res-9 cell of the four councils, 35 months (through app.inject, signed in)')
  table(['case', 'cells / locations', 'API p50', 'API p95', 'aggregation SQL p50', 'API/SQL p50', `p95 ≤ ${TARGET_ANALYSIS_MS} ms`], rows)
  note(`${MEASURED_RUNS} runs per case after ${WARM_UP_RUNS} warm-up, one at a time, alternating with the bare aggregation query (incidents per res-9 cell)`)
}
