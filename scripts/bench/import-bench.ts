import fs from 'node:fs/promises'
import path from 'node:path'
import Papa from 'papaparse'
import type pg from 'pg'
import { APP_SCHEMA, createPool } from '../../server/src/db/pool.js'
import { demoDataFiles } from '../../server/src/demo-data.js'
import { openTextStream } from '../../server/src/features/import/import-source.js'
import { importFiles, type ImportSummary } from '../../server/src/features/import/import-files.js'
import { checkpoint, openBenchDatabase, resetAppSchema } from './bench-database.js'
import { copyFromStdin } from '../../server/src/db/copy-from-stdin.js'
import { count, heading, judge, note, progress, ratio, seconds, table } from './report.js'
import { timed } from './stats.js'

/** The rows in the 35 bundled police.uk files; every stage must land exactly these. */
export const DEMO_INCIDENT_ROWS = 269_438
const TARGET_RATIO_TO_COPY = 0.5

/** police.uk's street-level header, in file order: the bare table takes the rows as they are, all text. */
const POLICE_UK_HEADER = [
  'Crime ID', 'Month', 'Reported by', 'Falls within', 'Longitude', 'Latitude',
  'Location', 'LSOA code', 'LSOA name', 'Crime type', 'Last outcome category', 'Context',
]
const BARE_TABLE = `${APP_SCHEMA}.bench_police_uk_bare`
const UNNEST_BATCH_ROWS = 5000

export async function demoFilesByKind(): Promise<{ boundaries: string[]; policeUk: string[] }> {
  const files = await demoDataFiles()
  return { boundaries: files.filter((file) => file.endsWith('.geojson')), policeUk: files.filter((file) => file.endsWith('.csv.gz')) }
}

/** Reads every file once so no timed stage pays for the first read from disk. */
async function warmPageCache(files: string[]): Promise<void> {
  for (const file of files) await fs.readFile(file)
}

async function createBareTable(pool: pg.Pool): Promise<void> {
  await pool.query(`DROP TABLE IF EXISTS ${BARE_TABLE}`)
  await pool.query(`CREATE TABLE ${BARE_TABLE} (${POLICE_UK_HEADER.map((column) => `"${column}" text`).join(', ')})`)
}

/** The floor: the server parsing the decompressed CSV itself into a table with no index, key or check. */
async function copyIntoBareTable(pool: pg.Pool, files: string[]): Promise<number> {
  const client = await pool.connect()
  try {
    let rows = 0
    for (const file of files) {
      rows += await copyFromStdin(client, `COPY ${BARE_TABLE} FROM STDIN (FORMAT csv, HEADER true)`, openTextStream(file, true))
    }
    return rows
  } finally {
    client.release()
  }
}

/**
 * The same rows through the route a pg-only client has without COPY: Papa Parse in Node, then 5,000-row
 * `INSERT … SELECT FROM unnest(…)` batches, one transaction a file, as the app's staging does.
 */
async function insertUnnestIntoBareTable(pool: pg.Pool, files: string[]): Promise<number> {
  const insert = {
    name: 'bench.insert-bare-unnest',
    text: `INSERT INTO ${BARE_TABLE} SELECT * FROM unnest(${POLICE_UK_HEADER.map((_, index) => `$${index + 1}::text[]`).join(', ')})`,
  }
  const client = await pool.connect()
  try {
    let rows = 0
    for (const file of files) {
      await client.query('BEGIN')
      let columns: (string | null)[][] = POLICE_UK_HEADER.map(() => [])
      const flush = async () => {
        if (columns[0].length === 0) return
        rows += (await client.query({ ...insert, values: columns })).rowCount ?? 0
        columns = POLICE_UK_HEADER.map(() => [])
      }
      let isHeader = true
      const records = openTextStream(file, true, undefined, Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: true }))
      for await (const record of records as AsyncIterable<string[]>) {
        if (isHeader) {
          isHeader = false
          continue
        }
        // COPY's CSV format reads an unquoted empty field as NULL; match it.
        POLICE_UK_HEADER.forEach((_, index) => columns[index].push(record[index] || null))
        if (columns[0].length >= UNNEST_BATCH_ROWS) await flush()
      }
      await flush()
      await client.query('COMMIT')
    }
    return rows
  } finally {
    client.release()
  }
}

function rowsAdded(summaries: ImportSummary[]): number {
  const failed = summaries.filter((summary) => summary.status !== 'committed')
  if (failed.length > 0) throw new Error(`import did not commit ${failed.map((summary) => `${summary.file}: ${summary.message}`).join('; ')}`)
  return summaries.reduce((sum, summary) => sum + summary.rowsAdded, 0)
}

/** Boundaries, then the police files, through the app's own importer into a freshly migrated schema. */
export async function importDemoData(url: string): Promise<{ boundariesMs: number; policeMs: number; rows: number }> {
  const { boundaries, policeUk } = await demoFilesByKind()
  await resetAppSchema(url)
  const database = await openBenchDatabase(url)
  const pool = createPool(database.connection)
  try {
    await checkpoint(pool)
    const boundaryImport = await timed(() => importFiles(pool, boundaries))
    rowsAdded(boundaryImport.result)
    await checkpoint(pool)
    const policeImport = await timed(() => importFiles(pool, policeUk))
    return { boundariesMs: boundaryImport.ms, policeMs: policeImport.ms, rows: rowsAdded(policeImport.result) }
  } finally {
    await pool.end()
    await database.close()
  }
}

