import type { HttpError } from '@fastify/sensible'
import type pg from 'pg'
import { formatMonth, monthsOf, previousPeriod } from '../../lib/months.js'
import { loadQuery } from '../../lib/sql-file.js'
import { monthBounds } from '../counts/count-bounds.js'
import type { Period } from '../summary/period-in-data.js'
import { DEFAULT_BUFFER_METRES } from './area-counts.js'
import { evaluateTask } from './evaluate-task.js'
import type { Partnership, PartnershipTask } from './schemas.js'
import type { PrePost } from './wdd.js'

const partnershipTasksQuery = loadQuery(import.meta.url, 'partnership-tasks.sql')
const partnershipAreasQuery = loadQuery(import.meta.url, 'partnership-areas.sql')

type Queryable = Pick<pg.Pool, 'query'>

const isHttpError = (error: unknown): error is HttpError => typeof error === 'object' && error !== null && 'statusCode' in error && (error as HttpError).statusCode < 500

const fraction = ([before, after]: PrePost): number | null => (before === 0 ? null : (after - before) / before)

/**
 * The partnership's view of a period: every task that ran in it, each evaluated as its own page does by default (its
 * own length before and from its start, the automatic control, a 250 m ring), and all targeted areas together (the
 * union of those tasks' areas) against the rest of their councils, this period against the equal period before.
 */
export async function evaluatePartnership(db: Queryable, dataMonths: readonly string[], period: Period): Promise<Partnership> {
  const previous = previousPeriod(period.from, period.to)
  const taskRows = (await db.query<{ id: number; title: string; status: string; start_date: string; end_date: string }>({ ...partnershipTasksQuery, values: [period.from, period.to] })).rows

  const tasks: PartnershipTask[] = []
  for (const row of taskRows) {
    const base = { id: row.id, title: row.title, status: row.status, startDate: row.start_date, endDate: row.end_date }
    try {
      const evaluation = await evaluateTask(db, dataMonths, row.id, { bufferMetres: DEFAULT_BUFFER_METRES, control: 'auto', measure: 'count' })
      tasks.push({
        ...base,
        evaluation: {
          months: evaluation.months,
          before: evaluation.before,
          after: evaluation.after,
          counts: evaluation.counts,
          wdd: evaluation.wdd,
          direction: evaluation.reading.direction,
          beyondChanceAt: evaluation.reading.beyondChanceAt,
          caveats: evaluation.caveats,
        },
        note: null,
      })
    } catch (error) {
      // A task that cannot be evaluated (it started after the data ends, no control) is listed with the reason.
      if (!isHttpError(error)) throw error
      tasks.push({ ...base, evaluation: null, note: error.message })
    }
  }

  const targeted: Partnership['targeted'] = { councils: [], counts: { targeted: [0, 0], rest: [0, 0] }, change: { targeted: null, rest: null }, expected: null, relative: null, note: null }
  const held = new Set(dataMonths)
  const missingBefore = monthsOf(previous.from, previous.to).filter((month) => !held.has(month))
  if (taskRows.length === 0) {
    targeted.note = 'No task ran in this period.'
  } else {
    const [previousStart, previousEnd] = await monthBounds(db, previous.from, previous.to)
    const [start, end] = await monthBounds(db, period.from, period.to)
    const rows = (
      await db.query<{ councils: string[]; inside: boolean; current: boolean; incidents: number }>({
        ...partnershipAreasQuery,
        values: [taskRows.map((row) => row.id), previousStart, previousEnd, start, end, null],
      })
    ).rows
    const counts = { targeted: [0, 0] as [number, number], rest: [0, 0] as [number, number] }
    for (const row of rows) {
      targeted.councils = row.councils
      counts[row.inside ? 'targeted' : 'rest'][row.current ? 1 : 0] += row.incidents
    }
    targeted.counts = counts
    if (missingBefore.length > 0) {
      // Never compared with months that have no data: they would read as a rise from nothing.
      targeted.note = `No earlier data: the equal period before (${formatMonth(previous.from)} to ${formatMonth(previous.to)}) has no data for ${missingBefore.length} of its ${monthsOf(previous.from, previous.to).length} months.`
    } else {
      targeted.change = { targeted: fraction(counts.targeted), rest: fraction(counts.rest) }
      // A ratio rather than the WDD's difference: the rest of a council is many times the targeted areas, and a
      // difference of counts would be mostly the rest's own change.
      const restChange = targeted.change.rest
      if (restChange !== null) {
        targeted.expected = counts.targeted[0] * (1 + restChange)
        targeted.relative = targeted.expected === 0 ? null : counts.targeted[1] / targeted.expected - 1
      }
    }
  }
  return { period, previous, tasks, targeted }
}
