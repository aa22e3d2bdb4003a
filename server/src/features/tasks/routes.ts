import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type pg from 'pg'
import { ErrorAnswer } from '../../lib/error-answer.js'
import { badRequest, conflict, notFound } from '../../lib/errors.js'
import { withTransaction } from '../../lib/transaction.js'
import { recordAudit } from '../audit/audit-log.js'
import { currentSession } from '../auth/access.js'
import { checkTeam } from '../teams/team-store.js'
import { TASK_READERS, TASKERS } from '../users/roles.js'
import { emptyKeyTimes } from './key-times.js'
import { NewTask, PatrolOfficerList, StatusChange, TaskChange, TaskConflict, TaskId, TaskList, TaskListQuery, TaskSchema, type StaleTask, type Task } from './schemas.js'
import { areaSpec, type AreaSpec } from './task-area.js'
import { auditArea, auditFields, changedFields } from './task-audit.js'
import { canMove, refusedMoveMessage, type TaskStatus } from './task-status.js'
import {
  categoriesNamed,
  checkArea,
  checkMeeting,
  checkOfficers,
  checkPop,
  getTask,
  insertTask,
  listPatrolOfficers,
  listTasks,
  lockTask,
  setTaskStatus,
  updateTask,
  type TaskFields,
  type TaskRecord,
  type Viewer,
} from './task-store.js'
import { taskScope } from './task-visibility.js'
import { londonToday, withWeeks } from './visit-store.js'

function viewerOf(request: FastifyRequest): Viewer {
  const { user } = currentSession(request)
  return { id: user.id, scope: taskScope(user.role) }
}

const sameArea = (record: TaskRecord, spec: AreaSpec) =>
  spec.source !== 'polygon' &&
  record.area.source === spec.source &&
  record.area.ward === spec.ward &&
  record.area.res === spec.res &&
  JSON.stringify(record.area.cells) === JSON.stringify(spec.cells)

function checkDates(startDate: string, endDate: string): void {
  if (endDate < startDate) throw badRequest('endDate', `${endDate} is before startDate (${startDate})`)
}

/** The 409 for an edit made on an older version: the task as it is now, so the client can show it; nothing written. */
function staleAnswer(current: Task, given: number): StaleTask {
  const by = current.updatedBy ? ` by ${current.updatedBy.name}` : ''
  return {
    statusCode: 409,
    error: 'Conflict',
    message: `version: this task was changed${by} at ${current.updatedAt} (now version ${current.version}; the edit was made on version ${given}). Nothing was saved: review the current task and make the change again.`,
    current,
  }
}

type Outcome<T> = { stale: Task } | { done: T }

