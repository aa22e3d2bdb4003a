import { badRequest } from '../../lib/errors.js'
import type { DataSpan } from './data-period.js'

/** The months (YYYY-MM, inclusive) a request counts. */
export interface Period {
  from: string
  to: string
}

export interface PeriodInData {
  /** The period actually used: the one asked for, clamped to the data; null when there is no data at all. */
  period: Period | null
  /**
   * The same as query bounds, null where the period reaches the data's first or last month: an open end reads no
   * more rows than a closed one there, and lets whole-period queries use the whole-period counts.
   */
  from: string | null
  to: string | null
}

/** Answer header every route with from/to sets: the period it used, `YYYY-MM/YYYY-MM`, or `none` with no data. */
export const PERIOD_HEADER = 'patrolmap-period'

/**
 * The one period rule of every route with `from`/`to`: an open end is the data's first or last month, and a period
 * reaching past the data is clamped to it, so no request can ask for more months than the data holds (a report's rows,
 * an analysis's cells × months, grow with them). A period wholly outside the data is refused, naming the parameter: `to`
 * when it ends before the data begins, `from` when it begins after the data ends. `from` after `to` is refused too.
 */
export function periodInData(span: DataSpan, asked: { from?: string | null; to?: string | null }): PeriodInData {
  const askedFrom = asked.from ?? null
  const askedTo = asked.to ?? null
  if (askedFrom && askedTo && askedFrom > askedTo) throw badRequest('from', `${askedFrom} is after to (${askedTo})`)
  if (span === null) return { period: null, from: null, to: null }
  if (askedTo !== null && askedTo < span.from) {
    throw badRequest('to', `${askedTo} is before the first month of the data (the data runs from ${span.from} to ${span.to})`)
  }
  if (askedFrom !== null && askedFrom > span.to) {
    throw badRequest('from', `${askedFrom} is after the last month of the data (the data runs from ${span.from} to ${span.to})`)
  }
  const from = askedFrom !== null && askedFrom > span.from ? askedFrom : null
  const to = askedTo !== null && askedTo < span.to ? askedTo : null
  return { period: { from: from ?? span.from, to: to ?? span.to }, from, to }
}

export function periodHeaderValue(period: Period | null): string {
  return period ? `${period.from}/${period.to}` : 'none'
}
