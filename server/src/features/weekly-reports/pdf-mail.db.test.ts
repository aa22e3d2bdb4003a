// The weekly report's PDF (headless Chromium over the built client's print page): pages present, none blank, fonts
// embedded; and its e-mail to the ward's councillor through a local SMTP server, a failed send kept and retried, and
// shown to admins, who try it again now.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, createTestUser, policeUkFile, signIn, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import { defaultClientDir } from '../../app.js'

const CHROMIUM = '/usr/bin/chromium'
const missing = !fs.existsSync(path.join(defaultClientDir, 'index.html'))
  ? `${defaultClientDir}/index.html is missing: run npm run build:client first`
  : !fs.existsSync(CHROMIUM)
    ? `${CHROMIUM} is missing`
    : null
if (missing && process.env.CI === 'true') throw new Error(missing)

const WARD = 'E05014882' // Stockton Town Centre

let testApp: TestApp
let councillor: SignedIn
let analyst: SignedIn
let admin: SignedIn
let smtp: SMTPServer
let scratch: string
const received: string[] = []
let refuseNext = 1
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows

/** Pages of a PDF as PNGs, and whether each has anything on it (not one flat colour). */
async function pagesOf(pdf: Buffer, name: string): Promise<{ count: number; blank: number[] }> {
  const file = path.join(scratch, `${name}.pdf`)
  fs.writeFileSync(file, pdf)
  execFileSync('pdftoppm', ['-png', '-r', '30', file, path.join(scratch, name)])
  const pages = fs.readdirSync(scratch).filter((each) => each.startsWith(`${name}-`) && each.endsWith('.png')).sort()
  const blank: number[] = []
  for (const [index, page] of pages.entries()) {
    const stats = await sharp(path.join(scratch, page)).greyscale().stats()
    if (stats.channels[0].stdev < 2) blank.push(index + 1)
  }
  return { count: pages.length, blank }
}

