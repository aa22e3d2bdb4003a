import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Cron } from 'croner'
import fp from 'fastify-plugin'
import { Type } from 'typebox'
import { ErrorAnswer } from '../../lib/error-answer.js'
import { loadQuery } from '../../lib/sql-file.js'
import { badRequest, conflict, forbidden, notFound } from '../../lib/errors.js'
import { NoQuery } from '../../lib/no-query.js'
import { recordAudit } from '../audit/audit-log.js'
import { currentSession } from '../auth/access.js'
import { SESSION_COOKIE } from '../auth/sessions.js'
import { pdfUnavailableReason, TaskSheetRenderer, type PdfSettings } from '../meetings/task-sheet-pdf.js'
import { ADMIN, ANALYSTS, REPORT_READERS, STAFF } from '../users/roles.js'
import { ReportInputError } from './build-report.js'
import { deleteContact, listContacts, upsertContact } from './contact-store.js'
import { listUnsentEmails, ReportMailer, retryEmail, withRenderSession, type MailSettings } from './mailer.js'
import { choosePeriod } from './publish.js'
import { reportCsv } from './report-csv.js'
import { getReport, listReports, publishReport, type StoredReport } from './report-store.js'
import { MAIL_RETRY_PATTERN, WeeklySchedule } from './schedule.js'
import {
  Archive, ArchiveQuery, ContactBody, ContactList, ContactParams, ContactsQuery, EmailParams, PublishAnswer, PublishBody, ReportParams, StoredContact, UnsentEmail, UnsentEmailList, VersionQuery,
  WeeklyReport,
} from './schemas.js'

export interface WeeklyReportSettings extends PdfSettings {
  suppressionThreshold: number
  /** Run the weekly schedule in this process (main.ts: WEEKLY_REPORTS_SCHEDULE); tests start none. */
  schedule: boolean
  /** E-mail each published report to its ward's councillors (SMTP_URL); null: no e-mail. */
  mail: MailSettings | null
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The weekly reports' e-mail outbox sender, when SMTP is configured (tests drive it). */
    weeklyReportMail: ReportMailer | null
  }
}

/** The print page the PDF is made from. */
const printPath = (report: { wardCode: string; period: string; version: number }) =>
  `/weekly-report?ward=${report.wardCode}&period=${report.period}&version=${report.version}`

const wardExistsQuery = loadQuery(import.meta.url, 'ward-exists.sql')

