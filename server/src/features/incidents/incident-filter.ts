import type pg from 'pg'
import { badRequest } from '../../lib/errors.js'
import { dataPeriodOf } from '../summary/data-period.js'
import { periodInData, type Period } from '../summary/period-in-data.js'
import { isKnownCategory } from './categories.js'
import type { IncidentFilterQuery } from './schemas.js'

/** SQL parameters in the order the feature queries expect them: $1 from, $2 to, $3 categories, $4 ward. */
export type IncidentFilterParams = [from: string | null, to: string | null, categories: string[] | null, ward: string | null]

export function parseCategories(raw: string | undefined): string[] | null {
  if (raw === undefined) return null
  const categories = [...new Set(raw.split(',').map((value) => value.trim()).filter(Boolean))]
  for (const category of categories) {
    if (!isKnownCategory(category)) throw badRequest('categories', `'${category}' is not a known category`)
  }
  return categories
}

export interface IncidentFilter {
  params: IncidentFilterParams
  /** The months counted: from/to clamped to the data (periodInData); null when there is no data. */
  period: Period | null
}

/**
 * Checks what a schema cannot (known categories, an existing ward, from ≤ to, a period not wholly outside the data)
 * and returns the SQL parameters, their months clamped to the data.
 */
export async function parseIncidentFilter(pool: pg.Pool, query: IncidentFilterQuery): Promise<IncidentFilter> {
  const categories = parseCategories(query.categories)
  if (query.ward) {
    const ward = await pool.query('SELECT 1 FROM wards WHERE code = $1', [query.ward])
    if (ward.rowCount === 0) throw badRequest('ward', `no ward has the code ${query.ward}`)
  }
  const { period, from, to } = periodInData(await dataPeriodOf(pool).get(pool), query)
  return { params: [from, to, categories, query.ward ?? null], period }
}
