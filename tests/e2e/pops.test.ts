// The POP register in Chromium: an inspector registers a ward as a POP, adds a dated log entry, moves the review date
// into the past and sees the POP flagged overdue (as plain SQL has it), then exports the register as CSV.
import fs from 'node:fs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chromiumUnavailableReason } from '../support/browser.js'
import { DESKTOP, PHONE, startE2eApp, type E2eApp } from '../support/e2e-app.js'
import { createTestUser } from '../support/test-app.js'

const WARD = 'E05014882' // Stockton Town Centre (WD23)
const STEP_MS = 15_000

const skipReason = chromiumUnavailableReason()
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

describe.skipIf(skipReason !== null)(`the POP register in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let e2e: E2eApp
  let origin = ''
  const sql = async (text: string, values: unknown[] = []) => (await e2e.testApp.pool.query(text, values)).rows
  const signedInWindow = (viewport: { width: number; height: number }) => e2e.signedInWindow('inspector@test.local', viewport)

  beforeAll(async () => {
    e2e = await startE2eApp({ months: [] })
    origin = e2e.origin
    await createTestUser(e2e.testApp.pool, { email: 'inspector@test.local', name: 'Insp Owner', role: 'inspector' })
  })

  afterEach(() => {
    expect(e2e.takeProblems(), 'page errors and unexpected console errors').toEqual([])
  })

  afterAll(async () => {
    await e2e?.close()
  })

  it('registers a ward as a POP, logs a decision, shows it overdue once its review date has passed, and exports the register', async () => {
    const { page } = await signedInWindow(DESKTOP)
    // From another page by the main navigation: the ward reports, not the map, whose first draw in software WebGL
    // takes seconds and is not what this test is about.
    await page.goto(`${origin}/reports`)
    await page.getByTestId('nav-pops').click()
    await page.getByTestId('empty').waitFor({ state: 'visible', timeout: STEP_MS })
    expect(new URL(page.url()).pathname).toBe('/pops')

    await page.getByTestId('pop-register-ward').locator('summary').click()
    await page.getByTestId('pop-ward-input').selectOption(WARD)
    await page.getByTestId('pop-ward-owner').selectOption({ label: 'Insp Owner' })
    await page.getByTestId('pop-ward-submit').click()
    await page.getByTestId('pop-summary').waitFor({ state: 'visible', timeout: STEP_MS })
    const [pop] = await sql(`SELECT id::int, to_char(review_on, 'YYYY-MM-DD') AS review_on, to_char((now() AT TIME ZONE 'Europe/London')::date + 28, 'YYYY-MM-DD') AS expected FROM pops`)
    expect(new URL(page.url()).search).toBe(`?pop=${pop.id}`)
    expect(pop.review_on).toBe(pop.expected)
    expect(await page.getByTestId('pop-title').textContent()).toBe('Stockton Town Centre ward (Stockton-on-Tees)')
    expect(await page.getByTestId('pop-review').textContent()).toContain(`Review date ${pop.review_on}: Review in 28 days`)
    await page.getByTestId('task-area-map').waitFor({ state: 'visible', timeout: STEP_MS })
    const [{ km2 }] = await sql('SELECT round((ST_Area(geom::geography) / 1e6)::numeric, 2)::text AS km2 FROM pops WHERE id = $1', [pop.id])
    expect(await page.getByTestId('pop-summary').textContent()).toContain(`area ${km2} km²`)

    // A dated decision in the log, by the signed-in inspector.
    await page.getByTestId('pop-log-kind').selectOption('decision')
    await page.getByTestId('pop-log-body').fill('Council to gate the alley behind the library.')
    await page.getByTestId('pop-log-submit').click()
    await page.getByTestId('pop-log-entry').first().waitFor({ state: 'visible', timeout: STEP_MS })
    const [entry] = await sql(`SELECT to_char(entry_date, 'YYYY-MM-DD') AS day, kind, body FROM pop_log WHERE pop_id = $1`, [pop.id])
    expect(entry).toMatchObject({ kind: 'decision', body: 'Council to gate the alley behind the library.' })
    expect(await page.getByTestId('pop-log-entry').first().textContent()).toContain(`${entry.day} · Decision · Insp Owner`)

    // The review date moved into the past: overdue, here and in the register.
    await page.getByTestId('pop-review-input').fill('2024-01-15')
    await page.getByTestId('pop-sara-input').selectOption('analysis')
    await page.getByTestId('pop-save').click()
    await page.getByTestId('pop-saved').waitFor({ state: 'visible', timeout: STEP_MS })
    await page.getByTestId('pop-summary').getByTestId('pop-overdue').waitFor({ state: 'visible', timeout: STEP_MS })
    const [{ overdue }] = await sql(`SELECT status = 'open' AND review_on < (now() AT TIME ZONE 'Europe/London')::date AS overdue FROM pops WHERE id = $1`, [pop.id])
    expect(overdue).toBe(true)

    await page.getByTestId('back-to-pops').click()
    const row = page.locator(`[data-testid="pop-row"][data-pop-id="${pop.id}"]`)
    await row.waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await row.getByTestId('pop-overdue').count()).toBe(1)
    expect(await row.getByTestId('pop-row-review').textContent()).toMatch(/^2024-01-15overdue.*Review overdue by \d+ days$/)
    expect(await row.textContent()).toContain('Analysis')
    await page.getByTestId('pop-filter').selectOption('overdue')
    await page.waitForFunction((id) => document.querySelectorAll(`[data-testid="pop-row"][data-pop-id="${id}"]`).length === 1 && document.querySelectorAll('[data-testid="pop-row"]').length === 1, pop.id)

    // The ward again: refused, naming the POP it already is.
    await page.getByTestId('pop-register-ward').locator('summary').click()
    await page.getByTestId('pop-ward-input').selectOption(WARD)
    await page.getByTestId('pop-ward-owner').selectOption({ label: 'Insp Owner' })
    await page.getByTestId('pop-ward-submit').click()
    await page.getByTestId('pop-existing-link').waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await page.getByTestId('pop-ward-error').textContent()).toContain(`already registered as POP ${pop.id}`)

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pop-export').click()])
    expect(download.suggestedFilename()).toMatch(/^patrolmap-pop-register-\d{4}-\d{2}-\d{2}\.csv$/)
    const lines = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n')
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM pops WHERE status = 'open' AND review_on < (now() AT TIME ZONE 'Europe/London')::date`)
    expect(lines).toHaveLength(1 + n)
    expect(lines[0]).toContain('Review overdue')
    expect(lines[1]).toContain(`${pop.id},Stockton Town Centre ward (Stockton-on-Tees),open,Stockton Town Centre,Stockton-on-Tees,`)
    expect(lines[1]).toContain(',Insp Owner,,Analysis,2024-01-15,yes,0,No linked tasks,')
  })

  it('on a phone: the register and a POP read without sideways scrolling of the page', async () => {
    const { page } = await signedInWindow(PHONE)
    await page.goto(`${origin}/pops`)
    await page.getByTestId('pop-table').waitFor({ state: 'visible', timeout: STEP_MS })
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(pageWidth).toBeLessThanOrEqual(PHONE.width)
    await page.locator('[data-testid="pop-row"] a').first().click()
    await page.getByTestId('pop-log-form').waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  })
})