const weeklyReportPlugin: FastifyPluginAsyncTypebox<WeeklyReportSettings> = async (app, settings) => {
  const pool = app.pg.pool
  const renderer = new TaskSheetRenderer(app, settings, 'weekly report')
  app.addHook('onClose', () => renderer.close())
  const mailer = settings.mail
    ? new ReportMailer(pool, app.log, settings.mail, (report, userId) =>
        withRenderSession(pool, userId, (token) => renderer.render(printPath(report), `${SESSION_COOKIE}=${token}`)),
      )
    : null
  app.decorate('weeklyReportMail', mailer)
  app.addHook('onClose', async () => mailer?.close())
  /** Works through the outbox now, away from the request. */
  const deliverNow = () => {
    mailer?.deliverDue().catch((error: unknown) => app.log.error({ err: error }, 'weekly report e-mails not sent'))
  }
  /** A new publication goes to the outbox, and the outbox is worked through now. */
  const mailPublished = async (reportId: number, wardCode: string) => {
    if (!mailer) return
    await mailer.queue(reportId, wardCode)
    deliverNow()
  }
  if (mailer) {
    // The outbox pass runs wherever e-mail is configured, schedule or not: reports the cron command published are
    // queued by it and sent from here.
    const mailCron = new Cron(MAIL_RETRY_PATTERN, { protect: true, paused: true }, async () => {
      await mailer.deliverDue().catch((error: unknown) => app.log.error({ err: error }, 'weekly report e-mails not sent'))
    })
    app.addHook('onListen', async () => {
      mailCron.resume()
    })
    app.addHook('preClose', async () => mailCron.stop())
  }
  if (settings.schedule) {
    const schedule = new WeeklySchedule(pool, app.log, {
      suppressionThreshold: settings.suppressionThreshold,
      onPublished: (report) => mailPublished(report.id, report.wardCode),
    })
    // On listening, not on ready: main.ts loads the demo data in between, and the catch-up run should see it.
    app.addHook('onListen', async () => schedule.start())
    app.addHook('preClose', () => schedule.stop())
  }

  /** Councillors: their own wards only (as ward-reports); everyone else who reads reports: every ward. */
  const wardsOf = (request: FastifyRequest): string[] | null => {
    const { user } = currentSession(request)
    return user.role === 'councillor' ? user.wards.map((ward) => ward.code) : null
  }

  const readable = async (request: FastifyRequest, ward: string, period: string, version?: number): Promise<StoredReport> => {
    const wards = wardsOf(request)
    if (wards && !wards.includes(ward)) throw forbidden(`ward: ${ward} is not one of your wards`)
    const report = await getReport(pool, ward, period, version)
    if (!report) throw notFound(`no report is published for ${ward} and ${period}${version ? ` as version ${version}` : ''}`)
    return report
  }

  const audited = async (request: FastifyRequest, report: StoredReport, format: 'json' | 'csv' | 'pdf') => {
    const { user } = currentSession(request)
    await recordAudit(pool, {
      actor: { id: user.id, email: user.email },
      action: 'weekly_report.download',
      target: `${report.wardCode}/${report.period}/v${report.version}`,
      ip: request.ip,
      details: { format, contentHash: report.contentHash },
    })
  }

  const fileName = (report: StoredReport, extension: string) => `weekly-report-${report.wardCode}-${report.period}-v${report.version}.${extension}`

  app.get(
    '/api/weekly-reports',
    {
      config: { access: REPORT_READERS },
      schema: {
        summary: 'Published weekly ward reports, newest first, every version (the latest 5,000; name a ward for all of its own); councillors: their wards only',
        tags: ['weekly-reports'],
        querystring: ArchiveQuery,
        response: { 200: Archive },
      },
    },
    async (request) => {
      const wards = wardsOf(request)
      if (wards && request.query.ward && !wards.includes(request.query.ward)) throw forbidden(`ward: ${request.query.ward} is not one of your wards`)
      return { items: await listReports(pool, { wards, ward: request.query.ward, period: request.query.period }) }
    },
  )

  app.post(
    '/api/weekly-reports',
    {
      config: { access: ANALYSTS },
      schema: {
        summary: "Publishes a ward's report now: its last complete week (or the data's latest month for a ward with months only) or the period given; once per ward-period unless re-issued",
        tags: ['weekly-reports'],
        body: PublishBody,
        response: { 200: PublishAnswer, 201: PublishAnswer, 400: ErrorAnswer, 409: ErrorAnswer },
      },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const { ward, period, reissue, reason } = request.body
      if (!(await pool.query({ ...wardExistsQuery, values: [ward] })).rowCount) throw badRequest('ward', `no ward has the code ${ward}`)
      try {
        const chosen = await choosePeriod(pool, ward, new Date(), period)
        if (!chosen) throw badRequest('period', 'there are no data yet to report on')
        const outcome = await publishReport(pool, {
          wardCode: ward,
          period: chosen.period,
          monthsOnly: chosen.monthsOnly,
          suppressionThreshold: settings.suppressionThreshold,
          trigger: 'on-demand',
          actor: { id: user.id, email: user.email },
          ip: request.ip,
          reissue,
          reason,
        })
        if (outcome.published) await mailPublished(outcome.report.id, outcome.report.wardCode)
        if (!outcome.published && outcome.why === 'unchanged') {
          return reply.code(409).send({ statusCode: 409, error: 'Conflict', message: `nothing changed since version ${outcome.report.version}: no new version published` })
        }
        return reply.code(outcome.published ? 201 : 200).send({ published: outcome.published, report: outcome.report })
      } catch (error) {
        if (error instanceof ReportInputError) throw badRequest(error.parameter, error.message)
        throw error
      }
    },
  )

  app.get(
    '/api/weekly-reports/:ward/:period',
    {
      config: { access: REPORT_READERS },
      schema: {
        summary: 'One published report (the latest version, or the one asked for) with its data exactly as published; councillors: their wards only',
        tags: ['weekly-reports'],
        params: ReportParams,
        querystring: VersionQuery,
        response: {
          200: Type.Unsafe<string>({
            type: 'object',
            description: '{ meta, report }: `report` byte for byte the stored snapshot, whose SHA-256 is meta.contentHash',
          }),
          403: ErrorAnswer,
          404: ErrorAnswer,
        },
      },
    },
    async (request, reply) => {
      const report = await readable(request, request.params.ward, request.params.period, request.query.version)
      await audited(request, report, 'json')
      const { snapshot, ...meta } = report
      // Sent as text: the snapshot goes out exactly as stored, so a reader can check its hash.
      return reply.type('application/json; charset=utf-8').send(`{"meta":${JSON.stringify(meta)},"report":${snapshot}}`)
    },
  )

  app.get(
    '/api/weekly-reports/:ward/:period/report.csv',
    {
      config: { access: REPORT_READERS },
      schema: {
        summary: "A published report's tables as CSV (counts as the report shows them)",
        tags: ['weekly-reports'],
        params: ReportParams,
        querystring: VersionQuery,
        produces: ['text/csv'],
        response: { 200: Type.String(), 403: ErrorAnswer, 404: ErrorAnswer },
      },
    },
    async (request, reply) => {
      const report = await readable(request, request.params.ward, request.params.period, request.query.version)
      await audited(request, report, 'csv')
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(report, 'csv')}"`)
        .send(reportCsv(JSON.parse(report.snapshot) as WeeklyReport, report))
    },
  )

  app.get(
    '/api/weekly-reports/:ward/:period/report.pdf',
    {
      config: { access: REPORT_READERS },
      schema: {
        summary: "A published report as A4 PDF: the client's print page rendered by headless Chromium (as task sheets); 503 where no Chromium is installed",
        tags: ['weekly-reports'],
        params: ReportParams,
        querystring: VersionQuery,
        produces: ['application/pdf'],
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'A4 PDF' }), 403: ErrorAnswer, 404: ErrorAnswer, 503: ErrorAnswer },
      },
    },
    async (request, reply) => {
      const report = await readable(request, request.params.ward, request.params.period, request.query.version)
      const reason = pdfUnavailableReason(settings, 'weekly report')
      if (reason) return reply.code(503).send({ statusCode: 503, error: 'Service Unavailable', message: reason })
      await audited(request, report, 'pdf')
      const token = request.cookies[SESSION_COOKIE]
      const pdf = await renderer.render(printPath(report), `${SESSION_COOKIE}=${token}`)
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName(report, 'pdf')}"`)
        .send(pdf)
    },
  )

  app.get(
    '/api/ward-contacts',
    {
      config: { access: STAFF },
      schema: { summary: "Wards' named contacts (neighbourhood, enforcement and housing officers)", tags: ['weekly-reports'], querystring: ContactsQuery, response: { 200: ContactList } },
    },
    async (request) => ({ items: await listContacts(pool, request.query.ward ? [request.query.ward] : null) }),
  )

  app.put(
    '/api/ward-contacts/:ward/:kind',
    {
      config: { access: ADMIN },
      schema: {
        summary: "Sets a ward's contact of one kind; later reports name them (published ones keep who they named)",
        tags: ['weekly-reports'],
        params: ContactParams,
        body: ContactBody,
        response: { 200: StoredContact, 400: ErrorAnswer },
      },
    },
    async (request) => {
      const { user } = currentSession(request)
      const { ward, kind } = request.params
      if (!(await pool.query({ ...wardExistsQuery, values: [ward] })).rowCount) throw badRequest('ward', `no ward has the code ${ward}`)
      const { before, after } = await upsertContact(pool, { wardCode: ward, kind, name: request.body.name, email: request.body.email ?? null, phone: request.body.phone ?? null }, user.id)
      await recordAudit(pool, {
        actor: { id: user.id, email: user.email },
        action: 'ward_contact.update',
        target: `${ward}/${kind}`,
        ip: request.ip,
        before: before ? { name: before.name, email: before.email, phone: before.phone } : null,
        after: { name: after.name, email: after.email, phone: after.phone },
      })
      return after
    },
  )

  app.delete(
    '/api/ward-contacts/:ward/:kind',
    {
      config: { access: ADMIN },
      schema: { summary: "Removes a ward's contact of one kind", tags: ['weekly-reports'], params: ContactParams, response: { 204: Type.Null(), 404: ErrorAnswer } },
    },
    async (request, reply) => {
      const { user } = currentSession(request)
      const { ward, kind } = request.params
      const removed = await deleteContact(pool, ward, kind)
      if (!removed) throw notFound(`ward ${ward} has no ${kind} contact`)
      await recordAudit(pool, {
        actor: { id: user.id, email: user.email },
        action: 'ward_contact.delete',
        target: `${ward}/${kind}`,
        ip: request.ip,
        before: { name: removed.name, email: removed.email, phone: removed.phone },
      })
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/api/weekly-report-emails',
    {
      config: { access: ADMIN },
      schema: {
        summary: "Weekly report e-mails that have not gone: given up on after every try, or waiting to be tried again after a failure, each with its last error",
        tags: ['weekly-reports'],
        querystring: NoQuery,
        response: { 200: UnsentEmailList },
      },
    },
    async () => ({ items: await listUnsentEmails(pool), mailConfigured: mailer !== null }),
  )

  app.post(
    '/api/weekly-report-emails/:id/retry',
    {
      config: { access: ADMIN },
      schema: {
        summary: 'Tries an unsent weekly report e-mail again now (one given up on gets one more try); audited',
        tags: ['weekly-reports'],
        params: EmailParams,
        querystring: NoQuery,
        response: { 200: UnsentEmail, 404: ErrorAnswer, 409: ErrorAnswer },
      },
    },
    async (request) => {
      const { user } = currentSession(request)
      const outcome = await retryEmail(pool, request.params.id)
      if (!outcome.retried) {
        if (outcome.why === 'unknown') throw notFound(`no weekly report e-mail has the id ${request.params.id}`)
        throw conflict(
          outcome.why === 'sent' ? 'this e-mail has been sent' : outcome.why === 'untried' ? 'this e-mail has not been tried yet: the next pass sends it' : 'this e-mail is being sent now',
        )
      }
      const { email } = outcome
      await recordAudit(pool, {
        actor: { id: user.id, email: user.email },
        action: 'weekly_report.email_retry',
        target: `${email.wardCode}/${email.period}/v${email.version}`,
        ip: request.ip,
        details: { email: email.id, recipient: email.recipient, attempts: email.attempts, lastError: email.lastError },
      })
      deliverNow()
      return email
    },
  )
}

/** Not encapsulated (fastify-plugin), so `app.weeklyReportMail` is on the app itself, where the tests reach it. */
export const weeklyReportRoutes = fp(weeklyReportPlugin, { name: 'weekly-reports' })
