import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorAnswer } from '../../lib/error-answer.js'
import { badRequest, conflict, notFound } from '../../lib/errors.js'
import { withTransaction } from '../../lib/transaction.js'
import { recordAudit } from '../audit/audit-log.js'
import { currentSession } from '../auth/access.js'
import { PATROL_ROLES, VISIT_READERS, VISIT_RECORDERS } from '../users/roles.js'
import { NewVisit, TaskId, VisitList, VisitSchema } from './schemas.js'
import type { TaskStatus } from './task-status.js'
import { checkOfficers, getTask, lockTask, setTaskStatus, type Viewer } from './task-store.js'
import { taskScope } from './task-visibility.js'
import { actionCounts, getVisit, insertVisit, listVisits, londonToday, visitByKey } from './visit-store.js'

/** Patrols go to tasks that are tasked or under way; escalated ones too, while the PSG works on them. */
const VISITED: readonly TaskStatus[] = ['tasked', 'in_progress', 'escalated']

export const visitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.pg.pool

  app.get(
    '/api/tasks/:id/visits',
    {
      config: { access: VISIT_READERS },
      schema: { summary: 'The visits recorded for a task, newest first', tags: ['tasks'], params: TaskId, response: { 200: VisitList, 404: ErrorAnswer } },
    },
    async (request) => {
      const { user } = currentSession(request)
      const viewer: Viewer = { id: user.id, scope: taskScope(user.role) }
      if (!(await getTask(pool, viewer, request.params.id))) throw notFound(`id: no task ${request.params.id} is yours to see`)
      return { items: await listVisits(pool, request.params.id) }
    },
  )

  app.post(
    '/api/tasks/:id/visits',
    {
      config: { access: VISIT_RECORDERS },
      schema: {
        summary: 'Record a patrol visit; a resend with the same idempotency key is recorded once (200 with the visit as first recorded)',
        tags: ['tasks'],
        params: TaskId,
        body: NewVisit,
        response: { 200: VisitSchema, 201: VisitSchema, 404: ErrorAnswer, 409: ErrorAnswer },
      },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const viewer: Viewer = { id: user.id, scope: taskScope(user.role) }
      const { id } = request.params
      const visit = request.body
      const outcome = await withTransaction(pool, async (client) => {
        const task = await lockTask(client, id)
        // An officer may record only on a task that is theirs or their team's; to them any other does not exist.
        if (!task || !(await getTask(client, viewer, id))) throw notFound(`id: no task ${id} is yours to see`)
        const earlier = await visitByKey(client, visit.idempotencyKey)
        if (earlier) {
          if (earlier.taskId !== id) throw conflict(`idempotencyKey: already used for a visit to task ${earlier.taskId}; make a new key for a new visit`)
          return { visitId: earlier.id, created: false }
        }
        if (!VISITED.includes(task.status)) throw conflict(`status: visits are recorded on tasked, in progress or escalated tasks; this task is ${task.status}`)
        const today = await londonToday(client)
        if (visit.date > today) throw badRequest('date', `${visit.date} is after today (${today})`)
        if (visit.date < task.startDate || visit.date > task.endDate) throw badRequest('date', `${visit.date} is outside the task\u2019s dates (${task.startDate} to ${task.endDate})`)
        const named = visit.officerIds ?? (PATROL_ROLES.includes(user.role) ? [user.id] : [])
        if (named.length === 0) throw badRequest('officerIds', 'name who patrolled')
        const officerIds = await checkOfficers(client, named)
        const visitId = await insertVisit(client, id, visit, officerIds, user.id)
        // The key was recorded by a request that committed while this one waited: that one is the visit.
        if (visitId === null) return { visitId: (await visitByKey(client, visit.idempotencyKey))!.id, created: false }
        const actor = { id: user.id, email: user.email }
        const recorded = await getVisit(client, id, visitId)
        await recordAudit(client, {
          actor,
          action: 'task.visit',
          target: `task:${id}`,
          ip: request.ip,
          after: {
            visitId,
            date: visit.date,
            startTime: visit.startTime,
            minutes: visit.minutes,
            officerIds,
            actions: actionCounts(visit.actions),
            notes: visit.notes ?? '',
            outsideArea: recorded.outsideArea,
          },
        })
        // The first visit to a tasked task shows it is under way.
        if (task.status === 'tasked') {
          await setTaskStatus(client, id, 'in_progress', null, user.id)
          await recordAudit(client, {
            actor,
            action: 'task.status',
            target: `task:${id}`,
            ip: request.ip,
            details: { version: task.version + 1, reason: 'first visit recorded' },
            before: { status: 'tasked' },
            after: { status: 'in_progress' },
          })
        }
        return { visitId, created: true }
      })
      return reply.code(outcome.created ? 201 : 200).send(await getVisit(pool, id, outcome.visitId))
    },
  )
}
