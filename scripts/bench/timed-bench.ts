// npm run bench -- timed: the mapped import of 1 million timed rows (rows/s, memory, and the time per row against the
// police.uk import's on the same server), and the demand grid (GET /api/time-patterns/demand) on them against its bare
// SQL. The rows are the illustrative Stockton log repeated week after week back in time (each copy its own references,
// the same weekdays, times and positions), so the expected grid is known: 334 times the log's.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Papa from 'papaparse'
import { buildApp } from '../../server/src/app.js'
import { createPool } from '../../server/src/db/pool.js'
import { illustrativeAsbLogFile } from '../../server/src/demo-data.js'
import { importMappedFile } from '../../server/src/features/import/mapped/import-mapped.js'
import { findProfile } from '../../server/src/features/import/mapped/profile-store.js'
import { loadQuery } from '../../server/src/lib/sql-file.js'
import { analystCookie } from './bench-app.js'
import { openBenchDatabase } from './bench-database.js'
import { importDemoData } from './import-bench.js'
import { heading, judge, ms, note, progress, table } from './report.js'
import { percentile, timed } from './stats.js'

const COPIES = 334 // × 3,000 rows: 1,002,000
const SOURCE = 'Stockton ASB log (illustrative)'
const RUNS = 20
const WARM_UP = 3
const GRID_TARGET_MS = 100
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The log repeated `COPIES` times, each copy `k` weeks earlier: written to a file, its row count returned. */
function writeTimedFile(file: string): number {
  const { data } = Papa.parse<Record<string, string>>(fs.readFileSync(illustrativeAsbLogFile, 'utf8'), { header: true, skipEmptyLines: true })
  const out = fs.openSync(file, 'w')
  fs.writeSync(out, 'Case ref,Date reported,Time,Type,Latitude,Longitude,Location,Notes\n')
  let rows = 0
  for (let copy = 0; copy < COPIES; copy++) {
    const lines: string[] = []
    for (const row of data) {
      const [day, month, year] = row['Date reported'].split('-')
      const date = new Date(Date.UTC(2000 + Number(year), MONTHS.indexOf(month), Number(day)) - copy * 7 * 86_400_000)
      const shifted = `${String(date.getUTCDate()).padStart(2, '0')}-${MONTHS[date.getUTCMonth()]}-${String(date.getUTCFullYear() % 100).padStart(2, '0')}`
      lines.push(`${row['Case ref']}-${copy},${shifted},${row.Time},${row.Type},${row.Latitude},${row.Longitude},"${row.Location.replace(/"/g, '""')}",bench copy`)
    }
    fs.writeSync(out, `${lines.join('\n')}\n`)
    rows += lines.length
  }
  fs.closeSync(out)
  return rows
}

export async function runTimedBench(url: string): Promise<void> {
  heading('Timed logs: mapped import of 1 million rows, and the demand grid on them')
  progress('timed: a fresh schema with the demo data (the police.uk import timed for the per-row comparison)')
  const police = await importDemoData(url)
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'patrolmap-timed-bench-'))
  const file = path.join(scratch, 'timed-1m.csv')
  const rows = writeTimedFile(file)
  const database = await openBenchDatabase(url)
  const pool = createPool(database.connection)
  try {
    const profile = await findProfile(pool, 'stockton-illustrative-asb')
    if (!profile) throw new Error('the shipped profile stockton-illustrative-asb is missing (migration 020)')
    progress(`timed: importing ${rows.toLocaleString('en-GB')} rows (${(fs.statSync(file).size / 1e6).toFixed(0)} MB)`)
    const rssBefore = process.memoryUsage().rss
    let rssPeak = rssBefore
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
    }, 100)
    const run = await timed(() => importMappedFile(pool, file, profile))
    clearInterval(sampler)
    if (run.result.status !== 'committed' || run.result.rowsAdded !== rows) throw new Error(`the timed import did not add every row: ${run.result.message}`)
    const timedPerRow = run.ms / rows
    const policePerRow = police.policeMs / police.rows
    table(
      ['import', 'rows', 'time', 'rows/s', 'µs per row', 'vs police.uk per row', 'peak memory (RSS, above start)'],
      [
        ['police.uk (demo data)', police.rows.toLocaleString('en-GB'), ms(police.policeMs), Math.round(police.rows / (police.policeMs / 1000)).toLocaleString('en-GB'), (1000 * policePerRow).toFixed(1), '1.00×', ''],
        ['mapped, timed', rows.toLocaleString('en-GB'), ms(run.ms), Math.round(rows / (run.ms / 1000)).toLocaleString('en-GB'), (1000 * timedPerRow).toFixed(1), `${(timedPerRow / policePerRow).toFixed(2)}×`, `${Math.round((rssPeak - rssBefore) / 2 ** 20)} MiB`],
      ],
    )

    // The demand grid on them: the route (session, filter, two queries) against its grid query alone.
    const app = await buildApp({ connection: database.connection, engine: database.engine, clientDir: null, logger: false, limits: { maxEventLoopDelayMs: 0 } })
    try {
      const cookie = await analystCookie(app, pool, 'bench-timed@bench.local')
      const route = `/api/time-patterns/demand?source=${encodeURIComponent(SOURCE)}`
      const grid = loadQuery(new URL('../../server/src/features/time-patterns/routes.ts', import.meta.url).href, 'demand-grid.sql')
      const api: number[] = []
      const bare: number[] = []
      for (let at = 0; at < WARM_UP + RUNS; at++) {
        const answer = await timed(() => app.inject({ url: route, headers: { cookie } }))
        if (answer.result.statusCode !== 200) throw new Error(`demand answered ${answer.result.statusCode}: ${answer.result.body}`)
        const query = await timed(() => pool.query({ ...grid, values: [null, null, null, null, SOURCE] }))
        if (at >= WARM_UP) {
          api.push(answer.ms)
          bare.push(query.ms)
        }
        if (at === 0 && answer.result.json().incidents < rows * 0.99) throw new Error('the grid does not hold the rows imported')
      }
      const p95 = percentile(api, 95)
      table(
        ['route', 'rows', 'API p50', 'API p95', 'grid SQL p50', 'API/SQL p50', `p95 ≤ ${GRID_TARGET_MS} ms`],
        [[`demand grid, one source`, rows.toLocaleString('en-GB'), ms(percentile(api, 50)), ms(p95), ms(percentile(bare, 50)), `${(percentile(api, 50) / percentile(bare, 50)).toFixed(2)}×`, judge('timed: demand grid on 1 million rows p95 ≤ 100 ms', p95 <= GRID_TARGET_MS)]],
      )
      note(`${RUNS} runs after ${WARM_UP} warm-up, one at a time; the route also counts the weeks (a second query); both read the day and hour rollups (migration 021), kept by the count trigger as the rows are imported`)
    } finally {
      await app.close()
    }
  } finally {
    await pool.end()
    await database.close()
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}
