import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { badRequest } from '../../lib/errors.js'
import { loadQuery } from '../../lib/sql-file.js'
import { ADMIN } from '../users/roles.js'
import { AuditPage, AuditQuery } from './schemas.js'

const auditPage = loadQuery(import.meta.url, 'audit-page.sql')

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
        response: { 200: AuditPage },
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
