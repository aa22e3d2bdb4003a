import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { loadQuery } from '../../lib/sql-file.js'
import { STAFF } from '../users/roles.js'
import { countFilter } from '../counts/count-bounds.js'
import { PERIOD_HEADER, periodHeaderValue } from '../summary/period-in-data.js'
import { HexCells, HexesQuery } from './schemas.js'

const hexCounts = loadQuery(import.meta.url, 'hex-counts.sql')

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
      const { params, period } = await app.incidentFilter.parse(request.query)
      const result = await app.pg.query({ ...hexCounts, values: [...(await countFilter(app.pg.pool, params)), request.query.res] })
      reply.header(PERIOD_HEADER, periodHeaderValue(period))
      return result.rows
    },
  )
}
