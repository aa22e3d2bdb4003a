import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoDataFiles } from '../../server/src/demo-data.js'
import type { ImportProgress, ImportSummary } from '../../server/src/features/import/index.js'
import { countMismatches } from '../../server/src/features/counts/count-mismatches.js'
import { policeUkFile, startTestApp, type TestApp } from '../support/test-app.js'

let testApp: TestApp
let firstImport: ImportSummary[]
const progress: ImportProgress[] = []
let scratch: string

const count = async (sql: string, values: unknown[] = []) => Number((await testApp.pool.query(sql, values)).rows[0].count)
const policeSummaries = (summaries: ImportSummary[]) => summaries.filter((summary) => summary.kind === 'police-uk-csv')
const sum = (summaries: ImportSummary[], key: 'rowsRead' | 'rowsAdded' | 'rowsRejected') => summaries.reduce((total, s) => total + s[key], 0)

/** Every rollup (point_month_counts, ward_month_counts, location_counts) against plain GROUP BYs over incidents. */
async function expectCountsExact(): Promise<void> {
  expect(await countMismatches(testApp.pool)).toEqual({ pointMonth: 0, wardMonth: 0, location: 0, day: 0, hour: 0 })
}

beforeAll(async () => {
  testApp = await startTestApp()
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'patrolmap-import-'))
  firstImport = await testApp.importFiles(await demoDataFiles(), { onProgress: (step) => progress.push(step) })
})
afterAll(async () => {
  await testApp.close()
  await fs.rm(scratch, { recursive: true, force: true })
})

