// The scale bench's import, in a process of its own so that its peak resident memory is the import's alone:
// tsx scripts/bench/scale-import-child.ts <database url> <file…>; prints one JSON line { rows, ms, maxRssBytes }.
import { performance } from 'node:perf_hooks'
import { createPool } from '../../server/src/db/pool.js'
import { importFiles } from '../../server/src/features/import/index.js'
import { openBenchDatabase } from './bench-database.js'

const [url, ...files] = process.argv.slice(2)
const database = await openBenchDatabase(url)
const pool = createPool(database.connection)
try {
  const boundaries = files.filter((file) => file.endsWith('.geojson'))
  await importFiles(pool, boundaries)
  const started = performance.now()
  const summaries = await importFiles(pool, files.filter((file) => !file.endsWith('.geojson')))
  const ms = performance.now() - started
  const failed = summaries.filter((summary) => summary.status !== 'committed')
  if (failed.length > 0) throw new Error(`not committed: ${failed.map((summary) => `${summary.file}: ${summary.message}`).join('; ')}`)
  const rows = summaries.reduce((sum, summary) => sum + summary.rowsAdded, 0)
  // resourceUsage().maxRSS is in kilobytes.
  console.log(JSON.stringify({ rows, ms, maxRssBytes: process.resourceUsage().maxRSS * 1024 }))
} finally {
  await pool.end()
  await database.close()
}
