import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type pg from 'pg'
import { badRequest } from '../../lib/errors.js'
import { monthBounds } from '../counts/count-bounds.js'
import { londonMonthOfEpoch, monthsOf, shiftMonth } from '../../lib/months.js'
import { loadQuery } from '../../lib/sql-file.js'
import { currentSession } from '../auth/access.js'
import { POLICE_UK_CATEGORIES } from '../incidents/categories.js'
import type { DataSpan } from '../summary/data-period.js'
import { PERIOD_HEADER, periodHeaderValue, periodInData } from '../summary/period-in-data.js'
import { WardReport, WardReportQuery } from './schemas.js'
import { protectTable } from './suppression.js'
import { REPORT_READERS } from '../users/roles.js'

const reportWards = loadQuery(import.meta.url, 'report-wards.sql')
const reportCounts = loadQuery(import.meta.url, 'report-counts.sql')

/** A councillor's report: one month, and the totals of the months up to it as its trend. */
export const TREND_MONTHS = 12

/** Incidents per ward, month and category over a period, as the report's tables need them. */
class ReportCounts {
  private readonly counts = new Map<string, number>()
  readonly categories: string[]

  constructor(rows: { ward_code: string; start: number; category: string; count: number }[]) {
    const monthOf = londonMonthOfEpoch()
    const found = new Set<string>(POLICE_UK_CATEGORIES)
    for (const row of rows) {
      const key = `${row.ward_code}|${monthOf(row.start)}|${row.category}`
      this.counts.set(key, (this.counts.get(key) ?? 0) + row.count)
      found.add(row.category)
    }
    // Every category, zeros included: a category missing from a councillor's report would tell a 0 from a "<3".
    this.categories = [...found].sort()
  }

  /** One ward's counts per category, in `categories` order, summed over the months given. */
  byCategory(wardCode: string, months: readonly string[]): number[] {
    return this.categories.map((category) => months.reduce((sum, month) => sum + (this.counts.get(`${wardCode}|${month}|${category}`) ?? 0), 0))
  }
}

async function loadCounts(pool: pg.Pool, wardCodes: string[], first: string, last: string): Promise<ReportCounts> {
  const [start, end] = await monthBounds(pool, first, last)
  return new ReportCounts((await pool.query({ ...reportCounts, values: [start, end, wardCodes] })).rows)
}

/**
 * The one month a councillor's report covers: the month asked for (from and to alike), else the latest with data.
 * Councillors see fixed, whole, non-overlapping months only: with overlapping periods, the difference of two shown
 * totals is the count of the months between them, however each answer was suppressed (docs/access.md).
 */
function councillorMonth(query: { from?: string; to?: string }, span: NonNullable<DataSpan>): string {
  if (query.from && query.to && query.from !== query.to) {
    throw badRequest('to', `a councillor's report covers one calendar month: give from and to the same month (${query.from} ≠ ${query.to})`)
  }
  const month = query.from ?? query.to ?? span.to
  if (month < span.from || month > span.to) {
    throw badRequest(query.from ? 'from' : 'to', `there are no data for ${month}: reports cover ${span.from} to ${span.to}`)
  }
  return month
}

export const wardReportRoutes: FastifyPluginAsyncTypebox<{ suppressionThreshold: number }> = async (app, options) => {
  const pool = app.pg.pool

  app.get(
    '/api/ward-reports',
    {
      config: { access: REPORT_READERS },
      schema: {
        summary: "Ward-level counts by category and month; councillors get one month of their own wards, small counts protected",
        tags: ['reports'],
        querystring: WardReportQuery,
        response: { 200: WardReport },
      },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const query = request.query
      if (query.from && query.to && query.from > query.to) throw badRequest('from', `${query.from} is after to (${query.to})`)
      const isCouncillor = user.role === 'councillor'
      const threshold = options.suppressionThreshold
      let codes: string[] | null = isCouncillor ? user.wards.map((assigned) => assigned.code) : null
      if (query.ward) {
        if (codes && !codes.includes(query.ward)) throw badRequest('ward', `${query.ward} is not one of your wards`)
        codes = [query.ward]
      }
      const wards = (await pool.query({ ...reportWards, values: [codes] })).rows
      if (query.ward && wards.length === 0) throw badRequest('ward', `no ward has the code ${query.ward}`)
      const wardCodes = wards.map((row) => row.code as string)
      const named = (row: { code: string; name: string; council_name: string }) => ({ code: row.code, name: row.name, councilName: row.council_name })

      const span = await app.dataPeriod.get()
      const base = { dataPeriod: span, suppressionThreshold: threshold, suppressed: isCouncillor }
      if (!span) return { ...base, period: null, wards: wards.map((row) => ({ ...named(row), total: 0, categories: [], months: [] })) }

      if (isCouncillor) {
        // Each month is one table (categories and their total), protected on its own; the trend shows each month's
        // total exactly as that month's report does, so no figure is ever shown two ways.
        const month = councillorMonth(query, span)
        reply.header(PERIOD_HEADER, periodHeaderValue({ from: month, to: month }))
        const trend = monthsOf(shiftMonth(month, 1 - TREND_MONTHS) < span.from ? span.from : shiftMonth(month, 1 - TREND_MONTHS), month)
        const counts = await loadCounts(pool, wardCodes, trend[0], month)
        return {
          ...base,
          period: { from: month, to: month },
          wards: wards.map((row) => {
            const tables = new Map(trend.map((each) => [each, protectTable(counts.byCategory(row.code, [each]), threshold)]))
            const report = tables.get(month)!
            return {
              ...named(row),
              total: report.total,
              categories: counts.categories.map((category, index) => ({ category, count: report.cells[index] })),
              months: trend.map((each) => ({ month: each, count: tables.get(each)!.total })),
            }
          }),
        }
      }

      // Staff: any period, clamped to the data (summary/period-in-data.ts), so no request can ask for more months than exist.
      const { from: periodFrom, to: periodTo } = periodInData(span, query).period!
      reply.header(PERIOD_HEADER, periodHeaderValue({ from: periodFrom, to: periodTo }))
      const months = monthsOf(periodFrom, periodTo)
      const counts = await loadCounts(pool, wardCodes, periodFrom, periodTo)
      return {
        ...base,
        period: { from: periodFrom, to: periodTo },
        wards: wards.map((row) => {
          const byCategory = counts.byCategory(row.code, months)
          return {
            ...named(row),
            total: byCategory.reduce((sum, value) => sum + value, 0),
            categories: counts.categories.map((category, index) => ({ category, count: byCategory[index] })),
            months: months.map((each) => ({ month: each, count: counts.byCategory(row.code, [each]).reduce((sum, value) => sum + value, 0) })),
          }
        }),
      }
    },
  )
}
