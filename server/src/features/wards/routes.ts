import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { NoQuery } from '../../lib/no-query.js'
import { loadQuery } from '../../lib/sql-file.js'
import { STAFF } from '../users/roles.js'
import { countFilter, monthBounds } from '../counts/count-bounds.js'
import { comparable, comparisonOf } from '../summary/comparison.js'
import { PERIOD_HEADER, periodHeaderValue } from '../summary/period-in-data.js'
import { FeatureCollection, WardCollection, WardList, WardsQuery } from './schemas.js'

const wardCounts = loadQuery(import.meta.url, 'ward-counts.sql')
const councilOutlines = loadQuery(import.meta.url, 'council-outlines.sql')
const wardList = loadQuery(import.meta.url, 'ward-list.sql')

export const wardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/wards',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Ward boundaries with incident counts for the filter',
                tags: ['boundaries'],
        querystring: WardsQuery,
        // Built by PostgreSQL; the schema leaves the geometry unwalked (schemas.ts).
        response: { 200: WardCollection },
      },
    },
    async (request, reply) => {
      const { params, period } = await app.incidentFilter.parse(request.query)
      const [start, end, categories] = await countFilter(app.pg.pool, params)
      const comparison = period && comparisonOf(period, await app.dataPeriod.months())
      const [previousStart, previousEnd] =
        comparison && comparable(comparison) ? await monthBounds(app.pg.pool, comparison.period.from, comparison.period.to) : [null, null]
      const result = await app.pg.query({ ...wardCounts, values: [start, end, categories, previousStart, previousEnd] })
      reply.header(PERIOD_HEADER, periodHeaderValue(period))
      return reply.type('application/geo+json').send({ ...result.rows[0].collection, comparison })
    },
  )

  // Pickers need names, not shapes or counts: the map's /api/wards is megabytes of geometry and a count per ward.
  app.get(
    '/api/wards/list',
    {
      config: { access: STAFF },
      schema: { summary: 'Every ward for pickers: code, name and council', tags: ['boundaries'], querystring: NoQuery, response: { 200: WardList } },
    },
    async () => {
      const result = await app.pg.query(wardList)
      return { items: result.rows }
    },
  )

  app.get(
    '/api/councils',
    { config: { access: 'signed-in' }, schema: { summary: 'Council outlines', tags: ['boundaries'], querystring: NoQuery, response: { 200: FeatureCollection } } },
    async (_request, reply) => {
      const result = await app.pg.query(councilOutlines)
      return reply.type('application/geo+json').send(result.rows[0].collection)
    },
  )
}
