import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Day } from '../../lib/calendar-schemas.js'
import { badRequest } from '../../lib/errors.js'
import { loadQuery } from '../../lib/sql-file.js'
import { ADMIN } from '../users/roles.js'
import { AUDIT_ACTIONS } from './audit-log.js'

const auditPage = loadQuery(import.meta.url, 'audit-page.sql')

const Json = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])

const AuditQuery = Type.Object(
  {
    action: Type.Optional(Type.Union(AUDIT_ACTIONS.map((action) => Type.Literal(action)))),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 254, description: 'the actor\u2019s email, exactly' })),
    from: Type.Optional({ ...Day, description: 'first day included, YYYY-MM-DD (1900-01-01 to 2199-12-31)' }),
    to: Type.Optional({ ...Day, description: 'last day included, YYYY-MM-DD (1900-01-01 to 2199-12-31)' }),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    cursor: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
)

const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Union([Type.Object({ id: Type.Union([Type.Integer(), Type.Null()]), email: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  action: Type.String(),
  target: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  details: Json,
  before: Json,
  after: Json,
})

/** Read-only by design: the trail has no write route, and the table refuses UPDATE and DELETE itself. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'The audit trail, newest first',
        tags: ['users'],
        querystring: AuditQuery,
        response: { 200: Type.Object({ items: Type.Array(AuditEntrySchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request) => {
      const query = request.query
      if (query.from && query.to && query.from > query.to) throw badRequest('from', `${query.from} is after to (${query.to})`)
      const after = query.cursor ? Number(query.cursor) : 0
      const rows = (
        await app.pg.query({
          ...auditPage,
          values: [query.action ?? null, query.actor?.trim().toLowerCase() ?? null, query.from ?? null, query.to ?? null, query.limit + 1, after],
        })
      ).rows
      const items = rows.slice(0, query.limit).map((row) => ({
        id: row.id,
        at: new Date(row.at).toISOString(),
        actor: row.actor_id === null && row.actor_email === null ? null : { id: row.actor_id, email: row.actor_email },
        action: row.action,
        target: row.target,
        ip: row.ip,
        details: row.details,
        before: row.before,
        after: row.after,
      }))
      return { items, nextCursor: rows.length > query.limit ? String(items[items.length - 1].id) : null }
    },
  )
}