/**
 * What no importer can go below on this server: the rows the import stored, written again server-side into an empty
 * copy of `incidents` (same columns, same BRIN index; no client, no parsing, no keys looked up), and then the counts per
 * point and month that the analyses read, made from them as the importer makes them. Run on the imported schema.
 */
async function measureWriteFloor(url: string): Promise<{ rowsMs: number; countsMs: number }> {
  const database = await openBenchDatabase(url)
  const pool = createPool(database.connection)
  try {
    await pool.query('DROP TABLE IF EXISTS bench_incidents_floor, bench_point_month_counts_floor')
    await pool.query('CREATE TABLE bench_incidents_floor (LIKE incidents INCLUDING ALL)')
    await pool.query('CREATE TABLE bench_point_month_counts_floor (LIKE point_month_counts INCLUDING ALL)')
    await checkpoint(pool)
    const rows = await timed(() => pool.query('INSERT INTO bench_incidents_floor SELECT * FROM incidents'))
    const counts = await timed(() =>
      pool.query(`INSERT INTO bench_point_month_counts_floor (location_id, period_start, category_id, location_text, incidents)
                  SELECT i.location_id, i.period_start, k.id, i.location_text, count(*)::int
                    FROM bench_incidents_floor i JOIN incident_categories k ON k.name = i.category
                   GROUP BY i.location_id, i.period_start, k.id, i.location_text ORDER BY i.period_start`),
    )
    await pool.query('DROP TABLE bench_incidents_floor, bench_point_month_counts_floor')
    return { rowsMs: rows.ms, countsMs: counts.ms }
  } finally {
    await pool.end()
    await database.close()
  }
}

export async function runImportBench(url: string): Promise<void> {
  const { boundaries, policeUk } = await demoFilesByKind()
  await warmPageCache([...boundaries, ...policeUk])

  progress('import: COPY baseline')
  await resetAppSchema(url)
  const database = await openBenchDatabase(url)
  const pool = createPool(database.connection)
  let copy: { result: number; ms: number }
  let unnest: { result: number; ms: number }
  try {
    await createBareTable(pool)
    await checkpoint(pool)
    copy = await timed(() => copyIntoBareTable(pool, policeUk))
    await createBareTable(pool)
    await checkpoint(pool)
    progress('import: INSERT … unnest reference')
    unnest = await timed(() => insertUnnestIntoBareTable(pool, policeUk))
    await pool.query(`DROP TABLE ${BARE_TABLE}`)
  } finally {
    await pool.end()
    await database.close()
  }

  progress('import: Patrolmap importer (boundaries, then the police files)')
  const app = await importDemoData(url)
  progress('import: floor (the stored rows written again server-side)')
  const floor = await measureWriteFloor(url)

  for (const [stage, rows] of [['COPY', copy.result], ['INSERT … unnest', unnest.result], ['import', app.rows]] as const) {
    if (rows !== DEMO_INCIDENT_ROWS) throw new Error(`${stage} landed ${rows} rows, expected ${DEMO_INCIDENT_ROWS}`)
  }
  const rate = (rows: number, ms: number) => rows / (ms / 1000)
  const copyRate = rate(copy.result, copy.ms)
  const unnestRate = rate(unnest.result, unnest.ms)
  const appRate = rate(app.rows, app.policeMs)

  heading(`Import: ${policeUk.length} police.uk files (${count(DEMO_INCIDENT_ROWS)} rows) into a freshly reset schema, server PostgreSQL`)
  table(
    ['stage', 'rows', 'time', 'rows/s', 'vs COPY', 'target', 'result'],
    [
      ['COPY FROM STDIN (csv) → bare table, 12 text columns', count(copy.result), seconds(copy.ms), count(copyRate), ratio(1), '', ''],
      ['reference: Papa Parse + INSERT … unnest → same bare table', count(unnest.result), seconds(unnest.ms), count(unnestRate), ratio(unnestRate / copyRate), '', ''],
      [
        'Patrolmap importFiles (police files)',
        count(app.rows),
        seconds(app.policeMs),
        count(appRate),
        ratio(appRate / copyRate),
        `≥ ${ratio(TARGET_RATIO_TO_COPY)}`,
        judge('import ≥ 0.5× COPY', appRate / copyRate >= TARGET_RATIO_TO_COPY),
      ],
      [
        'floor: the stored rows written again server-side (INSERT … SELECT)',
        count(app.rows),
        seconds(floor.rowsMs),
        count(rate(app.rows, floor.rowsMs)),
        ratio(rate(app.rows, floor.rowsMs) / copyRate),
        '',
        '',
      ],
      [
        'floor + counts per point and month from them',
        count(app.rows),
        seconds(floor.rowsMs + floor.countsMs),
        count(rate(app.rows, floor.rowsMs + floor.countsMs)),
        ratio(rate(app.rows, floor.rowsMs + floor.countsMs) / copyRate),
        '',
        '',
      ],
    ],
  )
  note(`boundaries imported first (${boundaries.map((file) => path.basename(file)).join(', ')}): ${seconds(app.boundariesMs)}, not in the rate`)
  note('each file is one transaction in every stage; the gzip files are decompressed in Node in every stage')
  note('the floor lines have no client work at all: an importer that stores these rows, keyed and counted, cannot beat them')
}
