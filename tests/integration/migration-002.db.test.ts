import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import zlib from 'node:zlib'
import { latLngToCell } from 'h3-js'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { prepareSchema } from '../../server/src/db/database.js'
import { migrationsDir, ensurePostgis } from '../../server/src/db/migrate.js'
import { APP_SCHEMA, createPool, poolConfig } from '../../server/src/db/pool.js'
import { importFiles } from '../../server/src/features/import/index.js'
import { validatePoliceUkRow, type PoliceUkRecord } from '../../server/src/features/import/police-uk/row.js'
import { countMismatches } from '../../server/src/features/counts/count-mismatches.js'
import { policeUkFile } from '../support/test-app.js'

// A database that holds incidents imported before migration 002 (as the importer of migration 001 stored them) must
// come through with every row, its point, wards, cells and counts, and with keys that still match its files.
let pool: pg.Pool
const MONTHS = ['2024-01', '2024-02']
const count = async (sql: string) => Number((await pool.query(sql)).rows[0].count)

/** The rows of a real file as migration 001's importer stored them: point geometry, res-11 cell, text key 'digest:ordinal'. */
async function insertAsBefore(month: string, batchId: number): Promise<number> {
  const lines = zlib.gunzipSync(await fs.readFile(policeUkFile(month))).toString('utf8').split('\n').filter(Boolean)
  const header = lines[0].split(',')
  const ordinals = new Map<string, number>()
  const rows: unknown[][] = [[], [], [], [], [], [], [], [], [], [], []]
  for (const line of lines.slice(1)) {
    const fields = line.split(',')
    const record = Object.fromEntries(header.map((name, index) => [name, fields[index]])) as PoliceUkRecord
    const result = validatePoliceUkRow(record)
    if (!result.ok) throw new Error(result.reason)
    const { incident } = result
    const ordinal = (ordinals.get(incident.identity) ?? 0) + 1
    ordinals.set(incident.identity, ordinal)
    const oldDigest = crypto.createHash('sha1').update(incident.identity).digest('base64url')
    const values = [
      `${oldDigest}:${ordinal}`, incident.category, `${incident.month}-01`, incident.crimeId, incident.location, incident.lsoaCode,
      incident.outcome, incident.lon, incident.lat, BigInt(`0x${latLngToCell(incident.lat!, incident.lon!, 11)}`).toString(),
      // Some wards, so that the migration has wards to carry over to the points.
      incident.lsoaCode?.endsWith('4') ? 'E05000001' : null,
    ]
    values.forEach((value, index) => rows[index].push(value))
  }
  await pool.query(
    `INSERT INTO incidents (source, source_key, batch_id, category, period_start, period_precision, crime_id, location_text,
                            lsoa_code, outcome, geom, ward_code, ward_match, h3)
     SELECT 'police.uk', k, $12, c, (m)::timestamp AT TIME ZONE 'Europe/London', 'month', ci, lt, ls, o,
            ST_SetSRID(ST_MakePoint(lon, lat), 4326), w, CASE WHEN w IS NULL THEN NULL ELSE 'contains' END, h3
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[],
                   $9::float8[], $10::bigint[], $11::text[]) AS r (k, c, m, ci, lt, ls, o, lon, lat, h3, w)`,
    [...rows, batchId],
  )
  return rows[0].length
}

let rowsBefore = 0
/** Every incident the database should hold: the rows from before the migration, plus any month a test added since. */
let rowsExpected = 0

