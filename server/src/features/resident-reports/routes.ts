import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type pg from 'pg'
import { ErrorAnswer } from '../../lib/error-answer.js'
import { badRequest, conflict, notFound, unsupportedMediaType } from '../../lib/errors.js'
import { NoQuery } from '../../lib/no-query.js'
import { loadQuery } from '../../lib/sql-file.js'
import { withTransaction } from '../../lib/transaction.js'
import { recordAudit } from '../audit/audit-log.js'
import { currentSession } from '../auth/access.js'
import { REPORT_HANDLERS } from '../users/roles.js'
import { scheduleErasure } from './erasure.js'
import { checkFormToken, formKey, issueFormToken } from './form-token.js'
import { PhotoRefused, reencodePhoto, type StoredPhoto } from './photos.js'
import { posterSvg } from './poster.js'
import { newReceiptCode, receiptHash } from './receipt-code.js'
import {
  addMessage,
  correctAccepted,
  findReceipt,
  getReport,
  incidentFound,
  insertReportWithPhotos,
  listReports,
  lockReport,
  readPhoto,
  recordDecision,
  removeIncidentOf,
  reportToIncident,
  whenProblem,
  type LockedReport,
} from './report-store.js'
import { readReportForm, type FormParts } from './report-form.js'
import { DECISIONS, patrolmapCategoryOf, REPORT_LIMITS, reportFormPath, STATUS_WORDS, type ReportDecision, type ReportStatus } from './report-rules.js'
import {
  AcceptBody,
  CorrectBody,
  FormAnswer,
  MergeBody,
  MessageBody,
  PhotoParams,
  PosterQuery,
  PublicWards,
  ReasonBody,
  ReceiptAnswer,
  ReceiptParams,
  ReportDetail,
  ReportId,
  ReportList,
  ReportListQuery,
  SubmitAnswer,
} from './schemas.js'

/** What the notification hook is told: a reporter who gave contact details and agreed to be contacted. */
export interface ReportNotification {
  reportId: number
  kind: 'status' | 'message'
  status: ReportStatus
  contact: { email: string | null; phone: string | null }
}

export interface ResidentReportSettings {
  /** The time check: a form sent sooner than this after it was opened is refused as automated. */
  minFormSeconds: number
  formMaxHours: number
  /** Per client address, on top of the general limit (plugins/external/rate-limit.ts). */
  reportsPerHour: number
  messagesPerHour: number
  receiptLookupsPerMinute: number
  /** Contact details, photos and the reporter's messages are erased this many days after a report was sent. */
  retentionDays: number
  /** When the erasure runs (cron, UK time); null: not scheduled (tests call eraseExpiredReports themselves). */
  erasureSchedule: string | null
  /** The public address posters' QR codes open (REPORT_PUBLIC_URL); null: the address the poster was asked on. */
  publicUrl: string | null
  partnershipName: string
  /** E-mail or SMS to a reporter who consented: a function the deployment supplies; null (the default): off. */
  notify: ((event: ReportNotification) => Promise<void>) | null
}

export const defaultReportSettings: ResidentReportSettings = {
  minFormSeconds: 3,
  formMaxHours: 24,
  reportsPerHour: 5,
  messagesPerHour: 20,
  receiptLookupsPerMinute: 30,
  retentionDays: 365,
  erasureSchedule: '15 3 * * *',
  publicUrl: null,
  partnershipName: 'Community Safety Partnership',
  notify: null,
}

const DONE: Record<ReportDecision, string> = { accept: 'accepted', merge: 'merged', reject: 'rejected', withdraw: 'withdrawn', correct: 'corrected' }

const rateLimit = (max: number, timeWindow: number) => ({ max, timeWindow })