describe('importing the 35 real police.uk files with the ONS boundaries', () => {
  it('reads 269,438 incident rows and rejects none', () => {
    const police = policeSummaries(firstImport)
    expect(police).toHaveLength(35)
    expect(police.every((summary) => summary.status === 'committed')).toBe(true)
    expect(sum(police, 'rowsRead')).toBe(269_438)
    expect(sum(police, 'rowsRejected')).toBe(0)
    expect(sum(police, 'rowsAdded')).toBe(269_438)
  })

  it('returns summaries of plain figures only, so that a run keeps none of its files in memory', () => {
    // A summary once carried the file's commit closure, and through it the file's segments: a run of 140 files at
    // 12× the data peaked at 1.2 GB of memory instead of ~0.4 GB.
    const fields = ['batchId', 'errors', 'file', 'kind', 'message', 'rowsAccepted', 'rowsAdded', 'rowsRead', 'rowsRejected', 'status']
    for (const summary of firstImport) expect(Object.keys(summary).sort(), summary.file).toEqual(fields)
  })

  it('reports progress that only moves forward, to every byte of every file', () => {
    expect(progress.length).toBeGreaterThan(37)
    for (const [index, step] of progress.entries()) {
      if (index === 0) continue
      expect(step.bytesRead).toBeGreaterThanOrEqual(progress[index - 1].bytesRead)
      expect(step.fileIndex).toBeGreaterThanOrEqual(progress[index - 1].fileIndex)
      if (step.fileIndex === progress[index - 1].fileIndex) expect(step.rowsRead).toBeGreaterThanOrEqual(progress[index - 1].rowsRead)
    }
    const last = progress[progress.length - 1]
    expect(last.bytesRead).toBe(last.bytesTotal)
    expect(last.fileIndex).toBe(last.fileCount - 1)
    expect(new Set(progress.map((step) => step.fileIndex)).size).toBe(last.fileCount)
  })

  it('stores every row, identical ASB rows included', async () => {
    expect(await count('SELECT count(*) FROM incidents')).toBe(269_438)
    expect(await count(`SELECT count(*) FROM incidents WHERE category = 'Anti-social behaviour'`)).toBe(50_402)
  })

  it('places 269,388 incidents in a ward, as a plain spatial join against whole wards does', async () => {
    expect(await count('SELECT count(*) FROM incidents i JOIN locations l ON l.id = i.location_id WHERE l.ward_code IS NOT NULL')).toBe(269_388)
    // Independent of ward_parts and ward_for_point: whole polygons, then any ward within 250 m.
    const plain = await count(`
      SELECT count(*) FROM incidents i JOIN locations l ON l.id = i.location_id
       WHERE EXISTS (SELECT 1 FROM wards w WHERE ST_Intersects(w.geom, l.geom))
          OR EXISTS (SELECT 1 FROM wards w WHERE ST_DWithin(w.geom::geography, l.geom::geography, 250))`)
    expect(plain).toBe(269_388)
  })

  it('counts Stockton-on-Tees ASB in 2023-01…2025-11: Town Centre 2,206, Mandale & Victoria 1,430', async () => {
    const byWard = await testApp.pool.query<{ name: string; count: number }>(`
      SELECT w.name, count(*)::int AS count FROM incidents i JOIN locations l ON l.id = i.location_id JOIN wards w ON w.code = l.ward_code
       WHERE w.council_name = 'Stockton-on-Tees' AND i.category = 'Anti-social behaviour'
         AND i.period_start >= '2023-01-01' AND i.period_start < '2025-12-01'
       GROUP BY w.name`)
    const counts = Object.fromEntries(byWard.rows.map((row) => [row.name, row.count]))
    expect(counts['Stockton Town Centre']).toBe(2206)
    expect(counts['Mandale & Victoria']).toBe(1430)
    // The same from a point-in-polygon join on the raw geometry (no stored ward).
    const contained = await count(`
      SELECT count(*) FROM incidents i JOIN locations l ON l.id = i.location_id JOIN wards w ON ST_Intersects(w.geom, l.geom)
       WHERE w.name = 'Stockton Town Centre' AND i.category = 'Anti-social behaviour'`)
    const nearest = await count(`SELECT count(*) FROM incidents i JOIN locations l ON l.id = i.location_id
       WHERE l.ward_match = 'nearest' AND l.ward_code = (SELECT code FROM wards WHERE name = 'Stockton Town Centre')
         AND i.category = 'Anti-social behaviour'`)
    expect(contained + nearest).toBe(2206)
  })

  it('keeps each of the 8,302 map points once, with the cells h3-js says contain it at resolutions 6 to 11', async () => {
    const { latLngToCell } = await import('h3-js')
    const points = await testApp.pool.query<Record<string, string | number>>(
      `SELECT lon, lat, ${[6, 7, 8, 9, 10, 11].map((res) => `h3_to_string(h3_res${res}) AS res${res}`).join(', ')} FROM locations`,
    )
    expect(points.rows).toHaveLength(8302)
    const mismatches = points.rows.flatMap((point) =>
      [6, 7, 8, 9, 10, 11].filter((res) => point[`res${res}`] !== latLngToCell(point.lat as number, point.lon as number, res)).map((res) => ({ ...point, res })),
    )
    expect(mismatches.slice(0, 5)).toEqual([])
    expect(await count('SELECT count(*) FROM incidents i LEFT JOIN locations l ON l.id = i.location_id WHERE l.id IS NULL')).toBe(0)
    expect(await count('SELECT count(*) FROM incidents i LEFT JOIN import_batches b ON b.id = i.batch_id WHERE b.id IS NULL')).toBe(0)
  })

  it('computes the same row keys as the SQL function migration 002 uses for rows imported before it', async () => {
    const mismatched = await count(`
      SELECT count(*) FROM (
        SELECT i.source_key, police_uk_incident_key(to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM'), i.crime_id,
                 l.lon, l.lat, i.location_text, i.lsoa_code, i.category,
                 row_number() OVER (PARTITION BY i.period_start, i.crime_id, l.id, i.location_text, i.lsoa_code, i.category ORDER BY i.id)::int) AS expected
          FROM incidents i JOIN locations l ON l.id = i.location_id) k
       WHERE source_key <> expected`)
    expect(mismatched).toBe(0)
  })

  it('counts every incident once in every rollup', async () => {
    await expectCountsExact()
  })

  it('records one committed batch per file with its counts', async () => {
    // The batches up to the first run's last: later tests add batches of their own.
    const lastBatch = Math.max(...firstImport.map((summary) => summary.batchId ?? 0))
    const batches = await testApp.pool.query(`SELECT kind, status, rows_read, rows_added FROM import_batches WHERE id <= $1 ORDER BY id`, [lastBatch])
    expect(batches.rows).toHaveLength(37)
    expect(batches.rows.every((row) => row.status === 'committed')).toBe(true)
  })
})

