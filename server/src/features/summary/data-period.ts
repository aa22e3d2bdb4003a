import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'

const dataMonthsQuery = loadQuery(import.meta.url, 'data-months.sql')
const dataVersion = loadQuery(import.meta.url, 'data-version.sql')

/** First and last month of all the data (YYYY-MM); null when there is none. */
export type DataSpan = { from: string; to: string } | null

/** The data's months as one reading gives them: the span, and every month in it that has any incident. */
interface DataMonths {
  span: DataSpan
  months: readonly string[]
}

/**
 * The months the whole data set spans, which every open-ended filter falls back to, and the months with data, which say
 * whether an earlier period can be compared with (summary/comparison.ts). Finding them reads every ward count (a few
 * milliseconds, asked for by most requests), so the answer is kept until the counts' version changes (every
 * transaction that changes incidents bumps it: counts/). One per app: each app may have its own database.
 */
export class DataPeriod {
  /** The reading of a version, or the reading under way: requests that find the version new share one reading of every incident. */
  private cached: { version: number; reading: Promise<DataMonths> } | null = null

  async get(pool: pg.Pool): Promise<DataSpan> {
    return (await this.read(pool)).span
  }

  /** Every month (YYYY-MM, in order) with at least one incident of any category, anywhere. */
  async months(pool: pg.Pool): Promise<readonly string[]> {
    return (await this.read(pool)).months
  }

  private async read(pool: pg.Pool): Promise<DataMonths> {
    const { version } = (await pool.query<{ version: number }>(dataVersion)).rows[0]
    if (this.cached?.version !== version) {
      const reading = readMonths(pool)
      this.cached = { version, reading }
      // A failed reading is not kept: the next request reads again.
      reading.catch(() => {
        if (this.cached?.reading === reading) this.cached = null
      })
    }
    return this.cached.reading
  }
}

async function readMonths(pool: pg.Pool): Promise<DataMonths> {
  const months = Object.freeze((await pool.query<{ months: string[] }>(dataMonthsQuery)).rows[0].months)
  return { span: months.length > 0 ? { from: months[0], to: months[months.length - 1] } : null, months }
}

const perPool = new WeakMap<pg.Pool, DataPeriod>()

/** The DataPeriod of an app's pool: every route of the app shares one kept span. */
export function dataPeriodOf(pool: pg.Pool): DataPeriod {
  let period = perPool.get(pool)
  if (!period) perPool.set(pool, (period = new DataPeriod()))
  return period
}
