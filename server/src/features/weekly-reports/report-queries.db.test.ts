// The report's queries read the count rollups: a month's counts, places, map cells and CCTV share from the month
// rollups, a week's counts, the sources' dates, whether a ward has dated records and where the data start from the day
// rollup. Each answers exactly as the plain SQL over incidents it replaced, for every ward, for months and weeks, with
// police.uk months and a timed log whose records sit at the edges of UK months and weeks, after corrections too.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, policeUkFile, startTestApp, type TestApp } from '../../../../tests/support/test-app.js'
import { loadQuery } from '../../lib/sql-file.js'
import { importMappedFile } from '../import/mapped/import-mapped.js'
import { findProfile, insertProfile } from '../import/mapped/profile-store.js'
import { periodDates, shiftPeriod } from './periods.js'

const queries = Object.fromEntries(
  ['period-counts', 'top-locations', 'map-cells', 'cctv-cover', 'ward-sources', 'ward-timed', 'data-start'].map((name) => [name, loadQuery(import.meta.url, `${name}.sql`)]),
)

// The queries as they were before they read the rollups (commit fabc717), word for word.
const REPLACED = {
  'period-counts': `
WITH periods AS (
  SELECT p.ord::int AS ord, p.first_day::timestamp AT TIME ZONE 'Europe/London' AS start_at,
         p.end_day::timestamp AT TIME ZONE 'Europe/London' AS end_at
    FROM unnest($2::date[], $3::date[]) WITH ORDINALITY AS p (first_day, end_day, ord)
)
SELECT p.ord, i.category, count(*)::int AS count
  FROM locations l
  JOIN incidents i ON i.location_id = l.id
  JOIN periods p ON i.period_start >= p.start_at AND i.period_start < p.end_at
 WHERE l.ward_code = $1
   AND ($4 = 'month' OR i.period_precision <> 'month')
 GROUP BY p.ord, i.category`,
  'top-locations': `
WITH bounds AS (
  SELECT $4::date::timestamp AT TIME ZONE 'Europe/London' AS before_at, $2::date::timestamp AT TIME ZONE 'Europe/London' AS start_at,
         $3::date::timestamp AT TIME ZONE 'Europe/London' AS end_at
)
SELECT i.location_text AS name,
       count(*) FILTER (WHERE i.period_start >= b.start_at)::int AS count,
       count(*) FILTER (WHERE i.period_start < b.start_at)::int AS previous,
       round(avg(l.lon) FILTER (WHERE i.period_start >= b.start_at)::numeric, 5)::float8 AS lon,
       round(avg(l.lat) FILTER (WHERE i.period_start >= b.start_at)::numeric, 5)::float8 AS lat
  FROM bounds b
  JOIN locations l ON l.ward_code = $1
  JOIN incidents i ON i.location_id = l.id AND i.period_start >= b.before_at AND i.period_start < b.end_at
 WHERE i.location_text IS NOT NULL AND i.location_text <> ''
   AND ($5 = 'month' OR i.period_precision <> 'month')
 GROUP BY i.location_text`,
  'map-cells': `
SELECT to_hex(l.h3_res8) AS cell, count(*)::int AS count
  FROM locations l
  JOIN incidents i ON i.location_id = l.id
 WHERE l.ward_code = $1
   AND i.period_start >= $2::date::timestamp AT TIME ZONE 'Europe/London'
   AND i.period_start < $3::date::timestamp AT TIME ZONE 'Europe/London'
   AND ($4 = 'month' OR i.period_precision <> 'month')
   AND l.h3_res8 IS NOT NULL
 GROUP BY l.h3_res8`,
  'cctv-cover': `
WITH points AS (
  SELECT l.id, l.geom, count(*)::int AS incidents
    FROM locations l
    JOIN incidents i ON i.location_id = l.id
   WHERE l.ward_code = $1
     AND i.period_start >= $2::date::timestamp AT TIME ZONE 'Europe/London'
     AND i.period_start < $3::date::timestamp AT TIME ZONE 'Europe/London'
     AND ($4 = 'month' OR i.period_precision <> 'month')
   GROUP BY l.id
)
SELECT coalesce(sum(p.incidents), 0)::int AS incidents,
       coalesce(sum(p.incidents) FILTER (WHERE EXISTS (SELECT 1 FROM cameras c WHERE c.status = 'working' AND ST_Intersects(c.view_geom, p.geom))), 0)::int AS covered,
       (SELECT count(*)::int FROM cameras c WHERE c.status = 'working' AND c.ward_code = $1) AS cameras
  FROM points p`,
  'ward-sources': `
SELECT i.source,
       to_char(min(i.period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS first_day,
       to_char(max(i.period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS last_day,
       bool_and(i.period_precision = 'month') AS months_only,
       count(*)::int AS rows
  FROM locations l
  JOIN incidents i ON i.location_id = l.id
 WHERE l.ward_code = $1
   AND i.period_start >= $2::date::timestamp AT TIME ZONE 'Europe/London'
   AND i.period_start < $3::date::timestamp AT TIME ZONE 'Europe/London'
 GROUP BY i.source
 ORDER BY i.source`,
  // Was part of ward-facts.sql.
  'ward-timed': `
SELECT EXISTS (SELECT 1 FROM locations l JOIN incidents i ON i.location_id = l.id
                WHERE l.ward_code = $1 AND i.period_precision <> 'month'
                  AND i.period_start >= $2::date::timestamp AT TIME ZONE 'Europe/London'
                  AND i.period_start < $3::date::timestamp AT TIME ZONE 'Europe/London') AS timed`,
  'data-start': `
SELECT to_char(min(i.period_start) AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS first_day
  FROM incidents i
 WHERE $1 = 'month' OR i.period_precision <> 'month'`,
} as const