describe('hotspot analysis on the real data', () => {
  it('finds Stockton-on-Tees\u2019s top-ranked ASB problem location for 2023-01…2025-11 in Stockton Town Centre', async () => {
    const analyst = await testApp.signInAs('analyst')
    const response = await testApp.app.inject({
      method: 'GET',
      url: '/api/hotspots/problem-locations?res=9&lad=E06000004&categories=Anti-social%20behaviour&from=2023-01&to=2025-11&limit=5',
      headers: analyst.headers,
    })
    expect(response.statusCode, response.body).toBe(200)
    const [top] = response.json().locations
    expect(top.rank).toBe(1)
    expect(top.ward).toEqual({ code: 'E05014882', name: 'Stockton Town Centre' })
    // Its cells do lie in the ward: the ward of the map points inside them, by plain SQL.
    const wards = await testApp.pool.query(
      `SELECT l.ward_code, count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id
        WHERE i.category = 'Anti-social behaviour' AND h3_to_string(l.h3_res9) = ANY ($1)
          AND i.period_start >= '2023-01-01' AND i.period_start < '2025-12-01'
        GROUP BY 1 ORDER BY 2 DESC`,
      [top.cells],
    )
    expect(wards.rows[0].ward_code).toBe('E05014882')
  })
})

describe('importing again', () => {
  it('skips files already imported, by content hash', async () => {
    const again = await testApp.importFiles([policeUkFile('2024-03')])
    expect(again[0]).toMatchObject({ status: 'skipped', rowsAdded: 0 })
  })

  it('adds nothing when every file is read again', async () => {
    const again = await testApp.importFiles(await demoDataFiles(), { force: true })
    expect(sum(policeSummaries(again), 'rowsRead')).toBe(269_438)
    expect(sum(policeSummaries(again), 'rowsAdded')).toBe(0)
    expect(await count('SELECT count(*) FROM incidents')).toBe(269_438)
    expect(await count('SELECT count(*) FROM (SELECT 1 FROM incidents GROUP BY source, source_key HAVING count(*) > 1) d')).toBe(0)
  })

  it('adds nothing for the same rows in another file (uncompressed, so another hash)', async () => {
    const plain = path.join(scratch, '2025-02-plain.csv')
    await fs.writeFile(plain, zlib.gunzipSync(await fs.readFile(policeUkFile('2025-02'))))
    const [summary] = await testApp.importFiles([plain])
    expect(summary.status).toBe('committed')
    const original = firstImport.find((first) => first.file.endsWith('2025-02-cleveland-street.csv.gz'))!
    expect(summary.rowsRead).toBe(original.rowsRead)
    expect(summary.rowsAdded).toBe(0)
  })
})

