import fs from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { chromium } from 'playwright-core'
import { buildApp, defaultClientDir } from '../../server/src/app.js'
import { loadConfig } from '../../server/src/config.js'
import { openDemoDatabase } from './bench-app.js'
import { measureFormLoad, SLOW_CONNECTION, type PageLoad, type ResourceKind } from './page-load.js'
import { heading, judge, note, progress, seconds, table } from './report.js'
import { median } from './stats.js'

const RUNS = 3
/** Issue 16: the public form is usable on a slow connection well before its map: at most 10 s at 400 kbit/s, 400 ms RTT. */
const TARGET_USABLE_SLOW_MS = 10_000
const PHONE = { width: 390, height: 844 }
const KINDS: ResourceKind[] = ['document', 'script', 'style', 'font', 'tiles', 'api', 'other']
const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`

/**
 * The public resident-report form's first load in headless Chromium at phone size, on the production client build
 * (client/dist) served by the app over the demo data: the bytes of each kind it fetches (all of them, and those there
 * when the form was usable), and how long until the form is usable (fields there, send button enabled) and until its
 * map has drawn, unthrottled and on a slow connection (SLOW_CONNECTION). Each figure is the median of RUNS fresh loads.
 */
export async function runReportFormBench(url: string): Promise<void> {
  heading('The public report form on a slow connection')
  if (!fs.existsSync(path.join(defaultClientDir, 'index.html'))) {
    note('skipped: the client is not built (npm run build:client)')
    return
  }
  const chromiumPath = loadConfig().CHROMIUM_PATH
  if (!fs.existsSync(chromiumPath)) {
    note(`skipped: no Chromium at ${chromiumPath}`)
    return
  }
  const database = await openDemoDatabase(url, 'report-form')
  const app = await buildApp({ connection: database.connection, engine: database.engine, clientDir: defaultClientDir, logger: false, limits: { maxEventLoopDelayMs: 0 } })
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
  try {
    await app.listen({ port: 0, host: '127.0.0.1' })
    const formUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/report`
    const loads = new Map<string, PageLoad[]>()
    for (const [name, throttle] of [['unthrottled', null], [`slow (${SLOW_CONNECTION.downloadKbps} kbit/s, ${SLOW_CONNECTION.latencyMs} ms RTT)`, SLOW_CONNECTION]] as const) {
      const runs: PageLoad[] = []
      for (let run = 0; run < RUNS; run++) {
        progress(`report-form: ${name}, load ${run + 1} of ${RUNS}`)
        const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1 })
        try {
          runs.push(await measureFormLoad(context, formUrl, throttle, 180_000))
        } finally {
          await context.close()
        }
      }
      loads.set(name, runs)
    }
    const first = [...loads.values()][0][0]
    table(
      ['bytes fetched (first load)', ...KINDS, 'total'],
      [
        ['when the form is usable', ...KINDS.map((kind) => kB(first.bytesWhenUsable[kind])), kB(KINDS.reduce((sum, kind) => sum + first.bytesWhenUsable[kind], 0))],
        ['until the map has drawn', ...KINDS.map((kind) => kB(first.bytes[kind])), kB(KINDS.reduce((sum, kind) => sum + first.bytes[kind], 0))],
      ],
    )
    note(`code before the form is usable: ${first.codeWhenUsable.map((file) => path.basename(file)).join(', ')}`)
    const rows: string[][] = []
    for (const [name, runs] of loads) {
      const usable = median(runs.map((load) => load.formUsableMs))
      const drawn = median(runs.map((load) => load.mapDrawnMs))
      const slow = name !== 'unthrottled'
      rows.push([name, seconds(usable), seconds(drawn), slow ? `≤ ${seconds(TARGET_USABLE_SLOW_MS)}` : '', slow ? judge(`report-form: usable on a slow connection ≤ ${TARGET_USABLE_SLOW_MS / 1000} s`, usable <= TARGET_USABLE_SLOW_MS) : ''])
    }
    table(['connection', 'form usable', 'map drawn', 'target', ''], rows)
  } finally {
    await browser.close()
    await app.close()
    await database.close()
  }
}
