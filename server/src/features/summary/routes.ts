import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { loadQuery } from '../../lib/sql-file.js'
import { IncidentFilterQuery } from '../incidents/schemas.js'
import { STAFF } from '../users/roles.js'
import { countFilter, monthBounds } from '../counts/count-bounds.js'
import { comparable, comparisonOf } from './comparison.js'
import { PERIOD_HEADER, periodHeaderValue } from './period-in-data.js'
import { Summary } from './schemas.js'

const totals = loadQuery(import.meta.url, 'summary-totals.sql')
const categories = loadQuery(import.meta.url, 'summary-categories.sql')
const months = loadQuery(import.meta.url, 'summary-months.sql')

export const summaryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/summary',
    { config: { access: STAFF }, schema: { summary: 'Totals, period covered and categories with counts', tags: ['incidents'], querystring: IncidentFilterQuery, response: { 200: Summary } } },
    async (request, reply) => {
      const { params, period } = await app.incidentFilter.parse(request.query)
      const [start, end, selected, ward] = await countFilter(app.pg.pool, params)
      const totalRow = (await app.pg.query({ ...totals, values: [start, end, selected, ward] })).rows[0]
      const categoryRows = (await app.pg.query({ ...categories, values: [start, end, ward] })).rows
      const monthRows = (await app.pg.query({ ...months, values: [start, end, selected, ward] })).rows
      const span = await app.dataPeriod.get()
      const comparison = period && comparisonOf(period, await app.dataPeriod.months())
      let previousTotal: number | null = null
      if (comparison && comparable(comparison)) {
        const [previousStart, previousEnd] = await monthBounds(app.pg.pool, comparison.period.from, comparison.period.to)
        previousTotal = (await app.pg.query({ ...totals, values: [previousStart, previousEnd, selected, ward] })).rows[0].total
      }
      reply.header(PERIOD_HEADER, periodHeaderValue(period))
      return {
        total: totalRow.total,
        outsideArea: totalRow.outside_area,
        withoutLocation: totalRow.without_location,
        period: span,
        comparison,
        previousTotal,
        categories: categoryRows,
        months: monthRows,
      }
    },
  )
}