let testApp: TestApp
let scratch: string
let wards: string[]
let timedWards: string[]
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows

/** Rows in one order, so two answers compare whatever order each query returned them in. */
const sorted = (rows: Record<string, unknown>[]) => rows.map((row) => JSON.stringify(row)).sort()

/** Each query's parameters for a ward and a period, as build-report.ts passes them. */
function parameters(ward: string, period: string): Record<keyof typeof REPLACED, unknown[]> {
  const kind = period.includes('-W') ? 'week' : 'month'
  const dates = Array.from({ length: 12 }, (_, back) => periodDates(shiftPeriod(period, -back)))
  const { start, end } = dates[0]
  return {
    'period-counts': [ward, dates.map((each) => each.start), dates.map((each) => each.end), kind],
    'top-locations': [ward, start, end, dates[1].start, kind],
    'map-cells': [ward, start, end, kind],
    'cctv-cover': [ward, start, end, kind],
    // As build-report.ts: a week's sources over the months it touches, a month's over the trend's 12 months.
    'ward-sources': [ward, kind === 'week' ? `${start.slice(0, 7)}-01` : dates[11].start, end],
    'ward-timed': [ward, dates[11].start, end],
    'data-start': [kind],
  }
}

async function expectSameAsReplaced(ward: string, period: string) {
  const values = parameters(ward, period)
  for (const name of Object.keys(REPLACED) as (keyof typeof REPLACED)[]) {
    const now = await testApp.pool.query({ ...queries[name], values: values[name] })
    const before = await testApp.pool.query(REPLACED[name], values[name])
    expect(sorted(now.rows), `${name}, ${ward}, ${period}`).toEqual(sorted(before.rows))
  }
}

