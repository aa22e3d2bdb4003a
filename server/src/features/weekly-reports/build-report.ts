import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'
import { POLICE_UK_CATEGORIES } from '../incidents/categories.js'
import { protectTable, suppressCount, type ShownCount } from '../ward-reports/suppression.js'
import { periodDates, periodKind, periodLabel, shiftPeriod } from './periods.js'
import type { ContactKind, WeeklyReport } from './schemas.js'
import { againstPrevious, againstUsual } from './words.js'

const periodCountsQuery = loadQuery(import.meta.url, 'period-counts.sql')
const wardFactsQuery = loadQuery(import.meta.url, 'ward-facts.sql')
const wardTimedQuery = loadQuery(import.meta.url, 'ward-timed.sql')
const topLocationsQuery = loadQuery(import.meta.url, 'top-locations.sql')
const mapCellsQuery = loadQuery(import.meta.url, 'map-cells.sql')
const cctvCoverQuery = loadQuery(import.meta.url, 'cctv-cover.sql')
const wardTasksQuery = loadQuery(import.meta.url, 'ward-tasks.sql')
const wardSourcesQuery = loadQuery(import.meta.url, 'ward-sources.sql')
const wardContactsQuery = loadQuery(import.meta.url, 'ward-contacts.sql')
const dataStartQuery = loadQuery(import.meta.url, 'data-start.sql')
const residentReportCountsQuery = loadQuery(import.meta.url, 'resident-report-counts.sql')

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

/** The trend's length, and how many periods before this one make "usual". */
export const TREND_PERIODS = 12
export const USUAL_PERIODS = 4
/** How many problem locations the report names. */
export const TOP_LOCATIONS = 5
/**
 * The map's fixed colour scale, in incidents per cell per period: the same bands in every report and every week, so
 * a darker cell means more incidents whichever report it is in. Cells under the suppression threshold are not drawn.
 */
export const MAP_BANDS = [
  { from: 0, to: 4, label: 'a few' },
  { from: 5, to: 9, label: '5 to 9' },
  { from: 10, to: 19, label: '10 to 19' },
  { from: 20, to: 49, label: '20 to 49' },
  { from: 50, to: null, label: '50 or more' },
]
const TOO_FEW = 'too few to compare'

export class ReportInputError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message)
  }
}

/** Whether the ward has records dated to the day or minute in the trend's 12 weeks up to `week`: else months only. */
export async function wardHasTimedData(db: Queryable, wardCode: string, week: string): Promise<boolean> {
  const first = periodDates(shiftPeriod(week, 1 - TREND_PERIODS)).start
  const { end } = periodDates(week)
  const row = (await db.query({ ...wardTimedQuery, values: [wardCode, first, end] })).rows[0]
  return Boolean(row?.timed)
}

export interface BuildOptions {
  wardCode: string
  period: string
  /** The instant the report is published, as it is printed on it. */
  publishedAt: Date
  suppressionThreshold: number
  /** True when the ward's data are months only and the month stands in for a week. */
  monthsOnly: boolean
  /**
   * The data's first month (the app's data period, cached until the counts change), which starts every monthly
   * report's data; without it (and for weeks, which start at the first dated record) it is read from the incidents.
   */
  dataFromMonth?: string | null
}

/**
 * One ward's report for one period, every figure computed from the stored incidents, tasks, cameras and contacts as
 * they are now, and every count shown as ward-reports shows it to councillors (suppression.ts): each table protected
 * on its own, and a change in words only where both figures it compares are shown exactly, so no hidden count can
 * be worked back from the words.
 */
