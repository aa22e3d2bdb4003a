import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { buildApp, defaultClientDir } from '../../server/src/app.js'
import { createPool } from '../../server/src/db/pool.js'
import { createUser } from '../../server/src/features/users/user-store.js'
import { buildReport } from '../../server/src/features/weekly-reports/build-report.js'
import { dataPeriodOf } from '../../server/src/features/summary/data-period.js'
import { choosePeriod } from '../../server/src/features/weekly-reports/publish.js'
import { openBenchDatabase } from './bench-database.js'
import { DEMO_INCIDENT_ROWS, importDemoData } from './import-bench.js'
import { heading, judge, ms, note, progress, table } from './report.js'
import { percentile, timed } from './stats.js'

const WARM_UP_RUNS = 3
const MEASURED_RUNS = 20
const PDF_RUNS = 3
const TARGET_REPORT_MS = 100
const TARGET_PDF_MS = 3000
const TARGET_ALL_WARDS_MS = 120_000
const BENCH_USER = { email: 'bench-weekly@bench.local', password: 'a bench password 123' }

/**
 * Weekly ward reports on the real data (35 months of police.uk: every ward's report is the latest month): one ward's
 * report data (the busiest ward), one PDF (headless Chromium over the built client; skipped without either), and
 * every ward's report built and hashed one after the other, as the weekly run does (without its inserts: a published
 * report never goes, so the bench would publish each ward-period once and then time nothing).
 */
export async function runWeeklyBench(url: string): Promise<void> {
  let database = await openBenchDatabase(url)
  const probe = createPool({ ...database.connection, max: 1 })
  const loaded = (await probe.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents')).rows[0].n
  await probe.end()
  if (loaded !== DEMO_INCIDENT_ROWS) {
    progress(`weekly: the bench schema holds ${loaded} incidents; loading the demo data first (untimed)`)
    await database.close()
    await importDemoData(url)
    database = await openBenchDatabase(url)
  }
  const clientServed = fs.existsSync(path.join(defaultClientDir, 'index.html'))
  const app = await buildApp({ connection: database.connection, engine: database.engine, clientDir: clientServed ? defaultClientDir : null, logger: false, limits: { maxEventLoopDelayMs: 0 } })
  await app.ready()
  const pool = createPool(database.connection)
  const rows: string[][] = []
  try {
    const wards = (await pool.query<{ code: string }>('SELECT code FROM wards ORDER BY code')).rows.map((row) => row.code)
    const busiest = (await pool.query<{ ward_code: string }>(`SELECT ward_code FROM ward_month_counts WHERE ward_code IS NOT NULL GROUP BY 1 ORDER BY sum(incidents) DESC LIMIT 1`)).rows[0].ward_code
    const chosen = (await choosePeriod(pool, busiest, new Date()))!
    const dataFromMonth = (await dataPeriodOf(pool).get(pool))?.from ?? null
    const build = (wardCode: string) => buildReport(pool, { wardCode, period: chosen.period, publishedAt: new Date(), suppressionThreshold: 3, monthsOnly: chosen.monthsOnly, dataFromMonth })
    for (let i = 0; i < WARM_UP_RUNS; i++) await build(busiest)
    progress('weekly: one ward\u2019s report data, timed')
    const one: number[] = []
    for (let i = 0; i < MEASURED_RUNS; i++) one.push((await timed(() => build(busiest))).ms)
    rows.push([`one ward's report data (${busiest}, ${chosen.period})`, ms(percentile(one, 50)), ms(percentile(one, 95)), judge(`weekly: one ward's report data p95 ≤ ${TARGET_REPORT_MS} ms`, percentile(one, 95) <= TARGET_REPORT_MS)])

    progress(`weekly: all ${wards.length} wards' reports, built and hashed one after the other`)
    const all = await timed(async () => {
      for (const ward of wards) {
        const period = (await choosePeriod(pool, ward, new Date()))!
        const report = await buildReport(pool, { wardCode: ward, period: period.period, publishedAt: new Date(), suppressionThreshold: 3, monthsOnly: period.monthsOnly, dataFromMonth })
        crypto.createHash('sha256').update(JSON.stringify(report)).digest('hex')
      }
    })
    rows.push([`all ${wards.length} wards (the weekly run without its inserts)`, ms(all.ms), '', judge(`weekly: all wards' run ≤ ${TARGET_ALL_WARDS_MS / 1000} s`, all.ms <= TARGET_ALL_WARDS_MS)])

    if (!clientServed || !fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
      rows.push(['one PDF', 'not measured', '', clientServed ? 'no Chromium' : 'client not built (npm run build:client)'])
    } else {
      const known = await pool.query('SELECT 1 FROM users WHERE email = $1', [BENCH_USER.email])
      if (known.rowCount === 0) await createUser(pool, { ...BENCH_USER, name: 'Bench analyst', role: 'analyst', mustChangePassword: false })
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: BENCH_USER })
      const session = login.cookies.find((cookie) => cookie.name === 'pm_session')
      if (login.statusCode !== 200 || !session) throw new Error(`bench sign-in answered ${login.statusCode}: ${login.body}`)
      const headers = { cookie: `pm_session=${session.value}`, 'x-csrf-token': login.json().csrfToken }
      // Published once; a later bench run finds it published and times the same report's PDF.
      const published = await app.inject({ method: 'POST', url: '/api/weekly-reports', headers, payload: { ward: busiest, period: chosen.period } })
      if (published.statusCode >= 300) throw new Error(`publishing answered ${published.statusCode}: ${published.body}`)
      const pdfUrl = `/api/weekly-reports/${busiest}/${chosen.period}/report.pdf`
      const first = await timed(() => app.inject({ method: 'GET', url: pdfUrl, headers }))
      if (first.result.statusCode !== 200) throw new Error(`GET ${pdfUrl} answered ${first.result.statusCode}: ${first.result.body.slice(0, 200)}`)
      const pdfs: number[] = []
      for (let i = 0; i < PDF_RUNS; i++) pdfs.push((await timed(() => app.inject({ method: 'GET', url: pdfUrl, headers }))).ms)
      rows.push(['one PDF (browser running)', ms(percentile(pdfs, 50)), ms(percentile(pdfs, 95)), judge(`weekly: one PDF ≤ ${TARGET_PDF_MS / 1000} s`, percentile(pdfs, 95) <= TARGET_PDF_MS)])
      rows.push(['one PDF, first (browser started)', ms(first.ms), '', 'not a target'])
    }
  } finally {
    await app.close()
    await pool.end()
    await database.close()
  }
  heading('Weekly ward reports on the real data')
  table(['case', 'p50 (or time)', 'p95', 'target'], rows)
  note(`${MEASURED_RUNS} runs after ${WARM_UP_RUNS} warm-up for the report data; ${PDF_RUNS} PDFs after a first that starts the browser`)
}