beforeAll(async () => {
  testApp = await startTestApp({ data: [...boundaryFiles, policeUkFile('2024-01'), policeUkFile('2024-02'), policeUkFile('2024-03')] })
  wards = (await sql('SELECT code FROM wards ORDER BY code')).map((row) => row.code)
  // A timed log across eight wards: records at the first and last minutes of UK days at the edges of months (GMT and
  // BST: 31 March 2024 is the change) and of ISO weeks, so a record an hour off its UK date would land in the wrong
  // period of one query but not the other.
  const points = await sql(`SELECT code, ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM wards ORDER BY code LIMIT 8`)
  timedWards = points.map((row) => row.code)
  const times = ['2024-01-01T00:05', '2024-01-31T23:55', '2024-02-01T00:05', '2024-02-04T23:55', '2024-02-05T00:05', '2024-02-29T23:30', '2024-03-01T00:30', '2024-03-31T00:30', '2024-03-31T23:55', '2024-04-01T00:05']
  const lines = ['id,when,x,y,kind,place']
  let id = 0
  for (const [index, point] of points.entries()) {
    for (const time of times) {
      for (let copy = 0; copy <= index % 3; copy += 1) {
        id += 1
        const offset = (id % 4) * 0.0003
        lines.push(`${id},${time},${(point.lon + offset).toFixed(6)},${(point.lat + offset).toFixed(6)},${id % 5 === 0 ? 'other' : 'noise'},${id % 7 === 0 ? '' : `Place ${id % 4}`}`)
      }
    }
  }
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'patrolmap-report-queries-'))
  fs.writeFileSync(path.join(scratch, 'edges.csv'), lines.join('\n') + '\n')
  await insertProfile(testApp.pool, {
    name: 'report-queries-test', title: 'Report queries test',
    mapping: {
      source: 'Edge log', reference: ['id'], when: { date: 'when', format: 'iso8601', time: { kind: 'in-date' } },
      position: { kind: 'lonlat', lon: 'x', lat: 'y' }, address: 'place', category: { column: 'kind', map: { noise: 'Anti-social behaviour' }, default: 'Public order' },
    },
  })
  const imported = await importMappedFile(testApp.pool, path.join(scratch, 'edges.csv'), (await findProfile(testApp.pool, 'report-queries-test'))!)
  expect(imported.status, imported.message).toBe('committed')
})

afterAll(async () => {
  await testApp.close()
  fs.rmSync(scratch, { recursive: true, force: true })
})

describe('the report queries against the plain SQL they replaced', () => {
  it('answer the same for every ward and month, timed records included', async () => {
    const [{ n: timed }] = await sql(`SELECT count(*)::int AS n FROM incidents WHERE period_precision <> 'month'`)
    expect(timed).toBeGreaterThan(100)
    for (const ward of wards) for (const month of ['2024-01', '2024-02', '2024-03', '2024-04']) await expectSameAsReplaced(ward, month)
  })

  it('answer the same after incidents are corrected and deleted (the rollups hold deltas)', async () => {
    // A correction moves records to another month and category; a deletion takes some away: both append rows.
    await sql(`UPDATE incidents SET period_start = period_start - interval '1 month', category = 'Public order'
                WHERE period_precision = 'minute' AND id % 3 = 0`)
    await sql(`DELETE FROM incidents WHERE period_precision = 'month' AND id % 11 = 0`)
    // One ward's dated records all withdrawn: its rows in the day rollup cancel out, and it has months only again.
    await sql(`DELETE FROM incidents i USING locations l WHERE l.id = i.location_id AND l.ward_code = $1 AND i.period_precision <> 'month'`, [timedWards[0]])
    expect((await testApp.pool.query({ ...queries['ward-timed'], values: [timedWards[0], '2023-01-01', '2025-01-01'] })).rows).toEqual([{ timed: false }])
    for (const ward of [...timedWards, wards.at(-1)!]) for (const month of ['2023-12', '2024-01', '2024-02', '2024-03', '2024-04']) await expectSameAsReplaced(ward, month)
  })

  it('answer the same for weeks', async () => {
    for (const ward of timedWards) for (const week of ['2024-W01', '2024-W05', '2024-W06', '2024-W09', '2024-W13', '2024-W14']) await expectSameAsReplaced(ward, week)
  })
})
