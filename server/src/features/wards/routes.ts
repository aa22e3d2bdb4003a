import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { NoQuery } from '../../lib/no-query.js'
import { loadQuery } from '../../lib/sql-file.js'
import { incidentFilterProperties, parseIncidentFilter } from '../incidents/incident-filter.js'
import { STAFF } from '../auth/access.js'
import { countFilter } from '../counts/count-bounds.js'
import { PERIOD_HEADER, periodHeaderValue } from '../summary/period-in-data.js'

const wardCounts = loadQuery(import.meta.url, 'ward-counts.sql')
const councilOutlines = loadQuery(import.meta.url, 'council-outlines.sql')

const { ward: _ward, ...wardsQueryProperties } = incidentFilterProperties
const WardsQuery = Type.Object(wardsQueryProperties, { additionalProperties: false })
const FeatureCollection = Type.Object(
  { type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) },
  { description: 'GeoJSON FeatureCollection (EPSG:4326)' },
)

export const wardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/wards',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Ward boundaries with incident counts for the filter',
        description: 'Feature properties: code, name, councilCode, councilName, count, label_lon, label_lat.',
        tags: ['boundaries'],
        querystring: WardsQuery,
        // Serialised by PostgreSQL already; the schema documents it without re-walking every coordinate.
        response: { 200: FeatureCollection },
      },
    },
    async (request, reply) => {
      const { params, period } = await parseIncidentFilter(app.pg.pool, request.query)
      const [start, end, categories] = await countFilter(app.pg.pool, params)
      const result = await app.pg.query({ ...wardCounts, values: [start, end, categories] })
      reply.header(PERIOD_HEADER, periodHeaderValue(period))
      return reply.type('application/geo+json').send(result.rows[0].collection)
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
