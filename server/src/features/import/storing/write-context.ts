import type pg from 'pg'
import { microsSince2000 } from '../../../db/binary-copy.js'
import { monthStarts } from '../../../lib/month-bounds.js'
import { monthsOf } from '../../../lib/months.js'
import { loadQuery } from '../../../lib/sql-file.js'
import { LocationCache } from './location-cache.js'
import type { PoliceUkWriteContext } from './store-segment.js'

const databaseVersion = loadQuery(import.meta.url, 'database-version.sql')

/**
 * What the run's police files share as they are written: how rows go in, the points and month starts already known,
 * Asks the database for month starts only when the run has police files.
 */
export async function openWriteContext(pool: pg.Pool, hasPolice: boolean): Promise<PoliceUkWriteContext> {
  const context: PoliceUkWriteContext = {
    useCopy: await supportsCopy(pool),
    locations: new LocationCache(),
    monthStarts: new Map(),
  }
  if (hasPolice) await loadMonthStarts(pool, context.monthStarts)
  return context
}

/** Every month from 1990 to next year, so that files rarely need to ask (one query instead of one a file). */
async function loadMonthStarts(pool: pg.Pool, starts: Map<string, number>): Promise<void> {
  const months = monthsOf('1990-01', `${new Date().getFullYear() + 1}-12`)
  const instants = await monthStarts(pool, months)
  months.forEach((month, index) => starts.set(month, microsSince2000(instants[index])))
}

/** The embedded database's socket server does not carry COPY FROM STDIN; a PostgreSQL server does. */
async function supportsCopy(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ version: string }>(databaseVersion)
  return !/PGlite/i.test(rows[0].version)
}