export async function buildReport(db: Queryable, options: BuildOptions): Promise<WeeklyReport> {
  const { wardCode, period, suppressionThreshold: threshold } = options
  const kind = periodKind(period)
  const unit = kind
  const periods = Array.from({ length: TREND_PERIODS }, (_, back) => shiftPeriod(period, -back)) // [this, previous, …]
  const dates = periods.map(periodDates)
  const { start, end } = dates[0]
  const trendStart = dates[TREND_PERIODS - 1].start

  // One after the other: publishing runs these on one client, in its transaction, which takes one query at a time.
  const facts = await db.query({ ...wardFactsQuery, values: [wardCode] })
  const counts = await db.query({ ...periodCountsQuery, values: [wardCode, dates.map((each) => each.start), dates.map((each) => each.end), kind] })
  const places = await db.query({ ...topLocationsQuery, values: [wardCode, start, end, dates[1].start, kind] })
  const cells = await db.query({ ...mapCellsQuery, values: [wardCode, start, end, kind] })
  const cover = await db.query({ ...cctvCoverQuery, values: [wardCode, start, end, kind] })
  const tasks = await db.query({ ...wardTasksQuery, values: [wardCode, start, end] })
    // For a week, the sources of the months it touches: month-only rows there are what the weekly figures leave out.
  const sources = await db.query({ ...wardSourcesQuery, values: [wardCode, kind === 'week' ? `${start.slice(0, 7)}-01` : trendStart, end] })
  const contacts = await db.query({ ...wardContactsQuery, values: [[wardCode]] })
  const residents = await db.query<{ status: string; reports: number }>({ ...residentReportCountsQuery, values: [wardCode, start, end] })
  const dataStart: string | null =
    kind === 'month' && options.dataFromMonth !== undefined
      ? options.dataFromMonth && `${options.dataFromMonth}-01`
      : ((await db.query({ ...dataStartQuery, values: [kind] })).rows[0]?.first_day ?? null)
  const ward = facts.rows[0]
  if (!ward) throw new ReportInputError('ward', `no ward has the code ${wardCode}`)

  // Counts per period (index 0: this one) and category: every category, zeros included, as ward-reports does.
  const found = new Set<string>(POLICE_UK_CATEGORIES)
  for (const row of counts.rows) found.add(row.category)
  const categories = [...found].sort()
  const grid = periods.map(() => new Map<string, number>())
  for (const row of counts.rows) grid[row.ord - 1].set(row.category, row.count)
  const values = (index: number) => categories.map((category) => grid[index].get(category) ?? 0)
  // A period that ended before the first record anywhere has no data: no figure, not zero.
  const known = dates.map((each) => dataStart !== null && each.end > dataStart)
  const tables = periods.map((_, index) => protectTable(values(index), threshold))
  const exact = (shown: ShownCount): shown is number => typeof shown === 'number'

  const NO_PREVIOUS = `no data for last ${unit}`
  const NO_USUAL = `not enough earlier data to say what is usual`
  const words = (current: number, before: number[]): string => {
    const parts: string[] = []
    if (!known[1]) parts.push(NO_PREVIOUS)
    else parts.push(before[0] >= threshold ? againstPrevious(current, before[0], unit) : `${TOO_FEW} with last ${unit}`)
    const usual = before.slice(0, USUAL_PERIODS)
    if (!known.slice(1, 1 + USUAL_PERIODS).every(Boolean)) parts.push(NO_USUAL)
    else parts.push(usual.every((value) => value >= threshold) ? againstUsual(current, usual.reduce((sum, value) => sum + value, 0) / usual.length) : `${TOO_FEW} with usual`)
    return parts.join('; ')
  }

  const current = values(0)
  const categoryRows = categories.map((category, index) => {
    const count = tables[0].cells[index]
    const before = periods.slice(1).map((_, back) => values(back + 1)[index])
    return { category, count, words: count !== 0 && exact(count) ? words(current[index], before) : TOO_FEW }
  })

  // The total compares only with totals the trend shows exactly: a ">=N" total compared would give it away.
  const totals: (ShownCount | null)[] = tables.map((table, index) => (known[index] ? table.total : null))
  const usualTotals = totals.slice(1, 1 + USUAL_PERIODS)
  const totalWords = !known[0]
    ? 'no data for this period'
    : exact(totals[0]!)
      ? [
          totals[1] === null ? NO_PREVIOUS : exact(totals[1]) ? againstPrevious(totals[0], totals[1], unit) : `${TOO_FEW} with last ${unit}`,
          usualTotals.some((each) => each === null)
            ? NO_USUAL
            : usualTotals.every((each) => exact(each!))
              ? againstUsual(totals[0], (usualTotals as number[]).reduce((sum, value) => sum + value, 0) / USUAL_PERIODS)
              : `${TOO_FEW} with usual`,
        ].join('; ')
      : TOO_FEW

  const locations = places.rows
    .filter((row) => row.count >= threshold)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, TOP_LOCATIONS)
    .map((row) => ({
      name: row.name as string,
      count: row.count as number,
      previous: suppressCount(row.previous, threshold),
      words: !known[1] ? NO_PREVIOUS : row.previous >= threshold ? againstPrevious(row.count, row.previous, unit) : `${TOO_FEW} with last ${unit}`,
      lon: row.lon as number,
      lat: row.lat as number,
    }))

  const band = (count: number) => MAP_BANDS.findIndex((each) => count >= each.from && (each.to === null || count <= each.to))
  const mapCells = cells.rows
    .filter((row) => row.count >= threshold)
    .map((row) => ({ cell: (row.cell as string).padStart(15, '0'), band: band(row.count) }))
    .sort((a, b) => a.cell.localeCompare(b.cell))

  const { incidents, covered, cameras } = cover.rows[0]
  const uncovered = incidents - covered
  // A share is shown only when both what cameras saw and what they missed are shown counts: either small part would
  // follow from the share and the total.
  const coverShown = covered >= threshold && uncovered >= threshold
  const cctv = {
    incidents: suppressCount(incidents, threshold),
    covered: suppressCount(covered, threshold),
    share: coverShown ? Math.round((covered / incidents) * 1000) / 1000 : null,
    workingCameras: cameras as number,
    words: coverShown
      ? `${Math.round((covered / incidents) * 100)}% of this ${unit}'s incidents happened where a working camera can see`
      : incidents === 0
        ? `no incidents this ${unit}`
        : `too few incidents in or out of camera view to give a share`,
  }

  const taskRows = tasks.rows.map((row) => {
    const weeks = Math.max(0, row.days_running) / 7
    const visitsTarget = Math.round(row.visits_per_week * weeks)
    return {
      id: row.id as number,
      title: row.title as string,
      team: row.team as string | null,
      status: row.status as string,
      escalated: row.status === 'escalated',
      outcome: row.outcome as string | null,
      start: row.start_date as string,
      end: row.end_date as string,
      visitsTarget,
      visits: row.visits as number,
      minutesTarget: visitsTarget * row.minutes_per_visit,
      minutes: row.minutes as number,
    }
  })

  const sourceRows = sources.rows.map((row) => ({ source: row.source as string, first: row.first_day as string, last: row.last_day as string, monthsOnly: row.months_only as boolean }))
  const caveats: string[] = []
  for (const source of sourceRows) {
    caveats.push(
      source.monthsOnly
        ? `${source.source}: records from ${source.first.slice(0, 7)} to ${source.last.slice(0, 7)}, each dated to its month only and placed at an anonymised point near where it happened.`
        : `${source.source}: records from ${source.first} to ${source.last}, with their dates.`,
    )
  }
  if (options.monthsOnly) caveats.push(`This ward's records are dated to the month only, so this report covers a whole month (${periodLabel(period)}) rather than a week.`)
  if (kind === 'week') {
    const monthOnly = sources.rows.filter((row) => row.months_only).reduce((sum, row) => sum + row.rows, 0)
    if (monthOnly > 0) caveats.push(`Records dated to the month only cannot be placed in a week, so this weekly report leaves out those of ${start.slice(0, 7)}${end.slice(0, 7) !== start.slice(0, 7) ? ` and ${end.slice(0, 7)}` : ''}.`)
  }
  if (sourceRows.length === 0) caveats.push(`No incidents are recorded in this ward in the ${TREND_PERIODS} ${unit}s up to this one.`)
  caveats.push(
    `Counts under ${threshold} are shown as "<${threshold}" to protect the people involved, and a total beside one as "at least" the counts shown (">=N"); changes are given only where both figures are shown; map cells with fewer than ${threshold} incidents are not drawn.`,
  )
  caveats.push('CCTV coverage is worked out from the views of the cameras working today, not on the days of the incidents.')

  const kindOrder: ContactKind[] = ['neighbourhood-officer', 'enforcement-officer', 'housing-officer']
  return {
    format: 1,
    ward: { code: ward.code, name: ward.name, councilName: ward.council_name },
    period: { id: period, kind, label: periodLabel(period), start, end, monthsOnly: options.monthsOnly },
    publishedAt: options.publishedAt.toISOString(),
    suppressionThreshold: threshold,
    total: { count: tables[0].total, previous: totals[1], words: totalWords },
    categories: categoryRows,
    trend: periods
      .map((each, index) => ({ period: each, label: periodLabel(each), total: totals[index] }))
      .reverse(),
    locations,
    tasks: taskRows,
    cctv,
    residentReports: { recorded: true, words: residentReportWords(residents.rows, threshold, unit) },
    contacts: kindOrder.flatMap((each) => contacts.rows.filter((row) => row.kind === each).map((row) => ({ kind: each, name: row.name, email: row.email, phone: row.phone }))),
    map: { outline: ward.outline, bands: MAP_BANDS, cells: mapCells },
    sources: sourceRows,
    caveats,
  }
}

const STATUS_WORDS: Record<string, string> = {
  accepted: 'accepted as incidents',
  merged: 'merged with another report',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  new: 'awaiting a decision',
}

/**
 * Resident reports from the ward in the period, in words, under the same rule as every count: a total under the
 * threshold is "fewer than N"; the statuses are given only when each one present reaches it, so none can be worked
 * out from the total and the others.
 */
export function residentReportWords(rows: readonly { status: string; reports: number }[], threshold: number, unit: string): string {
  const total = rows.reduce((sum, row) => sum + row.reports, 0)
  if (total === 0) return `No resident reports were sent from this ward this ${unit}`
  if (total < threshold) return `Fewer than ${threshold} resident reports were sent from this ward this ${unit}`
  const present = Object.keys(STATUS_WORDS).flatMap((status) => rows.filter((row) => row.status === status && row.reports > 0))
  const sent = `${total} resident reports were sent from this ward this ${unit}`
  if (present.some((row) => row.reports < threshold)) return `${sent}; their outcomes are not broken down, as some would be under ${threshold}`
  return `${sent}: ${present.map((row) => `${row.reports} ${STATUS_WORDS[row.status]}`).join(', ')} when this report was published`
}
