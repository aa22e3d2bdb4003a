import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type pg from 'pg'
import { buildApp } from '../../server/src/app.js'
import { projectRoot } from '../../server/src/config.js'
import { createPool } from '../../server/src/db/pool.js'
import { categoryIds } from '../../server/src/features/counts/count-bounds.js'
import { loadQuery } from '../../server/src/lib/sql-file.js'
import { analystCookie, openDemoDatabase } from './bench-app.js'
import { count, heading, judge, ms, note, progress, ratio, table } from './report.js'
import { percentile, timed } from './stats.js'

const WARM_UP_REQUESTS = 20
const MEASURED_REQUESTS = 200
const TARGET_API_TO_SQL = 1.5
const TARGET_P95_MS = 50

/** The route's own named query, loaded the way the route loads it, so name and text match the prepared statement. */
const hexCounts = loadQuery(pathToFileURL(path.join(projectRoot, 'server/src/features/hexes/routes.ts')).href, 'hex-counts.sql')

interface HexCase {
  label: string
  res: number
  categories: string[] | null
}

const CASES: HexCase[] = [
  { label: 'res 8, ASB', res: 8, categories: ['Anti-social behaviour'] },
  { label: 'res 8, all categories', res: 8, categories: null },
  { label: 'res 10, ASB', res: 10, categories: ['Anti-social behaviour'] },
  { label: 'res 10, all categories', res: 10, categories: null },
]

function apiUrl(hexCase: HexCase): string {
  const query = new URLSearchParams({ res: String(hexCase.res) })
  if (hexCase.categories) query.set('categories', hexCase.categories.join(','))
  return `/api/hexes?${query}`
}

/** The parameters the route passes for this request: $1 start, $2 end, $3 category ids, $4 ward, $5 res. */
async function sqlValues(pool: pg.Pool, hexCase: HexCase): Promise<unknown[]> {
  return [null, null, await categoryIds(pool, hexCase.categories), null, hexCase.res]
}

export async function runHexesBench(url: string): Promise<void> {
  const database = await openDemoDatabase(url, 'hexes')

  const app = await buildApp({ connection: database.connection, engine: database.engine, clientDir: null, logger: false })
  await app.ready()
  // Same settings as the app's pool (search path, statement timeout), so the only difference is the API layer.
  const sqlPool = createPool(database.connection)
  const rows: string[][] = []
  try {
    const cookie = await analystCookie(app, sqlPool, 'bench-analyst@bench.local')
    for (const hexCase of CASES) {
      progress(`hexes: ${hexCase.label}`)
      const requestApi = async () => {
        const response = await app.inject({ method: 'GET', url: apiUrl(hexCase), headers: { cookie } })
        if (response.statusCode !== 200) throw new Error(`GET ${apiUrl(hexCase)} answered ${response.statusCode}: ${response.body}`)
        return response
      }
      const values = await sqlValues(sqlPool, hexCase)
      const querySql = () => sqlPool.query({ ...hexCounts, values })

      const cells = (await querySql()).rowCount ?? 0
      const apiCells = (await requestApi()).json<unknown[]>().length
      if (apiCells !== cells) throw new Error(`${hexCase.label}: the API returned ${apiCells} cells, the SQL ${cells}`)
      for (let i = 0; i < WARM_UP_REQUESTS; i++) {
        await requestApi()
        await querySql()
      }
      // Interleaved, so any drift in the machine's speed falls on both sides alike.
      const api: number[] = []
      const sql: number[] = []
      for (let i = 0; i < MEASURED_REQUESTS; i++) {
        api.push((await timed(requestApi)).ms)
        sql.push((await timed(querySql)).ms)
      }
      const [apiP50, apiP95, sqlP50, sqlP95] = [percentile(api, 50), percentile(api, 95), percentile(sql, 50), percentile(sql, 95)]
      rows.push([
        hexCase.label,
        count(cells),
        ms(apiP50),
        ms(apiP95),
        ms(sqlP50),
        ms(sqlP95),
        ratio(apiP50 / sqlP50),
        ratio(apiP95 / sqlP95),
        judge(`hexes ${hexCase.label}: API p50 ≤ 1.5× SQL`, apiP50 / sqlP50 <= TARGET_API_TO_SQL),
        judge(`hexes ${hexCase.label}: API p95 ≤ 50 ms`, apiP95 <= TARGET_P95_MS),
      ])
    }
  } finally {
    await app.close()
    await sqlPool.end()
    await database.close()
  }

  heading('/api/hexes over the whole period: API through app.inject (in-process, no socket) vs the same named SQL through pg')
  table(['case', 'cells', 'API p50', 'API p95', 'SQL p50', 'SQL p95', 'API/SQL p50', 'API/SQL p95', `p50 ≤ ${ratio(TARGET_API_TO_SQL)} SQL`, `API p95 ≤ ${TARGET_P95_MS} ms`], rows)
  note(`${MEASURED_REQUESTS} requests and ${MEASURED_REQUESTS} queries per case after ${WARM_UP_REQUESTS} warm-up each, one at a time, API and SQL alternating`)
  note('API time: request parsing, the session check (signed in as an analyst), validation, the query, JSON serialisation of the response; SQL time: the query and pg row parsing')
}
