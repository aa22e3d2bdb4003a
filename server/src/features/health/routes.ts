import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { RETRY_AFTER_SECONDS } from '../../lib/errors.js'
import { NoQuery } from '../../lib/no-query.js'
import { loadQuery } from '../../lib/sql-file.js'
import { Health } from './schemas.js'

const healthFacts = loadQuery(import.meta.url, 'health-facts.sql')

/**
 * Public and polled every few seconds, so it reads small tables and the kept data period, never the incidents. It
 * answers even while the server refuses other requests under load, to say so.
 */
export const healthRoutes: FastifyPluginAsyncTypebox<{ engine: string }> = async (app, options) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public', pressureHandler: () => {} },
      schema: {
        summary: 'Database reachable, PostGIS version, the months of data, the last import, boundary counts; whether the server is overloaded',
        tags: ['health'],
        querystring: NoQuery,
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const database = { reachable: null, engine: options.engine, postgis: null }
      if (app.isUnderPressure()) {
        return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ status: 'busy', database, data: null, counts: null })
      }
      try {
        const row = (await app.pg.query(healthFacts)).rows[0]
        const period = await app.dataPeriod.get()
        const lastImport = row.last_import_file ? { file: row.last_import_file, finishedAt: new Date(row.last_import_at).toISOString() } : null
        return {
          status: 'ok' as const,
          database: { reachable: true, engine: options.engine, postgis: row.postgis },
          data: { period, lastImport },
          counts: { wards: row.wards, councils: row.councils, importBatches: row.import_batches },
        }
      } catch {
        return reply
          .code(503)
          .header('retry-after', String(RETRY_AFTER_SECONDS))
          .send({ status: 'unavailable', database: { ...database, reachable: false }, data: null, counts: null })
      }
    },
  )
}
