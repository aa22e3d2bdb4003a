import type pg from 'pg'
import { buildApp } from '../../server/src/app.js'
import { createPool } from '../../server/src/db/pool.js'
import { analystSession, openDemoDatabase } from './bench-app.js'
import { count, heading, judge, ms, note, progress, ratio, table } from './report.js'
import { percentile, timed } from './stats.js'

const CAMERAS = 500
const SITES = 2000
const PLACED = 10
const OWNER = 'Bench CCTV (illustrative)'
const WARM_UP = 3
const MEASURED = 15
const TARGET_COVERAGE_MS = 500
const TARGET_PLACEMENT_MS = 1000

/**
 * 500 working cameras at the 500 busiest map points of the demo data (20 m off each point), a mix of types turned
 * different ways, made once and kept; the bench database holds no other cameras.
 */
async function seedCameras(pool: pg.Pool): Promise<void> {
  const held = (await pool.query<{ bench: number; all: number }>(`SELECT count(*) FILTER (WHERE owner = $1)::int AS bench, count(*)::int AS all FROM cameras`, [OWNER])).rows[0]
  if (held.bench === CAMERAS && held.all === CAMERAS) return
  progress(`cctv: placing ${count(CAMERAS)} cameras (untimed)`)
  await pool.query('DELETE FROM cameras')
  await pool.query(
    `INSERT INTO cameras (owner, reference, name, type, mounting_height_m, bearing_deg, fov_deg, range_m, radius_m, illustrative, geom)
     SELECT $1, 'B' || n, 'Bench camera ' || n, t.type, 6, (n * 47) % 360, t.fov, t.range, t.range, true,
            ST_Project(p.geom::geography, 20, radians((n * 47 + 180) % 360))::geometry
       FROM (SELECT row_number() OVER (ORDER BY c.incidents DESC, c.location_id) AS n, l.geom
               FROM location_counts c JOIN locations l ON l.id = c.location_id
              WHERE c.category_id = 0 AND l.ward_code IS NOT NULL
              ORDER BY c.incidents DESC, c.location_id LIMIT $2) AS p
      CROSS JOIN LATERAL (SELECT (ARRAY['fixed', 'ptz', 'fixed', 'redeployable'])[1 + n % 4] AS type) AS k
      CROSS JOIN LATERAL (SELECT k.type, CASE k.type WHEN 'ptz' THEN 360 WHEN 'redeployable' THEN 90 ELSE 60 END AS fov,
                                 CASE k.type WHEN 'ptz' THEN 100 ELSE 60 END AS range) AS t`,
    [OWNER, CAMERAS],
  )
  await pool.query('ANALYZE cameras')
}

/**
 * Coverage (per ward, overall and per camera) and the gap ranking for 500 cameras over every real incident, against
 * the bare spatial join of map points and views; placement of 10 cameras over 2,000 candidate sites.
 */
