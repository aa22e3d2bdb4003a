import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { loadQuery } from '../../lib/sql-file.js'
import { STAFF } from '../users/roles.js'
import { countFilter } from '../counts/count-bounds.js'
import { readTimedWeeks } from '../counts/timed-weeks.js'
import { badRequest } from '../../lib/errors.js'
import { PERIOD_HEADER, periodHeaderValue } from '../summary/period-in-data.js'
import { monthsOf } from '../../lib/months.js'
import { parseHexCell } from './hex-cell.js'
import { HexCellParams, HexCells, HexDetail, HexDetailQuery, HexesQuery, HexWeeks, HexWeeksQuery } from './schemas.js'

const hexCounts = loadQuery(import.meta.url, 'hex-counts.sql')
const hexDetail = loadQuery(import.meta.url, 'hex-detail.sql')
const hexWeekCounts = loadQuery(import.meta.url, 'hex-week-counts.sql')

export const hexRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/hexes',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Incident counts per H3 cell',
        tags: ['incidents'],
        querystring: HexesQuery,
        response: { 200: HexCells },
      },
    },
    async (request, reply) => {
      const { week } = request.query
      if (week !== undefined) {
        if (request.query.from !== undefined || request.query.to !== undefined) throw badRequest('week', 'replaces from and to: give one or the other')
        if (new Date(`${week}T12:00:00Z`).getUTCDay() !== 1) throw badRequest('week', 'must be a Monday (UK weeks run Monday to Sunday)')
      }
      const { params, period } = await app.incidentFilter.parse(request.query)
      const filter = await countFilter(app.pg.pool, params)
      const result = week === undefined
        ? await app.pg.query({ ...hexCounts, values: [...filter, request.query.res] })
        : await app.pg.query({ ...hexWeekCounts, values: [filter[2], filter[3], request.query.res, week] })
      reply.header(PERIOD_HEADER, periodHeaderValue(period))
      return result.rows
    },
  )

  app.get(
    '/api/hexes/weeks',
    {
      config: { access: STAFF },
      schema: {
        summary: 'The whole UK weeks of the period whose incidents known to the day or the minute the map can play week by week',
        tags: ['incidents'],
        querystring: HexWeeksQuery,
        response: { 200: HexWeeks },
      },
    },
    async (request, reply) => {
      const { params, period } = await app.incidentFilter.parse(request.query)
      reply.header(PERIOD_HEADER, periodHeaderValue(period))
      if (!period) return { weeks: [], monthOnly: 0 }
      const { weeks, monthOnly } = await readTimedWeeks(app.pg.pool, await countFilter(app.pg.pool, params), period)
      return { weeks, monthOnly }
    },
  )

  app.get(
    '/api/hexes/:cell/detail',
    {
      config: { access: STAFF },
      schema: {
        summary: 'What is behind one H3 cell: its incidents by category, month, police.uk place and ward',
        description:
          'The cell\u2019s incidents are those whose map point lies inside it (the counts GET /api/hexes gives it), over the period ' +
          '(open ends: the data\u2019s span) and categories asked. The incidents themselves: GET /api/incidents?cell=….',
        tags: ['incidents'],
        params: HexCellParams,
        querystring: HexDetailQuery,
        response: { 200: HexDetail },
      },
    },
    async (request, reply) => {
      const hex = parseHexCell(request.params.cell)
      const { params, period } = await app.incidentFilter.parse(request.query)
      reply.header(PERIOD_HEADER, periodHeaderValue(period))
      const [start, end, categories] = await countFilter(app.pg.pool, params)
      const rows = period ? (await app.pg.query({ ...hexDetail, values: [start, end, categories, hex.res, hex.stored] })).rows : []
      const of = (kind: string) => rows.filter((row) => row.kind === kind).sort((a, b) => b.incidents - a.incidents || b.harm - a.harm)
      const byMonth = new Map(of('month').map((row) => [row.month, row]))
      const totals = of('category').reduce((sum, row) => ({ incidents: sum.incidents + row.incidents, harm: sum.harm + row.harm }), { incidents: 0, harm: 0 })
      return {
        cell: hex.cell,
        res: hex.res,
        areaKm2: hex.areaKm2,
        period: period ?? { from: '', to: '' },
        ...totals,
        categories: of('category').map((row) => ({ category: row.category, incidents: row.incidents, harm: row.harm })),
        months: period ? monthsOf(period.from, period.to).map((month) => ({ month, incidents: byMonth.get(month)?.incidents ?? 0, harm: byMonth.get(month)?.harm ?? 0 })) : [],
        // Ties in a list of names read best alphabetically.
        places: of('place')
          .sort((a, b) => b.incidents - a.incidents || String(a.place).localeCompare(String(b.place)))
          .map((row) => ({ place: row.place, incidents: row.incidents, harm: row.harm })),
        wards: of('ward').map((row) => ({ code: row.ward_code, name: row.ward_name, incidents: row.incidents, harm: row.harm })),
      }
    },
  )
}
