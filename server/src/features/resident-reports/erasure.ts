import { Cron } from 'croner'
import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'
import { withTransaction } from '../../lib/transaction.js'
import { recordAudit } from '../audit/audit-log.js'

const eraseExpired = loadQuery(import.meta.url, 'erase-expired.sql')

/**
 * Erases the personal data of reports sent more than `retentionDays` ago (contact details, photos, the reporter's
 * message text), with one audit entry naming the reports, in one transaction. The scheduled job runs it; tests call
 * it with their own `now`. Returns the reports erased.
 */
export async function eraseExpiredReports(pool: pg.Pool, retentionDays: number, now: Date = new Date()): Promise<number[]> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000)
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string }>({ ...eraseExpired, values: [cutoff] })
    const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b)
    if (ids.length > 0) {
      await recordAudit(client, {
        actor: null,
        action: 'report.erase',
        target: 'resident reports',
        details: { reports: ids, retentionDays, sentBefore: cutoff.toISOString() },
      })
    }
    return ids
  })
}

/**
 * The daily erasure (croner, UK time; `protect`: a run still going when the next is due is not started twice). A
 * failure is logged and retried at the next run; nothing is lost by waiting a day.
 */
export function scheduleErasure(pool: pg.Pool, retentionDays: number, pattern: string, log: { info(o: object, m: string): void; error(o: object, m: string): void }): Cron {
  return new Cron(pattern, { timezone: 'Europe/London', protect: true }, async () => {
    try {
      const ids = await eraseExpiredReports(pool, retentionDays)
      if (ids.length > 0) log.info({ reports: ids.length }, 'resident reports: personal data past the retention period erased')
    } catch (error) {
      log.error({ err: error }, 'resident reports: erasure failed; it runs again at the next scheduled time')
    }
  })
}
