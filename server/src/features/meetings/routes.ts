import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ErrorAnswer } from '../../lib/error-answer.js'
import { forbidden, notFound } from '../../lib/errors.js'
import { loadQuery } from '../../lib/sql-file.js'
import { withTransaction } from '../../lib/transaction.js'
import { recordAudit } from '../audit/audit-log.js'
import { currentSession } from '../auth/access.js'
import { SESSION_COOKIE } from '../auth/sessions.js'
import { changedFields } from '../tasks/task-audit.js'
import { listTasks, type Viewer } from '../tasks/task-store.js'
import { taskScope } from '../tasks/task-visibility.js'
import { TASKERS, type Role } from '../users/roles.js'
import { buildAgenda } from './agenda.js'
import { checkTeams, getMeeting, insertMeeting, listMeetings, lockMeeting, updateMeeting, type MeetingFields } from './meeting-store.js'
import { buildMinutes } from './minutes.js'
import {
  AgendaQuery,
  AgendaSchema,
  MeetingChange,
  MeetingConflict,
  MeetingId,
  MeetingList,
  MeetingSchema,
  MinutesSchema,
  NewMeeting,
  TaskSheetQuery,
  TaskSheetSchema,
  type Meeting,
  type TaskSheet,
} from './schemas.js'
import { pdfUnavailableReason, TaskSheetRenderer, type PdfSettings } from './task-sheet-pdf.js'

const teamRefQuery = loadQuery(import.meta.url, 'team-ref.sql')

/** Task sheets: the taskers, and officers for their own team (the sheet is what they patrol). */
export const SHEET_READERS: readonly Role[] = [...TASKERS, 'officer']

function viewerOf(request: FastifyRequest): Viewer {
  const { user } = currentSession(request)
  return { id: user.id, scope: taskScope(user.role) }
}

