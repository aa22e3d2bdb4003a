import fp from 'fastify-plugin'
import { parseIncidentFilter, type IncidentFilter } from '../../features/incidents/incident-filter.js'
import type { IncidentFilterQuery } from '../../features/incidents/schemas.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The filter every incident view shares, checked against the data (features/incidents/incident-filter.ts). */
    incidentFilter: { parse(query: IncidentFilterQuery): Promise<IncidentFilter> }
  }
}

export default fp(async (app) => {
  app.decorate('incidentFilter', { parse: (query: IncidentFilterQuery) => parseIncidentFilter(app.pg.pool, query) })
}, { name: 'incident-filter', dependencies: ['postgres', 'data-period'] })
