import fs from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/src/config.js'
import { chromiumUnavailableReason, launchChromium, openWatchedWindow, type WatchedWindow, E2E_CLIENT_MISSING, e2eClientDir } from '../support/browser.js'
import { boundaryFiles, createTestUser, policeUkFile, signIn, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js'

const MONTHS = ['2024-01', '2024-02', '2024-03']
const VIEWPORT = { width: 1280, height: 800 }
/** Software WebGL on two cores: the map's first draw takes seconds. Pages without the map are quick. */
const MAP_MS = 30_000
const PAGE_MS = 15_000
const artifactsDir = path.join(projectRoot, 'tests/.artifacts')

/** Requests a councillor's browser must never make: incident-level data, the map's own endpoints, the hotspot analysis and its harm weights. */
const STAFF_ONLY = /^\/api\/(summary|hexes|wards|incidents|hotspots|harm-weights)\b/

/**
 * The browser logs every 4xx answer to fetch as a console error. The tests cause some on purpose (the session check
 * before sign-in, a wrong password, an ended session); anything else in the console, a CSP violation above all, fails.
 */
const EXPECTED_CONSOLE = /^Failed to load resource: the server responded with a status of 4\d\d/

const skipReason = chromiumUnavailableReason()
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

describe.skipIf(skipReason !== null)(`sign-in and roles in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let testApp: TestApp
  let browser: Browser
  let origin = ''
  let councillorWards: { code: string; name: string }[] = []
  const problems: string[] = []
  const windows: WatchedWindow[] = []

  beforeAll(async () => {
    if (!fs.existsSync(path.join(e2eClientDir, 'index.html'))) {
      throw new Error(E2E_CLIENT_MISSING)
    }
    fs.mkdirSync(artifactsDir, { recursive: true })
    testApp = await startTestApp({ clientDir: e2eClientDir, data: [...boundaryFiles, ...MONTHS.map(policeUkFile)] })
    await testApp.app.listen({ port: 0, host: '127.0.0.1' })
    origin = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`

    // Two busy wards, so their totals are shown as numbers rather than "<3".
    councillorWards = (
      await testApp.pool.query<{ code: string; name: string }>(
        `SELECT w.code, w.name FROM wards w JOIN locations l ON l.ward_code = w.code JOIN incidents i ON i.location_id = l.id
          GROUP BY w.code, w.name ORDER BY count(*) DESC, w.code LIMIT 2`,
      )
    ).rows
    expect(councillorWards).toHaveLength(2)
    for (const role of ['admin', 'analyst', 'inspector'] as const) {
      await createTestUser(testApp.pool, { email: `${role}@test.local`, name: `Test ${role}`, role })
    }
    await createTestUser(testApp.pool, {
      email: 'councillor@test.local',
      name: 'Cllr Test',
      role: 'councillor',
      wards: councillorWards.map((ward) => ward.code),
    })
    await createTestUser(testApp.pool, { email: 'nowards@test.local', name: 'Cllr Nowards', role: 'councillor' })

    const launched = await launchChromium()
    if (!launched) throw new Error('Chromium disappeared between collection and launch')
    browser = launched
  })

  afterEach(async () => {
    for (const window of windows.splice(0)) await window.context.close()
    expect(problems.splice(0), 'page errors or unexpected console errors').toEqual([])
  })

  afterAll(async () => {
    await browser?.close()
    await testApp?.close()
  })

  /** A fresh browser profile: no cookies, so no session. */
  async function openWindow(): Promise<WatchedWindow> {
    const window = await openWatchedWindow(browser, { viewport: VIEWPORT, problems, expectedConsole: EXPECTED_CONSOLE })
    windows.push(window)
    return window
  }

  async function signInThroughForm(page: Page, email: string, password: string = TEST_PASSWORD): Promise<void> {
    await page.getByTestId('login-form').waitFor({ state: 'visible', timeout: PAGE_MS })
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(password)
    await page.getByTestId('login-submit').click()
  }

  /** The test ids of the main navigation's entries, in order. */
  const navigation = (page: Page) =>
    page.$$eval('nav[aria-label="Main"] a', (links) => links.map((link) => link.getAttribute('data-testid')))

  const pathOf = (page: Page) => new URL(page.url()).pathname

  async function signOut(page: Page): Promise<void> {
    await page.getByTestId('user-menu').click()
    await page.getByTestId('sign-out').click()
    await page.getByTestId('login-form').waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await page.getByTestId('login-notice').textContent()).toBe('You have signed out.')
    const session = await page.context().request.get(`${origin}/api/auth/session`)
    expect(session.status()).toBe(401)
  }

  const grouped = (count: number) => String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

  /**
   * A window signed in through the API, as a stored session cookie would be: the form itself is tested where it is
   * the subject (the admin's sign-in below, a wrong password, a first sign-in, a password change).
   */
  async function openSignedInWindow(email: string): Promise<WatchedWindow> {
    const window = await openWindow()
    const login = await window.context.request.post(`${origin}/api/auth/login`, { data: { email, password: TEST_PASSWORD } })
    expect(login.status(), `${email} signs in`).toBe(200)
    return window
  }

  /** Analysts' and inspectors' top-bar entries; admins' add Admin. Weekly reports, time patterns, imports and harm weights are tabs under them. */
  const STAFF_NAVIGATION = ['nav-map', 'nav-reports', 'nav-resident-reports', 'nav-tasks', 'nav-pops', 'nav-meetings', 'nav-evaluation', 'nav-cctv', 'nav-data']

  /** What every staff role sees on the ward reports and the harm weights page (the page is open on the reports). */
  async function expectStaffPages(page: Page, role: string): Promise<void> {
    // Every role has the ward reports, with every ward and nothing suppressed.
    await page.getByTestId('ward-report').first().waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(pathOf(page)).toBe('/reports')
    const { rows } = await testApp.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM wards')
    expect(await page.getByTestId('ward-report').count()).toBe(rows[0].n)
    expect(await page.getByTestId('suppression-note').count()).toBe(0)

    // Every staff role reads the harm weights (a tab under Data); only admins and analysts may change them.
    await page.getByTestId('nav-data').click()
    await page.getByTestId('nav-harm-weights').click()
    await page.getByTestId('harm-weights-table').waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(pathOf(page)).toBe('/harm-weights')
    expect(await page.getByTestId('nav-harm-weights').textContent()).toBe('Harm weights')
    expect(await page.getByTestId('harm-weight-row').count()).toBe(14)
    expect(await page.getByTestId('harm-weights-save').count()).toBe(role === 'inspector' ? 0 : 1)
  }

  it('admin: signs in through the form, lands on the map, sees every entry with Admin, and signs out', async () => {
    const { page, apiRequests } = await openWindow()
    await page.goto(origin)
    await signInThroughForm(page, 'admin@test.local')
    await page.getByTestId('map').waitFor({ state: 'visible', timeout: MAP_MS })
    expect(pathOf(page)).toBe('/')
    expect(await navigation(page)).toEqual([...STAFF_NAVIGATION, 'nav-admin'])
    expect(await page.getByTestId('nav-map').getAttribute('aria-current')).toBe('page')
    expect(await page.getByTestId('user-menu').textContent()).toContain('Test admin')
    await expect.poll(() => apiRequests.some((url) => url.startsWith('/api/hexes')), { timeout: MAP_MS }).toBe(true)

    await page.getByTestId('nav-reports').click()
    await expectStaffPages(page, 'admin')

    // Admin pages by address.
    await page.goto(`${origin}/admin/audit`)
    await page.getByTestId('audit-row').first().waitFor({ state: 'visible', timeout: PAGE_MS })
    const actions = await page.$$eval('[data-testid="audit-row"]', (trs) => trs.map((tr) => tr.getAttribute('data-action')))
    expect(actions[0]).toBe('auth.login')
    await page.getByTestId('nav-admin-users').click()
    await page.getByTestId('users-table').waitFor({ state: 'visible', timeout: PAGE_MS })
    const emails = await page.$$eval('[data-testid="user-row"]', (trs) => trs.map((tr) => tr.getAttribute('data-email')))
    expect(emails).toEqual(expect.arrayContaining(['admin@test.local', 'councillor@test.local', 'analyst@test.local']))
    expect(pathOf(page)).toBe('/admin/users')
    await page.screenshot({ path: path.join(artifactsDir, 'roles-admin.png') })
    await signOut(page)
  })

  // The map is the slow page under software WebGL, so these open on the reports and meet the map once: where an admin
  // page's address sends them, which is their start page (the landing page after sign-in is the same landingPage(),
  // client/src/app/routes.ts, checked for every role in routes.test.ts and through the form for the admin above).
  it.each(['analyst', 'inspector'] as const)('%s: sees the staff entries without Admin, reads the pages, and an admin address sends them to the map', async (role) => {
    const { page, apiRequests } = await openSignedInWindow(`${role}@test.local`)
    await page.goto(`${origin}/reports`)
    await page.getByTestId('ward-report').first().waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await navigation(page)).toEqual(STAFF_NAVIGATION)
    expect(await page.getByTestId('nav-reports').getAttribute('aria-current')).toBe('page')
    expect(await page.getByTestId('user-menu').textContent()).toContain(`Test ${role}`)
    await expectStaffPages(page, role)

    // Admin pages by address: they are sent to their start page, the map, and nothing of the admin's is asked for.
    await page.goto(`${origin}/admin/audit`)
    await page.getByTestId('map').waitFor({ state: 'visible', timeout: MAP_MS })
    expect(pathOf(page)).toBe('/')
    expect(await page.getByTestId('nav-map').getAttribute('aria-current')).toBe('page')
    await expect.poll(() => apiRequests.some((url) => url.startsWith('/api/hexes')), { timeout: MAP_MS }).toBe(true)
    expect(apiRequests.filter((url) => url.startsWith('/api/audit') || url.startsWith('/api/users'))).toEqual([])
    await page.screenshot({ path: path.join(artifactsDir, `roles-${role}.png`) })
    await signOut(page)
  })

  it('councillor: lands on ward reports for their own wards only, never sees the map or asks for its data', async () => {
    const { page, apiRequests } = await openWindow()
    // A map link someone shared, in Hotspots mode: a councillor must get neither the map nor the analysis from it.
    await page.goto(`${origin}/?lat=54.6&lon=-1.2&zoom=11&categories=Burglary&mode=hotspots&layer=gistar&hres=9`)
    await signInThroughForm(page, 'councillor@test.local')
    await page.getByTestId('ward-report').first().waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(pathOf(page)).toBe('/reports')
    expect(await navigation(page)).toEqual(['nav-reports', 'nav-cctv'])
    expect(await page.getByText('Harm weights').count()).toBe(0)
    expect(await page.getByTestId('map').count()).toBe(0)

    const shown = await page.$$eval('[data-testid="ward-report"]', (sections) => sections.map((section) => section.getAttribute('data-ward')))
    expect([...shown].sort()).toEqual(councillorWards.map((ward) => ward.code).sort())
    expect(await page.getByTestId('suppression-note').isVisible()).toBe(true)
    expect(await page.getByTestId('suppression-note').textContent()).toContain('fewer than 3')
    // Styles several features share load with the page, not with the map's code, which a councillor never loads: the
    // ward's council and code read as a hint, the month picker's label sits above its select.
    const hint = await page.locator('.ward-report-header .hint').first().evaluate((element) => {
      const style = getComputedStyle(element)
      return { fontSize: style.fontSize, color: style.color }
    })
    expect(hint).toEqual({ fontSize: '12px', color: 'rgb(75, 85, 99)' })
    expect(await page.locator('.month-row label').first().evaluate((element) => getComputedStyle(element).flexDirection)).toBe('column')

    // One month, the latest, by default: each total is the ward's count for it in SQL, or, beside a small count, at
    // least the shown counts' sum and never more than the truth.
    expect(await page.getByTestId('report-period').textContent()).toContain('Mar 2024')
    expect(await page.getByTestId('report-from').count()).toBe(0)
    for (const ward of councillorWards) {
      const { rows } = await testApp.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id
          WHERE l.ward_code = $1
            AND i.period_start >= timestamptz '2024-03-01 00:00 Europe/London'
            AND i.period_start <  timestamptz '2024-04-01 00:00 Europe/London'`,
        [ward.code],
      )
      expect(rows[0].n).toBeGreaterThanOrEqual(3)
      const section = page.locator(`[data-testid="ward-report"][data-ward="${ward.code}"]`)
      expect(await section.getByRole('heading', { level: 2 }).textContent()).toBe(ward.name)
      const total = (await section.getByTestId('ward-total').textContent())!
      const shownSum = (await section.locator('table:not(.month-grid) tbody td.numeric:not(.suppressed)').allTextContents())
        .reduce((sum, text) => sum + Number(text.replace(/,/g, '')), 0)
      if (total.startsWith('\u2265')) {
        expect(total).toBe(`\u2265 ${grouped(Math.max(3, shownSum))}`)
        expect(shownSum).toBeLessThanOrEqual(rows[0].n)
      } else expect(total).toBe(grouped(rows[0].n))
      // Every category is listed, zeros included.
      expect(await section.locator('table:not(.month-grid) tbody tr').count()).toBe(14)
    }

    // Export CSV: the shown report, one row per number, totals as shown.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
    expect(download.suggestedFilename()).toBe('ward-report-wards-2024-03-to-2024-03.csv')
    const csv = fs.readFileSync((await download.path())!, 'utf8')
    expect(csv.startsWith('\uFEFFWard code,Ward,Council,From,To,Breakdown,Item,Count\r\n')).toBe(true)
    for (const ward of councillorWards) {
      const total = await page.locator(`[data-testid="ward-report"][data-ward="${ward.code}"] [data-testid="ward-total"]`).textContent()
      const line = csv.split('\r\n').find((row) => row.startsWith(`${ward.code},`) && row.includes(',Total,All incidents,'))
      expect(line?.endsWith(`,${total!.replace(/,/g, '').replace('\u2265 ', '>=')}`), line).toBe(true)
    }
    // Every suppressed count on the page is in the file as it was shown.
    const shownSuppressed = await page.$$eval('td.suppressed', (cells) => cells.length)
    const csvSuppressed = csv.split('\r\n').filter((row) => /,<3$/.test(row) && row.includes(',Category,')).length
    expect(csvSuppressed).toBe(shownSuppressed - (await page.$$eval('.month-grid td.suppressed', (cells) => cells.length)))

    // The ward picker offers their wards and no others.
    const options = await page.$$eval('[data-testid="report-ward"] option', (items) => items.map((item) => (item as HTMLOptionElement).value))
    expect(options.filter(Boolean).sort()).toEqual(councillorWards.map((ward) => ward.code).sort())

    // Choosing another month asks the server again, still only for the ward reports, and for that month alone.
    await page.getByTestId('report-month').selectOption('2024-02')
    await expect.poll(() => page.getByTestId('report-period').textContent(), { timeout: PAGE_MS }).toContain('Feb 2024 ·')

    // Typing the admin, map or harm weights address sends them back to the reports.
    for (const address of ['/', '/admin/users', '/harm-weights']) {
      await page.goto(`${origin}${address}`)
      await page.getByTestId('ward-report').first().waitFor({ state: 'visible', timeout: PAGE_MS })
      expect(pathOf(page)).toBe('/reports')
    }
    await page.screenshot({ path: path.join(artifactsDir, 'roles-councillor.png') })
    await signOut(page)

    expect(apiRequests.filter((url) => STAFF_ONLY.test(url))).toEqual([])
    expect(apiRequests.filter((url) => /^\/api\/(users|audit|config|councils)/.test(url))).toEqual([])
    expect(apiRequests.some((url) => url.startsWith('/api/ward-reports?from=2024-02&to=2024-02'))).toBe(true)
  })

  it('councillor: CCTV coverage for their own wards only, read-only, each figure as SQL counts it, no map and no cameras', async () => {
    // A camera seeing all round at the busiest March point of the councillor's first ward, and one in a ward not theirs.
    const analyst = await signIn(testApp.app, 'analyst@test.local')
    const [busiest] = (
      await testApp.pool.query(
        `SELECT l.lon, l.lat FROM incidents i JOIN locations l ON l.id = i.location_id
          WHERE l.ward_code = $1 AND i.period_start >= timestamptz '2024-03-01 00:00 Europe/London' AND i.period_start < timestamptz '2024-04-01 00:00 Europe/London'
          GROUP BY l.id ORDER BY count(*) DESC, l.id LIMIT 1`,
        [councillorWards[0].code],
      )
    ).rows
    const [elsewhere] = (
      await testApp.pool.query(`SELECT l.lon, l.lat FROM locations l WHERE l.ward_code IS NOT NULL AND NOT (l.ward_code = ANY ($1)) ORDER BY l.id LIMIT 1`, [councillorWards.map((ward) => ward.code)])
    ).rows
    for (const [reference, at] of [['ROLES-1', busiest], ['ROLES-2', elsewhere]] as const) {
      const added = await testApp.app.inject({
        method: 'POST',
        url: '/api/cctv/cameras',
        headers: analyst.headers,
        payload: { owner: 'Roles test', reference, name: reference, type: 'ptz', rangeM: 80, position: { lon: at.lon, lat: at.lat } },
      })
      expect(added.statusCode, added.body).toBe(201)
    }

    const { page, apiRequests } = await openSignedInWindow('councillor@test.local')
    await page.goto(`${origin}/reports`)
    await page.getByTestId('nav-cctv').click()
    await page.getByTestId('cctv-councillor-page').waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(pathOf(page)).toBe('/cctv')

    /** Per ward of theirs: incidents of the month at points inside a working camera's stored view, and not. */
    async function coverageInSql(month: string, category: string | null) {
      const { rows } = await testApp.pool.query<{ code: string; covered: number; uncovered: number; cameras: number }>(
        `SELECT w.code,
                count(i.id) FILTER (WHERE EXISTS (SELECT 1 FROM cameras c WHERE c.status = 'working' AND ST_Covers(c.view_geom, l.geom)))::int AS covered,
                count(i.id) FILTER (WHERE NOT EXISTS (SELECT 1 FROM cameras c WHERE c.status = 'working' AND ST_Covers(c.view_geom, l.geom)))::int AS uncovered,
                (SELECT count(*)::int FROM cameras c WHERE c.status = 'working' AND c.ward_code = w.code) AS cameras
           FROM wards w
           LEFT JOIN locations l ON l.ward_code = w.code
           LEFT JOIN incidents i ON i.location_id = l.id
                AND i.period_start >= ($2 || '-01 00:00 Europe/London')::timestamptz
                AND i.period_start < (($2 || '-01')::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/London'
                AND ($3::text IS NULL OR i.category = $3)
          WHERE w.code = ANY ($1) GROUP BY w.code ORDER BY w.code`,
        [councillorWards.map((ward) => ward.code), month, category],
      )
      return rows
    }

    async function expectShown(month: string, category: string | null = null) {
      await expect
        .poll(() => page.getByTestId('cctv-councillor-table').locator('caption').textContent(), { timeout: PAGE_MS })
        .toBe(`CCTV coverage, ${month === '2024-03' ? 'Mar' : 'Feb'} 2024, ${category ?? 'every category'}`)
      const rows = await coverageInSql(month, category)
      const shownWards = await page.$$eval('[data-testid="cctv-councillor-row"]', (items) => items.map((item) => item.getAttribute('data-ward')))
      expect([...shownWards].sort()).toEqual(rows.map((row) => row.code))
      for (const row of rows) {
        const cells = await page.locator(`[data-testid="cctv-councillor-row"][data-ward="${row.code}"] td`).allTextContents()
        expect(cells[0]).toBe(String(row.cameras))
        if (row.covered >= 3 && row.uncovered >= 3) {
          expect(cells.slice(1, 4)).toEqual([grouped(row.covered + row.uncovered), grouped(row.covered), grouped(row.uncovered)])
          const percent = (100 * row.covered) / (row.covered + row.uncovered)
          expect(cells[4]).toBe(`${percent.toLocaleString('en-GB', { maximumFractionDigits: percent < 10 ? 1 : 0 })}%`)
        } else {
          // A small count is protected as in ward reports, and no share is given that would reveal it.
          expect(cells.slice(2, 4)).toContain('<3')
          expect(cells[4]).toBe('not shown')
        }
      }
      return rows
    }

    const march = await expectShown('2024-03')
    expect(march.find((row) => row.code === councillorWards[0].code)!.covered).toBeGreaterThan(0)
    expect(await page.getByTestId('cctv-councillor-words').textContent()).toContain(`In ${councillorWards[0].name} in Mar 2024,`)
    expect(await page.getByTestId('cctv-caveat').textContent()).toContain('police.uk')
    await page.getByTestId('cctv-councillor-month').fill('2024-02')
    await expectShown('2024-02')
    await page.getByTestId('cctv-councillor-category').selectOption('Anti-social behaviour')
    await expectShown('2024-02', 'Anti-social behaviour')

    // Read-only and theirs only: no map, no camera register, no editing, no other ward's figures asked for.
    expect(await page.getByTestId('cctv-map').count()).toBe(0)
    expect(await page.locator('[data-testid^="cctv-import"], [data-testid="cctv-defaults"], [data-testid="cctv-camera-table"]').count()).toBe(0)
    expect(apiRequests.filter((url) => url.startsWith('/api/cctv/') && !url.startsWith('/api/cctv/coverage'))).toEqual([])
    expect(apiRequests.filter((url) => STAFF_ONLY.test(url))).toEqual([])
    expect(apiRequests.some((url) => url === '/api/cctv/coverage?from=2024-02&to=2024-02')).toBe(true)
  })

  it('councillor with no wards: an empty state that says what to do', async () => {
    const { page } = await openSignedInWindow('nowards@test.local')
    await page.goto(`${origin}/reports`)
    await page.getByTestId('no-wards').waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await page.getByTestId('no-wards').textContent()).toBe('No wards are assigned to you yet; ask an administrator.')
    expect(await page.getByTestId('ward-report').count()).toBe(0)
    expect(await page.getByTestId('export-csv').isDisabled()).toBe(true)
  })

  it('a wrong password shows the server message and leaves the form usable', async () => {
    const { page } = await openWindow()
    await page.goto(origin)
    await signInThroughForm(page, 'analyst@test.local', 'not the password at all')
    await page.getByTestId('login-error').waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await page.getByTestId('login-error').textContent()).toBe('Email or password is incorrect.')
    expect(await page.getByTestId('login-submit').isEnabled()).toBe(true)
    // The password is cleared and focused for the next try; the email stays.
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('')
    expect(await page.getByLabel('Email address').inputValue()).toBe('analyst@test.local')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('login-password')
    expect(await page.getByTestId('user-menu').count()).toBe(0)

    // Past the per-account limit (5 by default) the server refuses with 429, and the page says when to try again.
    for (let attempt = 1; attempt <= 6; attempt++) {
      await page.getByLabel('Email address').fill('someone.guessing@test.local')
      await page.getByLabel('Password', { exact: true }).fill(`guess number ${attempt}`)
      await page.getByTestId('login-submit').click()
      await expect.poll(() => page.getByTestId('login-submit').isEnabled(), { timeout: PAGE_MS }).toBe(true)
    }
    await expect
      .poll(() => page.getByTestId('login-error').textContent(), { timeout: PAGE_MS })
      .toMatch(/^Too many failed sign-ins; try again in \d+ minutes?\.$/)
  })

  it('a user the admin creates must choose a new password at first sign-in, end to end', async () => {
    const admin = await openWindow()
    await admin.page.goto(`${origin}/admin/users`)
    await signInThroughForm(admin.page, 'admin@test.local')
    await admin.page.getByTestId('add-user').click()
    const dialog = admin.page.getByTestId('create-user-dialog')
    await dialog.waitFor({ state: 'visible', timeout: PAGE_MS })
    await dialog.getByLabel('Email address').fill('newcomer@test.local')
    await dialog.getByLabel('Name').fill('New Inspector')
    await dialog.getByTestId('user-role-select').selectOption('inspector')
    await dialog.getByLabel('Initial password').fill('initial password 1')
    await dialog.getByTestId('create-user-submit').click()
    await admin.page.getByTestId('users-notice').waitFor({ state: 'visible', timeout: PAGE_MS })
    const row = admin.page.locator('[data-testid="user-row"][data-email="newcomer@test.local"]')
    await row.waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await row.textContent()).toContain('Must change password')

    // The same address again: the server's 409 message is shown in the form.
    await admin.page.getByTestId('add-user').click()
    await dialog.getByLabel('Email address').fill('newcomer@test.local')
    await dialog.getByLabel('Name').fill('Again')
    await dialog.getByLabel('Initial password').fill('initial password 1')
    await dialog.getByTestId('create-user-submit').click()
    await dialog.getByTestId('create-user-error').waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await dialog.getByTestId('create-user-error').textContent()).toContain('already has an account')
    await admin.page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached', timeout: PAGE_MS })
    await signOut(admin.page)

    const newcomer = await openWindow()
    await newcomer.page.goto(`${origin}/reports`)
    await signInThroughForm(newcomer.page, 'newcomer@test.local', 'initial password 1')
    const forced = newcomer.page.getByTestId('forced-password-change')
    await forced.waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await newcomer.page.getByTestId('user-menu').count()).toBe(0)

    // A wrong current password: the server says which field.
    await forced.getByLabel('Current password').fill('not my password')
    await forced.getByLabel('New password', { exact: true }).fill('my own password 22')
    await forced.getByLabel('Confirm new password').fill('my own password 22')
    await forced.getByTestId('password-submit').click()
    await forced.getByTestId('password-error').waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await forced.getByTestId('password-error').textContent()).toBe('Current password is incorrect')

    // Too short is caught before a round trip.
    await forced.getByLabel('Current password').fill('initial password 1')
    await forced.getByLabel('New password', { exact: true }).fill('short')
    await forced.getByLabel('Confirm new password').fill('short')
    await forced.getByTestId('password-submit').click()
    await expect.poll(() => forced.getByTestId('password-error').textContent()).toContain('at least 10 characters')

    await forced.getByLabel('New password', { exact: true }).fill('my own password 22')
    await forced.getByLabel('Confirm new password').fill('my own password 22')
    await forced.getByTestId('password-submit').click()
    // Straight on to the page they asked for.
    await newcomer.page.getByTestId('ward-report').first().waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(pathOf(newcomer.page)).toBe('/reports')
    expect(await navigation(newcomer.page)).toEqual(STAFF_NAVIGATION)
    await signOut(newcomer.page)

    // The new password works, the one-time one no longer does.
    await signInThroughForm(newcomer.page, 'newcomer@test.local', 'initial password 1')
    await newcomer.page.getByTestId('login-error').waitFor({ state: 'visible', timeout: PAGE_MS })
    await signInThroughForm(newcomer.page, 'newcomer@test.local', 'my own password 22')
    await newcomer.page.getByTestId('ward-report').first().waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await newcomer.page.getByTestId('forced-password-change').count()).toBe(0)

    const { rows } = await testApp.pool.query<{ must_change_password: boolean }>(
      `SELECT must_change_password FROM users WHERE email = 'newcomer@test.local'`,
    )
    expect(rows[0].must_change_password).toBe(false)
  })

  it('an ended session returns to the sign-in page, and signing in again restores the map view from the address', async () => {
    const { page, apiRequests } = await openSignedInWindow('analyst@test.local')
    const view = '/?lat=54.6&lon=-1.25&zoom=11&categories=Burglary&res=7'
    await page.goto(`${origin}${view}`)
    await page.getByTestId('map').waitFor({ state: 'visible', timeout: MAP_MS })
    await expect.poll(() => apiRequests.some((url) => url.startsWith('/api/hexes?res=7')), { timeout: MAP_MS }).toBe(true)
    await page.waitForFunction(() => window.__patrolmap?.hexesLoaded === true, undefined, { timeout: MAP_MS })

    // The session ends on the server (expiry, or signed out elsewhere); the next request finds out.
    await testApp.pool.query(`DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = 'analyst@test.local')`)
    await page.getByTestId('filter-res').selectOption('8')
    await page.getByTestId('login-form').waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await page.getByTestId('login-notice').textContent()).toBe('Your session has ended; sign in again.')
    const kept = new URL(page.url())
    expect(kept.pathname).toBe('/')
    expect(kept.searchParams.get('lat')).toBe('54.6')
    expect(kept.searchParams.get('lon')).toBe('-1.25')
    expect(kept.searchParams.get('categories')).toBe('Burglary')

    await signInThroughForm(page, 'analyst@test.local')
    await page.getByTestId('map').waitFor({ state: 'visible', timeout: MAP_MS })
    expect(await page.getByTestId('category-burglary').isChecked()).toBe(true)
    expect(await page.getByTestId('category-anti-social-behaviour').isChecked()).toBe(false)
    const back = new URL(page.url())
    expect(back.searchParams.get('lat')).toBe('54.6')
    expect(back.searchParams.get('zoom')).toBe('11')
    // Let the map finish drawing before the window closes, so no request is cut off mid-way.
    await page.waitForFunction(() => window.__patrolmap?.hexesLoaded === true, undefined, { timeout: MAP_MS })
    await signOut(page)
  })

  it('admin: an edit through the form shows in the audit log as a diff; the log filters and pages with Load more', async () => {
    // Its own councillor to edit: disabling one another test signs in as would make that test depend on the order.
    await createTestUser(testApp.pool, { email: 'edited@test.local', name: 'Cllr Edited', role: 'councillor' })
    // More sign-ins than one page holds.
    for (let index = 0; index < 55; index++) await signIn(testApp.app, 'analyst@test.local')
    const { page } = await openSignedInWindow('admin@test.local')
    await page.goto(`${origin}/admin/users`)
    await page.locator('[data-testid="user-row"][data-email="edited@test.local"] [data-testid="edit-user"]').click()
    const dialog = page.getByTestId('edit-user-dialog')
    await dialog.getByTestId('edit-user-disabled').check()
    await dialog.getByTestId('user-role-select').selectOption('inspector')
    await dialog.getByTestId('edit-user-submit').click()
    await dialog.waitFor({ state: 'detached', timeout: PAGE_MS })
    const row = page.locator('[data-testid="user-row"][data-email="edited@test.local"]')
    await expect.poll(() => row.textContent(), { timeout: PAGE_MS }).toContain('Disabled')
    expect(await row.textContent()).toContain('Inspector')

    await page.getByTestId('nav-admin-audit').click()
    await page.getByTestId('audit-row').first().waitFor({ state: 'visible', timeout: PAGE_MS })
    const first = page.getByTestId('audit-row').first()
    expect(await first.getAttribute('data-action')).toBe('user.update')
    const details = await first.locator('.audit-details').textContent()
    expect(details).toContain('role: councillor → inspector')
    expect(details).toContain('disabled: no → yes')
    // Targets name the user.
    expect(await first.textContent()).toContain('edited@test.local')

    // One page, then the rest.
    const { rows } = await testApp.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')
    expect(rows[0].n).toBeGreaterThan(50)
    expect(await page.getByTestId('audit-row').count()).toBe(50)
    await page.getByTestId('audit-load-more').click()
    await page.getByTestId('audit-end').waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await page.getByTestId('audit-row').count()).toBe(rows[0].n)
    const ids = await page.$$eval('[data-testid="audit-row"] time', (times) => times.map((time) => time.getAttribute('datetime')))
    expect([...ids].sort().reverse()).toEqual(ids)

    // Filters: the analyst's sign-ins only.
    await page.getByTestId('audit-action').selectOption('auth.login')
    await page.getByTestId('audit-actor').fill('analyst@test.local')
    await page.getByTestId('audit-apply').click()
    const analystLogins = (
      await testApp.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.login' AND actor_email = 'analyst@test.local'`)
    ).rows[0].n
    expect(analystLogins).toBeGreaterThan(50)
    await expect.poll(async () => page.$$eval('[data-testid="audit-row"]', (trs) => trs.map((tr) => tr.getAttribute('data-action')).join()), { timeout: PAGE_MS }).toBe(
      Array(50).fill('auth.login').join(),
    )
    await page.getByTestId('audit-load-more').click()
    await page.getByTestId('audit-end').waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await page.getByTestId('audit-row').count()).toBe(analystLogins)
    await page.screenshot({ path: path.join(artifactsDir, 'roles-audit.png') })
  })

  it('the change-password dialog works from the user menu and closes with Escape', async () => {
    // Its own inspector: the shared one keeps the test password for the other tests.
    await createTestUser(testApp.pool, { email: 'changes-password@test.local', name: 'Test changer', role: 'inspector' })
    const { page } = await openSignedInWindow('changes-password@test.local')
    await page.goto(`${origin}/reports`)
    await page.getByTestId('ward-report').first().waitFor({ state: 'visible', timeout: PAGE_MS })

    await page.getByTestId('user-menu').click()
    await page.getByTestId('change-password').click()
    const dialog = page.getByTestId('password-dialog')
    await dialog.waitFor({ state: 'visible', timeout: PAGE_MS })
    // Focus starts in the first field; Escape closes the dialog.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('current-password')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached', timeout: PAGE_MS })

    await page.getByTestId('user-menu').click()
    await page.getByTestId('change-password').click()
    await dialog.getByLabel('Current password').fill(TEST_PASSWORD)
    await dialog.getByLabel('New password', { exact: true }).fill('inspector password 2')
    await dialog.getByLabel('Confirm new password').fill('inspector password 2')
    await dialog.getByTestId('password-submit').click()
    await dialog.getByTestId('password-changed').waitFor({ state: 'visible', timeout: PAGE_MS })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached', timeout: PAGE_MS })
    // Still signed in: the change ends other sessions only.
    expect((await page.context().request.get(`${origin}/api/auth/session`)).status()).toBe(200)
    await signOut(page)
    await signInThroughForm(page, 'changes-password@test.local', 'inspector password 2')
    await page.getByTestId('ward-report').first().waitFor({ state: 'visible', timeout: PAGE_MS })
  })
})
