// The CCTV register's upkeep in Chromium (issue 14): an analyst changes the fixed cameras' default range and sees the
// camera still on it redrawn and the coverage figure become what plain SQL counts; imports a bad register (every bad
// row listed by number, nothing stored), the real Trafford register (163 cameras, then none twice) and building
// footprints; records and corrects a camera's monthly activity and imports more as CSV, and reads the ward totals in
// words; retires a camera (it leaves the coverage) and redeploys a redeployable to a placement pick (its history shows
// where it stood and where it stands).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chromiumUnavailableReason } from '../support/browser.js'
import { DESKTOP, startE2eApp, type E2eApp } from '../support/e2e-app.js'
import { geodata, type SignedIn } from '../support/test-app.js'

const WARD = 'E05014882' // Stockton Town Centre
const MONTH = '2024-03'
const STEP_MS = 20_000
/** Incidents of the month, as the app counts months (London time). */
const IN_MONTH = `i.period_start >= timestamptz '${MONTH}-01 00:00 Europe/London' AND i.period_start < timestamptz '2024-04-01 00:00 Europe/London'`

const skipReason = chromiumUnavailableReason()
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

describe.skipIf(skipReason !== null)(`keeping the CCTV register in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let e2e: E2eApp
  let analyst: SignedIn
  let scratch: string
  let serial = 0
  const sql = async (text: string, values: unknown[] = []) => (await e2e.testApp.pool.query(text, values)).rows

  beforeAll(async () => {
    e2e = await startE2eApp({ months: [MONTH] })
    analyst = await e2e.testApp.signInAs('analyst')
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'patrolmap-cctv-e2e-'))
  }, 180_000)

  afterEach(() => {
    expect(e2e.takeProblems(), 'page errors and unexpected console errors').toEqual([])
  })

  afterAll(async () => {
    await e2e?.close()
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true })
  })

  async function addCamera(fields: Record<string, unknown>): Promise<{ id: number; reference: string }> {
    serial += 1
    const response = await e2e.testApp.app.inject({
      method: 'POST',
      url: '/api/cctv/cameras',
      headers: analyst.headers,
      payload: { owner: 'Stockton Council', reference: `R-${serial}`, name: `Camera ${serial}`, type: 'fixed', ...fields },
    })
    expect(response.statusCode, response.body).toBe(201)
    return response.json()
  }

  /** The busiest map point of the ward in the month, and a site `metres` due west of it. */
  async function busiestPoint(metres: number, skip = 0) {
    const [row] = await sql(
      `SELECT l.lon, l.lat, count(*)::int AS n,
              ST_X(ST_Project(l.geom::geography, $2, radians(270))::geometry) AS site_lon,
              ST_Y(ST_Project(l.geom::geography, $2, radians(270))::geometry) AS site_lat
         FROM incidents i JOIN locations l ON l.id = i.location_id
        WHERE l.ward_code = $1 AND ${IN_MONTH}
        GROUP BY l.id ORDER BY count(*) DESC, l.id LIMIT 1 OFFSET $3`,
      [WARD, metres, skip],
    )
    return row as { lon: number; lat: number; n: number; site_lon: number; site_lat: number }
  }

  /** Incidents of the month at map points inside any working camera's stored view, and all of them. */
  async function coveredInMonth(category: string | null = null): Promise<{ covered: number; all: number }> {
    const [row] = await sql(
      `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM cameras c WHERE c.status = 'working' AND ST_Covers(c.view_geom, l.geom)))::int AS covered, count(*)::int AS all
         FROM incidents i JOIN locations l ON l.id = i.location_id WHERE ${IN_MONTH} AND ($1::text IS NULL OR i.category = $1)`,
      [category],
    )
    return row
  }

  const overallText = (figures: { covered: number; all: number }) => `${figures.covered.toLocaleString('en-GB')} of ${figures.all.toLocaleString('en-GB')} incidents`

  async function waitForText(page: Page, testId: string, text: string): Promise<void> {
    await page.waitForFunction(([id, expected]) => (document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').includes(expected), [testId, text], { timeout: STEP_MS })
  }

  async function openCctv(page: Page, month: string | null): Promise<void> {
    await page.goto(`${e2e.origin}/cctv`)
    await page.getByTestId('cctv-page').waitFor({ state: 'visible', timeout: STEP_MS })
    if (month) {
      await page.getByTestId('cctv-period-from').fill(month)
      await page.getByTestId('cctv-period-to').fill(month)
    }
  }

  async function selectCamera(page: Page, reference: string): Promise<void> {
    await page.getByTestId('cctv-camera-table').getByRole('button', { name: reference, exact: true }).click()
    await page.getByTestId('cctv-camera-title').filter({ hasText: reference }).waitFor({ state: 'visible', timeout: STEP_MS })
  }

  it('a changed default range moves the camera still on it: its wedge is redrawn and the coverage figure is what SQL counts', async () => {
    const busiest = await busiestPoint(40)
    // 40 m west of the busiest point, facing it: in view at the fixed cameras' default range (60 m), out of it at 20 m.
    const assumed = await addCamera({ bearingDeg: 90, fovDeg: 60, mountingHeightM: 6, position: { lon: busiest.site_lon, lat: busiest.site_lat } })
    // A camera with a known range is not moved by the default.
    const known = await addCamera({ bearingDeg: 90, fovDeg: 60, rangeM: 100, mountingHeightM: 6, position: { lon: busiest.site_lon, lat: busiest.site_lat + 0.002 } })
    const [{ default_range: defaultRange }] = await sql(`SELECT range_m AS default_range FROM camera_type_defaults WHERE type = 'fixed'`)
    expect(defaultRange).toBeGreaterThan(40)

    const { page } = await e2e.signedInWindow('analyst@test.local', DESKTOP)
    await openCctv(page, MONTH)
    const before = await coveredInMonth()
    await waitForText(page, 'cctv-coverage-overall', overallText(before))
    const row = page.locator('[data-testid="cctv-default-row"][data-type="fixed"]')
    await expect.poll(() => row.getByTestId('cctv-default-assumed').textContent(), { timeout: STEP_MS }).toBe('1 camera')
    expect(await page.getByTestId('cctv-default-fixed-rangeM').inputValue()).toBe(String(defaultRange))

    // The count opens the cameras on assumed values in the list: only that one.
    await page.getByTestId('cctv-default-show-fixed').click()
    await expect.poll(() => page.getByTestId('cctv-camera-row').count(), { timeout: STEP_MS }).toBe(1)
    expect(await page.getByTestId('cctv-camera-row').getAttribute('data-camera-id')).toBe(String(assumed.id))
    expect(await page.getByTestId('cctv-filter-assumed').isChecked()).toBe(true)
    await selectCamera(page, assumed.reference)
    await page.waitForFunction(([id, range]) => window.__patrolmapCctv?.idle === true && window.__patrolmapCctv.drawnRanges[id] === range, [assumed.id, defaultRange], { timeout: STEP_MS })
    expect(await page.getByTestId('cctv-camera-description').textContent()).toContain('assumed: range')

    await page.getByTestId('cctv-default-fixed-rangeM').fill('20')
    await page.getByTestId('cctv-default-save-fixed').click()
    await page.getByTestId('cctv-notice').filter({ hasText: 'Fixed camera defaults saved; 1 camera on assumed values now use them.' }).waitFor({ state: 'visible', timeout: STEP_MS })

    const cameras = await sql(`SELECT id::int, range_m, range_assumed FROM cameras WHERE id = ANY ($1) ORDER BY id`, [[assumed.id, known.id]])
    expect(cameras).toEqual([
      { id: assumed.id, range_m: 20, range_assumed: true },
      { id: known.id, range_m: 100, range_assumed: false },
    ])
    // Its wedge is redrawn at 20 m, and the busy point has left the coverage.
    await page.waitForFunction(([id]) => window.__patrolmapCctv?.idle === true && window.__patrolmapCctv.drawnRanges[id] === 20, [assumed.id], { timeout: STEP_MS })
    const after = await coveredInMonth()
    expect(before.covered - after.covered).toBeGreaterThanOrEqual(busiest.n)
    await waitForText(page, 'cctv-coverage-overall', overallText(after))
    const [audit] = await sql(`SELECT before, after FROM audit_log WHERE action = 'cctv.defaults' ORDER BY id DESC LIMIT 1`)
    expect(audit).toMatchObject({ before: { rangeM: defaultRange }, after: { rangeM: 20 } })

    // For one category (the issue's "for a category and period"): the figure is that category's, as SQL counts it.
    await page.getByTestId('cctv-category').selectOption('Anti-social behaviour')
    const asb = await coveredInMonth('Anti-social behaviour')
    expect(asb.all).toBeLessThan(after.all)
    await waitForText(page, 'cctv-coverage-overall', overallText(asb))
  })

  it('imports a register: a bad file is refused with each bad row by number and nothing stored; the Trafford file adds 163 cameras once; footprints load', async () => {
    const bad = path.join(scratch, 'bad-register.csv')
    fs.writeFileSync(bad, 'camera_id,location,area_name,area_code,lon,lat\nB1,Good Street,X,E0,-1.31,54.56\nB2,No latitude,X,E0,-1.31,\nB3,Bad longitude,X,E0,abc,54.56\n')
    const { page } = await e2e.signedInWindow('analyst@test.local', DESKTOP)
    await openCctv(page, null)
    await page.getByTestId('cctv-import-owner').fill('Badfile Council')
    await page.getByTestId('cctv-import-register-file').setInputFiles(bad)
    await page.getByTestId('cctv-import-register-submit').click()
    const outcome = page.getByTestId('cctv-import-register-outcome')
    await outcome.waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await outcome.getAttribute('data-status')).toBe('rejected')
    expect(await page.getByTestId('cctv-import-register-outcome-message').textContent()).toMatch(/^Refused: nothing from this file was stored\./)
    const errors = await page.getByTestId('cctv-import-register-outcome-error').allTextContents()
    expect(errors).toHaveLength(2)
    expect(errors[0]).toMatch(/^3.*latitude is empty/)
    expect(errors[1]).toMatch(/^4.*'abc' is not a number/)
    expect(await sql(`SELECT 1 FROM cameras WHERE owner = 'Badfile Council'`)).toHaveLength(0)

    // The real Trafford register, as shipped.
    await page.getByTestId('cctv-import-owner').fill('Trafford Council')
    await page.getByTestId('cctv-import-register-file').setInputFiles(geodata('cctv/trafford_cctv_cameras.csv'))
    await page.getByTestId('cctv-import-register-submit').click()
    await page.locator('[data-testid="cctv-import-register-outcome"][data-status="committed"]').waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await page.getByTestId('cctv-import-register-outcome-figures').textContent()).toBe('163 rows read: 163 added, 0 already held (left as they were), 0 rejected.')
    expect(await page.getByTestId('cctv-import-register-outcome').textContent()).toContain('type for 163')
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM cameras WHERE owner = 'Trafford Council'`)
    expect(n).toBe(163)
    await page.getByTestId('cctv-notice').filter({ hasText: 'trafford_cctv_cameras.csv' }).waitFor({ state: 'visible', timeout: STEP_MS })
    // Again: nothing added twice.
    await page.getByTestId('cctv-import-register-file').setInputFiles(geodata('cctv/trafford_cctv_cameras.csv'))
    await page.getByTestId('cctv-import-register-submit').click()
    await waitForText(page, 'cctv-import-register-outcome-figures', '163 rows read: 0 added, 163 already held')
    expect((await sql(`SELECT count(*)::int AS n FROM cameras WHERE owner = 'Trafford Council'`))[0].n).toBe(163)

    // Building footprints: one square in Trafford (no Cleveland view changes), then a file with a bad second feature.
    const square = { type: 'Polygon', coordinates: [[[-2.2850, 53.4650], [-2.2845, 53.4650], [-2.2845, 53.4653], [-2.2850, 53.4653], [-2.2850, 53.4650]]] }
    const good = path.join(scratch, 'buildings.geojson')
    fs.writeFileSync(good, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: square }] }))
    await page.getByTestId('cctv-import-buildings-file').setInputFiles(good)
    await page.getByTestId('cctv-import-buildings-submit').click()
    await waitForText(page, 'cctv-import-buildings-outcome-figures', '1 feature read; 1 footprint now held; 0 rejected.')
    expect((await sql(`SELECT count(*)::int AS n FROM camera_buildings`))[0].n).toBe(1)
    await waitForText(page, 'cctv-buildings-count', '1 building footprints loaded')
    const open = { type: 'Polygon', coordinates: [[[-2.28, 53.46], [-2.27, 53.47], [-2.27, 53.46], [-2.28, 53.48]]] }
    const broken = path.join(scratch, 'broken-buildings.geojson')
    fs.writeFileSync(broken, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: square }, { type: 'Feature', properties: {}, geometry: open }] }))
    await page.getByTestId('cctv-import-buildings-file').setInputFiles(broken)
    await page.getByTestId('cctv-import-buildings-submit').click()
    await page.locator('[data-testid="cctv-import-buildings-outcome"][data-status="rejected"]').waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await page.getByTestId('cctv-import-buildings-outcome-error').allTextContents()).toEqual([expect.stringMatching(/^2/)])
    expect((await sql(`SELECT count(*)::int AS n FROM camera_buildings`))[0].n).toBe(1)
  })

  it('records and corrects a camera\u2019s month of activity, imports more as CSV, and says each ward\u2019s totals in words', async () => {
    const busiest = await busiestPoint(30, 1)
    const camera = await addCamera({ bearingDeg: 90, position: { lon: busiest.site_lon, lat: busiest.site_lat } })
    const { page } = await e2e.signedInWindow('analyst@test.local', DESKTOP)
    await openCctv(page, null)
    await selectCamera(page, camera.reference)
    await page.getByTestId('cctv-camera-activity').locator('summary').click()
    await page.getByTestId('cctv-activity-month').fill(MONTH)
    await page.getByTestId('cctv-activity-incidentsSpotted').fill('9')
    await page.getByTestId('cctv-activity-assistedArrests').fill('2')
    await page.getByTestId('cctv-activity-footageRequests').fill('4')
    await page.getByTestId('cctv-activity-save').click()
    await page.getByTestId('cctv-notice').filter({ hasText: `Activity for ${MONTH} saved.` }).waitFor({ state: 'visible', timeout: STEP_MS })

    // Corrected: the month's figures fill the form again; one changed.
    await page.getByTestId('cctv-activity-months').waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await page.getByTestId('cctv-activity-assistedArrests').inputValue()).toBe('2')
    expect(await page.getByTestId('cctv-activity-save').textContent()).toBe('Correct the month')
    await page.getByTestId('cctv-activity-assistedArrests').fill('3')
    await page.getByTestId('cctv-activity-save').click()
    await expect.poll(async () => (await sql(`SELECT assisted_arrests FROM camera_activity WHERE camera_id = $1`, [camera.id]))[0]?.assisted_arrests, { timeout: STEP_MS }).toBe(3)
    const audit = await sql(`SELECT before, after FROM audit_log WHERE action = 'camera.activity' AND target = $1 ORDER BY id`, [`camera:${camera.id}`])
    expect(audit).toEqual([
      { before: null, after: { incidentsSpotted: 9, assistedArrests: 2, footageRequests: 4 } },
      { before: { incidentsSpotted: 9, assistedArrests: 2, footageRequests: 4 }, after: { incidentsSpotted: 9, assistedArrests: 3, footageRequests: 4 } },
    ])

    // Another month, from a CSV.
    const csv = path.join(scratch, 'activity.csv')
    fs.writeFileSync(csv, `reference,owner,month,incidents_spotted,assisted_arrests,footage_requests\n${camera.reference},Stockton Council,2024-02,5,1,2\n`)
    await page.getByTestId('cctv-import-activity-file').setInputFiles(csv)
    await page.getByTestId('cctv-import-activity-submit').click()
    await waitForText(page, 'cctv-import-activity-outcome-figures', '1 row read: 1 added, 0 already held (left as they were), 0 rejected.')

    // The ward's totals, in words, as plain SQL adds them up.
    const [sums] = await sql(
      `SELECT count(DISTINCT a.camera_id)::int AS cameras, count(*)::int AS returns, sum(a.incidents_spotted)::int AS spotted, sum(a.assisted_arrests)::int AS arrests, sum(a.footage_requests)::int AS footage
         FROM camera_activity a JOIN cameras c ON c.id = a.camera_id WHERE c.ward_code = $1`,
      [WARD],
    )
    expect(sums).toEqual({ cameras: 1, returns: 2, spotted: 14, arrests: 4, footage: 6 })
    await waitForText(page, 'cctv-activity-words', 'In Stockton Town Centre, 1 camera spotted 14 incidents, helped with 4 arrests and answered 6 footage requests (2 monthly returns, 2024-02 to 2024-03).')
    const cells = await page.locator(`[data-testid="cctv-activity-row"][data-ward="${WARD}"] td`).allTextContents()
    expect(cells).toEqual(['1', '14', '4', '6'])
  })

  it('retires a camera (it leaves the coverage) and redeploys a redeployable to a placement pick (its history shows both places)', async () => {
    const busiest = await busiestPoint(30, 2)
    const retiring = await addCamera({ bearingDeg: 90, fovDeg: 60, rangeM: 50, position: { lon: busiest.site_lon, lat: busiest.site_lat } })
    const from = { lon: busiest.site_lon, lat: busiest.site_lat - 0.003 }
    const mobile = await addCamera({ type: 'redeployable', bearingDeg: 0, deployedFrom: '2024-01-01', location: 'Old depot', position: from })

    const { page } = await e2e.signedInWindow('analyst@test.local', DESKTOP)
    await openCctv(page, MONTH)
    const before = await coveredInMonth()
    await waitForText(page, 'cctv-coverage-overall', overallText(before))
    await selectCamera(page, retiring.reference)
    await page.getByTestId('cctv-camera-panel').locator('summary', { hasText: 'Retire' }).click()
    await page.getByTestId('cctv-retire-reason').fill('Vandalised beyond repair')
    await page.getByTestId('cctv-retire').click()
    await page.getByTestId('cctv-notice').filter({ hasText: `${retiring.reference} retired` }).waitFor({ state: 'visible', timeout: STEP_MS })
    expect((await sql(`SELECT status FROM cameras WHERE id = $1`, [retiring.id]))[0].status).toBe('removed')
    const after = await coveredInMonth()
    expect(before.covered - after.covered).toBeGreaterThanOrEqual(busiest.n)
    await waitForText(page, 'cctv-coverage-overall', overallText(after))
    await expect.poll(() => page.locator(`[data-testid="cctv-camera-row"][data-camera-id="${retiring.id}"] [data-testid="cctv-camera-row-sees"]`).textContent(), { timeout: STEP_MS }).toBe('not working')

    // Placement of one redeployable over the hot cells out of view, and the mobile camera sent to the pick.
    await page.getByTestId('cctv-placement-count').fill('1')
    await page.getByTestId('cctv-placement-run').click()
    await page.getByTestId('cctv-placement-result').waitFor({ state: 'visible', timeout: STEP_MS })
    await page.getByTestId('cctv-pick-camera').selectOption(String(mobile.id))
    await page.getByTestId('cctv-pick-redeploy').click()
    await page.getByTestId('cctv-notice').filter({ hasText: `${mobile.reference} redeployed to placement pick 1.` }).waitFor({ state: 'visible', timeout: STEP_MS })
    const positions = await sql(
      `SELECT ST_X(p.geom) AS lon, ST_Y(p.geom) AS lat, to_char(p.from_date, 'YYYY-MM-DD') AS from_date, to_char(p.until_date, 'YYYY-MM-DD') AS until_date, p.reason
         FROM camera_positions p WHERE p.camera_id = $1 ORDER BY p.from_date`,
      [mobile.id],
    )
    expect(positions).toHaveLength(2)
    expect(positions[0]).toMatchObject({ lon: from.lon, lat: from.lat, from_date: '2024-01-01', until_date: expect.any(String) })
    expect(positions[1]).toMatchObject({ until_date: null, reason: 'Placement pick 1' })
    const [now] = await sql(`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, status FROM cameras WHERE id = $1`, [mobile.id])
    expect(now).toMatchObject({ lon: positions[1].lon, lat: positions[1].lat, status: 'working' })

    // Its panel lists where it stood and where it stands now.
    await selectCamera(page, mobile.reference)
    const history = page.getByTestId('cctv-camera-panel').locator('details', { hasText: 'Where it has stood (2)' })
    await history.waitFor({ state: 'visible', timeout: STEP_MS })
    await history.locator('summary').click()
    const lines = await history.locator('li').allTextContents()
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(new RegExp(`^2024-01-01 to ${positions[0].until_date}: Old depot`))
    expect(lines[1]).toMatch(new RegExp(`^${positions[1].from_date} to now: .*\\(Placement pick 1\\)$`))
    expect(lines[1]).toContain('hot cell')
  })
})
