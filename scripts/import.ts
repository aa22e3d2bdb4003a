// npm run import -- <files…>: police.uk street-level CSVs (plain or .gz) and ONS ward/council GeoJSON, in any mix.
// npm run import -- --profile NAME <files…>: timed incident logs (CSV) through a saved import profile (issue 15).
import cliProgress from 'cli-progress'
import { loadConfig } from '../server/src/config.js'
import { openDatabase } from '../server/src/db/database.js'
import { createPool } from '../server/src/db/pool.js'
import { findProfile, importFiles, importMappedFile, type ImportSummary } from '../server/src/features/import/index.js'

const args = process.argv.slice(2)
const profileAt = args.indexOf('--profile')
const profileName = profileAt >= 0 ? args[profileAt + 1] : null
const files = args.filter((arg, at) => !arg.startsWith('--') && !(profileAt >= 0 && at === profileAt + 1))
const force = args.includes('--force')
if (files.length === 0 || (profileAt >= 0 && !profileName)) {
  console.error('usage: npm run import -- [--force] <file…>   (police.uk street-level CSV or .csv.gz, ONS ward or council GeoJSON)')
  console.error('       npm run import -- [--force] --profile NAME <file…>   (a timed incident log through a saved import profile)')
  process.exit(2)
}

const config = loadConfig()
const database = await openDatabase(config, (message) => console.error(message))
const pool = createPool(database.connection)
const bar = process.stderr.isTTY
  ? new cliProgress.SingleBar(
      { format: 'importing [{bar}] {percentage}% | file {fileNumber}/{fileCount} {file} | {rows} rows', stream: process.stderr },
      cliProgress.Presets.shades_classic,
    )
  : null
let started = false
let summaries: ImportSummary[] = []
try {
  if (profileName) summaries = await importThroughProfile(profileName)
  else summaries = await importFiles(pool, files, {
    force,
    // Each file's audit entry is written as the file is settled, so a run cut short leaves none of its files out.
    audit: { actor: null, via: 'command line' },
    onProgress: (progress) => {
      if (!bar) return
      const payload = { file: progress.file.split('/').pop(), fileNumber: progress.fileIndex + 1, fileCount: progress.fileCount, rows: progress.rowsRead }
      if (!started) bar.start(progress.bytesTotal, progress.bytesRead, payload)
      else bar.update(progress.bytesRead, payload)
      started = true
    },
  })
} catch (error) {
  // Files already settled are committed and audited; what stopped the run (a lost connection) is said once.
  bar?.stop()
  console.error(`import stopped: ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  bar?.stop()
  await pool.end()
  await database.close()
}

/** Each file through the named profile, one transaction each, with a progress bar per file. */
async function importThroughProfile(name: string): Promise<ImportSummary[]> {
  const profile = await findProfile(pool, name)
  if (!profile) throw new Error(`no import profile named ${name}`)
  const done: ImportSummary[] = []
  for (const [index, file] of files.entries()) {
    started = false
    done.push(
      await importMappedFile(pool, file, profile, {
        force,
        audit: { actor: null, via: 'command line' },
        onProgress: (progress) => {
          if (!bar) return
          const payload = { file: progress.file, fileNumber: index + 1, fileCount: files.length, rows: progress.rowsRead }
          if (!started) bar.start(progress.bytesTotal, progress.bytesRead, payload)
          else bar.update(progress.bytesRead, payload)
          started = true
        },
      }),
    )
    bar?.stop()
  }
  return done
}

let rejected = 0
for (const summary of summaries) {
  console.log(`${summary.status.padEnd(9)} ${summary.file}: ${summary.message}`)
  for (const error of summary.errors.slice(0, 20)) {
    console.log(`          row ${error.row}: ${error.reason}`)
  }
  if (summary.errors.length > 20) console.log(`          … and ${summary.rowsRejected - 20} more`)
  if (summary.status === 'rejected') rejected++
}
const total = (key: 'rowsRead' | 'rowsAccepted' | 'rowsAdded' | 'rowsRejected') => summaries.reduce((sum, s) => sum + s[key], 0)
console.log(
  `\n${summaries.length} files: ${total('rowsRead')} rows read, ${total('rowsAccepted')} accepted, ${total('rowsAdded')} added, ` +
    `${total('rowsRejected')} rejected; ${rejected} file(s) rejected`,
)
process.exit(rejected > 0 || process.exitCode ? 1 : 0)
