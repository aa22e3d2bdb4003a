// Admins see the weekly report e-mails that have not gone (given up on, or failing and tried again later) and try one
// again now, audited; sent ones, ones being sent and ones not yet tried are not listed and cannot be retried. The
// send itself through SMTP after "try again now": pdf-mail.db.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, createTestUser, policeUkFile, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import { queueReportEmails } from './mailer.js'
import type { UnsentEmail } from './schemas.js'

const WARD = 'E05014882' // Stockton Town Centre
let testApp: TestApp
let admin: SignedIn
/** The outbox's rows by what each stands for. */
const ids: Record<'failed' | 'retrying' | 'sent' | 'sending' | 'fresh', number> = { failed: 0, retrying: 0, sent: 0, sending: 0, fresh: 0 }
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const list = () => testApp.app.inject({ method: 'GET', url: '/api/weekly-report-emails', headers: admin.headers })
const retry = (id: number) => testApp.app.inject({ method: 'POST', url: `/api/weekly-report-emails/${id}/retry`, headers: admin.headers })

beforeAll(async () => {
  testApp = await startTestApp({ data: [...boundaryFiles, policeUkFile('2024-01'), policeUkFile('2024-02'), policeUkFile('2024-03')] })
  admin = await testApp.signInAs('admin')
  const analyst = await testApp.signInAs('analyst')
  for (const name of Object.keys(ids)) await createTestUser(testApp.pool, { email: `${name}@test.local`, role: 'councillor', wards: [WARD] })
  const published = await testApp.app.inject({ method: 'POST', url: '/api/weekly-reports', headers: analyst.headers, payload: { ward: WARD, period: '2024-03' } })
  expect(published.statusCode, published.body).toBe(201)
  // No SMTP in this app: publishing queued nothing; the outbox is filled as the mailer would leave it.
  await queueReportEmails(testApp.pool, published.json().report.id, WARD)
  for (const row of await sql(`SELECT id::int, split_part(recipient, '@', 1) AS name FROM weekly_report_emails`)) ids[row.name as keyof typeof ids] = row.id
  await sql(`UPDATE weekly_report_emails SET status = 'failed', attempts = 8, last_error = '550 mailbox unavailable' WHERE id = $1`, [ids.failed])
  await sql(`UPDATE weekly_report_emails SET attempts = 2, last_error = '451 try later', next_attempt_at = now() + interval '2 minutes' WHERE id = $1`, [ids.retrying])
  await sql(`UPDATE weekly_report_emails SET status = 'sent', attempts = 1, sent_at = now() WHERE id = $1`, [ids.sent])
  // Claimed by a sender a moment ago (claim-email.sql): its attempt counted, its error cleared until it ends.
  await sql(`UPDATE weekly_report_emails SET attempts = 3, last_error = NULL, next_attempt_at = now() + interval '1 minute' WHERE id = $1`, [ids.sending])
})

afterAll(() => testApp?.close())

describe('weekly report e-mails not sent', () => {
  it('lists the failed and the retrying ones, failed first, as the outbox holds them, and says this server sends none', async () => {
    const response = await list()
    expect(response.statusCode, response.body).toBe(200)
    const body: { items: UnsentEmail[]; mailConfigured: boolean } = response.json()
    expect(body.mailConfigured).toBe(false)
    expect(body.items.map((item) => item.id)).toEqual([ids.failed, ids.retrying])
    const [stored] = await sql(`SELECT to_char(next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS next FROM weekly_report_emails WHERE id = $1`, [ids.retrying])
    expect(body.items[0]).toMatchObject({
      wardCode: WARD, wardName: 'Stockton Town Centre', period: '2024-03', periodLabel: 'Mar 2024', version: 1, recipient: 'failed@test.local',
      status: 'failed', attempts: 8, lastError: '550 mailbox unavailable', nextAttemptAt: null,
    })
    expect(body.items[1]).toMatchObject({ recipient: 'retrying@test.local', status: 'retrying', attempts: 2, lastError: '451 try later', nextAttemptAt: stored.next })
  })

  it('tries a given-up e-mail again now: due at once, its tries kept, audited', async () => {
    const response = await retry(ids.failed)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ id: ids.failed, status: 'retrying', attempts: 8, lastError: '550 mailbox unavailable' })
    const [row] = await sql(`SELECT status, attempts, next_attempt_at <= now() AS due FROM weekly_report_emails WHERE id = $1`, [ids.failed])
    expect(row).toEqual({ status: 'pending', attempts: 8, due: true })
    const [audit] = await sql(`SELECT actor_email, target, details FROM audit_log WHERE action = 'weekly_report.email_retry'`)
    expect(audit).toEqual({
      actor_email: 'admin@test.local', target: `${WARD}/2024-03/v1`,
      details: { email: ids.failed, recipient: 'failed@test.local', attempts: 8, lastError: '550 mailbox unavailable' },
    })
    // Still listed, now as waiting for its try.
    expect((await list()).json().items.find((item: UnsentEmail) => item.id === ids.failed)).toMatchObject({ status: 'retrying' })
  })

  it('brings a retrying e-mail forward to now', async () => {
    expect((await retry(ids.retrying)).statusCode).toBe(200)
    const [row] = await sql(`SELECT status, attempts, next_attempt_at <= now() AS due FROM weekly_report_emails WHERE id = $1`, [ids.retrying])
    expect(row).toEqual({ status: 'pending', attempts: 2, due: true })
  })

  it('refuses one that went, one being sent and one not yet tried, and an unknown one, changing nothing', async () => {
    const before = await sql(`SELECT * FROM weekly_report_emails ORDER BY id`)
    const sent = await retry(ids.sent)
    expect(sent.statusCode).toBe(409)
    expect(sent.json().message).toBe('this e-mail has been sent')
    const sending = await retry(ids.sending)
    expect(sending.statusCode).toBe(409)
    expect(sending.json().message).toBe('this e-mail is being sent now')
    const fresh = await retry(ids.fresh)
    expect(fresh.statusCode).toBe(409)
    expect(fresh.json().message).toBe('this e-mail has not been tried yet: the next pass sends it')
    const unknown = await retry(999_999)
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().message).toBe('no weekly report e-mail has the id 999999')
    expect(await sql(`SELECT * FROM weekly_report_emails ORDER BY id`)).toEqual(before)
    expect(await sql(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'weekly_report.email_retry'`)).toEqual([{ n: 2 }])
  })

  it('is for admins only', async () => {
    const analyst = await testApp.signInAs('analyst')
    expect((await testApp.app.inject({ method: 'GET', url: '/api/weekly-report-emails', headers: analyst.headers })).statusCode).toBe(403)
    expect((await testApp.app.inject({ method: 'POST', url: `/api/weekly-report-emails/${ids.retrying}/retry`, headers: analyst.headers })).statusCode).toBe(403)
  })
})
