import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { badRequest } from '../../lib/errors.js'
import { NoQuery } from '../../lib/no-query.js'
import { withTransaction } from '../../lib/transaction.js'
import { recordAudit } from '../audit/audit-log.js'
import { currentSession } from '../auth/access.js'
import { ANALYSTS, STAFF } from '../users/roles.js'
import { listHarmWeights, lockHarmWeights, updateHarmWeights } from './harm-weight-store.js'
import { HarmWeightsAnswer, HarmWeightsChange } from './schemas.js'

const SCALE =
  'Defaults: the ONS Crime Severity Score, whose weights come from sentencing (days in custody, or the equivalent). Each ' +
  'police.uk category covers several offences; its default is the median of their weights, which puts a category with ' +
  'many rare serious offences (Violence and sexual offences) above its typical incident. Anti-social behaviour has no ' +
  'CSS weight: its default is a local choice. Sources: geodata/SOURCES.md; method: docs/hotspot-methods.md.'

export const harmWeightRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.pg.pool

  app.get(
    '/api/harm-weights',
    {
      config: { access: STAFF },
      schema: {
        summary: 'The harm weight of each category, used by every analysis run with measure=harm',
        tags: ['hotspots'],
        querystring: NoQuery,
        response: { 200: HarmWeightsAnswer },
      },
    },
    async () => ({ scale: SCALE, weights: await listHarmWeights(pool) }),
  )

  app.put(
    '/api/harm-weights',
    {
      config: { access: ANALYSTS },
      schema: {
        summary: 'Change some categories\u2019 harm weights; each change is kept in the audit trail with before and after',
        tags: ['hotspots'],
        body: HarmWeightsChange,
        response: { 200: HarmWeightsAnswer },
      },
    },
    async (request) => {
      const { user } = currentSession(request)
      const given = request.body.weights
      const named = new Set<string>()
      for (const row of given) {
        if (named.has(row.category)) throw badRequest('weights', `${row.category} is listed twice`)
        named.add(row.category)
      }
      await withTransaction(pool, async (client) => {
        const current = await lockHarmWeights(client)
        const unknown = given.filter((row) => !current.has(row.category)).map((row) => row.category)
        if (unknown.length > 0) throw badRequest('weights', `no category is named ${unknown.map((name) => JSON.stringify(name)).join(', ')}`)
        const changes = given.filter((row) => current.get(row.category) !== row.weight)
        if (changes.length === 0) return
        await updateHarmWeights(client, changes, user.email)
        await recordAudit(client, {
          actor: { id: user.id, email: user.email },
          action: 'harm_weights.update',
          target: 'harm_weights',
          ip: request.ip,
          details: request.body.reason ? { reason: request.body.reason } : null,
          before: Object.fromEntries(changes.map((row) => [row.category, current.get(row.category)])),
          after: Object.fromEntries(changes.map((row) => [row.category, row.weight])),
        })
      })
      return { scale: SCALE, weights: await listHarmWeights(pool) }
    },
  )
}