export async function runCctvBench(url: string): Promise<void> {
  const database = await openDemoDatabase(url, 'cctv')
  const app = await buildApp({ connection: database.connection, engine: database.engine, clientDir: null, logger: false, limits: { maxEventLoopDelayMs: 0, requestsPerMinute: 1_000_000 } })
  await app.ready()
  const sqlPool = createPool(database.connection)
  const rows: string[][] = []
  let placementRow: string[]
  let figures: string
  try {
    await seedCameras(sqlPool)
    const { cookie, csrfToken } = await analystSession(app, sqlPool, 'bench-cctv@bench.local')
    const get = async (path: string) => {
      const response = await app.inject({ method: 'GET', url: path, headers: { cookie } })
      if (response.statusCode !== 200) throw new Error(`GET ${path} answered ${response.statusCode}: ${response.body}`)
      return response
    }
    const bareJoin = () => sqlPool.query(`SELECT count(*)::int AS pairs FROM locations l JOIN cameras c ON c.status = 'working' AND ST_Intersects(c.view_geom, l.geom)`)
    const coverage = () => get('/api/cctv/coverage')
    const gaps = () => get('/api/cctv/gaps?res=9')
    progress('cctv: working out the hotspot analyses the gaps rank (untimed: the hotspots section times them; here they come from the analysis cache)')
    const first = (await coverage()).json()
    await gaps()
    const pairs = (await bareJoin()).rows[0].pairs
    figures = `${count(first.workingCameras)} working cameras see ${count(first.overall.coveredIncidents)} of ${count(first.overall.incidents)} incidents (${(100 * first.overall.incidentShare).toFixed(1)}%); ${count(pairs)} map point × view pairs`
    for (let i = 0; i < WARM_UP; i++) {
      await coverage()
      await gaps()
      await bareJoin()
    }
    const samples = { coverage: [] as number[], gaps: [] as number[], both: [] as number[], join: [] as number[] }
    for (let i = 0; i < MEASURED; i++) {
      const a = (await timed(coverage)).ms
      const b = (await timed(gaps)).ms
      samples.coverage.push(a)
      samples.gaps.push(b)
      samples.both.push(a + b)
      samples.join.push((await timed(bareJoin)).ms)
    }
    const joinP50 = percentile(samples.join, 50)
    for (const [name, values] of [['coverage', samples.coverage], ['gap ranking', samples.gaps], ['coverage + gap ranking', samples.both]] as const) {
      const p95 = percentile(values, 95)
      rows.push([
        name,
        ms(percentile(values, 50)),
        ms(p95),
        ms(joinP50),
        ratio(percentile(values, 50) / joinP50),
        name === 'coverage + gap ranking' ? judge(`CCTV coverage and gap ranking, ${CAMERAS} cameras: p95 ≤ ${TARGET_COVERAGE_MS} ms`, p95 <= TARGET_COVERAGE_MS) : '',
      ])
    }
    // Placement: the 2,000 busiest map points, 25 m off, as candidate sites.
    const sites = (await sqlPool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(q) AS lon, ST_Y(q) AS lat FROM (
         SELECT ST_Project(l.geom::geography, 25, radians(90))::geometry AS q FROM location_counts c JOIN locations l ON l.id = c.location_id
          WHERE c.category_id = 0 ORDER BY c.incidents DESC, c.location_id LIMIT $1) AS s`,
      [SITES],
    )).rows
    const place = async () => {
      const response = await app.inject({ method: 'POST', url: '/api/cctv/placement', headers: { cookie, 'x-csrf-token': csrfToken }, payload: { cameras: PLACED, sites } })
      if (response.statusCode !== 200) throw new Error(`POST /api/cctv/placement answered ${response.statusCode}: ${response.body}`)
      return response
    }
    const placed = (await place()).json()
    const placement: number[] = []
    for (let i = 0; i < 5; i++) placement.push((await timed(place)).ms)
    const p95 = percentile(placement, 95)
    placementRow = [
      `${PLACED} cameras over ${count(sites.length)} sites`,
      ms(percentile(placement, 50)),
      ms(p95),
      `uplift ${(100 * placed.uplift.harmShare).toFixed(1)} points of harm share`,
      judge(`CCTV placement of ${PLACED} cameras over ${count(SITES)} sites: p95 ≤ ${TARGET_PLACEMENT_MS} ms`, p95 <= TARGET_PLACEMENT_MS),
    ]
  } finally {
    await app.close()
    await sqlPool.end()
    await database.close()
  }
  heading(`CCTV coverage and gaps, ${CAMERAS} cameras over every real incident, vs the bare spatial join of map points and views`)
  table(['route', 'API p50', 'API p95', 'bare join p50', 'API/join p50', `p95 ≤ ${TARGET_COVERAGE_MS} ms`], rows)
  note(`${figures}; ${MEASURED} rounds after ${WARM_UP} warm-up, one request at a time; the gaps' Gi* and problem locations come from the analysis cache`)
  heading('CCTV placement (greedy maximal covering)')
  table(['case', 'API p50', 'API p95', 'result', `p95 ≤ ${TARGET_PLACEMENT_MS} ms`], [placementRow])
}
