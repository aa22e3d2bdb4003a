import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type pg from 'pg'
import { ErrorAnswer } from '../../lib/error-answer.js'
import { badRequest, conflict, notFound } from '../../lib/errors.js'
import { withTransaction } from '../../lib/transaction.js'
import { recordAudit } from '../audit/audit-log.js'
import { currentSession } from '../auth/access.js'
import { checkArea } from '../tasks/task-store.js'
import { areaSpec, type AreaSpec } from '../tasks/task-area.js'
import { londonToday } from '../tasks/visit-store.js'
import { POP_READERS, TASKERS } from '../users/roles.js'
import { auditArea, auditPopFields, changedFields } from './pop-audit.js'
import { addDays, DEFAULT_REVIEW_DAYS } from './pop-rules.js'
import {
  checkOwner,
  checkPartners,
  closePop,
  getPop,
  insertLogEntry,
  insertPop,
  listPops,
  lockPop,
  openWardPop,
  popScope,
  updatePop,
  wardName,
  type PopFields,
  type PopRecord,
  type PopViewer,
} from './pop-store.js'
import { NewPop, NewPopLogEntry, PopChange, PopClose, PopConflict, PopDetailSchema, PopFromWard, PopId, PopList, PopListQuery, type PopDetail } from './schemas.js'

const UNIQUE_VIOLATION = '23505'
const OPEN_WARD_KEY = 'pops_open_ward_key'

function viewerOf(request: FastifyRequest): PopViewer {
  const { user } = currentSession(request)
  return { id: user.id, scope: popScope(user.role) }
}

const sameArea = (record: PopRecord, spec: AreaSpec) =>
  spec.source !== 'polygon' &&
  record.area.source === spec.source &&
  record.area.ward === spec.ward &&
  record.area.res === spec.res &&
  JSON.stringify(record.area.cells) === JSON.stringify(spec.cells)

const isOpenWardClash = (error: unknown) => {
  const failure = error as { code?: string; constraint?: string }
  return failure.code === UNIQUE_VIOLATION && failure.constraint === OPEN_WARD_KEY
}

type Outcome = { stale: PopDetail } | { done: true }

