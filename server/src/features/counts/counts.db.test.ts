// The one count model against plain SQL after every kind of change to incidents: an import, INSERT, UPDATE of
// category, month and point, DELETE, timed rows (moved in time, made less precise, removed), new boundaries moving
// points between wards, and a rolled-back transaction. After
// each, every rollup equals a plain GROUP BY over incidents ⋈ locations, and the routes that read them answer as plain
// SQL over incidents does.
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, policeUkFile, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import { countMismatches } from './count-mismatches.js'
import { settleCounts } from './settle-counts.js'

const ASB = 'Anti-social behaviour'
const STOCKTON = 'E06000004'

let testApp: TestApp
let analyst: SignedIn
let scratch: string

const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const json = async (url: string) => {
  const response = await testApp.app.inject({ method: 'GET', url, headers: analyst.headers })
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200)
  return response.json()
}
const version = async () => Number((await sql('SELECT version FROM count_version'))[0].version)
const monthOf = `to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM')`

/** Every rollup exact, and every count route as plain SQL over incidents ⋈ locations answers. */
async function expectExact(): Promise<void> {
  expect(await countMismatches(testApp.pool)).toEqual({ pointMonth: 0, wardMonth: 0, location: 0, day: 0, hour: 0 })
  const [span] = await sql(`SELECT min(${monthOf}) AS "from", max(${monthOf}) AS "to" FROM incidents i`)
  const [ward] = await sql(`SELECT l.ward_code AS code FROM incidents i JOIN locations l ON l.id = i.location_id
                             WHERE l.ward_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`)

  for (const [query, where, values] of [
    ['', 'true', []],
    [`?from=${span.from}&to=${span.from}&categories=${encodeURIComponent(ASB)}`, `${monthOf} = $1 AND i.category = $2`, [span.from, ASB]],
    [`?ward=${ward.code}&to=${span.from}`, `${monthOf} <= $1 AND l.ward_code = $2`, [span.from, ward.code]],
  ] as [string, string, unknown[]][]) {
    const summary = await json(`/api/summary${query}`)
    const [totals] = await sql(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE l.ward_code IS NULL AND i.location_id IS NOT NULL)::int AS outside,
              count(*) FILTER (WHERE i.location_id IS NULL)::int AS without
         FROM incidents i LEFT JOIN locations l ON l.id = i.location_id WHERE ${where}`, values)
    const byWard = query.includes('ward=')
    expect([summary.total, summary.outsideArea, summary.withoutLocation], query).toEqual([totals.total, byWard ? 0 : totals.outside, byWard ? 0 : totals.without])
    expect(summary.period).toEqual(span)
    const months = await sql(`SELECT ${monthOf} AS month, count(*)::int AS count FROM incidents i LEFT JOIN locations l ON l.id = i.location_id
                               WHERE ${where} GROUP BY 1 ORDER BY 1`, values)
    expect(summary.months, query).toEqual(months)
  }
  const categories = await sql(`SELECT category, count(*)::int AS count FROM incidents GROUP BY 1 ORDER BY count DESC, category`)
  expect((await json('/api/summary')).categories).toEqual(categories)

  const wards = await json(`/api/wards?categories=${encodeURIComponent(ASB)}`)
  const wardCounts = await sql(`SELECT w.code, count(i.id)::int AS count FROM wards w
                                  LEFT JOIN locations l ON l.ward_code = w.code LEFT JOIN incidents i ON i.location_id = l.id AND i.category = $1
                                 GROUP BY w.code`, [ASB])
  expect(new Map(wards.features.map((f: { properties: { code: string; count: number } }) => [f.properties.code, f.properties.count])))
    .toEqual(new Map(wardCounts.map((row) => [row.code, row.count])))

  for (const query of ['res=10', `res=10&categories=${encodeURIComponent(ASB)}`, `res=9&from=${span.to}&to=${span.to}`]) {
    const hexes: { h3: string; count: number }[] = await json(`/api/hexes?${query}`)
    const where = query.includes('ASB') || query.includes('categories') ? 'i.category = $1' : query.includes('from') ? `${monthOf} = $1` : '$1::text IS NULL'
    const value = query.includes('categories') ? ASB : query.includes('from') ? span.to : null
    const column = query.startsWith('res=9') ? 'h3_res9' : 'h3_res10'
    const expected = await sql(`SELECT h3_to_string(l.${column}) AS h3, count(*)::int AS count FROM incidents i JOIN locations l ON l.id = i.location_id
                                 WHERE ${where} GROUP BY 1`, [value])
    expect(new Map(hexes.map((cell) => [cell.h3, cell.count])), query).toEqual(new Map(expected.map((row) => [row.h3, row.count])))
  }

  const top = await json(`/api/hotspots/top-wards?from=${span.to}&to=${span.to}&lad=${STOCKTON}&limit=100`)
  const [previous] = await sql(`SELECT to_char(to_date($1, 'YYYY-MM') - interval '1 month', 'YYYY-MM') AS month`, [span.to])
  const expectedTop = await sql(
    `SELECT w.code, count(i.id) FILTER (WHERE ${monthOf} = $1)::int AS now, count(i.id) FILTER (WHERE ${monthOf} = $2)::int AS before
       FROM wards w LEFT JOIN locations l ON l.ward_code = w.code LEFT JOIN incidents i ON i.location_id = l.id
      WHERE w.council_code = $3 GROUP BY w.code`, [span.to, previous.month, STOCKTON])
  expect(new Map(top.wards.map((w: { code: string; incidents: number; previous: number }) => [w.code, [w.incidents, w.previous]])))
    .toEqual(new Map(expectedTop.filter((row) => top.wards.some((w: { code: string }) => w.code === row.code)).map((row) => [row.code, [row.now, row.before]])))

  // Demand by weekday × hour, its weekly trend and what it left out (the day and hour rollups), as plain SQL over
  // incidents computes them in London time, for every source and for the timed one in the first month and the ward.
  for (const [query, where, values] of [
    ['', 'true', []],
    [`&source=${encodeURIComponent(TIMED_SOURCE)}&from=${span.from}&to=${span.from}`, `i.source = $1 AND ${monthOf} = $2`, [TIMED_SOURCE, span.from]],
    [`&ward=${ward.code}&categories=${encodeURIComponent(ASB)}`, 'l.ward_code = $1 AND i.category = $2', [ward.code, ASB]],
  ] as [string, string, unknown[]][]) {
    const body = await json(`/api/time-patterns/demand?windowFrom=0&windowTo=7${query}`)
    const local = `(i.period_start AT TIME ZONE 'Europe/London')`
    const cells = await sql(`SELECT to_char(${local}, 'ID')::int - 1 AS d, to_char(${local}, 'HH24')::int AS h, count(*)::int AS n
                               FROM incidents i LEFT JOIN locations l ON l.id = i.location_id
                              WHERE i.period_precision = 'minute' AND ${where} GROUP BY 1, 2`, values)
    const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
    for (const cell of cells) grid[cell.d][cell.h] = cell.n
    expect(body.grid, query).toEqual(grid)
    const [left] = await sql(`SELECT count(*)::int AS n FROM incidents i LEFT JOIN locations l ON l.id = i.location_id
                               WHERE i.period_precision <> 'minute' AND ${where}`, values)
    expect(body.leftOut, query).toBe(left.n)
    const weeks = await sql(`SELECT to_char(${local}::date - (extract(isodow FROM ${local})::int - 1), 'YYYY-MM-DD') AS week, count(*)::int AS incidents
                               FROM incidents i LEFT JOIN locations l ON l.id = i.location_id
                              WHERE i.period_precision <> 'month' AND ${where} GROUP BY 1`, values)
    const counted = new Map(weeks.map((row) => [row.week, row.incidents]))
    expect(body.weeks.filter((week: { incidents: number }) => week.incidents > 0).map((week: { week: string; incidents: number }) => [week.week, week.incidents]), query)
      .toEqual([...counted].sort(([a], [b]) => a.localeCompare(b)))
  }

  const { locations } = await json(`/api/hotspots/problem-locations?res=9&lad=${STOCKTON}&limit=100`)
  for (const location of locations as { cells: string[]; incidents: number }[]) {
    const [counted] = await sql(`SELECT count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id
                                  WHERE h3_to_string(l.h3_res9) = ANY ($1)`, [location.cells])
    expect(location.incidents).toBe(counted.n)
  }
}

const INSERTED = `INSERT INTO incidents (source, source_key, batch_id, category, period_start, period_precision, location_id, location_text)
  SELECT 'test', decode(md5(i.id::text || $1), 'hex'), i.batch_id, $2, i.period_start, 'month', i.location_id, i.location_text
    FROM incidents i ORDER BY i.id LIMIT $3`

// Timed rows made from police.uk ones: the same point and category, at a minute up to 31 days into its month (so
// across the clocks going forward on 31 March 2024), every fifth known to the day only (stored at London midnight).
const TIMED_SOURCE = 'timed test'
const TIMED = `INSERT INTO incidents (source, source_key, batch_id, category, period_start, period_precision, location_id, location_text)
  SELECT '${TIMED_SOURCE}', decode(md5(i.id::text || $1), 'hex'), i.batch_id, i.category,
         CASE WHEN i.id % 5 = 0 THEN date_trunc('day', t.at, 'Europe/London') ELSE t.at END,
         CASE WHEN i.id % 5 = 0 THEN 'day' ELSE 'minute' END, i.location_id, i.location_text
    FROM incidents i CROSS JOIN LATERAL (SELECT i.period_start + make_interval(mins => (i.id * 7919 % 44640)::int) AS at) AS t
   WHERE i.source = 'police.uk' ORDER BY i.id LIMIT $2`

beforeAll(async () => {
  testApp = await startTestApp()
  analyst = await testApp.signInAs('analyst')
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'patrolmap-counts-'))
  await testApp.importFiles([...boundaryFiles, policeUkFile('2024-02'), policeUkFile('2024-03')])
})

afterAll(async () => {
  await testApp.close()
  await fs.rm(scratch, { recursive: true, force: true })
})

describe('the count model', () => {
  it('is exact after an import', async () => {
    expect(Number((await sql('SELECT count(*) FROM point_month_counts'))[0].count)).toBeGreaterThan(1000)
    await expectExact()
  })

  it('is exact after an INSERT, with a category and rows without a point it has not seen', async () => {
    const before = await version()
    await sql(INSERTED, ['a', 'Fly-tipping', 40])
    await sql(`INSERT INTO incidents (source, source_key, batch_id, category, period_start, period_precision, location_id)
               SELECT 'test', '\\x01'::bytea, batch_id, 'Drugs', period_start, 'month', NULL FROM incidents LIMIT 1`)
    expect(await version()).toBeGreaterThan(before)
    await expectExact()
  })

  it('is exact after timed rows are added, their times moved (across the clock change), made less precise, and removed', async () => {
    await sql(TIMED, ['t', 3000])
    expect(Number((await sql(`SELECT count(*) FROM hour_counts`))[0].count)).toBeGreaterThan(500)
    await expectExact()
    await sql(`UPDATE incidents SET period_start = period_start + interval '90 minutes' WHERE source = $1 AND period_precision = 'minute' AND id % 3 = 0`, [TIMED_SOURCE])
    await sql(`UPDATE incidents SET period_precision = 'day', period_start = date_trunc('day', period_start, 'Europe/London') WHERE source = $1 AND period_precision = 'minute' AND id % 4 = 0`, [TIMED_SOURCE])
    await expectExact()
    await sql(`DELETE FROM incidents WHERE source = $1 AND id % 6 = 0`, [TIMED_SOURCE])
    await expectExact()
  })

  it('is exact after UPDATEs of category, month and point, and one that changes nothing counted', async () => {
    let before = await version()
    await sql(`UPDATE incidents SET category = 'Burglary' WHERE id IN (SELECT id FROM incidents WHERE category = $1 ORDER BY id LIMIT 500)`, [ASB])
    expect(await version()).toBeGreaterThan(before)
    await expectExact()
    await sql(`UPDATE incidents SET period_start = period_start - interval '1 month' WHERE id % 7 = 0`)
    await expectExact()
    await sql(`UPDATE incidents SET location_id = (SELECT min(id) FROM locations), location_text = 'On or near Moved Street' WHERE id % 11 = 0`)
    await sql(`UPDATE incidents SET location_id = NULL WHERE id % 13 = 0`)
    await expectExact()
    before = await version()
    await sql(`UPDATE incidents SET outcome = 'Under investigation' WHERE id % 5 = 0`)
    expect(await version()).toBe(before)
  })

  it('is exact after a DELETE; compaction then folds each key into one row and drops keys at 0, every count kept', async () => {
    await sql(`DELETE FROM incidents WHERE category = 'Fly-tipping' OR id % 3 = 0`)
    await expectExact()
    // Changes append signed rows (migration 009): keys with several rows, or adding up to 0, until compacted.
    const piled = async () => Number((await sql(`
      SELECT (SELECT count(*) FROM (SELECT FROM point_month_counts GROUP BY category_id, period_start, location_id, location_text HAVING count(*) > 1 OR sum(incidents) = 0) AS p)
           + (SELECT count(*) FROM (SELECT FROM ward_month_counts GROUP BY category_id, period_start, ward_code, has_location HAVING count(*) > 1 OR sum(incidents) = 0) AS w)
           + (SELECT count(*) FROM (SELECT FROM location_counts GROUP BY category_id, location_id HAVING count(*) > 1 OR sum(incidents) = 0) AS l)
           + (SELECT count(*) FROM (SELECT FROM day_counts GROUP BY source, period_start, every_ward, ward_code, category_id, precision, day HAVING count(*) > 1 OR sum(incidents) = 0) AS d)
           + (SELECT count(*) FROM (SELECT FROM hour_counts GROUP BY source, period_start, every_ward, ward_code, category_id, weekday, hour HAVING count(*) > 1 OR sum(incidents) = 0) AS h) AS n`))[0].n)
    expect(await piled()).toBeGreaterThan(0)
    await settleCounts(testApp.pool)
    expect(await piled()).toBe(0)
    await expectExact()
  })

  it('moves counts between wards when new boundaries place points in other wards', async () => {
    const wards = JSON.parse(await fs.readFile(boundaryFiles[1], 'utf8'))
    const [a, b] = [wards.features[0], wards.features[1]]
    ;[a.geometry, b.geometry] = [b.geometry, a.geometry]
    const file = path.join(scratch, 'wards-swapped.geojson')
    await fs.writeFile(file, JSON.stringify(wards))
    const before = await sql(`SELECT ward_code, count(*)::int AS n FROM locations WHERE ward_code IN ($1, $2) GROUP BY 1 ORDER BY 1`, [a.properties.WD23CD, b.properties.WD23CD])
    const [summary] = await testApp.importFiles([file])
    expect(summary.status).toBe('committed')
    const after = await sql(`SELECT ward_code, count(*)::int AS n FROM locations WHERE ward_code IN ($1, $2) GROUP BY 1 ORDER BY 1`, [a.properties.WD23CD, b.properties.WD23CD])
    expect(after).not.toEqual(before)
    await expectExact()
  })

  it('is unchanged by a rolled-back transaction', async () => {
    const before = { version: await version(), counts: await sql('SELECT * FROM ward_month_counts ORDER BY ward_code, has_location, period_start, category_id, incidents') }
    const client = await testApp.pool.connect()
    try {
      await client.query('BEGIN')
      await client.query(INSERTED, ['b', ASB, 100])
      await client.query('DELETE FROM incidents WHERE id % 4 = 0')
      expect(await countMismatches(client)).toEqual({ pointMonth: 0, wardMonth: 0, location: 0, day: 0, hour: 0 })
      await client.query('ROLLBACK')
    } finally {
      client.release()
    }
    expect(await version()).toBe(before.version)
    expect(await sql('SELECT * FROM ward_month_counts ORDER BY ward_code, has_location, period_start, category_id, incidents')).toEqual(before.counts)
    await expectExact()
  })
})
