// Period presets and the change against the period before, as a person uses them: pick "Last 3 months", read the
// address and the change beside the total, go Back; open a link that names a preset; see top wards compare.
import fs from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/src/config.js'
import { chromiumUnavailableReason, launchChromium, E2E_CLIENT_MISSING, e2eClientDir } from '../support/browser.js'
import { boundaryFiles, createTestUser, policeUkFile, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js'

/** Six months: "Last 3 months" (Apr–Jun 2024) then has three months of data before it, and "All" has none. */
const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']
const ASB = 'Anti-social behaviour'
const FIRST_RENDER_MS = 30_000
const STEP_MS = 15_000
const artifactsDir = path.join(projectRoot, 'tests/.artifacts')

const skipReason = chromiumUnavailableReason()
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

describe.skipIf(skipReason !== null)(`period presets in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let testApp: TestApp
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let origin = ''
  const problems: string[] = []
  const apiRequests: string[] = []

  beforeAll(async () => {
    if (!fs.existsSync(path.join(e2eClientDir, 'index.html'))) throw new Error(E2E_CLIENT_MISSING)
    fs.mkdirSync(artifactsDir, { recursive: true })
    testApp = await startTestApp({ clientDir: e2eClientDir, data: [...boundaryFiles, ...MONTHS.map(policeUkFile)] })
    await testApp.app.listen({ port: 0, host: '127.0.0.1' })
    origin = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
    const launched = await launchChromium()
    if (!launched) throw new Error('Chromium disappeared between collection and launch')
    browser = launched
    await createTestUser(testApp.pool, { email: 'analyst@test.local', role: 'analyst' })
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 })
    const login = await context.request.post(`${origin}/api/auth/login`, { data: { email: 'analyst@test.local', password: TEST_PASSWORD } })
    expect(login.status()).toBe(200)
    page = await context.newPage()
    page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`)
    })
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.pathname.startsWith('/api/')) apiRequests.push(`${url.pathname}${url.search}`)
    })
  })

  beforeEach(() => {
    apiRequests.length = 0
  })

  afterEach(() => {
    expect(problems.splice(0), 'errors in the page').toEqual([])
  })

  afterAll(async () => {
    await browser?.close()
    await testApp?.close()
  })

  /** ASB incidents in the months from..to, as plain SQL counts them. */
  async function asbBetween(from: string, to: string): Promise<number> {
    const { rows } = await testApp.pool.query(
      `SELECT count(*)::int AS n FROM incidents WHERE category = $1
          AND to_char(period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') BETWEEN $2 AND $3`,
      [ASB, from, to],
    )
    return rows[0].n
  }

  /** The total line as the panel should read it, worked out here from the counts. */
  function totalLine(now: number, before: number | null, months: number): string {
    const count = `${now.toLocaleString('en-GB')} incidents match`
    if (before === null) return `${count}, no earlier data`
    const name = months === 1 ? 'the month before' : `the ${months} months before`
    const change = Math.round((now / before - 1) * 100)
    return `${count}, ${change === 0 ? `the same as ${name}` : `${change > 0 ? '+' : '\u2212'}${Math.abs(change)}% on ${name}`}`
  }

  const total = () => page.getByTestId('total').textContent()
  const param = (name: string) => new URL(page.url()).searchParams.get(name)
  const preset = () => page.getByTestId('period-preset').inputValue()
  const pick = (option: string) => page.getByTestId('period-preset').selectOption(option)

  it('picks "Last 3 months": the address keeps the preset, the total is Apr–Jun with its change on Jan–Mar, and Back restores each period', async () => {
    await page.goto(origin)
    const all = totalLine(await asbBetween('2024-01', '2024-06'), null, 6)
    await expect.poll(total, { timeout: FIRST_RENDER_MS }).toBe(all)
    expect(await preset()).toBe('all')

    await pick('last-3-months')
    const lastThree = totalLine(await asbBetween('2024-04', '2024-06'), await asbBetween('2024-01', '2024-03'), 3)
    await expect.poll(total, { timeout: STEP_MS }).toBe(lastThree)
    await expect.poll(() => param('period'), { timeout: 5000 }).toBe('last-3-months')
    expect([param('from'), param('to')]).toEqual([null, null])
    expect(await page.getByTestId('filter-from').inputValue()).toBe('2024-04')
    expect(await page.getByTestId('filter-to').inputValue()).toBe('2024-06')
    expect(await preset()).toBe('last-3-months')
    expect(await page.getByTestId('period-hint').textContent()).toBe('Moves on with new data, in shared links too.')
    expect(await page.getByTestId('total-change').getAttribute('title')).toBe('Against Jan 2024 \u2013 Mar 2024')
    // The requests carry the months the preset stands for, open at the data's end.
    expect(apiRequests.some((url) => url.startsWith('/api/summary?from=2024-04&categories='))).toBe(true)
    await page.locator('.panel').screenshot({ path: path.join(artifactsDir, 'e2e-periods-last-3-months.png') })

    await pick('last-month')
    const lastMonth = totalLine(await asbBetween('2024-06', '2024-06'), await asbBetween('2024-05', '2024-05'), 1)
    await expect.poll(total, { timeout: STEP_MS }).toBe(lastMonth)
    await expect.poll(() => param('period'), { timeout: 5000 }).toBe('last-month')

    await page.goBack()
    await expect.poll(total, { timeout: STEP_MS }).toBe(lastThree)
    expect(param('period')).toBe('last-3-months')
    expect(await preset()).toBe('last-3-months')
    expect(await page.getByTestId('filter-from').inputValue()).toBe('2024-04')

    await page.goBack()
    await expect.poll(total, { timeout: STEP_MS }).toBe(all)
    expect(param('period')).toBeNull()
    expect(await preset()).toBe('all')
  })

  it('opens a link with a preset on its months: nothing is asked for the whole period but the data\u2019s months; a month picked then leaves the preset for fixed months', async () => {
    await page.goto(`${origin}/?period=last-3-months`)
    const lastThree = totalLine(await asbBetween('2024-04', '2024-06'), await asbBetween('2024-01', '2024-03'), 3)
    await expect.poll(total, { timeout: FIRST_RENDER_MS }).toBe(lastThree)
    const counted = apiRequests.filter((url) => /^\/api\/(wards|hexes|summary)\?/.test(url) || url === '/api/summary')
    // At most one summary of every month (for the data's months, unless an earlier answer gave them); every other
    // count was asked for Apr–Jun only.
    expect(counted.filter((url) => !url.includes('from=2024-04')).every((url) => url.startsWith('/api/summary'))).toBe(true)
    expect(counted.some((url) => url.startsWith('/api/wards?from=2024-04'))).toBe(true)

    // A month picked on the same page leaves the preset (one opening of the map for both: each is seconds of software
    // WebGL on two cores).
    expect(await page.getByTestId('filter-from').inputValue()).toBe('2024-04')
    await page.getByTestId('filter-from').selectOption('2024-05')
    await expect.poll(() => [param('period'), param('from'), param('to')], { timeout: 5000 }).toEqual([null, '2024-05', '2024-06'])
    expect(await preset()).toBe('custom')
    const change = totalLine(await asbBetween('2024-05', '2024-06'), await asbBetween('2024-03', '2024-04'), 2)
    await expect.poll(total, { timeout: STEP_MS }).toBe(change)
    expect(await page.getByTestId('period-hint').count()).toBe(0)
  })

  it('top wards compare Apr–Jun with Jan–Mar, and say "no earlier data" for all the months', async () => {
    await page.goto(`${origin}/?mode=hotspots&period=last-3-months`)
    const reading = page.getByTestId('top-wards-reading')
    await expect.poll(() => reading.textContent(), { timeout: FIRST_RENDER_MS }).toMatch(/ on Jan 2024 \u2013 Mar 2024\.$/)
    const firstRow = page.getByTestId('top-ward-row').first()
    const cells = await firstRow.locator('td').allTextContents()
    // Rank, incidents, before, change (the ward is the row's heading).
    expect(cells[2]).toMatch(/^\d[\d,]*$/)
    expect(cells[3]).toMatch(/^([+\u2212]\d+%|0%|new)$/)
    await expect.poll(() => page.getByTestId('location-change').first().textContent(), { timeout: STEP_MS }).toMatch(
      /( on the 3 months before|none in the 3 months before)$/,
    )

    await page.screenshot({ path: path.join(artifactsDir, 'e2e-periods-hotspots.png') })
    await pick('all')
    await expect.poll(() => reading.textContent(), { timeout: STEP_MS }).toMatch(/; no earlier data, so no change is shown\.$/)
    expect((await page.getByTestId('top-ward-row').first().locator('td').allTextContents()).slice(2)).toEqual(['\u2013', '\u2013'])
    await expect.poll(() => page.getByTestId('location-change').first().textContent(), { timeout: STEP_MS }).toBe('no earlier data')
  })
})
