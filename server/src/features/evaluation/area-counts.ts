import type pg from 'pg'
import { monthsOf } from '../../lib/months.js'
import { loadQuery } from '../../lib/sql-file.js'
import { categoryIds, monthBounds } from '../counts/count-bounds.js'
import type { AreaValues } from './read-wdd.js'
import type { HarmPart, PrePost } from './wdd.js'

const areaCountsQuery = loadQuery(import.meta.url, 'area-counts.sql')

/** The ring's width when none is given (issue 13). */
export const DEFAULT_BUFFER_METRES = 250

/** A month range, both ends included (YYYY-MM). */
export interface MonthRange {
  from: string
  to: string
}

export interface AreaCountsRequest {
  /**
   * The task area and the control area, EPSG:4326, as PostGIS reads a geometry from text: the hex EWKB pg returns for
   * a geometry column (a task's stored area), or (E)WKT.
   */
  area: string
  control: string
  /** The ring around the task area (default 250 m). */
  bufferMetres?: number
  before: MonthRange
  after: MonthRange
  /** Category names (null: every category). */
  categories: string[] | null
}

/** One category's incidents in each region, before and after, with its harm weight. */
export interface CategoryCounts {
  category: string
  weight: number
  treated: PrePost
  control: PrePost
  buffer: PrePost
}

/** One month's incidents and harm in each region: the chart's series. */
export interface MonthValues {
  month: string
  period: 'before' | 'after'
  treated: number
  buffer: number
  control: number
  treatedHarm: number
  bufferHarm: number
  controlHarm: number
}

export interface AreaCounts {
  /** Incidents in each region: the WDD's counts (buffer is its displacementTreated). */
  counts: AreaValues & { buffer: PrePost }
  /** Harm in each region: Σ incidents × the category's harm weight. */
  harm: AreaValues & { buffer: PrePost }
  /** Per category, for wddHarm (categories with no incident in any region left out). */
  categories: CategoryCounts[]
  /** Every month of both periods in order, quiet months as 0. */
  series: MonthValues[]
}

type Region = 'treated' | 'control' | 'buffer'
type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * Incidents (and harm) in a task area, the ring around it and a control area, before and after: what wdd() and
 * wddHarm() take. Each place counts in one region only (task area first, then ring, then control), so a control that
 * overlaps the task area or its ring counts only the rest of itself.
 */
export async function countAreas(db: Pick<pg.Pool, 'query'>, request: AreaCountsRequest): Promise<AreaCounts> {
  const { before, after } = request
  if (!(before.from <= before.to && before.to < after.from && after.from <= after.to)) {
    throw new RangeError(`countAreas: ${before.from}–${before.to} must end before ${after.from}–${after.to} starts, each in order`)
  }
  const [beforeStart, beforeEnd] = await monthBounds(db, before.from, before.to)
  const [afterStart, afterEnd] = await monthBounds(db, after.from, after.to)
  const { rows } = await db.query<{ region: Region; month: string; category: string; incidents: number; harm_weight: number }>({
    ...areaCountsQuery,
    values: [
      request.area,
      request.control,
      request.bufferMetres ?? DEFAULT_BUFFER_METRES,
      beforeStart,
      beforeEnd,
      afterStart,
      afterEnd,
      await categoryIds(db, request.categories),
    ],
  })

  const series: MonthValues[] = [...monthsOf(before.from, before.to), ...monthsOf(after.from, after.to)].map((month) => ({
    month,
    period: month <= before.to ? 'before' : 'after',
    treated: 0,
    buffer: 0,
    control: 0,
    treatedHarm: 0,
    bufferHarm: 0,
    controlHarm: 0,
  }))
  const byMonth = new Map(series.map((entry) => [entry.month, entry]))
  const byCategory = new Map<string, Record<Region, Mutable<PrePost>> & { weight: number }>()
  for (const row of rows) {
    const month = byMonth.get(row.month)!
    month[row.region] += row.incidents
    month[`${row.region}Harm`] += row.incidents * row.harm_weight
    let entry = byCategory.get(row.category)
    if (entry === undefined) {
      entry = { weight: row.harm_weight, treated: [0, 0], control: [0, 0], buffer: [0, 0] }
      byCategory.set(row.category, entry)
    }
    entry[row.region][row.month <= before.to ? 0 : 1] += row.incidents
  }
  const categories = [...byCategory].map(([category, entry]) => ({ category, ...entry }))
  categories.sort((a, b) => a.category.localeCompare(b.category))

  const total = (region: Region, weighted: boolean): PrePost => {
    const sum: Mutable<PrePost> = [0, 0]
    for (const entry of categories) {
      const factor = weighted ? entry.weight : 1
      sum[0] += factor * entry[region][0]
      sum[1] += factor * entry[region][1]
    }
    return sum
  }
  return {
    counts: { treated: total('treated', false), control: total('control', false), buffer: total('buffer', false) },
    harm: { treated: total('treated', true), control: total('control', true), buffer: total('buffer', true) },
    categories,
    series,
  }
}

/** The per-category counts as wddHarm takes them: the ring is the displacement area of the task area. */
export function harmParts(categories: ReadonlyArray<CategoryCounts>): HarmPart[] {
  return categories.map(({ weight, treated, control, buffer }) => ({ weight, counts: { treated, control, displacementTreated: buffer } }))
}
