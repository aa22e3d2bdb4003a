// Weekly ward reports in Chromium: a councillor signs in, finds the archive in the navigation with their ward's reports
// only, opens the latest, downloads its PDF (rendered on the server from the print page; pages rasterised by pdftoppm,
// none blank), and cannot open another ward's report by its address. An admin keeps the ward's named contacts (adds,
// edits, removes; a re-issued report names them) and tries an e-mail that was given up on again.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/src/config.js'
import { chromiumUnavailableReason } from '../support/browser.js'
import { DESKTOP, FAILED_FETCH_4XX, PHONE, startE2eApp, type E2eApp } from '../support/e2e-app.js'
import { createTestUser, signIn, type TestApp } from '../support/test-app.js'

const MONTHS = ['2024-02', '2024-03']
const STEP_MS = 30_000
const TOWN_CENTRE = 'E05014882' // Stockton Town Centre
const artifactsDir = path.join(projectRoot, 'tests/.artifacts')

const skipReason = chromiumUnavailableReason()
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

describe.skipIf(skipReason !== null)(`weekly ward reports in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let e2e: E2eApp
  let testApp: TestApp
  let origin = ''
  let otherWard = ''

  beforeAll(async () => {
    fs.mkdirSync(artifactsDir, { recursive: true })
    e2e = await startE2eApp({ months: MONTHS, expectedConsole: FAILED_FETCH_4XX })
    ;({ testApp, origin } = e2e)
    otherWard = (await testApp.pool.query(`SELECT code FROM wards WHERE code <> $1 ORDER BY code LIMIT 1`, [TOWN_CENTRE])).rows[0].code
    await createTestUser(testApp.pool, { email: 'cllr@test.local', name: 'Cllr Test', role: 'councillor', wards: [TOWN_CENTRE] })
    const analyst = await testApp.signInAs('analyst')
    for (const payload of [{ ward: TOWN_CENTRE, period: '2024-02' }, { ward: TOWN_CENTRE }, { ward: otherWard }]) {
      const published = await testApp.app.inject({ method: 'POST', url: '/api/weekly-reports', headers: analyst.headers, payload })
      expect(published.statusCode, published.body).toBe(201)
    }
    // The councillor's own sign-in check, before the browser's.
    expect((await signIn(testApp.app, 'cllr@test.local')).user.role).toBe('councillor')
  })

  afterEach(() => {
    expect(e2e.takeProblems(), 'page errors and unexpected console errors').toEqual([])
  })

  afterAll(async () => {
    await e2e?.close()
  })

  it('opens the latest report of their ward from the archive, downloads its PDF, and cannot open another ward\u2019s', async () => {
    const { page, context } = await e2e.signedInWindow('cllr@test.local', DESKTOP)
    await page.goto(`${origin}/reports`)
    await page.getByTestId('nav-weekly-reports').click()
    await page.getByTestId('weekly-archive').waitFor({ state: 'visible', timeout: STEP_MS })
    const rows = await page.getByTestId('weekly-archive').locator('tbody tr').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-testid')))
    expect(rows).toEqual([`weekly-row-${TOWN_CENTRE}-2024-03-v1`, `weekly-row-${TOWN_CENTRE}-2024-02-v1`])
    // On a phone the archive scrolls in its own box; the page does not scroll sideways.
    const fitsSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
    await page.setViewportSize(PHONE)
    expect(await fitsSideways()).toBe(true)
    await page.setViewportSize(DESKTOP)

    // The latest: the first row's link opens the report page.
    await page.getByTestId(`weekly-row-${TOWN_CENTRE}-2024-03-v1`).getByRole('link', { name: 'Mar 2024' }).click()
    await page.locator('[data-testid="weekly-report"][data-print-ready="true"]').waitFor({ timeout: STEP_MS })
    expect(await page.locator('h1').textContent()).toBe('Stockton Town Centre: monthly ward report')
    expect(await page.getByTestId('weekly-total').textContent()).toMatch(/incidents: /)
    expect(await page.getByTestId('weekly-map').locator('path').count()).toBeGreaterThan(1)
    expect(await page.getByTestId('weekly-trend').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0)

    // The PDF, as its "Download PDF" link fetches it with the browser's own session.
    const href = await page.getByTestId('weekly-pdf').getAttribute('href')
    const response = await context.request.get(`${origin}${href}`, { timeout: 120_000 })
    expect(response.status(), (await response.body()).toString('utf8').slice(0, 300)).toBe(200)
    expect(response.headers()['content-type']).toBe('application/pdf')
    const pdfPath = path.join(artifactsDir, 'weekly-report.pdf')
    fs.writeFileSync(pdfPath, await response.body())
    for (const old of fs.readdirSync(artifactsDir).filter((name) => /^weekly-report-\d+\.png$/.test(name))) fs.rmSync(path.join(artifactsDir, old))
    execFileSync('pdftoppm', ['-png', '-r', '30', pdfPath, path.join(artifactsDir, 'weekly-report')])
    const pages = fs.readdirSync(artifactsDir).filter((name) => /^weekly-report-\d+\.png$/.test(name))
    expect(pages.length).toBeGreaterThanOrEqual(2)
    for (const name of pages) {
      const png = PNG.sync.read(fs.readFileSync(path.join(artifactsDir, name)))
      let inked = 0
      for (let index = 0; index < png.data.length; index += 4) if (png.data[index] < 240 || png.data[index + 1] < 240 || png.data[index + 2] < 240) inked += 1
      expect(inked, name).toBeGreaterThan(200)
    }

    // Another ward's report by its address: refused, and the page says so.
    await page.goto(`${origin}/weekly-report?ward=${otherWard}&period=2024-03`)
    await page.locator('[data-testid="weekly-report"][data-print-ready="true"]').waitFor({ timeout: STEP_MS })
    expect(await page.getByTestId('weekly-report').textContent()).toMatch(/not one of your wards/)
    expect((await context.request.get(`${origin}/api/weekly-reports/${otherWard}/2024-03/report.pdf`)).status()).toBe(403)
  }, 240_000)

  it('lets an admin add, edit and remove a ward\u2019s contacts, which the re-issued report names, by keyboard', async () => {
    await createTestUser(testApp.pool, { email: 'admin@test.local', name: 'Admin Test', role: 'admin' })
    const { page } = await e2e.signedInWindow('admin@test.local', DESKTOP)
    await page.goto(`${origin}/weekly-reports`)
    await page.getByTestId('weekly-ward').selectOption(TOWN_CENTRE)
    const editor = page.getByTestId('weekly-contacts-editor')
    await editor.getByTestId('contact-housing-officer').waitFor({ state: 'visible', timeout: STEP_MS })
    const stored = async () =>
      (await testApp.pool.query(`SELECT kind, name, email, phone FROM ward_contacts WHERE ward_code = $1 ORDER BY kind`, [TOWN_CENTRE])).rows
    /** Fills a contact's fields and submits its form with Enter; done when the page says so, the form read back. */
    const submit = async (kind: string, fields: { name: string; email?: string; phone?: string }, method: 'PUT' | 'DELETE', said: string) => {
      const row = editor.getByTestId(`contact-${kind}`)
      await row.getByLabel('Name').fill(fields.name)
      if (fields.email !== undefined) await row.getByLabel('E-mail').fill(fields.email)
      if (fields.phone !== undefined) await row.getByLabel('Phone').fill(fields.phone)
      const answered = page.waitForResponse((response) => response.url().includes(`/api/ward-contacts/${TOWN_CENTRE}/${kind}`) && response.request().method() === method)
      await row.getByLabel('Name').press('Enter')
      expect((await answered).status()).toBe(method === 'PUT' ? 200 : 204)
      await editor.getByTestId('weekly-contacts-saved').filter({ hasText: said }).waitFor({ timeout: STEP_MS })
    }

    // Add two.
    await submit('neighbourhood-officer', { name: 'PC Ann Example', email: 'ann.example@police.test', phone: '01642 111111' }, 'PUT', 'Saved PC Ann Example as the neighbourhood officer.')
    await submit('housing-officer', { name: 'Sam Housing', email: 'sam@housing.test' }, 'PUT', 'Saved Sam Housing as the housing officer.')
    expect(await stored()).toEqual([
      { kind: 'housing-officer', name: 'Sam Housing', email: 'sam@housing.test', phone: null },
      { kind: 'neighbourhood-officer', name: 'PC Ann Example', email: 'ann.example@police.test', phone: '01642 111111' },
    ])
    // The form shows what was stored, read back from the server.
    const neighbourhood = editor.getByTestId('contact-neighbourhood-officer')
    expect(await neighbourhood.getByLabel('E-mail').inputValue()).toBe('ann.example@police.test')
    expect(await neighbourhood.getByLabel('Phone').inputValue()).toBe('01642 111111')

    // Edit one.
    await submit('neighbourhood-officer', { name: 'PC Ann Other', phone: '01642 222222' }, 'PUT', 'Saved PC Ann Other as the neighbourhood officer.')
    expect((await stored()).find((row) => row.kind === 'neighbourhood-officer')).toEqual({ kind: 'neighbourhood-officer', name: 'PC Ann Other', email: 'ann.example@police.test', phone: '01642 222222' })

    // Remove the other: an empty name turns Save into Remove.
    const housing = editor.getByTestId('contact-housing-officer')
    await housing.getByLabel('Name').fill('')
    expect(await housing.getByRole('button').textContent()).toBe('Remove')
    await submit('housing-officer', { name: '' }, 'DELETE', 'Removed the housing officer.')
    expect((await stored()).map((row) => row.kind)).toEqual(['neighbourhood-officer'])

    // An address that is not one: the browser holds the form back and says why; nothing is sent.
    let sent = 0
    const count = (request: { url(): string; method(): string }) => {
      if (request.method() === 'PUT' && request.url().includes('/api/ward-contacts/')) sent += 1
    }
    page.on('request', count)
    await neighbourhood.getByLabel('E-mail').fill('not an address')
    await neighbourhood.getByRole('button', { name: 'Save' }).click()
    expect(await neighbourhood.getByLabel('E-mail').evaluate((input) => (input as HTMLInputElement).validity.typeMismatch)).toBe(true)
    page.off('request', count)
    expect(sent).toBe(0)
    expect((await stored())[0].email).toBe('ann.example@police.test')

    // Published reports keep who they named; a re-issue names the contacts as they are now.
    await page.getByTestId('weekly-reissue').click()
    await page.getByRole('status').filter({ hasText: 'Published Mar 2024, version 2.' }).waitFor({ timeout: STEP_MS })
    await page.getByTestId(`weekly-row-${TOWN_CENTRE}-2024-03-v2`).getByRole('link', { name: 'Mar 2024' }).click()
    await page.locator('[data-testid="weekly-report"][data-print-ready="true"]').waitFor({ timeout: STEP_MS })
    const named = await page.getByTestId('weekly-contacts').locator('div').allTextContents()
    expect(named).toEqual(['Neighbourhood officerPC Ann Other · ann.example@police.test · 01642 222222'])
    await page.goto(`${origin}/weekly-report?ward=${TOWN_CENTRE}&period=2024-03&version=1`)
    await page.locator('[data-testid="weekly-report"][data-print-ready="true"]').waitFor({ timeout: STEP_MS })
    expect(await page.getByTestId('weekly-contacts').count()).toBe(0)
  }, 240_000)

  it('shows an admin the report e-mails not sent, and tries one again now', async () => {
    const { rows } = await testApp.pool.query(
      `INSERT INTO weekly_report_emails (report_id, recipient, status, attempts, last_error)
       SELECT id, 'cllr@test.local', 'failed', 8, '550 5.1.1 mailbox unavailable' FROM weekly_reports WHERE ward_code = $1 AND period = '2024-02' RETURNING id::int`,
      [TOWN_CENTRE],
    )
    const id: number = rows[0].id
    const { page } = await e2e.signedInWindow('admin@test.local', DESKTOP)
    await page.goto(`${origin}/weekly-reports`)
    const row = page.getByTestId(`weekly-unsent-${id}`)
    await row.waitFor({ state: 'visible', timeout: STEP_MS })
    // No SMTP in this app: the page says nothing goes from this server.
    expect(await page.getByTestId('weekly-mail-off').isVisible()).toBe(true)
    expect(await row.locator('td').allTextContents()).toEqual(['Stockton Town Centre', 'Feb 2024', 'cllr@test.local', 'Given up after 8 tries', '550 5.1.1 mailbox unavailable', 'Try again now'])
    const answered = page.waitForResponse((response) => response.url().endsWith(`/api/weekly-report-emails/${id}/retry`))
    await row.getByRole('button', { name: 'Try again now' }).click()
    expect((await answered).status()).toBe(200)
    await row.getByRole('status').filter({ hasText: 'Trying again now.' }).waitFor({ timeout: STEP_MS })
    const stored = (await testApp.pool.query(`SELECT status, attempts, next_attempt_at <= now() AS due FROM weekly_report_emails WHERE id = $1`, [id])).rows[0]
    expect(stored).toEqual({ status: 'pending', attempts: 8, due: true })
    // The list is asked again: the e-mail now waits for its try.
    await row.getByTestId('weekly-unsent-status').filter({ hasText: /^Not sent after 8 tries; tried again by itself at / }).waitFor({ timeout: STEP_MS })
    const audited = (await testApp.pool.query(`SELECT actor_email FROM audit_log WHERE action = 'weekly_report.email_retry'`)).rows
    expect(audited).toEqual([{ actor_email: 'admin@test.local' }])
  }, 120_000)
})