export const meetingRoutes: FastifyPluginAsyncTypebox<PdfSettings> = async (app, settings) => {
  const pool = app.pg.pool
  const renderer = new TaskSheetRenderer(app, settings)
  app.addHook('onClose', () => renderer.close())

  const meetingOr404 = async (id: number): Promise<Meeting> => {
    const meeting = await getMeeting(pool, id)
    if (!meeting) throw notFound(`id: no JAG meeting has the id ${id}`)
    return meeting
  }

  /** A team's sheet for a meeting; officers may ask only for their own team's. */
  const taskSheet = async (request: FastifyRequest, id: number, teamId: number): Promise<TaskSheet> => {
    const { user } = currentSession(request)
    const meeting = await meetingOr404(id)
    const row = (await pool.query({ ...teamRefQuery, values: [teamId, user.id] })).rows[0]
    if (user.role === 'officer' && row.users_team !== teamId) throw forbidden('team: officers see the task sheet of their own team only')
    if (!row.team) throw notFound(`team: no team has the id ${teamId}`)
    const tasks = (await listTasks(pool, viewerOf(request), { team: teamId })).filter((task) => task.meetingId === id && task.status !== 'closed').sort((a, b) => a.id - b.id)
    return { meeting, team: row.team, tasks }
  }

  app.get(
    '/api/meetings',
    {
      config: { access: TASKERS },
      schema: { summary: 'JAG meetings, latest first', tags: ['meetings'], response: { 200: MeetingList } },
    },
    async () => ({ items: await listMeetings(pool) }),
  )

  app.post(
    '/api/meetings',
    {
      config: { access: TASKERS },
      schema: { summary: 'Record a JAG meeting: its date and who was present', tags: ['meetings'], body: NewMeeting, response: { 201: MeetingSchema } },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const body = request.body
      const id = await withTransaction(pool, async (client) => {
        const fields: MeetingFields = {
          heldOn: body.heldOn,
          title: body.title?.trim() ?? 'JAG meeting',
          chair: body.chair?.trim() ?? '',
          notes: body.notes ?? '',
          teamIds: await checkTeams(client, body.teamIds ?? []),
          othersPresent: (body.othersPresent ?? []).map((name) => name.trim()),
        }
        const created = await insertMeeting(client, fields, user.id)
        await recordAudit(client, { actor: { id: user.id, email: user.email }, action: 'meeting.create', target: `meeting:${created}`, ip: request.ip, after: { ...fields } })
        return created
      })
      return reply.code(201).send(await meetingOr404(id))
    },
  )

  app.get(
    '/api/meetings/:id',
    {
      config: { access: TASKERS },
      schema: { summary: 'One JAG meeting', tags: ['meetings'], params: MeetingId, response: { 200: MeetingSchema, 404: ErrorAnswer } },
    },
    async (request) => meetingOr404(request.params.id),
  )

  app.patch(
    '/api/meetings/:id',
    {
      config: { access: TASKERS },
      schema: {
        summary: 'Edit a meeting on the version read; a stale version is refused with 409 and the current meeting, nothing written',
        tags: ['meetings'],
        params: MeetingId,
        body: MeetingChange,
        response: { 200: MeetingSchema, 404: ErrorAnswer, 409: MeetingConflict },
      },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const { id } = request.params
      const change = request.body
      const stale = await withTransaction(pool, async (client) => {
        const record = await lockMeeting(client, id)
        if (!record) throw notFound(`id: no JAG meeting has the id ${id}`)
        if (record.version !== change.version) return record.version
        const { version: _version, ...before } = record
        const after: MeetingFields = {
          heldOn: change.heldOn ?? before.heldOn,
          title: change.title?.trim() ?? before.title,
          chair: change.chair?.trim() ?? before.chair,
          notes: change.notes ?? before.notes,
          teamIds: change.teamIds ? await checkTeams(client, change.teamIds) : before.teamIds,
          othersPresent: change.othersPresent?.map((name) => name.trim()) ?? before.othersPresent,
        }
        const changed = changedFields({ ...before }, { ...after })
        // Nothing differs: no new version, no entry in the trail.
        if (Object.keys(changed.after).length === 0) return null
        await updateMeeting(client, id, after, user.id)
        await recordAudit(client, { actor: { id: user.id, email: user.email }, action: 'meeting.update', target: `meeting:${id}`, ip: request.ip, details: { version: record.version + 1 }, ...changed })
        return null
      })
      const current = await meetingOr404(id)
      if (stale !== null) {
        const by = current.updatedBy ? ` by ${current.updatedBy.name}` : ''
        return reply.code(409).send({
          statusCode: 409,
          error: 'Conflict',
          message: `version: this meeting was changed${by} at ${current.updatedAt} (now version ${current.version}; the edit was made on version ${change.version}). Nothing was saved: review it and make the change again.`,
          current,
        })
      }
      return current
    },
  )

  app.get(
    '/api/meetings/:id/agenda',
    {
      config: { access: TASKERS },
      schema: {
        summary: 'The agenda from the data: problem locations no open task covers, open tasks with dosage and incidents since tasked, POPs due for review, tasks escalated to the PSG',
        description:
          'Problem locations: GET /api/hotspots/problem-locations (the same ranking) for the last `months` months of data and the categories asked ' +
          '(default Anti-social behaviour); a location is covered when one open task (proposed, tasked, in progress) holds at least half its area. ' +
          'Dosage: the last whole Monday–Sunday week before the meeting. Incidents since tasked: months only (police.uk), from the task\u2019s start month.',
        tags: ['meetings'],
        params: MeetingId,
        querystring: AgendaQuery,
        response: { 200: AgendaSchema, 404: ErrorAnswer },
      },
    },
    async (request) => buildAgenda(app, request, viewerOf(request), await meetingOr404(request.params.id), request.query),
  )

  app.get(
    '/api/meetings/:id/minutes',
    {
      config: { access: TASKERS },
      schema: {
        summary: 'The minutes: who was present, every task set at the meeting with what changed that day, and the resources tasked per team',
        tags: ['meetings'],
        params: MeetingId,
        response: { 200: MinutesSchema, 404: ErrorAnswer },
      },
    },
    async (request) => buildMinutes(pool, viewerOf(request), await meetingOr404(request.params.id)),
  )

  app.get(
    '/api/meetings/:id/task-sheets',
    {
      config: { access: SHEET_READERS },
      schema: {
        summary: 'One team\u2019s task sheet: its tasks set at the meeting (not closed), in full; officers get their own team\u2019s only',
        tags: ['meetings'],
        params: MeetingId,
        querystring: TaskSheetQuery,
        response: { 200: TaskSheetSchema, 403: ErrorAnswer, 404: ErrorAnswer },
      },
    },
    async (request) => taskSheet(request, request.params.id, request.query.team),
  )

  app.get(
    '/api/meetings/:id/task-sheets.pdf',
    {
      config: { access: SHEET_READERS },
      schema: {
        summary: 'The task sheet as A4 PDF: the client\u2019s print page rendered by headless Chromium; 503 where no Chromium is installed',
        tags: ['meetings'],
        params: MeetingId,
        querystring: TaskSheetQuery,
        produces: ['application/pdf'],
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'A4 PDF' }), 403: ErrorAnswer, 404: ErrorAnswer, 503: ErrorAnswer },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const { team } = request.query
      // Refused as the JSON would be, before any browser starts.
      await taskSheet(request, id, team)
      const reason = pdfUnavailableReason(settings)
      if (reason) return reply.code(503).send({ statusCode: 503, error: 'Service Unavailable', message: reason })
      const token = request.cookies[SESSION_COOKIE]
      const pdf = await renderer.render(`/task-sheet?meeting=${id}&team=${team}`, `${SESSION_COOKIE}=${token}`)
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="task-sheet-meeting-${id}-team-${team}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf)
    },
  )
}