beforeAll(async () => {
  const engine = inject('databaseEngine')
  pool = createPool(
    poolConfig(inject('databaseUrl'), { max: engine === 'embedded' ? 1 : 2, statementTimeoutMs: 300_000, sharedBackend: engine === 'embedded' }),
  )
  await pool.query(`DROP SCHEMA IF EXISTS ${APP_SCHEMA} CASCADE`)
  await pool.query(`CREATE SCHEMA ${APP_SCHEMA}`)
  await ensurePostgis(pool)
  // Migration 001 alone, recorded as the migrator records it.
  const foundation = await fs.readFile(path.join(migrationsDir, '001_foundation.sql'), 'utf8')
  await pool.query(`CREATE TABLE schema_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
  await pool.query(foundation)
  await pool.query(`INSERT INTO schema_migrations (name, checksum) VALUES ('001_foundation.sql', $1)`, [
    crypto.createHash('sha256').update(foundation).digest('hex'),
  ])
  for (const [index, month] of MONTHS.entries()) {
    const batch = await pool.query<{ id: number }>(
      `INSERT INTO import_batches (file_name, content_hash, kind, status, started_at) VALUES ($1, $2, 'police-uk-csv', 'committed', now()) RETURNING id`,
      [month, `old-${index}`],
    )
    rowsBefore += await insertAsBefore(month, batch.rows[0].id)
  }
  await prepareSchema(pool)
  rowsExpected = rowsBefore
})
afterAll(() => pool.end())

describe('migration 002 on incidents imported before it', () => {
  it('keeps every incident, each on the point it had, with its ward', async () => {
    expect(await count('SELECT count(*) FROM incidents')).toBe(rowsExpected)
    expect(await count('SELECT count(*) FROM incidents i LEFT JOIN locations l ON l.id = i.location_id WHERE l.id IS NULL')).toBe(0)
    expect(await count(`SELECT count(*) FROM locations WHERE ward_code = 'E05000001' AND ward_match = 'contains'`)).toBeGreaterThan(100)
    expect(await count(`SELECT count(*) FROM incidents i JOIN locations l ON l.id = i.location_id WHERE l.ward_code = 'E05000001'`)).toBeGreaterThan(1000)
  })

  it('gives every point the cells h3-js says contain it, after the migrator has run', async () => {
    const points = await pool.query<Record<string, string | number>>(
      `SELECT lon, lat, ${[6, 7, 8, 9, 10, 11].map((res) => `h3_to_string(h3_res${res}) AS res${res}`).join(', ')} FROM locations`,
    )
    expect(points.rows.length).toBeGreaterThan(1000)
    for (const point of points.rows) {
      for (const res of [6, 7, 8, 9, 10, 11]) expect(point[`res${res}`]).toBe(latLngToCell(point.lat as number, point.lon as number, res))
    }
  })

  it('counts every incident in location_counts', async () => {
    expect(await count('SELECT sum(incidents) AS count FROM location_counts WHERE category_id = 0')).toBe(rowsExpected)
  })

  it('counts every incident in every rollup (migration 008), by point, ward, month, category and place', async () => {
    expect(await count('SELECT sum(incidents) AS count FROM point_month_counts')).toBe(rowsExpected)
    expect(await count('SELECT sum(incidents) AS count FROM ward_month_counts')).toBe(rowsExpected)
    expect(await countMismatches(pool)).toEqual({ pointMonth: 0, wardMonth: 0, location: 0, day: 0, hour: 0 })
  })

  it('leaves keys that the importer computes again from the same files: re-importing them adds nothing', async () => {
    const again = await importFiles(pool, MONTHS.map(policeUkFile))
    expect(again.map((summary) => summary.status)).toEqual(['committed', 'committed'])
    expect(again.reduce((sum, summary) => sum + summary.rowsAdded, 0)).toBe(0)
    expect(await count('SELECT count(*) FROM incidents')).toBe(rowsExpected)
  })

  it('imports a new month on top, counting it too', async () => {
    const [summary] = await importFiles(pool, [policeUkFile('2024-03')])
    expect(summary.rowsAdded).toBeGreaterThan(7000)
    rowsExpected += summary.rowsAdded
    expect(await count('SELECT count(*) FROM incidents')).toBe(rowsExpected)
    expect(await count('SELECT sum(incidents) AS count FROM location_counts WHERE category_id = 0')).toBe(rowsExpected)
    expect(await countMismatches(pool)).toEqual({ pointMonth: 0, wardMonth: 0, location: 0, day: 0, hour: 0 })
    expect(await count('SELECT count(*) FROM (SELECT 1 FROM incidents GROUP BY source, source_key HAVING count(*) > 1) d')).toBe(0)
  })
})