export const popRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.pg.pool
  const staff = (request: FastifyRequest): PopViewer => ({ id: currentSession(request).user.id, scope: 'all' })
  const reread = async (db: pg.Pool | pg.PoolClient, viewer: PopViewer, id: number) => (await getPop(db, viewer, id))!

  /** 409 naming the open POP a ward already is; nothing written. */
  const wardTaken = async (reply: FastifyReply, ward: string) => {
    const existing = await openWardPop(pool, ward)
    return reply.code(409).send({
      statusCode: 409,
      error: 'Conflict',
      message: `ward: ${ward} is already registered as POP ${existing ?? '(just now)'}, still open; open that POP or close it first`,
      ...(existing !== null ? { existingPopId: existing } : {}),
    })
  }

  /** The 409 for an edit made on an older version: the POP as it is now, nothing written. */
  const staleAnswer = (reply: FastifyReply, current: PopDetail, given: number) => {
    const by = current.updatedBy ? ` by ${current.updatedBy.name}` : ''
    return reply.code(409).send({
      statusCode: 409,
      error: 'Conflict',
      message: `version: this POP was changed${by} at ${current.updatedAt} (now version ${current.version}; the edit was made on version ${given}). Nothing was saved: review the current POP and make the change again.`,
      current,
    })
  }

  /** Writes a new POP with its audit entry; a ward already an open POP answers 409 naming it. */
  const register = async (request: FastifyRequest, reply: FastifyReply, fields: PopFields, area: AreaSpec, polygon: unknown, details?: Record<string, unknown>) => {
    const { user } = currentSession(request)
    let id: number
    try {
      id = await withTransaction(pool, async (client) => {
        await checkOwner(client, fields.ownerId)
        await checkArea(client, area)
        const created = await insertPop(client, fields, area, user.id)
        await recordAudit(client, {
          actor: { id: user.id, email: user.email },
          action: 'pop.create',
          target: `pop:${created}`,
          ip: request.ip,
          ...(details ? { details } : {}),
          after: { ...auditPopFields(fields), status: 'open', area: auditArea({ ...area, polygon }) },
        })
        return created
      })
    } catch (error) {
      // Two registrations of one ward at once: the unique index lets one through; the other is told which.
      if (isOpenWardClash(error) && area.ward) return wardTaken(reply, area.ward)
      throw error
    }
    return reply.code(201).send(await reread(pool, staff(request), id))
  }

  app.get(
    '/api/pops',
    {
      config: { access: POP_READERS },
      schema: {
        summary: 'The POP register (staff: every POP; councillors: those in their wards), with owner, partners, SARA stage, review date, overdue, wards and linked tasks',
        tags: ['pops'],
        querystring: PopListQuery,
        response: { 200: PopList },
      },
    },
    async (request) => {
      const { status, ward, overdue } = request.query
      const [items, today] = await Promise.all([listPops(pool, viewerOf(request), { status, ward, overdue }), londonToday(pool)])
      return { today, items }
    },
  )

  app.get(
    '/api/pops/:id',
    {
      config: { access: POP_READERS },
      schema: { summary: 'One POP with its area, and for staff its log (newest first) and linked tasks', tags: ['pops'], params: PopId, response: { 200: PopDetailSchema, 404: ErrorAnswer } },
    },
    async (request) => {
      const pop = await getPop(pool, viewerOf(request), request.params.id)
      if (!pop) throw notFound(`id: no POP ${request.params.id} is yours to see`)
      return pop
    },
  )

  app.post(
    '/api/pops',
    {
      config: { access: TASKERS },
      schema: {
        summary: 'Register a POP for an area made as a task\u2019s is (cells, a drawn polygon or a ward); reviewed in four weeks unless a date is given',
        tags: ['pops'],
        body: NewPop,
        response: { 201: PopDetailSchema, 409: PopConflict },
      },
    },
    async (request, reply) => {
      const body = request.body
      const area = areaSpec(body.area)
      const fields: PopFields = {
        title: body.title.trim(),
        problem: body.problem ?? '',
        ownerId: body.ownerId,
        partnerTeamIds: await checkPartners(pool, body.partnerTeamIds ?? []),
        saraStage: body.saraStage ?? 'scanning',
        reviewOn: body.reviewOn ?? addDays(await londonToday(pool), DEFAULT_REVIEW_DAYS),
      }
      if (area.ward !== null && (await openWardPop(pool, area.ward)) !== null) return wardTaken(reply, area.ward)
      return register(request, reply, fields, area, body.area.polygon ?? null)
    },
  )

  app.post(
    '/api/pops/from-ward',
    {
      config: { access: TASKERS },
      schema: {
        summary: 'Register a ward as a POP in one action; a ward that is already an open POP answers 409 naming it',
        tags: ['pops'],
        body: PopFromWard,
        response: { 201: PopDetailSchema, 409: PopConflict },
      },
    },
    async (request, reply) => {
      const body = request.body
      const ward = await wardName(pool, body.ward)
      if (!ward) throw badRequest('ward', `no ward has the code ${body.ward}`)
      if ((await openWardPop(pool, body.ward)) !== null) return wardTaken(reply, body.ward)
      const fields: PopFields = {
        title: body.title?.trim() ?? `${ward.name} ward (${ward.councilName})`,
        problem: '',
        ownerId: body.ownerId,
        partnerTeamIds: [],
        saraStage: 'scanning',
        reviewOn: body.reviewOn ?? addDays(await londonToday(pool), DEFAULT_REVIEW_DAYS),
      }
      const area: AreaSpec = { source: 'ward', geojson: null, cells: null, res: null, ward: body.ward }
      return register(request, reply, fields, area, null, { from: 'ward' })
    },
  )

  app.patch(
    '/api/pops/:id',
    {
      config: { access: TASKERS },
      schema: {
        summary: 'Edit a POP on the version read; a stale version is refused with 409 and the current POP, nothing written',
        tags: ['pops'],
        params: PopId,
        body: PopChange,
        response: { 200: PopDetailSchema, 404: ErrorAnswer, 409: PopConflict },
      },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const viewer = staff(request)
      const { id } = request.params
      const change = request.body
      const area = change.area ? areaSpec(change.area) : null
      let outcome: Outcome
      try {
        outcome = await withTransaction(pool, async (client): Promise<Outcome> => {
          const record = await lockPop(client, id)
          if (!record) throw notFound(`id: no POP has the id ${id}`)
          if (record.version !== change.version) return { stale: await reread(client, viewer, id) }
          if (record.status === 'closed') throw conflict('status: a closed POP is a record and is not edited; register a new POP instead')
          const fields: PopFields = {
            title: change.title?.trim() ?? record.title,
            problem: change.problem ?? record.problem,
            ownerId: change.ownerId ?? record.ownerId,
            partnerTeamIds: change.partnerTeamIds ? await checkPartners(client, change.partnerTeamIds, record.partnerTeamIds) : record.partnerTeamIds,
            saraStage: change.saraStage ?? record.saraStage,
            reviewOn: change.reviewOn ?? record.reviewOn,
          }
          // An owner disabled since keeps the POP until someone hands it on; a new owner must be an enabled inspector.
          if (fields.ownerId !== record.ownerId) await checkOwner(client, fields.ownerId)
          const newArea = area && !sameArea(record, area) ? area : null
          if (newArea) await checkArea(client, newArea)
          const before: Record<string, unknown> = { ...auditPopFields(record), area: auditArea(record.area) }
          const after: Record<string, unknown> = { ...auditPopFields(fields), area: newArea ? auditArea({ ...newArea, polygon: change.area?.polygon ?? null }) : before.area }
          const changed = changedFields(before, after)
          // Nothing differs: no new version, no entry in the trail.
          if (Object.keys(changed.after).length === 0) return { done: true }
          await updatePop(client, id, fields, newArea, user.id)
          await recordAudit(client, {
            actor: { id: user.id, email: user.email },
            action: 'pop.update',
            target: `pop:${id}`,
            ip: request.ip,
            details: { version: record.version + 1, ...(change.reason ? { reason: change.reason } : {}) },
            ...changed,
          })
          return { done: true }
        })
      } catch (error) {
        if (isOpenWardClash(error) && area?.ward) return wardTaken(reply, area.ward)
        throw error
      }
      if ('stale' in outcome) return staleAnswer(reply, outcome.stale, change.version)
      return reread(pool, viewer, id)
    },
  )

  app.post(
    '/api/pops/:id/close',
    {
      config: { access: TASKERS },
      schema: {
        summary: 'Close a POP with the reason (solved, handed on, no longer a problem); its log and linked tasks stay',
        tags: ['pops'],
        params: PopId,
        body: PopClose,
        response: { 200: PopDetailSchema, 404: ErrorAnswer, 409: PopConflict },
      },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const viewer = staff(request)
      const { id } = request.params
      const { version, reason } = request.body
      const outcome = await withTransaction(pool, async (client): Promise<Outcome> => {
        const record = await lockPop(client, id)
        if (!record) throw notFound(`id: no POP has the id ${id}`)
        if (record.version !== version) return { stale: await reread(client, viewer, id) }
        if (record.status === 'closed') throw conflict('status: this POP is already closed')
        await closePop(client, id, reason, user.id)
        await recordAudit(client, {
          actor: { id: user.id, email: user.email },
          action: 'pop.close',
          target: `pop:${id}`,
          ip: request.ip,
          details: { version: record.version + 1 },
          before: { status: 'open' },
          after: { status: 'closed', closedReason: reason },
        })
        return { done: true }
      })
      if ('stale' in outcome) return staleAnswer(reply, outcome.stale, version)
      return reread(pool, viewer, id)
    },
  )

  app.post(
    '/api/pops/:id/log',
    {
      config: { access: TASKERS },
      schema: {
        summary: 'Add a dated note or decision to a POP\u2019s log, by the caller; entries are never edited (a correction is a new entry)',
        tags: ['pops'],
        params: PopId,
        body: NewPopLogEntry,
        response: { 201: PopDetailSchema, 404: ErrorAnswer, 409: PopConflict },
      },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const { id } = request.params
      const entry = request.body
      const today = await londonToday(pool)
      const date = entry.date ?? today
      if (date > today) throw badRequest('date', `${date} is after today (${today}); the log records what was noted or decided`)
      await withTransaction(pool, async (client) => {
        // Locked so an entry cannot land on a POP being closed at the same moment.
        const record = await lockPop(client, id)
        if (!record) throw notFound(`id: no POP has the id ${id}`)
        if (record.status === 'closed') throw conflict('status: a closed POP is a record; its log takes no new entries')
        const entryId = await insertLogEntry(client, id, { date, kind: entry.kind, body: entry.body }, user.id)
        await recordAudit(client, {
          actor: { id: user.id, email: user.email },
          action: 'pop.log',
          target: `pop:${id}`,
          ip: request.ip,
          details: { entryId },
          after: { date, kind: entry.kind, body: entry.body },
        })
      })
      return reply.code(201).send(await reread(pool, staff(request), id))
    },
  )
}
