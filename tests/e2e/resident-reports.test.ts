// Resident reporting in Chromium, the resident on a phone: a report with a map pin and a photo gets a receipt; an
// analyst accepts it with a message; it is then an incident on the map's counts; the resident's receipt says
// "accepted" and shows the message.
import sharp from 'sharp'
import { latLngToCell } from 'h3-js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chromiumUnavailableReason } from '../support/browser.js'
import { DESKTOP, PHONE, startE2eApp, type E2eApp } from '../support/e2e-app.js'
import { createTestUser } from '../support/test-app.js'

const WARD = 'E05014882' // Stockton Town Centre (WD23)
const STEP_MS = 20_000

const skipReason = chromiumUnavailableReason()
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

describe.skipIf(skipReason !== null)(`resident reports in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let e2e: E2eApp
  const sql = async (text: string, values: unknown[] = []) => (await e2e.testApp.pool.query(text, values)).rows

  beforeAll(async () => {
    // The time check is a unit and routes test's business; here a fast test would be taken for a robot.
    e2e = await startE2eApp({ months: ['2024-03'], residentReports: { minFormSeconds: 0 } })
    await createTestUser(e2e.testApp.pool, { email: 'analyst@test.local', name: 'Ana Lyst', role: 'analyst' })
  }, 120_000)

  afterEach(() => {
    expect(e2e.takeProblems(), 'page errors and unexpected console errors').toEqual([])
  })

  afterAll(async () => {
    await e2e?.close()
  })

  it('takes a report with a pin and a photo, an analyst accepts it, and the resident sees the decision', async () => {
    const [centre] = await sql('SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM wards WHERE code = $1', [WARD])
    const resident = await e2e.anonymousWindow(PHONE)
    const page = resident.page
    await page.goto(`${e2e.origin}/report?lon=${centre.lon.toFixed(5)}&lat=${centre.lat.toFixed(5)}&z=16`)
    await page.getByRole('heading', { name: 'Report anti-social behaviour' }).waitFor({ timeout: STEP_MS })
    // The page scrolls on a phone, though the staff app's frame does not (base.css): a swipe below the map moves it.
    expect(await page.getByTestId('report-scroll').evaluate((box) => box.scrollTop)).toBe(0)
    await page.mouse.move(200, 800)
    await page.mouse.wheel(0, 600)
    await expect.poll(() => page.getByTestId('report-scroll').evaluate((box) => box.scrollTop), { timeout: STEP_MS }).toBeGreaterThan(0)
    const map = page.getByTestId('report-pin-map')
    await map.waitFor({ state: 'visible', timeout: STEP_MS })
    await page.locator('.report-pin-map canvas').waitFor({ timeout: STEP_MS })
    // A tap in the middle of the map: the poster's point, in Stockton Town Centre.
    await map.click()
    await expect.poll(() => page.getByTestId('report-pin-status').textContent(), { timeout: STEP_MS }).toBe('Pin placed in Stockton Town Centre.')
    await page.getByLabel('Youth nuisance').check()
    await page.getByTestId('report-ongoing').check()
    await page.getByTestId('report-description').fill('Youths throwing stones at the bus shelter every evening.')
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#884422' } }).jpeg().withExif({ IFD0: { Make: 'PhoneMaker' } }).toBuffer()
    await page.getByTestId('report-photos').setInputFiles({ name: 'shelter.jpg', mimeType: 'image/jpeg', buffer: photo })
    await page.getByTestId('report-send').click()
    await page.getByTestId('receipt-code').waitFor({ timeout: STEP_MS })
    const code = (await page.getByTestId('receipt-code').textContent())!
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/)
    expect(new URL(page.url()).pathname).toBe(`/report/receipt/${code}`)
    expect(await page.getByTestId('receipt-status').getAttribute('data-status')).toBe('new')

    const [report] = await sql('SELECT id::int, lon, lat, (SELECT count(*)::int FROM resident_report_photos p WHERE p.report_id = r.id) AS photos FROM resident_reports r')
    expect(report.photos).toBe(1)
    // The pin is where the map's middle was, within a few metres.
    expect(Math.abs(report.lon - centre.lon)).toBeLessThan(0.0005)
    expect(Math.abs(report.lat - centre.lat)).toBeLessThan(0.0005)

    // The analyst accepts it with a message, from the moderation page in the nav.
    const analyst = await e2e.signedInWindow('analyst@test.local', DESKTOP)
    await analyst.page.goto(`${e2e.origin}/`)
    await analyst.page.getByTestId('nav-resident-reports').click()
    await analyst.page.getByTestId(`report-${report.id}`).click()
    await analyst.page.getByTestId('report-panel').waitFor({ timeout: STEP_MS })
    await analyst.page.getByLabel('Message to the reporter (optional)').fill('Thank you: the neighbourhood team will patrol there this week.')
    await analyst.page.getByTestId('report-accept').click()
    await expect.poll(() => analyst.page.getByTestId('report-panel-status').textContent(), { timeout: STEP_MS }).toBe('accepted')

    // On the map's counts: its cell at res 10 now holds it (as plain SQL over incidents has it).
    const cell = latLngToCell(report.lat, report.lon, 10)
    const hexes = await (await analyst.context.request.get(`${e2e.origin}/api/hexes?res=10`)).json()
    const [counted] = await sql(`SELECT count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id WHERE h3_to_string(l.h3_res10) = $1`, [cell])
    expect(hexes.find((hex: { h3: string }) => hex.h3 === cell)?.count).toBe(counted.n)
    expect((await sql(`SELECT count(*)::int AS n FROM incidents WHERE source = 'resident report'`))[0].n).toBe(1)

    // The analyst corrects when it happened (it was not ongoing): the incident moves to that UK time.
    await analyst.page.getByTestId('report-correction').locator('input[type="checkbox"]').uncheck()
    // A week ago at 21:30 (the server takes times up to a year back).
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10)
    await analyst.page.getByTestId('report-correct-when').fill(`${weekAgo}T21:30`)
    await analyst.page.getByTestId('report-correct-reason').fill('The reporter said it was Friday night')
    await analyst.page.getByTestId('report-correct').click()
    await expect
      .poll(async () => (await sql(`SELECT to_char(period_start AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI') AS at FROM incidents WHERE source = 'resident report'`))[0].at, { timeout: STEP_MS })
      .toBe(`${weekAgo} 21:30`)

    // The resident's receipt: accepted, with the officer's message.
    await page.goto(`${e2e.origin}/report/receipt/${code}`)
    await expect.poll(() => page.getByTestId('receipt-status').getAttribute('data-status'), { timeout: STEP_MS }).toBe('accepted')
    expect(await page.getByTestId('receipt-status').textContent()).toBe('Accepted: recorded as an incident')
    expect(await page.getByTestId('receipt-messages').textContent()).toContain('Thank you: the neighbourhood team will patrol there this week.')
  })
})
