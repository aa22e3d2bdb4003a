import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { badRequest } from '../../lib/errors.js'
import { loadQuery } from '../../lib/sql-file.js'
import { IncidentPage, IncidentsQuery } from './schemas.js'
import { parseHexCell } from '../hexes/hex-cell.js'
import { STAFF } from '../users/roles.js'
import { monthBounds } from '../counts/count-bounds.js'
import { PERIOD_HEADER, periodHeaderValue } from '../summary/period-in-data.js'

const incidentPage = loadQuery(import.meta.url, 'incident-page.sql')

export function parseBbox(raw: string | undefined): [number, number, number, number] | [null, null, null, null] {
  if (raw === undefined) return [null, null, null, null]
  const parts = raw.split(',')
  if (parts.length !== 4 || parts.some((part) => !/^\s*-?\d+(\.\d+)?\s*$/.test(part))) {
    throw badRequest('bbox', 'must be four numbers: minLon,minLat,maxLon,maxLat')
  }
  const [minLon, minLat, maxLon, maxLat] = parts.map(Number)
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) throw badRequest('bbox', 'is outside longitude ±180, latitude ±90')
  if (minLon >= maxLon || minLat >= maxLat) throw badRequest('bbox', 'minimum must be less than maximum')
  return [minLon, minLat, maxLon, maxLat]
}

export const incidentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/incidents',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Incidents, a page at a time',
        tags: ['incidents'],
        querystring: IncidentsQuery,
        response: { 200: IncidentPage },
      },
    },
    async (request, reply) => {
      const bbox = parseBbox(request.query.bbox)
      const { params, period } = await app.incidentFilter.parse(request.query)
      // Incidents themselves, filtered by category name: only the period goes through as instants.
      const filter = [...(await monthBounds(app.pg.pool, params[0], params[1])), params[2], params[3]]
      reply.header(PERIOD_HEADER, periodHeaderValue(period))
      const { limit } = request.query
      const after = request.query.cursor ? Number(request.query.cursor) : 0
      const hex = request.query.cell ? parseHexCell(request.query.cell) : null
      const rows = (await app.pg.query({ ...incidentPage, values: [...filter, ...bbox, after, limit + 1, hex?.res ?? null, hex?.stored ?? null] })).rows
      const items = rows.slice(0, limit)
      return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null }
    },
  )
}
