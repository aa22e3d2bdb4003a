// Map playback in Chromium: "Play month by month" puts the first month in the address, fetches every month first
// (then one colour scale for all of them, from the largest month's largest hexagon), draws each month's hexagons as
// the API gives them, steps on when played and stops at the last, follows the slider, and closing returns to the period.
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildColourScale } from '../../client/src/features/map/colour-scale.js'
import { chromiumUnavailableReason } from '../support/browser.js'
import { DESKTOP, startE2eApp, type E2eApp } from '../support/e2e-app.js'
import { createTestUser, signIn } from '../support/test-app.js'

const MONTHS = ['2024-01', '2024-02', '2024-03']
const FIRST_RENDER_MS = 30_000
const STEP_MS = 15_000

const skipReason = chromiumUnavailableReason()
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

const frameOf = (page: Page) => new URL(page.url()).searchParams.get('frame')

/** Waits until deck.gl has drawn hexagons for a request whose address contains `part`; gives its cell count. */
async function drawn(page: Page, part: string): Promise<number> {
  await page.waitForFunction((wanted) => window.__patrolmap?.hexesLoaded === true && window.__patrolmap.lastHexesUrl.includes(wanted), part, { timeout: STEP_MS })
  return page.evaluate(() => window.__patrolmap?.cellCount ?? -1)
}

describe.skipIf(skipReason !== null)(`map playback in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let e2e: E2eApp

  beforeAll(async () => {
    e2e = await startE2eApp({ months: MONTHS })
    await createTestUser(e2e.testApp.pool, { email: 'analyst@test.local', name: 'Ann Alyst', role: 'analyst' })
  }, 180_000)

  afterEach(() => {
    expect(e2e.takeProblems(), 'page errors and unexpected console errors').toEqual([])
  })

  afterAll(async () => {
    await e2e?.close()
  })

  it('plays the period month by month on one colour scale, the month in the address, and closes back to the period', async () => {
    const analyst = await signIn(e2e.testApp.app, 'analyst@test.local')
    const monthCells = await Promise.all(
      MONTHS.map(async (month) => (await e2e.testApp.app.inject({ url: `/api/hexes?res=8&from=${month}&to=${month}&categories=Anti-social%20behaviour`, headers: analyst.headers })).json() as { count: number }[]),
    )
    const largest = Math.max(...monthCells.flat().map((cell) => cell.count))

    const { page } = await e2e.signedInWindow('analyst@test.local', DESKTOP)
    await page.goto(`${e2e.origin}/?categories=Anti-social%20behaviour&res=8`)
    await page.waitForFunction(() => window.__patrolmap?.hexesLoaded === true, undefined, { timeout: FIRST_RENDER_MS })
    await page.getByTestId('playback-open').click()
    expect(frameOf(page)).toBe('2024-01')
    expect(await drawn(page, 'from=2024-01&to=2024-01')).toBe(monthCells[0].length)
    // Ready once every month is in: the legend's top class is the one covering the largest month's largest hexagon.
    const play = page.getByTestId('playback-play')
    await expect.poll(() => play.isEnabled(), { timeout: STEP_MS }).toBe(true)
    expect(await page.getByTestId('legend-playback').isVisible()).toBe(true)
    const labels = await page.getByTestId('legend').locator('.legend-classes li').allTextContents()
    expect(labels.map((label) => label.trim())).toEqual(buildColourScale(largest).classes.map((entry) => entry.label))
    expect(await page.getByTestId('playback-month').textContent()).toMatch(/Jan 2024\s*\(1 of 3\)/)

    // Played: on to March, then it stops there.
    await play.click()
    await expect.poll(() => frameOf(page), { timeout: STEP_MS }).toBe('2024-03')
    expect(await drawn(page, 'from=2024-03&to=2024-03')).toBe(monthCells[2].length)
    await expect.poll(() => play.textContent(), { timeout: STEP_MS }).toContain('Play')

    // The slider picks a month; the address keeps it (view-state-url.test.ts reads it back from a link).
    await page.getByTestId('playback-slider').fill('1')
    await expect.poll(() => frameOf(page), { timeout: STEP_MS }).toBe('2024-02')
    expect(await drawn(page, 'from=2024-02&to=2024-02')).toBe(monthCells[1].length)
    expect(await page.getByTestId('playback-month').textContent()).toMatch(/Feb 2024/)

    // Closed: the whole period again.
    await page.getByTestId('playback-close').click()
    expect(frameOf(page)).toBeNull()
    await page.waitForFunction(() => window.__patrolmap?.hexesLoaded === true && !window.__patrolmap.lastHexesUrl.includes('from='), undefined, { timeout: STEP_MS })
    expect(await page.getByTestId('legend-playback').count()).toBe(0)

    // police.uk gives months only: there is no week to play, and the map says why (time-patterns.test.ts plays weeks).
    await page.getByTestId('playback-open-weeks').click()
    await expect.poll(() => page.getByTestId('playback-no-weeks').textContent(), { timeout: STEP_MS }).toContain('No whole week in this period has incidents with a date')
    expect(frameOf(page)).toBeNull()
  })
})
