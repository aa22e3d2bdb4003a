import crypto from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import nodemailer, { type Transporter } from 'nodemailer'
import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'
import { hashToken } from '../auth/sessions.js'
import { periodLabel } from './periods.js'
import type { UnsentEmail } from './schemas.js'

const queueEmailsQuery = loadQuery(import.meta.url, 'queue-emails.sql')
const claimEmailQuery = loadQuery(import.meta.url, 'claim-email.sql')
const emailSentQuery = loadQuery(import.meta.url, 'email-sent.sql')
const emailFailedQuery = loadQuery(import.meta.url, 'email-failed.sql')
const renderSessionQuery = loadQuery(import.meta.url, 'render-session.sql')
const endRenderSessionQuery = loadQuery(import.meta.url, 'end-render-session.sql')
const unsentEmailsQuery = loadQuery(import.meta.url, 'unsent-emails.sql')
const retryEmailQuery = loadQuery(import.meta.url, 'retry-email.sql')

export interface MailSettings {
  /** smtp://user:pass@host:port or smtps://… (SMTP_URL); no e-mail is sent without it. */
  smtpUrl: string
  /** The sender (MAIL_FROM). */
  from: string
}

/**
 * Queues a published report for the ward's councillors: what the cron command does (it sends nothing itself; the
 * server's outbox pass sends them), and what a server does before sending at once.
 */
export async function queueReportEmails(pool: pg.Pool, reportId: number, wardCode: string): Promise<void> {
  await pool.query({ ...queueEmailsQuery, values: [reportId, wardCode] })
}

/** Tries before an e-mail is given up on (kept as 'failed' with its last error, for an admin to see). */
export const MAX_ATTEMPTS = 8
/** The wait before try n+1: 1, 2, 4 … minutes, at most six hours. */
export const retryDelaySeconds = (attempts: number) => Math.min(60 * 2 ** Math.max(0, attempts - 1), 6 * 3600)

const unsentOf = (row: Record<string, unknown>): UnsentEmail => ({
  id: row.id as number,
  wardCode: row.ward_code as string,
  wardName: row.ward_name as string,
  period: row.period as string,
  periodLabel: periodLabel(row.period as string),
  version: row.version as number,
  recipient: row.recipient as string,
  status: row.status === 'failed' ? 'failed' : 'retrying',
  attempts: row.attempts as number,
  lastError: row.last_error as string,
  nextAttemptAt: row.next_attempt_at as string | null,
  queuedAt: row.queued_at as string,
})

/** E-mails that have not gone: given up on, or waiting to be tried again after a failure (unsent-emails.sql). */
export async function listUnsentEmails(pool: pg.Pool): Promise<UnsentEmail[]> {
  return (await pool.query({ ...unsentEmailsQuery, values: [null] })).rows.map(unsentOf)
}

export type RetryOutcome = { retried: true; email: UnsentEmail } | { retried: false; why: 'unknown' | 'sent' | 'sending' | 'untried' }

/** Makes an unsent e-mail due now (retry-email.sql); the caller starts an outbox pass. */
export async function retryEmail(pool: pg.Pool, id: number): Promise<RetryOutcome> {
  const row = (await pool.query({ ...retryEmailQuery, values: [id] })).rows[0]
  if (!row) return { retried: false, why: 'unknown' }
  if (row.id === null) return { retried: false, why: row.status_before === 'sent' ? 'sent' : row.attempts_before === 0 ? 'untried' : 'sending' }
  return { retried: true, email: unsentOf(row) }
}

/** Renders a published report to PDF as the given user would see it. */
export type RenderPdf = (report: { wardCode: string; period: string; version: number }, userId: number) => Promise<Buffer>

/**
 * E-mails a published report, its PDF attached, to the ward's councillors through an outbox table: a report is
 * queued in the database when it is published, and sent by whichever server process takes it next (claim-email.sql);
 * a failed send stays with its error and is tried again later, so none is lost to a restart or an SMTP outage.
 */
export class ReportMailer {
  private readonly transport: Transporter

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: FastifyBaseLogger,
    private readonly settings: MailSettings,
    private readonly renderPdf: RenderPdf,
  ) {
    this.transport = nodemailer.createTransport(settings.smtpUrl)
  }

  async queue(reportId: number, wardCode: string): Promise<void> {
    await queueReportEmails(this.pool, reportId, wardCode)
  }

  /** Sends every e-mail due, one at a time; how many went. */
  async deliverDue(): Promise<number> {
    let sent = 0
    for (;;) {
      const claimed = (await this.pool.query({ ...claimEmailQuery, values: [retryDelaySeconds(1)] })).rows[0]
      if (!claimed) return sent
      try {
        if (claimed.user_id === null) throw new Error('the recipient is no longer an enabled user')
        const pdf = await this.renderPdf({ wardCode: claimed.ward_code, period: claimed.period, version: claimed.version }, claimed.user_id)
        const label = periodLabel(claimed.period)
        await this.transport.sendMail({
          from: this.settings.from,
          to: claimed.recipient,
          subject: `Patrolmap weekly report: ${claimed.ward_name}, ${label}`,
          text: `The ward report for ${claimed.ward_name}, ${label} (version ${claimed.version}), is attached as a PDF. Sign in to Patrolmap to see every report of your wards.\n`,
          attachments: [{ filename: `weekly-report-${claimed.ward_code}-${claimed.period}-v${claimed.version}.pdf`, content: pdf, contentType: 'application/pdf' }],
        })
        await this.pool.query({ ...emailSentQuery, values: [claimed.id] })
        sent += 1
      } catch (error) {
        const message = (error as Error).message.slice(0, 500)
        const givenUp = claimed.attempts >= MAX_ATTEMPTS
        await this.pool.query({ ...emailFailedQuery, values: [claimed.id, message, givenUp, retryDelaySeconds(claimed.attempts)] })
        this.log.warn({ email: claimed.id, attempts: claimed.attempts, givenUp, error: message }, 'weekly report e-mail not sent')
        // One failure (the SMTP server down) is likely the next one's too: the rest wait for the next pass.
        return sent
      }
    }
  }

  close(): void {
    this.transport.close()
  }
}

/**
 * A session for rendering a report as its recipient sees it (the print page fetches the report with it), ended as
 * soon as the PDF is made: the scheduler has no signed-in user of its own.
 */
export async function withRenderSession<T>(pool: pg.Pool, userId: number, work: (cookieValue: string) => Promise<T>): Promise<T> {
  const token = crypto.randomBytes(32).toString('base64url')
  const tokenHash = hashToken(token)
  await pool.query({ ...renderSessionQuery, values: [tokenHash, userId, crypto.randomBytes(16).toString('base64url')] })
  try {
    return await work(token)
  } finally {
    await pool.query({ ...endRenderSessionQuery, values: [tokenHash] })
  }
}