export const taskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.pg.pool

  /** The task after a change, as the one who made it sees it. */
  const reread = async (db: pg.Pool | pg.PoolClient, viewer: Viewer, id: number) => (await getTask(db, viewer, id))!

  app.get(
    '/api/tasks',
    {
      config: { access: TASK_READERS },
      schema: {
        summary: 'Tasks the caller may see (staff: all; officers: theirs and their team\u2019s; councillors: those in their wards), with area (its GeoJSON when asked for), wards and dosage delivered',
        tags: ['tasks'],
        querystring: TaskListQuery,
        response: { 200: TaskList },
      },
    },
    async (request) => {
      const query = request.query
      const items = await listTasks(pool, viewerOf(request), {
        statuses: query.status ? ([...new Set(query.status.split(','))] as TaskStatus[]) : undefined,
        team: query.team,
        ward: query.ward,
        mine: query.officer === 'me',
      }, { withKeyTimes: false, withGeometry: query.geometry === true })
      return { items }
    },
  )

  app.get(
    '/api/tasks/officers',
    {
      config: { access: TASKERS },
      schema: { summary: 'Who may be named on a task: enabled inspectors and officers, with their teams', tags: ['tasks'], response: { 200: PatrolOfficerList } },
    },
    async () => ({ items: await listPatrolOfficers(pool) }),
  )

  app.get(
    '/api/tasks/:id',
    {
      config: { access: TASK_READERS },
      schema: { summary: 'One task, if the caller may see it, with the dosage delivered in each of its weeks', tags: ['tasks'], params: TaskId, response: { 200: TaskSchema, 404: ErrorAnswer } },
    },
    async (request) => {
      const task = await getTask(pool, viewerOf(request), request.params.id)
      // Not 403: a task the caller may not see is not theirs to know of.
      if (!task) throw notFound(`id: no task ${request.params.id} is yours to see`)
      return withWeeks(pool, task, await londonToday(pool))
    },
  )

  app.post(
    '/api/tasks',
    {
      config: { access: TASKERS },
      schema: {
        summary: 'Create a task (proposed) for an area: a problem location\u2019s or picked H3 cells, a drawn polygon, or a ward',
        tags: ['tasks'],
        body: NewTask,
        response: { 201: TaskSchema },
      },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const viewer = viewerOf(request)
      const body = request.body
      checkDates(body.startDate, body.endDate)
      const area = areaSpec(body.area)
      const id = await withTransaction(pool, async (client) => {
        const fields: TaskFields = {
          title: body.title.trim(),
          problem: body.problem ?? '',
          ...(await categoriesNamed(client, body.categories ?? [])),
          keyTimes: body.keyTimes ?? emptyKeyTimes(),
          leadTeamId: body.leadTeamId ?? null,
          officerIds: await checkOfficers(client, body.officerIds ?? []),
          visitsPerWeek: body.dosage.visitsPerWeek,
          minutesPerVisit: body.dosage.minutesPerVisit,
          startDate: body.startDate,
          endDate: body.endDate,
          meetingId: body.meetingId ?? null,
          popId: body.popId ?? null,
        }
        await checkTeam(client, 'leadTeamId', fields.leadTeamId)
        await checkMeeting(client, fields.meetingId)
        await checkPop(client, fields.popId)
        await checkArea(client, area)
        const created = await insertTask(client, fields, area, user.id)
        await recordAudit(client, {
          actor: { id: user.id, email: user.email },
          action: 'task.create',
          target: `task:${created}`,
          ip: request.ip,
          after: { ...auditFields(fields), status: 'proposed', area: auditArea({ ...area, polygon: body.area.polygon ?? null }) },
        })
        return created
      })
      return reply.code(201).send(await reread(pool, viewer, id))
    },
  )

  app.patch(
    '/api/tasks/:id',
    {
      config: { access: TASKERS },
      schema: {
        summary: 'Edit a task on the version read; a stale version is refused with 409 and the current task, nothing written',
        tags: ['tasks'],
        params: TaskId,
        body: TaskChange,
        response: { 200: TaskSchema, 404: ErrorAnswer, 409: TaskConflict },
      },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const viewer = viewerOf(request)
      const { id } = request.params
      const change = request.body
      const area = change.area ? areaSpec(change.area) : null
      const outcome = await withTransaction(pool, async (client): Promise<Outcome<void>> => {
        const record = await lockTask(client, id)
        if (!record) throw notFound(`id: no task has the id ${id}`)
        if (record.version !== change.version) return { stale: await reread(client, viewer, id) }
        if (record.status === 'closed') throw conflict('status: a closed task is a record and is not edited; create a new task instead')
        const fields: TaskFields = {
          title: change.title?.trim() ?? record.title,
          problem: change.problem ?? record.problem,
          ...(change.categories ? await categoriesNamed(client, change.categories) : { categoryIds: record.categoryIds, categories: record.categories }),
          keyTimes: change.keyTimes ?? record.keyTimes,
          leadTeamId: change.leadTeamId === undefined ? record.leadTeamId : change.leadTeamId,
          officerIds: change.officerIds ? await checkOfficers(client, change.officerIds) : record.officerIds,
          visitsPerWeek: change.dosage?.visitsPerWeek ?? record.visitsPerWeek,
          minutesPerVisit: change.dosage?.minutesPerVisit ?? record.minutesPerVisit,
          startDate: change.startDate ?? record.startDate,
          endDate: change.endDate ?? record.endDate,
          meetingId: change.meetingId === undefined ? record.meetingId : change.meetingId,
          popId: change.popId === undefined ? record.popId : change.popId,
        }
        checkDates(fields.startDate, fields.endDate)
        await checkTeam(client, 'leadTeamId', fields.leadTeamId, record.leadTeamId)
        if (fields.meetingId !== record.meetingId) await checkMeeting(client, fields.meetingId)
        if (fields.popId !== record.popId) await checkPop(client, fields.popId)
        if (record.status !== 'proposed' && fields.leadTeamId === null) throw badRequest('leadTeamId', `a ${record.status} task keeps a lead team`)
        const newArea = area && !sameArea(record, area) ? area : null
        if (newArea) await checkArea(client, newArea)
        const before: Record<string, unknown> = { ...auditFields({ ...record }), area: auditArea(record.area) }
        const after: Record<string, unknown> = { ...auditFields(fields), area: newArea ? auditArea({ ...newArea, polygon: change.area?.polygon ?? null }) : before.area }
        const changed = changedFields(before, after)
        // Nothing differs: no new version, no entry in the trail.
        if (Object.keys(changed.after).length === 0) return { done: undefined }
        await updateTask(client, id, fields, newArea, user.id)
        await recordAudit(client, {
          actor: { id: user.id, email: user.email },
          action: 'task.update',
          target: `task:${id}`,
          ip: request.ip,
          details: { version: record.version + 1, ...(change.reason ? { reason: change.reason } : {}) },
          ...changed,
        })
        return { done: undefined }
      })
      if ('stale' in outcome) return reply.code(409).send(staleAnswer(outcome.stale, change.version))
      return reread(pool, viewer, id)
    },
  )

  app.post(
    '/api/tasks/:id/status',
    {
      config: { access: TASKERS },
      schema: {
        summary: 'Move a task along its life (task-status.ts); any other move is refused with 409 naming the allowed ones',
        tags: ['tasks'],
        params: TaskId,
        body: StatusChange,
        response: { 200: TaskSchema, 404: ErrorAnswer, 409: TaskConflict },
      },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const viewer = viewerOf(request)
      const { id } = request.params
      const { to, version, reason, outcome: given } = request.body
      const result = await withTransaction(pool, async (client): Promise<Outcome<void>> => {
        const record = await lockTask(client, id)
        if (!record) throw notFound(`id: no task has the id ${id}`)
        if (record.version !== version) return { stale: await reread(client, viewer, id) }
        if (!canMove(record.status, to)) throw conflict(`to: ${refusedMoveMessage(record.status, to)}`)
        if (to === 'closed' && !given) throw badRequest('outcome', 'is required to close a task: say what came of it')
        if (to === 'escalated' && !reason) throw badRequest('reason', 'is required to escalate a task to the PSG: say why the JAG cannot solve it')
        if (to === 'tasked' && record.leadTeamId === null) throw conflict('leadTeamId: a task needs a lead team before it is tasked; set one first')
        await setTaskStatus(client, id, to, given ?? null, user.id)
        await recordAudit(client, {
          actor: { id: user.id, email: user.email },
          action: 'task.status',
          target: `task:${id}`,
          ip: request.ip,
          details: { version: record.version + 1, ...(reason ? { reason } : {}) },
          before: { status: record.status, ...(given ? { outcome: record.outcome } : {}) },
          after: { status: to, ...(given ? { outcome: given } : {}) },
        })
        return { done: undefined }
      })
      if ('stale' in result) return reply.code(409).send(staleAnswer(result.stale, version))
      return reread(pool, viewer, id)
    },
  )
}
