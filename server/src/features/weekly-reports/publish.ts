import type pg from 'pg'
import { isMonth } from '../../lib/months.js'
import { dataPeriodOf } from '../summary/data-period.js'
import { ReportInputError, TREND_PERIODS, wardHasTimedData } from './build-report.js'
import { lastCompleteWeek, londonDate, periodDates, periodKind, weekOfDate } from './periods.js'
import { publishReport, type PublishOutcome, type PublishTrigger } from './report-store.js'
import type { AuditEntry } from '../audit/audit-log.js'
import { loadQuery } from '../../lib/sql-file.js'

const allWardsQuery = loadQuery(import.meta.url, 'all-wards.sql')


export interface ChosenPeriod {
  period: string
  monthsOnly: boolean
}

/**
 * The period a ward's report covers. By default the last complete ISO week (UK time); for a ward with no record dated
 * to the day or minute in the 12 weeks up to it, whose data are months only, the latest month of the data instead
 * (the weekly run then publishes that month once; the weeks after find it published). A period asked for is checked:
 * a week for a months-only ward, a week not yet over or a month past the data are refused, naming `period`.
 */
export async function choosePeriod(pool: pg.Pool, wardCode: string, now: Date, asked?: string): Promise<ChosenPeriod | null> {
  const today = londonDate(now)
  const span = await dataPeriodOf(pool).get(pool)
  if (asked && periodKind(asked) === 'week') {
    if (periodDates(asked).end > today) throw new ReportInputError('period', `${asked} is not over yet: a weekly report covers a whole week (Monday to Sunday)`)
    if (!(await wardHasTimedData(pool, wardCode, asked))) {
      throw new ReportInputError('period', `this ward's records in the ${TREND_PERIODS} weeks up to ${asked} are dated to the month only: ask for a month (YYYY-MM)`)
    }
    return { period: asked, monthsOnly: false }
  }
  if (asked) {
    if (!span || asked > span.to || asked < span.from) throw new ReportInputError('period', span ? `there are no data for ${asked}: the data cover ${span.from} to ${span.to}` : 'there are no data yet')
    return { period: asked, monthsOnly: !(await wardHasTimedData(pool, wardCode, weekOfDate(shiftDay(periodDates(asked).end, -1)))) }
  }
  const week = lastCompleteWeek(today)
  if (await wardHasTimedData(pool, wardCode, week)) return { period: week, monthsOnly: false }
  if (!span || !isMonth(span.to)) return null
  return { period: span.to, monthsOnly: true }
}

function shiftDay(date: string, by: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10)
}

export interface RunOptions {
  suppressionThreshold: number
  trigger: PublishTrigger
  actor?: AuditEntry['actor']
  now?: Date
  /** Only these wards (default: every ward). */
  wards?: string[]
}

export interface RunResult {
  published: PublishOutcome[]
  skipped: { wardCode: string; reason: string }[]
}

/**
 * Every ward's report for its default period, published where it is not yet: the weekly schedule, its catch-up on
 * start, and the cron command all run this, and any number of them may run at once (publishReport publishes each
 * ward-period once). Wards one after the other: the machine is shared, and 83 wards take well under the two minutes.
 */
export async function publishDue(pool: pg.Pool, options: RunOptions): Promise<RunResult> {
  const now = options.now ?? new Date()
  const wards = options.wards ?? (await pool.query({ ...allWardsQuery })).rows.map((row) => row.code as string)
  const result: RunResult = { published: [], skipped: [] }
  for (const wardCode of wards) {
    const chosen = await choosePeriod(pool, wardCode, now)
    if (!chosen) {
      result.skipped.push({ wardCode, reason: 'no data yet' })
      continue
    }
    result.published.push(
      await publishReport(pool, {
        wardCode,
        period: chosen.period,
        monthsOnly: chosen.monthsOnly,
        suppressionThreshold: options.suppressionThreshold,
        trigger: options.trigger,
        actor: options.actor ?? null,
        now,
      }),
    )
  }
  return result
}

