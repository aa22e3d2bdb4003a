import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'

const summaryPeriod = loadQuery(import.meta.url, 'summary-period.sql')
const dataVersion = loadQuery(import.meta.url, 'data-version.sql')

/** First and last month of all the data (YYYY-MM); null when there is none. */
export type DataSpan = { from: string; to: string } | null

/**
 * The months the whole data set spans, which every open-ended filter falls back to. Finding them reads every ward count
 * (a few milliseconds, asked for by most requests), so the answer is kept until the counts' version changes (every
 * transaction that changes incidents bumps it: counts/). One per app: each app may have its own database.
 */
export class DataPeriod {
  /** The span of a version, or its reading under way: requests that find the version new share one reading of every incident. */
  private cached: { version: number; span: Promise<DataSpan> } | null = null

  async get(pool: pg.Pool): Promise<DataSpan> {
    const { version } = (await pool.query<{ version: number }>(dataVersion)).rows[0]
    if (this.cached?.version !== version) {
      const span = readSpan(pool)
      this.cached = { version, span }
      // A failed reading is not kept: the next request reads again.
      span.catch(() => {
        if (this.cached?.span === span) this.cached = null
      })
    }
    return this.cached.span
  }
}

async function readSpan(pool: pg.Pool): Promise<DataSpan> {
  const row = (await pool.query<{ from: string | null; to: string | null }>(summaryPeriod)).rows[0]
  return row.from && row.to ? { from: row.from, to: row.to } : null
}

const perPool = new WeakMap<pg.Pool, DataPeriod>()

/** The DataPeriod of an app's pool: every route of the app shares one kept span. */
export function dataPeriodOf(pool: pg.Pool): DataPeriod {
  let period = perPool.get(pool)
  if (!period) perPool.set(pool, (period = new DataPeriod()))
  return period
}