export const residentReportRoutes: FastifyPluginAsyncTypebox<Partial<ResidentReportSettings>> = async (app, options) => {
  const settings: ResidentReportSettings = { ...defaultReportSettings, ...options }
  const pool = app.pg.pool

  // Multipart for the public form only: the plugin is scoped to this feature's routes (no fastify-plugin wrapper).
  await app.register(multipart, {
    limits: { fileSize: REPORT_LIMITS.photoBytes, files: REPORT_LIMITS.photos, fields: 20, fieldSize: 8000, parts: 24, headerPairs: 100 },
  })

  if (settings.erasureSchedule !== null) {
    const job = scheduleErasure(pool, settings.retentionDays, settings.erasureSchedule, app.log)
    app.addHook('onClose', async () => job.stop())
  }

  const notify = (request: FastifyRequest, report: LockedReport, kind: ReportNotification['kind'], status: ReportStatus) => {
    if (!settings.notify || !report.contact.consent || (!report.contact.email && !report.contact.phone)) return
    // After the commit, never in the way of the decision: a failed notification is logged, the receipt still says it.
    settings.notify({ reportId: report.id, kind, status, contact: { email: report.contact.email, phone: report.contact.phone } })
      .catch((error: unknown) => request.log.warn({ err: error, report: report.id }, 'resident report notification failed'))
  }

  app.get(
    '/api/reports/form',
    {
      config: { access: 'public' },
      schema: { summary: 'Opens the public report form: a signed token for the time check', tags: ['resident reports'], querystring: NoQuery, response: { 200: FormAnswer } },
    },
    async () => ({ token: issueFormToken(await formKey(pool)), minSeconds: settings.minFormSeconds }),
  )

  const publicWards = loadQuery(import.meta.url, 'public-wards.sql')
  app.get(
    '/api/reports/wards',
    {
      config: { access: 'public' },
      schema: { summary: 'Ward names and outlines for the public form’s map (no counts)', tags: ['resident reports'], querystring: NoQuery, response: { 200: PublicWards } },
    },
    async () => (await pool.query({ ...publicWards })).rows[0].collection,
  )

  app.post(
    '/api/reports',
    {
      config: { access: 'public', rateLimit: rateLimit(settings.reportsPerHour, 3_600_000) },
      bodyLimit: REPORT_LIMITS.photos * REPORT_LIMITS.photoBytes + 64 * 1024,
      schema: {
        summary: 'A resident\u2019s report (multipart/form-data: the fields and up to three photos named "photo"); answers its receipt code, shown once',
        description:
          'Fields: formToken (from GET /api/reports/form), website (the honeypot: empty), category (' +
          'vandalism, threats, alcohol, littering, dog-fouling, youth-nuisance, drugs, noise, other), lon and lat (a pin) and/or place (typed, up to 200 characters), ' +
          'ongoing (true) or happenedAt (UK local time, YYYY-MM-DDTHH:MM, within the last year), description (up to 4,000 characters), ' +
          'contactName, contactEmail, contactPhone and consent (true; needed with an e-mail or phone), and up to three files named photo (JPEG, PNG or WebP, 8 MB each).',
        consumes: ['multipart/form-data'],
        tags: ['resident reports'],
        querystring: NoQuery,
        response: { 201: SubmitAnswer, 400: ErrorAnswer, 413: ErrorAnswer, 415: ErrorAnswer, 429: ErrorAnswer },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw unsupportedMediaType('send the report as multipart/form-data (the form does)')
      const parts: FormParts = { fields: new Map(), photos: [] }
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'photo') throw badRequest('body', `${part.fieldname} is not a known file field; photos are sent as "photo"`)
            const bytes = await part.toBuffer()
            if (bytes.length > 0) parts.photos.push(bytes)
          } else {
            if (part.valueTruncated) throw badRequest(part.fieldname, 'is too long')
            if (parts.fields.has(part.fieldname)) throw badRequest(part.fieldname, 'is given twice')
            parts.fields.set(part.fieldname, String(part.value))
          }
        }
      } catch (error) {
        const failure = error as { code?: string; statusCode?: number; parameter?: string }
        if (failure.parameter) throw error
        if (failure.code === 'FST_REQ_FILE_TOO_LARGE') throw Object.assign(badRequest('photo', `each photo may be at most ${REPORT_LIMITS.photoBytes / 1024 / 1024} MB`), { statusCode: 413 })
        if (failure.code === 'FST_FILES_LIMIT') throw Object.assign(badRequest('photo', `at most ${REPORT_LIMITS.photos} photos`), { statusCode: 413 })
        if (failure.code === 'FST_FIELDS_LIMIT' || failure.code === 'FST_PARTS_LIMIT') throw Object.assign(badRequest('body', 'the form has too many fields'), { statusCode: 413 })
        if (failure.statusCode === 413) throw Object.assign(badRequest('body', 'the report is too large'), { statusCode: 413 })
        // Busboy's own errors (a broken or cut-off form) are plain errors: the client's fault, not the server's.
        throw badRequest('body', 'the form could not be read (damaged or cut off); send it again')
      }

      const form = readReportForm(parts.fields)
      if (!form.ok) throw badRequest(form.parameter, form.message)
      const value = form.value
      const token = checkFormToken(await formKey(pool), value.formToken, { minSeconds: settings.minFormSeconds, maxHours: settings.formMaxHours })
      if (!token.ok) {
        if (token.reason === 'too-fast') throw badRequest('formToken', `the form was sent too quickly after it was opened; wait ${token.waitSeconds} seconds and send it again`)
        if (token.reason === 'expired') throw badRequest('formToken', `the form was opened more than ${settings.formMaxHours} hours ago; reload the page and send it again`)
        throw badRequest('formToken', 'is not a token this server gave; reload the page and send it again')
      }
      if (value.happenedAt !== null) {
        const problem = await whenProblem(pool, value.happenedAt)
        if (problem === 'future') throw badRequest('happenedAt', 'is in the future')
        if (problem === 'too-old') throw badRequest('happenedAt', 'is more than a year ago; for older problems call the council')
      }
      const photos: StoredPhoto[] = []
      for (const [index, bytes] of parts.photos.entries()) {
        try {
          photos.push(await reencodePhoto(bytes, index + 1))
        } catch (error) {
          if (error instanceof PhotoRefused) throw badRequest('photo', error.message)
          throw error
        }
      }
      const code = newReceiptCode()
      const id = await withTransaction(pool, async (client) => {
        const made = await insertReportWithPhotos(client, {
          receiptHash: receiptHash(code)!,
          reporterCategory: value.category,
          category: patrolmapCategoryOf(value.category),
          position: value.position,
          placeText: value.place,
          happenedAt: value.happenedAt,
          description: value.description,
          contact: value.contact,
        }, photos)
        // No personal data in the trail: the report's number, its category and what came with it.
        await recordAudit(client, {
          actor: null,
          action: 'report.submit',
          target: `report:${made}`,
          ip: request.ip,
          details: { category: value.category, photos: photos.length, pinned: value.position !== null, contact: value.contact.email !== null || value.contact.phone !== null },
        })
        return made
      })
      request.log.info({ report: id }, 'resident report received')
      return reply.code(201).send({ receipt: code, status: 'new' as const })
    },
  )

  const receiptOf = async (code: string) => {
    const hash = receiptHash(code)
    const found = hash ? await findReceipt(pool, hash) : null
    // One answer for a malformed code and an unknown one: the answer tells nothing about other reports.
    if (!found) throw notFound('code: no report has this receipt code; check it against your receipt')
    return found
  }

  app.get(
    '/api/reports/receipt/:code',
    {
      config: { access: 'public', rateLimit: rateLimit(settings.receiptLookupsPerMinute, 60_000) },
      schema: {
        summary: 'A report\u2019s status and messages, for whoever holds its receipt code; nothing else about it',
        tags: ['resident reports'],
        params: ReceiptParams,
        querystring: NoQuery,
        response: { 200: ReceiptAnswer, 404: ErrorAnswer },
      },
    },
    async (request) => {
      const found = await receiptOf(request.params.code)
      return { status: found.status, statusWords: STATUS_WORDS[found.status], reason: found.reason, submittedAt: found.submittedAt, decidedAt: found.decidedAt, messages: found.messages }
    },
  )

  app.post(
    '/api/reports/receipt/:code/messages',
    {
      config: { access: 'public', rateLimit: rateLimit(settings.messagesPerHour, 3_600_000) },
      schema: {
        summary: 'A message from the reporter to the staff handling the report',
        tags: ['resident reports'],
        params: ReceiptParams,
        querystring: NoQuery,
        body: MessageBody,
        response: { 201: ReceiptAnswer, 404: ErrorAnswer },
      },
    },
    async (request, reply) => {
      const found = await receiptOf(request.params.code)
      await withTransaction(pool, async (client) => {
        const message = await addMessage(client, found.id, null, request.body.body)
        await recordAudit(client, { actor: null, action: 'report.message', target: `report:${found.id}`, ip: request.ip, details: { from: 'reporter', message } })
      })
      const now = await receiptOf(request.params.code)
      return reply.code(201).send({ status: now.status, statusWords: STATUS_WORDS[now.status], reason: now.reason, submittedAt: now.submittedAt, decidedAt: now.decidedAt, messages: now.messages })
    },
  )

  app.get(
    '/api/reports/poster',
    {
      config: { access: REPORT_HANDLERS },
      schema: {
        summary: 'A printable A4 or A5 poster (SVG) with a QR code opening the report form at a point or ward',
        tags: ['resident reports'],
        querystring: PosterQuery,
        produces: ['image/svg+xml'],
      },
    },
    async (request, reply) => {
      const { size = 'A4', lon, lat, ward, place } = request.query
      if ((lon === undefined) !== (lat === undefined)) throw badRequest(lon === undefined ? 'lon' : 'lat', `is needed with ${lon === undefined ? 'lat' : 'lon'}`)
      let wardName: string | null = null
      if (ward) {
        const { rows } = await pool.query<{ name: string }>('SELECT name FROM wards WHERE code = $1', [ward])
        if (!rows[0]) throw notFound(`ward: no ward ${ward}`)
        wardName = rows[0].name
      }
      const origin = settings.publicUrl ?? `${request.protocol}://${request.host}`
      const formUrl = new URL(reportFormPath({ lon, lat, zoom: lon !== undefined ? 17 : undefined, ward }), origin).toString()
      const svg = await posterSvg({ size, formUrl, place: place ?? wardName, partnership: settings.partnershipName })
      return reply.type('image/svg+xml; charset=utf-8').header('content-disposition', `inline; filename="report-poster-${size}.svg"`).send(svg)
    },
  )

  app.get(
    '/api/reports',
    {
      config: { access: REPORT_HANDLERS },
      schema: { summary: 'The moderation queue: reports by status, with contact details (staff who handle reports)', tags: ['resident reports'], querystring: ReportListQuery, response: { 200: ReportList } },
    },
    async (request) => ({ items: await listReports(pool, request.query.status ?? null, request.query.limit ?? 100) }),
  )

  app.get(
    '/api/reports/:id',
    {
      config: { access: REPORT_HANDLERS },
      schema: { summary: 'One report with its messages and contact details', tags: ['resident reports'], params: ReportId, querystring: NoQuery, response: { 200: ReportDetail, 404: ErrorAnswer } },
    },
    async (request) => {
      const report = await getReport(pool, request.params.id)
      if (!report) throw notFound(`id: no report ${request.params.id}`)
      return report
    },
  )

  app.get(
    '/api/reports/:id/photos/:ordinal',
    {
      config: { access: REPORT_HANDLERS },
      schema: { summary: 'A report\u2019s photo as stored (JPEG, re-encoded, no metadata)', tags: ['resident reports'], params: PhotoParams, querystring: NoQuery, produces: ['image/jpeg'] },
    },
    async (request, reply) => {
      const image = await readPhoto(pool, request.params.id, request.params.ordinal)
      if (!image) throw notFound(`ordinal: report ${request.params.id} has no photo ${request.params.ordinal}`)
      return reply.type('image/jpeg').send(image)
    },
  )

  /**
   * One decision in one transaction: the report locked, its status and version checked, the incident added or
   * removed (the count triggers keep every rollup exact), the decision and an optional message recorded and audited.
   */
  const decide = async (request: FastifyRequest, id: number, decision: ReportDecision, version: number, work: (client: pg.PoolClient, report: LockedReport) => Promise<{ update: Parameters<typeof recordDecision>[2]; details: Record<string, unknown> }>, message?: string) => {
    const { user } = currentSession(request)
    const locked = await withTransaction(pool, async (client) => {
      const report = await lockReport(client, id)
      if (!report) throw notFound(`id: no report ${id}`)
      const rule = DECISIONS[decision]
      if (!rule.from.includes(report.status)) throw conflict(`status: a report that is ${report.status} cannot be ${DONE[decision]}; only one that is ${rule.from.join(' or ')}`)
      if (report.version !== version) throw conflict(`version: this report was changed since (now version ${report.version}; the decision was made on version ${version}); reload it`)
      const { update, details } = await work(client, report)
      await recordDecision(client, id, update)
      if (message) await addMessage(client, id, user.id, message)
      await recordAudit(client, {
        actor: { id: user.id, email: user.email },
        action: `report.${decision}`,
        target: `report:${id}`,
        ip: request.ip,
        details,
        before: { status: report.status, category: report.category },
        after: { status: update.status, category: update.category },
      })
      return report
    })
    notify(request, locked, 'status', DECISIONS[decision].to)
    return (await getReport(pool, id))!
  }

  const decisionRoute = { config: { access: REPORT_HANDLERS }, tags: ['resident reports'] }

  app.post(
    '/api/reports/:id/accept',
    {
      config: decisionRoute.config,
      schema: { summary: 'Accept a new report: it becomes an incident (source "resident report", timed to the minute) on the map and in every analysis', tags: decisionRoute.tags, params: ReportId, querystring: NoQuery, body: AcceptBody, response: { 200: ReportDetail, 404: ErrorAnswer, 409: ErrorAnswer } },
    },
    async (request) => {
      const { user } = currentSession(request)
      return decide(request, request.params.id, 'accept', request.body.version, async (client, report) => {
        const category = request.body.category ?? report.category
        const incidentId = await reportToIncident(client, report, category)
        return {
          update: { status: 'accepted', reason: null, incidentId, mergedIntoReport: null, mergedIntoIncident: null, category, handledBy: user.id },
          details: { incident: incidentId, category },
        }
      }, request.body.message)
    },
  )

  app.post(
    '/api/reports/:id/merge',
    {
      config: decisionRoute.config,
      schema: { summary: 'Merge a new report with another report or an incident of the same problem: no incident is added', tags: decisionRoute.tags, params: ReportId, querystring: NoQuery, body: MergeBody, response: { 200: ReportDetail, 400: ErrorAnswer, 404: ErrorAnswer, 409: ErrorAnswer } },
    },
    async (request) => {
      const { user } = currentSession(request)
      const { intoReport, intoIncident } = request.body
      if ((intoReport === undefined) === (intoIncident === undefined)) throw badRequest('body', 'name one of intoReport or intoIncident')
      if (intoReport === request.params.id) throw badRequest('intoReport', 'a report cannot be merged with itself')
      return decide(request, request.params.id, 'merge', request.body.version, async (client, report) => {
        if (intoReport !== undefined) {
          const target = await getReport(client, intoReport)
          if (!target) throw notFound(`intoReport: no report ${intoReport}`)
          if (target.status !== 'new' && target.status !== 'accepted') throw conflict(`intoReport: report ${intoReport} is ${target.status}; merge with a new or accepted report`)
        } else if (!(await incidentFound(client, intoIncident!))) {
          throw notFound(`intoIncident: no incident ${intoIncident}`)
        }
        return {
          update: { status: 'merged', reason: null, incidentId: null, mergedIntoReport: intoReport ?? null, mergedIntoIncident: intoIncident ?? null, category: report.category, handledBy: user.id },
          details: intoReport !== undefined ? { intoReport } : { intoIncident },
        }
      }, request.body.message)
    },
  )

  app.post(
    '/api/reports/:id/reject',
    {
      config: decisionRoute.config,
      schema: { summary: 'Reject a new report with a reason the reporter reads', tags: decisionRoute.tags, params: ReportId, querystring: NoQuery, body: ReasonBody, response: { 200: ReportDetail, 404: ErrorAnswer, 409: ErrorAnswer } },
    },
    async (request) => {
      const { user } = currentSession(request)
      return decide(request, request.params.id, 'reject', request.body.version, async (_client, report) => ({
        update: { status: 'rejected', reason: request.body.reason, incidentId: null, mergedIntoReport: null, mergedIntoIncident: null, category: report.category, handledBy: user.id },
        details: { reason: request.body.reason },
      }))
    },
  )

  app.post(
    '/api/reports/:id/withdraw',
    {
      config: decisionRoute.config,
      schema: { summary: 'Withdraw an accepted report: its incident is removed, and with it from every count', tags: decisionRoute.tags, params: ReportId, querystring: NoQuery, body: ReasonBody, response: { 200: ReportDetail, 404: ErrorAnswer, 409: ErrorAnswer } },
    },
    async (request) => {
      const { user } = currentSession(request)
      return decide(request, request.params.id, 'withdraw', request.body.version, async (client, report) => {
        await removeIncidentOf(client, report.id)
        return {
          update: { status: 'withdrawn', reason: request.body.reason, incidentId: null, mergedIntoReport: null, mergedIntoIncident: null, category: report.category, handledBy: user.id },
          details: { reason: request.body.reason, incident: report.incidentId },
        }
      })
    },
  )

  app.post(
    '/api/reports/:id/correct',
    {
      config: decisionRoute.config,
      schema: { summary: 'Correct an accepted report’s category, pin or time: its incident changes with it, and every count', tags: decisionRoute.tags, params: ReportId, querystring: NoQuery, body: CorrectBody, response: { 200: ReportDetail, 400: ErrorAnswer, 404: ErrorAnswer, 409: ErrorAnswer } },
    },
    async (request) => {
      const { user } = currentSession(request)
      const { category, position, happenedAt, reason } = request.body
      if (category === undefined && position === undefined && happenedAt === undefined) throw badRequest('body', 'name at least one of category, position or happenedAt to correct')
      if (happenedAt) {
        const problem = await whenProblem(pool, happenedAt)
        if (problem === 'future') throw badRequest('happenedAt', 'is in the future')
        if (problem === 'too-old') throw badRequest('happenedAt', 'is more than a year ago')
      }
      return decide(request, request.params.id, 'correct', request.body.version, async (client, report) => {
        const next = {
          category: category ?? report.category,
          position: position ?? (report.lon !== null && report.lat !== null ? { lon: report.lon, lat: report.lat } : null),
          happenedAt,
        }
        await correctAccepted(client, report.id, next)
        return {
          update: { status: 'accepted', reason: null, incidentId: report.incidentId, mergedIntoReport: null, mergedIntoIncident: null, category: next.category, handledBy: user.id },
          details: { reason, incident: report.incidentId, ...(position ? { position } : {}), ...(happenedAt !== undefined ? { happenedAt } : {}) },
        }
      })
    },
  )

  app.post(
    '/api/reports/:id/messages',
    {
      config: { access: REPORT_HANDLERS },
      schema: { summary: 'A message to the reporter, read on the receipt', tags: ['resident reports'], params: ReportId, querystring: NoQuery, body: MessageBody, response: { 201: ReportDetail, 404: ErrorAnswer } },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const report = await withTransaction(pool, async (client) => {
        const locked = await lockReport(client, request.params.id)
        if (!locked) throw notFound(`id: no report ${request.params.id}`)
        const message = await addMessage(client, locked.id, user.id, request.body.body)
        await recordAudit(client, { actor: { id: user.id, email: user.email }, action: 'report.message', target: `report:${locked.id}`, ip: request.ip, details: { from: 'staff', message } })
        return locked
      })
      notify(request, report, 'message', report.status)
      return reply.code(201).send((await getReport(pool, report.id))!)
    },
  )
}
