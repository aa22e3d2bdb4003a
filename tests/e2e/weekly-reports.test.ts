// Weekly ward reports in Chromium: a councillor signs in, finds the archive in the navigation with their ward's reports
// only, opens the latest, downloads its PDF (rendered on the server from the print page; pages rasterised by pdftoppm,
// none blank), and cannot open another ward's report by its address.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/src/config.js'
import { chromiumUnavailableReason } from '../support/browser.js'
import { DESKTOP, FAILED_FETCH_4XX, startE2eApp, type E2eApp } from '../support/e2e-app.js'
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
})