describe('a file with a bad row', () => {
  const footprint = async () => ({
    incidents: await count('SELECT count(*) FROM incidents'),
    locations: await count('SELECT count(*) FROM locations'),
    counted: await count('SELECT coalesce(sum(incidents), 0) AS count FROM location_counts WHERE category_id = 0'),
    counts: await count('SELECT count(*) FROM location_counts'),
  })

  it('is rejected whole even after earlier rows were written, and leaves nothing in incidents, locations or counts', async () => {
    // Over 50,000 rows, so the first segment reaches the database before the bad row is read; relabelled months and
    // shifted points, so anything left behind would be countable.
    const months = ['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06', '2023-07', '2023-08']
    const lines: string[] = []
    for (const [index, month] of months.entries()) {
      const fileLines = zlib.gunzipSync(await fs.readFile(policeUkFile(month))).toString('utf8').split('\n').filter(Boolean)
      lines.push(...(index === 0 ? fileLines : fileLines.slice(1)))
    }
    const shifted = lines.map((line, index) => {
      if (index === 0) return line
      const fields = line.split(',')
      fields[1] = fields[1].replace('2023-', '2031-')
      fields[4] = (Number(fields[4]) + 0.0001).toFixed(6)
      return fields.join(',')
    })
    expect(shifted.length).toBeGreaterThan(60_001)
    shifted[60_000] = shifted[60_000].replace(/,2031-\d\d,/, ',2031-13,')
    const large = path.join(scratch, 'large-corrupt.csv')
    await fs.writeFile(large, shifted.join('\n') + '\n')
    const before = await footprint()

    const [summary] = await testApp.importFiles([large])

    expect(summary.status).toBe('rejected')
    expect(summary.errors).toEqual([expect.objectContaining({ row: 60_001, reason: "Month '2031-13' is not a month like 2024-07" })])
    expect(await footprint()).toEqual(before)
    expect(await count(`SELECT count(*) FROM incidents WHERE period_start >= '2031-01-01'`)).toBe(0)
  })

  it('is rejected whole, naming the row, and leaves nothing behind', async () => {
    const lines = zlib.gunzipSync(await fs.readFile(policeUkFile('2024-06'))).toString('utf8').split('\n')
    // A fresh month label, so any row that slipped through would be countable; line index 4000 is spreadsheet row 4001.
    const edited = lines.map((line, index) => (index > 0 && line ? line.replace(',2024-06,', ',2030-06,') : line))
    const fields = edited[4000].split(',')
    fields[5] = 'not-a-latitude'
    edited[4000] = fields.join(',')
    const corrupt = path.join(scratch, 'corrupt.csv')
    await fs.writeFile(corrupt, edited.join('\n'))
    const before = await count('SELECT count(*) FROM incidents')
    const footprintBefore = await footprint()

    const [summary] = await testApp.importFiles([corrupt])

    expect(summary.status).toBe('rejected')
    expect(summary.rowsRejected).toBe(1)
    expect(summary.errors).toEqual([expect.objectContaining({ row: 4001, reason: "Latitude 'not-a-latitude' is not a number" })])
    expect(summary.message).toMatch(/nothing from this file was imported/)
    expect(await count('SELECT count(*) FROM incidents')).toBe(before)
    expect(await count(`SELECT count(*) FROM incidents WHERE period_start >= '2030-01-01'`)).toBe(0)
    expect(await footprint()).toEqual(footprintBefore)
    const batch = await testApp.pool.query(`SELECT status, rows_rejected, errors FROM import_batches WHERE id = $1`, [summary.batchId])
    expect(batch.rows[0]).toMatchObject({ status: 'rejected', rows_rejected: 1 })
    expect(batch.rows[0].errors[0]).toMatchObject({ row: 4001 })
  })

  it('rejects a truncated gzip file with a clear message', async () => {
    const bytes = await fs.readFile(policeUkFile('2024-07'))
    const truncated = path.join(scratch, 'truncated.csv.gz')
    await fs.writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)))
    const [summary] = await testApp.importFiles([truncated])
    expect(summary.status).toBe('rejected')
    expect(summary.message).toMatch(/unexpected end of file/i)
  })

  it('rejects a file that is not police.uk or ONS data, naming what it expected', async () => {
    const other = path.join(scratch, 'other.csv')
    await fs.writeFile(other, 'name,value\na,1\n')
    const [summary] = await testApp.importFiles([other])
    expect(summary).toMatchObject({ status: 'rejected', kind: null })
    expect(summary.message).toMatch(/police\.uk street-level CSV/)
  })
})