describe.skipIf(missing !== null && process.env.CI !== 'true')('weekly report PDF and e-mail', () => {
  beforeAll(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'patrolmap-weekly-pdf-'))
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => {
          if (refuseNext > 0) {
            refuseNext -= 1
            return callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }))
          }
          received.push(Buffer.concat(chunks).toString('utf8'))
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    const port = (smtp.server.address() as AddressInfo).port
    testApp = await startTestApp({ clientDir: defaultClientDir, mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Patrolmap <reports@patrolmap.test>' } })
    await testApp.importFiles([...boundaryFiles, policeUkFile('2024-02'), policeUkFile('2024-03')])
    await createTestUser(testApp.pool, { email: 'cllr@test.local', role: 'councillor', wards: [WARD] })
    councillor = await signIn(testApp.app, 'cllr@test.local')
    analyst = await testApp.signInAs('analyst')
    admin = await testApp.signInAs('admin')
  })

  afterAll(async () => {
    await testApp?.close()
    await new Promise<void>((resolve) => smtp.close(() => resolve()))
    fs.rmSync(scratch, { recursive: true, force: true })
  })

  it('renders the report as an A4 PDF of two pages or more, none blank, every font embedded', async () => {
    const published = await testApp.app.inject({ method: 'POST', url: '/api/weekly-reports', headers: analyst.headers, payload: { ward: WARD } })
    expect(published.statusCode, published.body).toBe(201)
    const response = await testApp.app.inject({ method: 'GET', url: `/api/weekly-reports/${WARD}/2024-03/report.pdf`, headers: councillor.headers })
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200)
    expect(response.headers['content-type']).toBe('application/pdf')
    const pdf = response.rawPayload
    const pages = await pagesOf(pdf, 'report')
    expect(pages.count).toBeGreaterThanOrEqual(2)
    expect(pages.blank).toEqual([])
    const info = execFileSync('pdfinfo', [path.join(scratch, 'report.pdf')]).toString()
    expect(info).toMatch(/Page size:\s+59[56](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/)
    const fonts = execFileSync('pdffonts', [path.join(scratch, 'report.pdf')]).toString().trim().split('\n').slice(2)
    expect(fonts.length).toBeGreaterThan(0)
    for (const line of fonts) expect(line, line).toMatch(/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/)
    const [download] = await sql(`SELECT details->>'format' AS format FROM audit_log WHERE action = 'weekly_report.download' AND actor_email = 'cllr@test.local' ORDER BY id LIMIT 1`)
    expect(download.format).toBe('pdf')
  })

  it('e-mails the published report to the ward\u2019s councillor with the PDF attached, retrying a refused send', async () => {
    // Publishing queued the e-mail and tried it at once: the SMTP server refused that first try.
    let row: { status: string; attempts: number; last_error: string | null } | undefined
    for (let wait = 0; wait < 120 && !(row && row.last_error); wait += 1) {
      ;[row] = await sql(`SELECT status, attempts, last_error FROM weekly_report_emails WHERE recipient = 'cllr@test.local'`)
      if (!row?.last_error) await new Promise((resolve) => setTimeout(resolve, 500))
    }
    expect(row).toMatchObject({ status: 'pending', attempts: 1 })
    expect(row!.last_error).toMatch(/try later/)
    expect(received).toEqual([])
    // Not lost: due again (its delay passed), the next pass sends it.
    await sql(`UPDATE weekly_report_emails SET next_attempt_at = now()`)
    expect(await testApp.app.weeklyReportMail!.deliverDue()).toBe(1)
    const [sent] = await sql(`SELECT status, attempts, sent_at FROM weekly_report_emails WHERE recipient = 'cllr@test.local'`)
    expect(sent).toMatchObject({ status: 'sent', attempts: 2 })
    expect(received).toHaveLength(1)
    const message = received[0]
    expect(message).toMatch(/^To: cllr@test\.local/m)
    expect(message).toMatch(/^Subject: Patrolmap weekly report: Stockton Town Centre, Mar 2024/m)
    // The attachment: the part after its headers, base64, is a PDF with pages.
    const part = /Content-Type: application\/pdf;?[^\n]*\n(?:[^\n]+\n)*?\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(message)
    expect(part).not.toBeNull()
    const pdf = Buffer.from(part![1].replace(/\s+/g, ''), 'base64')
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const pages = await pagesOf(pdf, 'mailed')
    expect(pages.count).toBeGreaterThanOrEqual(2)
    expect(pages.blank).toEqual([])
    // The session made to render it as the councillor sees it is gone.
    expect(await sql(`SELECT 1 FROM sessions WHERE user_agent = 'weekly report e-mail'`)).toEqual([])
  })

  it('shows an admin a refused send with its error, and sends it when they try it again now', async () => {
    refuseNext = 1
    const published = await testApp.app.inject({ method: 'POST', url: '/api/weekly-reports', headers: analyst.headers, payload: { ward: WARD, period: '2024-02' } })
    expect(published.statusCode, published.body).toBe(201)
    const reportId = published.json().report.id
    let listed: { id: number; status: string; attempts: number; lastError: string; nextAttemptAt: string | null } | undefined
    for (let wait = 0; wait < 120 && !listed; wait += 1) {
      const answer = await testApp.app.inject({ method: 'GET', url: '/api/weekly-report-emails', headers: admin.headers })
      expect(answer.statusCode, answer.body).toBe(200)
      expect(answer.json().mailConfigured).toBe(true)
      listed = answer.json().items.find((item: { period: string }) => item.period === '2024-02')
      if (!listed) await new Promise((resolve) => setTimeout(resolve, 500))
    }
    expect(listed).toMatchObject({ status: 'retrying', attempts: 1 })
    expect(listed!.lastError).toMatch(/try later/)
    expect(Date.parse(listed!.nextAttemptAt!)).toBeGreaterThan(Date.now())
    const before = received.length
    const retried = await testApp.app.inject({ method: 'POST', url: `/api/weekly-report-emails/${listed!.id}/retry`, headers: admin.headers })
    expect(retried.statusCode, retried.body).toBe(200)
    // The route starts the outbox pass itself: no waiting for the five-minute one.
    let row: { status: string; attempts: number } | undefined
    for (let wait = 0; wait < 240 && row?.status !== 'sent'; wait += 1) {
      ;[row] = await sql(`SELECT status, attempts FROM weekly_report_emails WHERE report_id = $1`, [reportId])
      if (row?.status !== 'sent') await new Promise((resolve) => setTimeout(resolve, 500))
    }
    expect(row).toEqual({ status: 'sent', attempts: 2 })
    expect(received).toHaveLength(before + 1)
    expect(received.at(-1)).toMatch(/^Subject: Patrolmap weekly report: Stockton Town Centre, Feb 2024/m)
    expect((await testApp.app.inject({ method: 'GET', url: '/api/weekly-report-emails', headers: admin.headers })).json().items).toEqual([])
    const [audit] = await sql(`SELECT actor_email, target FROM audit_log WHERE action = 'weekly_report.email_retry'`)
    expect(audit).toEqual({ actor_email: 'admin@test.local', target: `${WARD}/2024-02/v1` })
  }, 180_000)
})
