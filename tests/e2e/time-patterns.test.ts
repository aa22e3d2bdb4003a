// Time patterns in Chromium: the illustrative Stockton log (the demo's timed source) as a weekday × hour grid whose
// cells are plain SQL's counts, labelled illustrative, with the window's share, a legend, a weekly trend, a CSV, and
// the view in the address bar; on a phone the page does not scroll sideways (only the grid does).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { illustrativeAsbLogFile } from '../../server/src/demo-data.js'
import { importMappedFile } from '../../server/src/features/import/mapped/import-mapped.js'
import { findProfile } from '../../server/src/features/import/mapped/profile-store.js'
import { chromiumUnavailableReason } from '../support/browser.js'
import { DESKTOP, PHONE, startE2eApp, type E2eApp } from '../support/e2e-app.js'
import { createTestUser, signIn } from '../support/test-app.js'

const STEP_MS = 20_000
const SOURCE = 'Stockton ASB log (illustrative)'

const skipReason = chromiumUnavailableReason()
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

describe.skipIf(skipReason !== null)(`time patterns in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let e2e: E2eApp

  beforeAll(async () => {
    e2e = await startE2eApp({ months: ['2025-11'] })
    await createTestUser(e2e.testApp.pool, { email: 'analyst@test.local', name: 'Ann Alyst', role: 'analyst' })
    const summary = await importMappedFile(e2e.testApp.pool, illustrativeAsbLogFile, (await findProfile(e2e.testApp.pool, 'stockton-illustrative-asb'))!)
    expect(summary.status, summary.message).toBe('committed')
  }, 180_000)

  afterEach(() => {
    expect(e2e.takeProblems(), 'page errors and unexpected console errors').toEqual([])
  })

  afterAll(async () => {
    await e2e?.close()
  })

  it('shows the log\u2019s weekday \u00d7 hour grid as plain SQL counts it, its window share, legend and weekly trend, and keeps the view in the address', async () => {
    const { page } = await e2e.signedInWindow('analyst@test.local', DESKTOP)
    await page.goto(`${e2e.origin}/time-patterns`)
    await page.getByTestId('patterns-source').selectOption(SOURCE)
    await page.getByTestId('patterns-window-from').selectOption('22')
    await page.getByTestId('patterns-window-to').selectOption('6')
    await page.waitForURL(/wf=22&wt=6/, { timeout: STEP_MS })
    const grid = page.getByTestId('patterns-grid')
    await expect.poll(() => page.getByTestId('patterns-window').textContent(), { timeout: STEP_MS }).toMatch(/between 22:00 and 06:00/)
    await expect(page.getByTestId('patterns-illustrative').textContent()).resolves.toMatch(/illustrative: made up/)

    const { rows } = await e2e.testApp.pool.query<{ d: number; h: number; n: number }>(
      `SELECT to_char(period_start AT TIME ZONE 'Europe/London', 'ID')::int - 1 AS d, to_char(period_start AT TIME ZONE 'Europe/London', 'HH24')::int AS h, count(*)::int AS n
         FROM incidents WHERE source = $1 AND period_precision = 'minute' GROUP BY 1, 2`,
      [SOURCE],
    )
    const expected = Array.from({ length: 7 }, () => new Array<string>(24).fill(''))
    for (const row of rows) expected[row.d][row.h] = row.n.toLocaleString('en-GB')
    const shown = await grid.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td.grid-cell')].map((td) => td.textContent ?? '')))
    expect(shown).toEqual(expected)
    const total = rows.reduce((sum, row) => sum + row.n, 0)
    const night = rows.filter((row) => row.h >= 22 || row.h < 6).reduce((sum, row) => sum + row.n, 0)
    const percent = ((100 * night) / total).toLocaleString('en-GB', { maximumFractionDigits: 1 })
    expect(await page.getByTestId('patterns-window').textContent()).toContain(`${night.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} incidents with a time of day (${percent}%)`)
    expect(await page.getByTestId('patterns-legend').locator('li').count()).toBeGreaterThan(3)
    await page.getByTestId('patterns-weekly').locator('svg path.recharts-line-curve').waitFor({ state: 'attached', timeout: STEP_MS })

    // Repeat locations of the log (its addresses as written), as the API lists them, with the personal-data note.
    const analyst = await signIn(e2e.testApp.app, 'analyst@test.local')
    const repeats = (await e2e.testApp.app.inject({ url: `/api/repeat-locations?months=12&minIncidents=3&limit=100&source=${encodeURIComponent(SOURCE)}`, headers: analyst.headers })).json()
    expect(repeats.items.length).toBeGreaterThan(5)
    await expect.poll(() => page.getByTestId('repeat-row').count(), { timeout: STEP_MS }).toBe(repeats.items.length)
    expect(await page.getByTestId('repeat-row').first().locator('td').first().textContent()).toBe(String(repeats.items[0].incidents))
    expect(await page.getByTestId('repeat-personal-data').textContent()).toMatch(/^Personal data/)

    // The address holds the view: opened afresh, the page shows the same window and source.
    const again = (await e2e.signedInWindow('analyst@test.local', DESKTOP)).page
    await again.goto(page.url())
    await expect.poll(() => again.getByTestId('patterns-window').textContent(), { timeout: STEP_MS }).toContain(`${night.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`)

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('patterns-csv').click()])
    const csv = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8')
    expect(csv).toContain(`total,`)
    expect(csv.trim().split('\r\n').at(-2)?.split(',').at(-1)).toBe(String(total))
  })

  it('suggests a new task\u2019s key times from the log: the busiest hours holding the share, painted on the grid', async () => {
    const [{ ward }] = (await e2e.testApp.pool.query(
      `SELECT l.ward_code AS ward FROM incidents i JOIN locations l ON l.id = i.location_id WHERE i.source = $1 AND l.ward_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      [SOURCE],
    )).rows
    const { page } = await e2e.signedInWindow('analyst@test.local', DESKTOP)
    await page.goto(`${e2e.origin}/tasks?new=ward`)
    const wardPicker = page.getByTestId('task-ward-input')
    await expect.poll(() => wardPicker.isEnabled(), { timeout: STEP_MS }).toBe(true)
    await wardPicker.selectOption(ward)
    await page.getByTestId('suggest-share').selectOption('0.5')
    await page.getByTestId('suggest-key-times-button').click()
    const words = page.getByTestId('suggest-key-times-words')
    await words.waitFor({ state: 'visible', timeout: STEP_MS })

    // The grid painted is the API's answer, whose hours hold at least half the ward's timed incidents.
    const analyst = await signIn(e2e.testApp.app, 'analyst@test.local')
    const expected = (await e2e.testApp.app.inject({ method: 'POST', url: '/api/time-patterns/key-times', headers: analyst.headers, payload: { area: { source: 'ward', ward }, share: 0.5, categories: [], months: 12 } })).json()
    expect(expected.incidents).toBeGreaterThan(20)
    expect(expected.covered / expected.incidents).toBeGreaterThanOrEqual(0.5)
    const painted = await page.getByTestId('key-times-grid').locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('button')].map((button) => button.getAttribute('aria-pressed') === 'true')))
    expect(painted).toEqual(expected.keyTimes)
    expect(await words.textContent()).toContain(`the ${expected.hours} busiest hours of the week, holding ${expected.covered} of the area's ${expected.incidents} incidents with a time of day`)
  })

  it('finds emerging hot spots week by week on the log, says which weeks and what it left out, and keeps the choice in the address', async () => {
    const { page, context } = await e2e.signedInWindow('analyst@test.local', DESKTOP)
    const query = `mode=hotspots&layer=emerging&hres=9&lad=E06000004&categories=${encodeURIComponent('Anti-social behaviour')}&from=2025-01&to=2025-03`
    await page.goto(`${e2e.origin}/?${query}`)
    const hotspotsUrl = () => page.evaluate(() => window.__patrolmap)
    await expect.poll(async () => (await hotspotsUrl())?.hotspotsLoaded && (await hotspotsUrl())?.lastHotspotsUrl, { timeout: STEP_MS }).toMatch(/^\/api\/hotspots\/emerging/)
    await page.getByTestId('emerging-slices').selectOption('week')
    await expect.poll(async () => (await hotspotsUrl())?.hotspotsLoaded && (await hotspotsUrl())?.lastHotspotsUrl, { timeout: STEP_MS }).toMatch(/slices=week/)
    await expect.poll(() => new URL(page.url()).searchParams.get('slices'), { timeout: 5000 }).toBe('week')
    const answer = await (await context.request.get(`${e2e.origin}${(await hotspotsUrl())!.lastHotspotsUrl}`)).json()
    // 1 January 2025 was a Wednesday and 31 March a Monday: the twelve whole weeks from Monday 6 January.
    expect([answer.months, answer.weeks.first, answer.weeks.last]).toEqual([12, '2025-01-06', '2025-03-24'])
    const hint = await page.getByTestId('emerging-slices-hint').textContent()
    expect(hint).toContain('Whole weeks (Monday to Sunday) from Mon 6 Jan 2025 to the week of Mon 24 Mar 2025')
    expect(hint).toContain(answer.weeks.leftOut === 0 ? '' : `${answer.weeks.leftOut.toLocaleString('en-GB')} incident`)
    expect(await page.getByTestId('hotspot-legend').textContent()).toContain('Pattern of weekly Gi* of incidents over 12 weeks')
    const none = await page.getByTestId('legend-emerging').locator('li[data-class="none"]').textContent()
    expect(none).toContain(`${answer.categoryCounts.none.toLocaleString('en-GB')} cells`)
  })

  it('plays the map week by week on the log’s whole weeks, each week’s hexagons as the API counts them, the week in the address', async () => {
    const { page, context } = await e2e.signedInWindow('analyst@test.local', DESKTOP)
    await page.goto(`${e2e.origin}/?categories=${encodeURIComponent('Anti-social behaviour')}&res=8&from=2025-01&to=2025-02`)
    await page.waitForFunction(() => window.__patrolmap?.hexesLoaded === true, undefined, { timeout: STEP_MS })
    await page.getByTestId('playback-open-weeks').click()
    const frame = () => new URL(page.url()).searchParams.get('frame')
    // 1 January 2025 was a Wednesday: the whole weeks from Monday 6 January to the week of Monday 17 February.
    await expect.poll(frame, { timeout: STEP_MS }).toBe('2025-01-06')
    const play = page.getByTestId('playback-play')
    await expect.poll(() => play.isEnabled(), { timeout: STEP_MS }).toBe(true)
    expect(await page.getByTestId('playback-month').textContent()).toMatch(/week of Mon 6 Jan 2025\s*\(1 of 7\)/)
    expect(await page.getByTestId('legend-playback').textContent()).toContain('One whole week (Monday to Sunday) at a time')
    await page.getByTestId('playback-slider').fill('3')
    await expect.poll(frame, { timeout: STEP_MS }).toBe('2025-01-27')
    await page.waitForFunction(() => window.__patrolmap?.hexesLoaded === true && window.__patrolmap.lastHexesUrl.includes('week=2025-01-27'), undefined, { timeout: STEP_MS })
    const week = await (await context.request.get(`${e2e.origin}/api/hexes?res=8&categories=${encodeURIComponent('Anti-social behaviour')}&week=2025-01-27`)).json()
    expect(week.length).toBeGreaterThan(0)
    expect(await page.evaluate(() => window.__patrolmap?.cellCount)).toBe(week.length)
    await page.getByTestId('playback-close').click()
    expect(frame()).toBeNull()
  })

  it('fits a phone: the page does not scroll sideways, the grid scrolls in its own box', async () => {
    const { page } = await e2e.signedInWindow('analyst@test.local', PHONE)
    await page.goto(`${e2e.origin}/time-patterns?source=${encodeURIComponent(SOURCE)}`)
    await page.getByTestId('patterns-grid').waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
  })
})
