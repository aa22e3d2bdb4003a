import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { NoQuery } from '../../lib/no-query.js'
import { RETRY_AFTER_SECONDS } from '../../plugins/error-handler.js'

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Object({
    reachable: Type.Boolean(),
    engine: Type.String({ description: 'embedded (PGlite) or server' }),
    postgis: Type.Union([Type.String(), Type.Null()]),
  }),
  counts: Type.Union([
    Type.Object({ incidents: Type.Integer(), wards: Type.Integer(), councils: Type.Integer(), importBatches: Type.Integer() }),
    Type.Null(),
  ]),
})

export const healthRoutes: FastifyPluginAsyncTypebox<{ engine: string }> = async (app, options) => {
  app.get(
    '/api/health',
    { config: { access: 'public' }, schema: { summary: 'Database reachable, PostGIS version and row counts', tags: ['health'], querystring: NoQuery, response: { 200: Health, 503: Health } } },
    async (_request, reply) => {
      try {
        const result = await app.pg.query(`SELECT postgis_lib_version() AS postgis,
          (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM wards) AS wards,
          (SELECT count(*) FROM councils) AS councils, (SELECT count(*) FROM import_batches) AS import_batches`)
        const row = result.rows[0]
        return {
          status: 'ok' as const,
          database: { reachable: true, engine: options.engine, postgis: row.postgis },
          counts: { incidents: row.incidents, wards: row.wards, councils: row.councils, importBatches: row.import_batches },
        }
      } catch {
        return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ status: 'unavailable', database: { reachable: false, engine: options.engine, postgis: null }, counts: null })
      }
    },
  )
}
