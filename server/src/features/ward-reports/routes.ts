import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { BadRequestError } from '../../lib/errors.js'
import { monthsOf } from '../../lib/months.js'
import { loadQuery } from '../../lib/sql-file.js'
import { currentSession } from '../auth/access.js'
import { incidentFilterProperties } from '../incidents/incident-filter.js'
import { DataPeriod } from '../summary/data-period.js'
import { periodInData } from '../summary/period-in-data.js'
import { suppressBreakdown, suppressCount, type ShownCount } from './suppression.js'

const reportWards = loadQuery(import.meta.url, 'report-wards.sql')
const categoryCounts = loadQuery(import.meta.url, 'report-category-counts.sql')
const monthCounts = loadQuery(import.meta.url, 'report-month-counts.sql')

const { from, to, ward } = incidentFilterProperties
const WardReportQuery = Type.Object({ from, to, ward }, { additionalProperties: false })

const Count = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^(<\\d+|\\*)$' })], {
  description: 'a count; for councillors "<3" when under the suppression threshold, "*" when hidden to protect a "<3"',
})
const WardReport = Type.Object({
  period: Type.Union([Type.Object({ from: Type.String(), to: Type.String() }), Type.Null()]),
  suppressionThreshold: Type.Integer(),
  suppressed: Type.Boolean({ description: 'true when small counts are hidden (councillors)' }),
  wards: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      councilName: Type.String(),
      total: Count,
      categories: Type.Array(Type.Object({ category: Type.String(), count: Count })),
      months: Type.Array(Type.Object({ month: Type.String(), count: Count })),
    }),
  ),
})

export const wardReportRoutes: FastifyPluginAsyncTypebox<{ suppressionThreshold: number }> = async (app, options) => {
  const dataPeriod = new DataPeriod()
  const pool = app.pg.pool

  app.get(
    '/api/ward-reports',
    {
      config: { access: 'signed-in' },
      schema: {
        summary: 'Ward-level counts by category and month: councillors get their own wards, small counts suppressed',
        tags: ['reports'],
        querystring: WardReportQuery,
        response: { 200: WardReport },
      },
    },
    async (request) => {
      const { user } = currentSession(request)
      const query = request.query
      if (query.from && query.to && query.from > query.to) throw new BadRequestError('from', `${query.from} is after to (${query.to})`)
      const isCouncillor = user.role === 'councillor'
      const threshold = options.suppressionThreshold
      let codes: string[] | null = isCouncillor ? user.wards.map((assigned) => assigned.code) : null
      if (query.ward) {
        if (codes && !codes.includes(query.ward)) throw new BadRequestError('ward', `${query.ward} is not one of your wards`)
        codes = [query.ward]
      }
      const wards = (await pool.query({ ...reportWards, values: [codes] })).rows
      if (query.ward && wards.length === 0) throw new BadRequestError('ward', `no ward has the code ${query.ward}`)

      const used = periodInData(await dataPeriod.get(pool), query).period
      const periodFrom = used?.from
      const periodTo = used?.to
      const base = { suppressionThreshold: threshold, suppressed: isCouncillor }
      if (!periodFrom || !periodTo) {
        return { ...base, period: null, wards: wards.map((row) => ({ code: row.code, name: row.name, councilName: row.council_name, total: 0, categories: [], months: [] })) }
      }
      const wardCodes = wards.map((row) => row.code)
      const values = [periodFrom, periodTo, wardCodes]
      const byCategory = (await pool.query({ ...categoryCounts, values })).rows
      const byMonth = (await pool.query({ ...monthCounts, values })).rows

      const categories = [...new Set(byCategory.map((row) => row.category as string))].sort()
      const months = monthsOf(periodFrom, periodTo)
      const counts = new Map<string, number>()
      for (const row of byCategory) counts.set(`${row.ward_code}|c|${row.category}`, row.count)
      for (const row of byMonth) counts.set(`${row.ward_code}|m|${row.month}`, row.count)
      const countOf = (code: string, kind: 'c' | 'm', key: string) => counts.get(`${code}|${kind}|${key}`) ?? 0

      return {
        ...base,
        period: { from: periodFrom, to: periodTo },
        wards: wards.map((row) => {
          const categoryValues = categories.map((category) => countOf(row.code, 'c', category))
          const monthValues = months.map((month) => countOf(row.code, 'm', month))
          const total = categoryValues.reduce((sum, value) => sum + value, 0)
          const show = (breakdown: number[]): ShownCount[] => (isCouncillor ? suppressBreakdown(breakdown, threshold) : breakdown)
          const shownCategories = show(categoryValues)
          const shownMonths = show(monthValues)
          return {
            code: row.code,
            name: row.name,
            councilName: row.council_name,
            total: isCouncillor ? suppressCount(total, threshold) : total,
            categories: categories.map((category, index) => ({ category, count: shownCategories[index] })),
            months: months.map((month, index) => ({ month, count: shownMonths[index] })),
          }
        }),
      }
    },
  )
}
