import type pg from 'pg'
import { microsSince2000 } from '../../../db/binary-copy.js'
import { monthStarts } from '../../../lib/month-bounds.js'
import { monthsOf } from '../../../lib/months.js'
import { loadQuery } from '../../../lib/sql-file.js'
import { POLICE_UK_CATEGORIES } from '../../incidents/categories.js'
import { PointMonthTally } from '../point-month-tally.js'
import { LocationCache } from './location-cache.js'
import type { PoliceUkWriteContext } from './store-segment.js'

const categoryIdsSql = loadQuery(import.meta.url, 'category-ids.sql')
const databaseVersion = loadQuery(import.meta.url, 'database-version.sql')

/**
 * What the run's police files share as they are written: how rows go in, the points and month starts already known,
 * category ids and the counts' tally. Asks the database only when the run has police files.
 */
export async function openWriteContext(pool: pg.Pool, hasPolice: boolean, tallyKeyLimit: number | undefined): Promise<PoliceUkWriteContext> {
  const categoryIds = hasPolice ? await loadCategoryIds(pool) : []
  const context: PoliceUkWriteContext = {
    useCopy: await supportsCopy(pool),
    locations: new LocationCache(),
    monthStarts: new Map(),
    categoryIds,
    tally: new PointMonthTally(Math.max(0, ...categoryIds), tallyKeyLimit),
  }
  if (hasPolice) await loadMonthStarts(pool, context.monthStarts)
  return context
}

/** incident_categories ids of police.uk's categories, in POLICE_UK_CATEGORIES order (migration 002 lists them all). */
async function loadCategoryIds(pool: pg.Pool): Promise<number[]> {
  const { rows } = await pool.query<{ id: number; name: string }>(categoryIdsSql)
  const ids = new Map(rows.map((row) => [row.name, row.id]))
  return POLICE_UK_CATEGORIES.map((name) => {
    const id = ids.get(name)
    if (id === undefined) throw new Error(`incident_categories has no row for ${name}`)
    return id
  })
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
