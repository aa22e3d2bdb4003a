import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { loadQuery } from '../../lib/sql-file.js'
import { STAFF } from '../users/roles.js'
import { RepeatLocationsAnswer, RepeatLocationsQuery } from './schemas.js'

const repeatLocations = loadQuery(import.meta.url, 'repeat-locations.sql')
const firstMonth = loadQuery(import.meta.url, 'first-month.sql')

const sixPlaces = (value: number | null) => (value === null ? null : Math.round(value * 1e6) / 1e6)

/**
 * Repeat locations (issue 15): places with repeated incidents, for the "identify repeat victims / properties" of
 * action plans. Staff only: an address with many reports can point at a household, so councillors (who see small
 * counts suppressed) never get it, and the page says how to treat it.
 */
export const repeatLocationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/repeat-locations',
    {
      config: { access: STAFF },
      schema: {
        summary: 'Places (map points, or a log\u2019s addresses) with repeated incidents over the last months, busiest first (staff only: personal data)',
        tags: ['time-patterns'],
        querystring: RepeatLocationsQuery,
        response: { 200: RepeatLocationsAnswer },
      },
    },
    async (request) => {
      const { months, minIncidents, limit, ward, source } = request.query
      const categories = request.query.categories ? request.query.categories.split(',').map((name) => name.trim()).filter(Boolean) : null
      const { rows } = await app.pg.query<{
        place_key: string; label: string | null; incidents: number; lon: number | null; lat: number | null; ward_code: string | null; ward_name: string | null
        first_day: string; last_day: string; sources: string[]; categories: { category: string; incidents: number }[]; from_month: string | null
      }>({ ...repeatLocations, values: [months, categories, ward ?? null, source ?? null, minIncidents, limit] })
      // With no place listed the rows cannot say where the span starts: asked apart.
      const fromMonth = rows.length > 0 ? rows[0].from_month : ((await app.pg.query<{ month: string | null }>({ ...firstMonth, values: [months] })).rows[0]?.month ?? null)
      return {
        fromMonth,
        items: rows.map((row) => ({
          kind: row.place_key.startsWith('address:') ? ('address' as const) : ('point' as const),
          label: row.label,
          incidents: row.incidents,
          lon: sixPlaces(row.lon),
          lat: sixPlaces(row.lat),
          ward: row.ward_code && row.ward_name ? { code: row.ward_code, name: row.ward_name } : null,
          firstDay: row.first_day,
          lastDay: row.last_day,
          sources: row.sources,
          categories: row.categories,
        })),
      }
    },
  )
}
