import type pg from 'pg'
import { nextMonth } from '../../lib/months.js'
import { monthStarts } from '../../lib/month-bounds.js'
import { loadQuery } from '../../lib/sql-file.js'
import type { IncidentFilterParams } from '../incidents/incident-filter.js'

const categoryIdsQuery = loadQuery(import.meta.url, 'category-ids.sql')

/** A month range as instants: the start of its first month, and the start of the month after its last (exclusive). */
export type Bounds = [start: Date | null, end: Date | null]

/**
 * A month range as the instants a query compares period starts with: the start of `from` and the start of the month
 * after `to` (exclusive); null for an open end. Every route's period goes through here: passed as values rather than
 * computed in the query, so the planner knows how many rows a period holds (with the bounds computed in SQL it guessed
 * a few hundred of 180,000, and sorted them on disk where it should have hashed: decision 0004).
 */
export async function monthBounds(db: Pick<pg.Pool, 'query'>, from: string | null, to: string | null): Promise<Bounds> {
  const after = to === null ? null : nextMonth(to)
  const [start, end] = await monthStarts(db, [from ?? '2000-01', after ?? '2000-01'])
  return [from === null ? null : start, after === null ? null : end]
}

/** The count queries' parameters: $1 start, $2 end (instants, null: open), $3 category ids (null: all), $4 ward. */
export type CountFilter = [start: Date | null, end: Date | null, categoryIds: number[] | null, ward: string | null]

/** An incident filter's parameters (parseIncidentFilter) as the count queries take them: the one filter-to-bounds step. */
export async function countFilter(db: Pick<pg.Pool, 'query'>, [from, to, categories, ward]: IncidentFilterParams): Promise<CountFilter> {
  return [...(await monthBounds(db, from, to)), await categoryIds(db, categories), ward]
}

/**
 * Category names as incident_categories ids, which the rollups are keyed by; null (every category) stays null. Passed
 * as values, as the month bounds are: with the ids looked up inside the query the planner could not see how few rows a
 * category holds, and read all of point_month_counts (12×: 2.2 million rows) instead of the key index's range for it.
 */
export async function categoryIds(db: Pick<pg.Pool, 'query'>, names: string[] | null): Promise<number[] | null> {
  if (names === null) return null
  return (await db.query<{ ids: number[] }>({ ...categoryIdsQuery, values: [names] })).rows[0].ids
}
