// npm run publish-weekly-reports [-- --ward E05014882 …]: every ward's report for last week (or, for a ward whose
// records are dated to the month only, the data's latest month), published where it is missing. For cron, where the
// server's own schedule is off (WEEKLY_REPORTS_SCHEDULE=false); running both, or two at once, publishes each once.
import { loadConfig } from '../server/src/config.js'
import { openDatabase } from '../server/src/db/database.js'
import { createPool } from '../server/src/db/pool.js'
import { queueReportEmails } from '../server/src/features/weekly-reports/mailer.js'
import { publishDue } from '../server/src/features/weekly-reports/publish.js'

const args = process.argv.slice(2)
const wards = args.flatMap((arg, at) => (args[at - 1] === '--ward' ? [arg] : []))
if (args.some((arg, at) => arg !== '--ward' && args[at - 1] !== '--ward') || wards.some((ward) => !/^[EWSN]\d{8}$/.test(ward))) {
  console.error('usage: npm run publish-weekly-reports [-- --ward CODE …]')
  process.exit(2)
}

const config = loadConfig()
const database = await openDatabase(config, (message) => console.error(message))
const pool = createPool(database.connection)
try {
  const started = Date.now()
  const result = await publishDue(pool, { suppressionThreshold: config.SUPPRESSION_THRESHOLD, trigger: 'command-line', wards: wards.length ? wards : undefined })
  const published = result.published.filter((each) => each.published)
  for (const each of published) {
    console.log(`published ${each.report.wardCode} ${each.report.period} v${each.report.version} ${each.report.contentHash}`)
    // Queued for the ward's councillors; a server with SMTP_URL sends them on its next outbox pass (within 5 minutes).
    if (config.SMTP_URL) await queueReportEmails(pool, each.report.id, each.report.wardCode)
  }
  for (const each of result.skipped) console.log(`skipped ${each.wardCode}: ${each.reason}`)
  console.log(`${published.length} published, ${result.published.length - published.length} already published, ${result.skipped.length} skipped in ${((Date.now() - started) / 1000).toFixed(1)} s`)
} catch (error) {
  console.error(`publishing stopped: ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  await pool.end()
  await database.close()
}
