import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorAnswer } from '../../lib/error-answer.js'
import { conflict, notFound } from '../../lib/errors.js'
import { NoQuery } from '../../lib/no-query.js'
import { withTransaction } from '../../lib/transaction.js'
import { recordAudit } from '../audit/audit-log.js'
import { currentSession } from '../auth/access.js'
import { ADMIN, TASK_READERS } from '../users/roles.js'
import { NewTeam, TeamChange, TeamId, TeamList, TeamSchema, type Team } from './schemas.js'
import { getTeam, insertTeam, listTeams, lockTeam, updateTeam } from './team-store.js'

const UNIQUE_VIOLATION = '23505'

function auditView(team: Team): Record<string, unknown> {
  return { name: team.name, agency: team.agency, retired: team.retired }
}

export const teamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.pg.pool

  app.get(
    '/api/teams',
    {
      config: { access: TASK_READERS },
      schema: { summary: 'The partnership\u2019s teams that tasks go to, retired ones included (and marked)', tags: ['tasks'], querystring: NoQuery, response: { 200: TeamList } },
    },
    async () => ({ items: await listTeams(pool) }),
  )

  app.post(
    '/api/teams',
    {
      config: { access: ADMIN },
      schema: { summary: 'Add a team', tags: ['tasks'], body: NewTeam, response: { 201: TeamSchema, 409: ErrorAnswer } },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const name = request.body.name.trim()
      const created = await withTransaction(pool, async (client) => {
        const id = await insertTeam(client, { name, agency: request.body.agency })
        if (id === null) return null
        const team = (await getTeam(client, id))!
        await recordAudit(client, { actor: { id: user.id, email: user.email }, action: 'team.create', target: `team:${id}`, ip: request.ip, after: auditView(team) })
        return team
      })
      if (!created) throw conflict(`name: a team is already called ${JSON.stringify(name)}`)
      return reply.code(201).send(created)
    },
  )

  app.patch(
    '/api/teams/:id',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Rename a team, change its agency, or retire it (teams are never deleted: tasks and visits name them)',
        tags: ['tasks'],
        params: TeamId,
        body: TeamChange,
        response: { 200: TeamSchema, 404: ErrorAnswer, 409: ErrorAnswer },
      },
    },
    async (request) => {
      const { user } = currentSession(request)
      const { id } = request.params
      const change = { ...request.body, name: request.body.name?.trim() }
      try {
        return await withTransaction(pool, async (client) => {
          const before = await lockTeam(client, id)
          if (!before) throw notFound(`id: no team has the id ${id}`)
          await updateTeam(client, id, change)
          const after = (await getTeam(client, id))!
          await recordAudit(client, { actor: { id: user.id, email: user.email }, action: 'team.update', target: `team:${id}`, ip: request.ip, before: auditView(before), after: auditView(after) })
          return after
        })
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw conflict(`name: a team is already called ${JSON.stringify(change.name)}`)
        throw error
      }
    },
  )
}
