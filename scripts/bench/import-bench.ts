import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import Papa from 'papaparse'
import type pg from 'pg'
import { APP_SCHEMA, createPool } from '../../server/src/db/pool.js'
import { demoDataFiles } from '../../server/src/demo-data.js'
import { openTextStream } from '../../server/src/features/import/sources/import-source.js'
import { importFiles, type ImportSummary } from '../../server/src/features/import/index.js'
import { checkpoint, openBenchDatabase, resetAppSchema } from './bench-database.js'
import { copyFromStdin } from '../../server/src/db/copy-from-stdin.js'
import { count, heading, judge, note, progress, ratio, seconds, table } from './report.js'
import { cpuSince, cpuTimes, type CpuTimes } from './cpu.js'
import { median, timed } from './stats.js'

/** The rows in the 35 bundled police.uk files; every stage must land exactly these. */
export const DEMO_INCIDENT_ROWS = 269_438
const TARGET_RATIO_TO_COPY = 0.5
/** Runs of each fast stage; the figures are their medians (one run swings by a third on a shared machine). */
const RUNS = 3

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
export async function importDemoData(url: string): Promise<{ boundariesMs: number; policeMs: number; rows: number; policeCpu: CpuTimes }> {
  const { boundaries, policeUk } = await demoFilesByKind()
  await resetAppSchema(url)
  const database = await openBenchDatabase(url)
  const pool = createPool(database.connection)
  try {
    await checkpoint(pool)
    const boundaryImport = await timed(() => importFiles(pool, boundaries))
    rowsAdded(boundaryImport.result)
    await checkpoint(pool)
    const cpuBefore = cpuTimes()
    const policeImport = await timed(() => importFiles(pool, policeUk))
    const policeCpu = cpuSince(cpuBefore)
    return { boundariesMs: boundaryImport.ms, policeMs: policeImport.ms, rows: rowsAdded(policeImport.result), policeCpu }
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

/** `runs` timings of `work`, each after `prepare` (untimed). */
async function repeated<T>(runs: number, prepare: () => Promise<void>, work: () => Promise<T>): Promise<{ results: T[]; ms: number[] }> {
  const results: T[] = []
  const ms: number[] = []
  for (let run = 0; run < runs; run++) {
    await prepare()
    const timing = await timed(work)
    results.push(timing.result)
    ms.push(timing.ms)
  }
  return { results, ms }
}

/** "median (min–max)" of several runs, or the one figure. */
function spread(ms: number[]): string {
  return ms.length === 1 ? seconds(ms[0]) : `${seconds(median(ms))} (${seconds(Math.min(...ms))}–${seconds(Math.max(...ms))})`
}

export async function runImportBench(url: string): Promise<void> {
  const { boundaries, policeUk } = await demoFilesByKind()
  await warmPageCache([...boundaries, ...policeUk])

  progress(`import: COPY baseline (${RUNS} runs)`)
  await resetAppSchema(url)
  const database = await openBenchDatabase(url)
  const pool = createPool(database.connection)
  let copy: { results: number[]; ms: number[] }
  let unnest: { result: number; ms: number }
  try {
    const freshBareTable = async () => {
      await createBareTable(pool)
      await checkpoint(pool)
    }
    copy = await repeated(RUNS, freshBareTable, () => copyIntoBareTable(pool, policeUk))
    await freshBareTable()
    progress('import: INSERT … unnest reference (1 run)')
    unnest = await timed(() => insertUnnestIntoBareTable(pool, policeUk))
    await pool.query(`DROP TABLE ${BARE_TABLE}`)
  } finally {
    await pool.end()
    await database.close()
  }

  progress(`import: Patrolmap importer, boundaries then the police files (${RUNS} runs)`)
  const apps: Awaited<ReturnType<typeof importDemoData>>[] = []
  for (let run = 0; run < RUNS; run++) apps.push(await importDemoData(url))
  progress(`import: floor, the stored rows written again server-side (${RUNS} runs)`)
  const floors: Awaited<ReturnType<typeof measureWriteFloor>>[] = []
  for (let run = 0; run < RUNS; run++) floors.push(await measureWriteFloor(url))

  for (const [stage, rows] of [...copy.results.map((rows) => ['COPY', rows] as const), ['INSERT … unnest', unnest.result] as const, ...apps.map((app) => ['import', app.rows] as const)]) {
    if (rows !== DEMO_INCIDENT_ROWS) throw new Error(`${stage} landed ${rows} rows, expected ${DEMO_INCIDENT_ROWS}`)
  }
  const rows = DEMO_INCIDENT_ROWS
  const rate = (ms: number) => rows / (ms / 1000)
  const copyMs = median(copy.ms)
  const appMs = apps.map((app) => app.policeMs)
  const floorRowsMs = floors.map((floor) => floor.rowsMs)
  const floorCountsMs = floors.map((floor) => floor.rowsMs + floor.countsMs)
  const line = (stage: string, ms: number[], target = '', result = '') => [
    stage, count(rows), spread(ms), count(rate(median(ms))), ratio(rate(median(ms)) / rate(copyMs)), target, result,
  ]

  heading(`Import: ${policeUk.length} police.uk files (${count(rows)} rows) into a freshly reset schema, server PostgreSQL`)
  table(
    ['stage', 'rows', `time: median of ${RUNS} (min–max)`, 'rows/s', 'vs COPY', 'target', 'result'],
    [
      line('COPY FROM STDIN (csv) → bare table, 12 text columns', copy.ms),
      line('reference: Papa Parse + INSERT … unnest → same bare table (1 run)', [unnest.ms]),
      line('Patrolmap importFiles (police files)', appMs, `≥ ${ratio(TARGET_RATIO_TO_COPY)}`, judge('import ≥ 0.5× COPY', rate(median(appMs)) / rate(copyMs) >= TARGET_RATIO_TO_COPY)),
      line('floor: the stored rows written again server-side (INSERT … SELECT)', floorRowsMs),
      line('floor + counts per point and month from them', floorCountsMs),
    ],
  )
  note(`boundaries imported first (${boundaries.map((file) => path.basename(file)).join(', ')}): ${spread(apps.map((app) => app.boundariesMs))}, not in the rate`)
  note('each file is one transaction in every stage; the gzip files are decompressed in Node in every stage')
  note('the floor lines have no client work at all: an importer that stores these rows, keyed and counted, cannot beat them')
  reportCpu(apps.map((app) => app.policeCpu), median(appMs), copyMs)
}

/**
 * What the importer's runs cost in CPU, against the cores there are: the work divided by the cores is a wall time no
 * schedule of that work can beat on this machine, which says how far overlapping alone could take the import.
 */
function reportCpu(runs: CpuTimes[], importMs: number, copyMs: number): void {
  const nodeMs = median(runs.map((run) => run.nodeMs))
  const postgres = runs.map((run) => run.postgresMs)
  if (postgres.some((ms) => ms === null)) {
    note(`importer CPU, median run: Node ${seconds(nodeMs)} (every thread); PostgreSQL's not readable here (not on this machine)`)
    return
  }
  const postgresMs = median(postgres as number[])
  const cores = os.availableParallelism()
  const boundMs = (nodeMs + postgresMs) / cores
  note(
    `importer CPU, median run: Node ${seconds(nodeMs)} (every thread), PostgreSQL ${seconds(postgresMs)}; ` +
      `${seconds(nodeMs + postgresMs)} of work on ${cores} cores takes at least ${seconds(boundMs)} however it overlaps ` +
      `(the run took ${seconds(importMs)}; 0.5× COPY means ${seconds(copyMs / TARGET_RATIO_TO_COPY)})`,
  )
}
