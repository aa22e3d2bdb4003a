import fs from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { HarmWeightsAnswer } from '../../client/src/features/harm-weights/harm-weights-api.js'
import { formatWeight } from '../../client/src/features/harm-weights/harm-weights.js'
import { projectRoot } from '../../server/src/config.js'
import { chromiumUnavailableReason, launchChromium, openWatchedWindow, E2E_CLIENT_MISSING, e2eClientDir } from '../support/browser.js'
import { createTestUser, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js'

const VIEWPORT = { width: 1280, height: 800 }
/** The page has no map, so it is quick even on software rendering. */
const PAGE_MS = 15_000
const artifactsDir = path.join(projectRoot, 'tests/.artifacts')
const ASB = 'Anti-social behaviour'

/**
 * The tests cause some failed requests on purpose (the session check before sign-in, a refused save, a 503 faked for
 * the error state); any other console error fails.
 */
const EXPECTED_CONSOLE = /^Failed to load resource: the server responded with a status of (4\d\d|503)/

const skipReason = chromiumUnavailableReason()
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

interface Window {
  context: BrowserContext
  page: Page
  /** Method and path of every /api request the page made, in order. */
  apiRequests: string[]
  /** The bodies of the PUTs to /api/harm-weights, parsed. */
  puts: unknown[]
}

describe.skipIf(skipReason !== null)(`harm weights page in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let testApp: TestApp
  let browser: Browser
  let origin = ''
  const problems: string[] = []
  const windows: Window[] = []

  beforeAll(async () => {
    if (!fs.existsSync(path.join(e2eClientDir, 'index.html'))) {
      throw new Error(E2E_CLIENT_MISSING)
    }
    fs.mkdirSync(artifactsDir, { recursive: true })
    // No incidents needed: the weights are loaded by the migration, and the categories with them.
    testApp = await startTestApp({ clientDir: e2eClientDir })
    await testApp.app.listen({ port: 0, host: '127.0.0.1' })
    origin = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
    for (const role of ['admin', 'analyst', 'inspector', 'councillor'] as const) {
      await createTestUser(testApp.pool, { email: `${role}@test.local`, name: `Test ${role}`, role })
    }
    const launched = await launchChromium()
    if (!launched) throw new Error('Chromium disappeared between collection and launch')
    browser = launched
  })

  // Every test starts from the bundled defaults, as no one has changed them; one that needs an earlier edit makes it.
  beforeEach(() => testApp.pool.query('UPDATE harm_weights SET weight = default_weight, updated_at = now(), updated_by = NULL'))

  /** What the first test's save leaves behind, made straight in the database: ASB raised by the analyst. */
  const raiseAsbAsAnalyst = () =>
    testApp.pool.query(`UPDATE harm_weights SET weight = 12.5, updated_at = now(), updated_by = 'analyst@test.local' WHERE category = $1`, [ASB])

  afterEach(async () => {
    for (const window of windows.splice(0)) await window.context.close()
    expect(problems.splice(0), 'page errors or unexpected console errors').toEqual([])
  })

  afterAll(async () => {
    await browser?.close()
    await testApp?.close()
  })

  async function openWindow(): Promise<Window> {
    // Method and path, and the PUT bodies: what the page sent matters here, not only where.
    const apiCalls: string[] = []
    const puts: unknown[] = []
    const watched = await openWatchedWindow(browser, {
      viewport: VIEWPORT,
      problems,
      expectedConsole: EXPECTED_CONSOLE,
      onApiRequest: (request) => {
        const url = new URL(request.url())
        apiCalls.push(`${request.method()} ${url.pathname}${url.search}`)
        if (request.method() === 'PUT' && url.pathname === '/api/harm-weights') puts.push(request.postDataJSON())
      },
    })
    const window = { ...watched, apiRequests: apiCalls, puts }
    windows.push(window)
    return window
  }

  async function signInThroughForm(page: Page, email: string): Promise<void> {
    await page.getByTestId('login-form').waitFor({ state: 'visible', timeout: PAGE_MS })
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD)
    await page.getByTestId('login-submit').click()
  }

  async function openAs(role: string): Promise<Window> {
    const window = await openWindow()
    await window.page.goto(`${origin}/harm-weights`)
    await signInThroughForm(window.page, `${role}@test.local`)
    await window.page.getByTestId('harm-weights-table').waitFor({ state: 'visible', timeout: PAGE_MS })
    return window
  }

  /** The weights as the API gives them to this browser's session. */
  async function apiWeights(page: Page): Promise<HarmWeightsAnswer> {
    const response = await page.context().request.get(`${origin}/api/harm-weights`)
    expect(response.status()).toBe(200)
    return (await response.json()) as HarmWeightsAnswer
  }

  const row = (page: Page, category: string) => page.locator(`[data-testid="harm-weight-row"][data-category="${category}"]`)
  const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))

  it('analyst: sees the 14 weights the API gives, changes one with the keyboard, and the change is saved and audited', async () => {
    const auditBefore = (await testApp.pool.query<{ id: number }>('SELECT coalesce(max(id), 0)::int AS id FROM audit_log')).rows[0].id
    const { page, puts } = await openAs('analyst')
    expect(new URL(page.url()).pathname).toBe('/harm-weights')
    expect(await page.title()).toBe('Patrolmap — harm weights')
    expect(await page.getByTestId('nav-harm-weights').getAttribute('aria-current')).toBe('page')

    const before = await apiWeights(page)
    expect(before.weights).toHaveLength(14)
    expect(await page.getByTestId('harm-scale').textContent()).toBe(`Scale: ${before.scale}`)
    const shown = await page.$$eval('[data-testid="harm-weight-row"]', (rows) =>
      rows.map((tr) => ({
        category: tr.getAttribute('data-category'),
        input: (tr.querySelector('[data-testid="harm-weight-input"]') as HTMLInputElement).value,
        defaultWeight: tr.querySelector('[data-testid="harm-weight-default"]')?.textContent,
        lastChanged: tr.querySelector('td:nth-child(5)')?.textContent,
      })),
    )
    expect(shown).toEqual(
      before.weights.map((weight) => ({
        category: weight.category,
        input: String(weight.weight),
        defaultWeight: formatWeight(weight.defaultWeight),
        lastChanged: 'bundled default',
      })),
    )
    expect(await page.getByTestId('harm-weights-save').isDisabled()).toBe(true)
    expect(await page.getByTestId('harm-weights-read-only').count()).toBe(0)

    // Keyboard only: into the weight, replace it, on to the reason, Enter saves.
    const input = row(page, ASB).getByLabel(`Weight of ${ASB}`)
    await input.focus()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('12.5')
    expect(await page.getByTestId('harm-weights-pending').textContent()).toBe('1 weight changed, not yet saved.')
    expect(await page.getByTestId('harm-weights-save').isEnabled()).toBe(true)
    await page.getByLabel('Reason for the change').focus()
    await page.keyboard.type('JAG 12 March: ASB raised to reflect repeat victimisation')
    await page.screenshot({ path: path.join(artifactsDir, 'harm-weights-editing.png') })
    await page.keyboard.press('Enter')

    const notice = page.getByTestId('harm-weights-notice')
    await notice.waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await notice.textContent()).toBe('Saved: 1 weight changed.')
    // Enter in the reason field leaves the focus there; the outcome is announced as a status.
    expect(await focusedTestId(page)).toBe('harm-weights-reason')
    // Only the changed row was sent, with the reason.
    expect(puts).toEqual([{ weights: [{ category: ASB, weight: 12.5 }], reason: 'JAG 12 March: ASB raised to reflect repeat victimisation' }])

    // The page shows the saved state: the new value, who changed it, nothing pending, the reason field cleared.
    expect(await input.inputValue()).toBe('12.5')
    expect(await row(page, ASB).locator('td:nth-child(5)').textContent()).toContain('analyst@test.local')
    expect(await row(page, 'Burglary').locator('td:nth-child(5)').textContent()).toBe('bundled default')
    expect(await page.getByTestId('harm-weights-save').isDisabled()).toBe(true)
    expect(await page.getByTestId('harm-weights-pending').textContent()).toBe('')
    expect(await page.getByLabel('Reason for the change').inputValue()).toBe('')

    const after = await apiWeights(page)
    const asb = after.weights.find((weight) => weight.category === ASB)!
    expect(asb.weight).toBe(12.5)
    expect(asb.updatedBy).toBe('analyst@test.local')
    expect(asb.defaultWeight).toBe(before.weights.find((weight) => weight.category === ASB)!.defaultWeight)
    expect(after.weights.filter((weight) => weight.category !== ASB)).toEqual(before.weights.filter((weight) => weight.category !== ASB))

    const { rows } = await testApp.pool.query<{ actor_email: string; details: unknown; before: unknown; after: unknown }>(
      `SELECT actor_email, details, before, after FROM audit_log
        WHERE action = 'harm_weights.update' AND actor_email IS NOT NULL AND id > $1 ORDER BY id`,
      [auditBefore],
    )
    expect(rows).toEqual([
      {
        actor_email: 'analyst@test.local',
        details: { reason: 'JAG 12 March: ASB raised to reflect repeat victimisation' },
        before: { [ASB]: 5 },
        after: { [ASB]: 12.5 },
      },
    ])

    // A reload shows the same: the page reads what the server holds.
    await page.reload()
    await page.getByTestId('harm-weights-table').waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await row(page, ASB).getByLabel(`Weight of ${ASB}`).inputValue()).toBe('12.5')
    await page.screenshot({ path: path.join(artifactsDir, 'harm-weights-analyst.png') })
    // The page scrolls inside <main>, not the document: the table's end, with the save bar, is a second picture.
    await page.getByTestId('page-harm-weights').evaluate((main) => main.scrollTo(0, main.scrollHeight))
    await page.screenshot({ path: path.join(artifactsDir, 'harm-weights-analyst-end.png') })
  })

  it('analyst: an invalid entry is explained in its row and nothing is sent; a refusal by the server is shown', async () => {
    await raiseAsbAsAnalyst()
    const { page, puts } = await openAs('analyst')
    const stored = await apiWeights(page)
    const burglary = row(page, 'Burglary').getByLabel('Weight of Burglary')

    await burglary.fill('-3')
    await page.getByTestId('harm-weights-save').click()
    const problem = row(page, 'Burglary').getByTestId('harm-weight-error')
    await problem.waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await problem.textContent()).toBe('A weight cannot be negative; use 0 to leave the category out of harm.')
    expect(await burglary.getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByTestId('harm-weights-error').textContent()).toBe('Nothing was saved: correct the weight of Burglary first.')
    // Focus goes to the entry to correct.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Weight of Burglary')

    // Too large, and empty: each says so as it is typed.
    await burglary.fill('100001')
    expect(await problem.textContent()).toBe('A weight can be at most 100,000.')
    await burglary.fill('')
    expect(await problem.textContent()).toBe('Enter a weight from 0 to 100,000.')
    await page.getByTestId('harm-weights-save').click()
    await page.screenshot({ path: path.join(artifactsDir, 'harm-weights-invalid.png') })
    expect(puts).toEqual([])

    // Reset puts the default back; nothing is left to save.
    await row(page, 'Burglary').getByTestId('harm-weight-reset').click()
    expect(await burglary.inputValue()).toBe(String(stored.weights.find((weight) => weight.category === 'Burglary')!.defaultWeight))
    expect(await problem.count()).toBe(0)
    expect(await page.getByTestId('harm-weights-save').isDisabled()).toBe(true)

    // Reset all: every input at its default, ready to save (ASB was raised above its default).
    await page.getByTestId('harm-weights-reset-all').click()
    const inputs = await page.$$eval('[data-testid="harm-weight-input"]', (elements) => elements.map((element) => (element as HTMLInputElement).value))
    expect(inputs).toEqual(stored.weights.map((weight) => String(weight.defaultWeight)))
    expect(await page.getByTestId('harm-weights-reset-all').isDisabled()).toBe(true)
    expect(await row(page, ASB).getByTestId('harm-weight-reset').isDisabled()).toBe(true)

    // The server's own check: a body the page would never send (altered on the way) is refused, and the page says why.
    await page.route('**/api/harm-weights', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue()
      const body = route.request().postDataJSON() as { weights: { category: string; weight: number }[] }
      await route.continue({ postData: JSON.stringify({ weights: body.weights.map((weight) => ({ ...weight, weight: 200000 })) }) })
    })
    await page.getByTestId('harm-weights-save').click()
    const error = page.getByTestId('harm-weights-error')
    await expect.poll(() => error.textContent(), { timeout: PAGE_MS }).toBe(`The weights were not saved. The weight of ${ASB} must be at most 100,000.`)
    expect(await error.isVisible()).toBe(true)
    await page.unroute('**/api/harm-weights')
    expect(await apiWeights(page)).toEqual(stored)
    // The edits stay for another try.
    expect(await row(page, ASB).getByLabel(`Weight of ${ASB}`).inputValue()).toBe(String(stored.weights.find((weight) => weight.category === ASB)!.defaultWeight))
    expect(await page.getByTestId('harm-weights-save').isEnabled()).toBe(true)

    // Saved with a click this time: Save is disabled afterwards, so the focus goes to the outcome.
    await page.getByTestId('harm-weights-save').click()
    await page.getByTestId('harm-weights-notice').waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await page.getByTestId('harm-weights-notice').textContent()).toBe('Saved: 1 weight changed.')
    await expect.poll(() => focusedTestId(page), { timeout: PAGE_MS }).toBe('harm-weights-notice')
    expect(await page.getByTestId('harm-weights-error').isVisible()).toBe(false)
    const reset = await apiWeights(page)
    expect(reset.weights.map((weight) => weight.weight)).toEqual(stored.weights.map((weight) => weight.defaultWeight))
    expect(puts.at(-1)).toEqual({ weights: [{ category: ASB, weight: stored.weights.find((weight) => weight.category === ASB)!.defaultWeight }] })
    await page.screenshot({ path: path.join(artifactsDir, 'harm-weights-saved.png') })
  })

  it('inspector: sees the weights read-only, with a note and no way to save', async () => {
    await raiseAsbAsAnalyst()
    const { page, apiRequests } = await openAs('inspector')
    expect(await page.getByTestId('nav-harm-weights').getAttribute('aria-current')).toBe('page')
    const answer = await apiWeights(page)
    const shown = await page.$$eval('[data-testid="harm-weight-row"]', (rows) =>
      rows.map((tr) => [tr.getAttribute('data-category'), tr.querySelector('[data-testid="harm-weight-value"]')?.textContent]),
    )
    expect(shown).toEqual(answer.weights.map((weight) => [weight.category, formatWeight(weight.weight)]))
    expect(shown).toHaveLength(14)
    expect(await page.getByTestId('harm-weight-input').count()).toBe(0)
    expect(await page.getByTestId('harm-weights-save').count()).toBe(0)
    expect(await page.getByTestId('harm-weight-reset').count()).toBe(0)
    expect(await page.getByLabel('Reason for the change').count()).toBe(0)
    expect(await page.getByTestId('harm-weights-read-only').textContent()).toContain('Only analysts and administrators can change the weights.')
    // Who last changed a weight is shown to them too.
    expect(await row(page, ASB).locator('td:nth-child(5)').textContent()).toContain('analyst@test.local')
    expect(apiRequests.filter((request) => request.includes('/api/harm-weights') && !request.startsWith('GET '))).toEqual([])
    await page.screenshot({ path: path.join(artifactsDir, 'harm-weights-inspector.png') })
  })

  it('a failed load shows the error with Retry, which loads the table', async () => {
    const { page } = await openWindow()
    let failures = 0
    await page.route('**/api/harm-weights', async (route) => {
      failures += 1
      await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ message: 'The database took too long to answer; try again.' }) })
    })
    await page.goto(`${origin}/harm-weights`)
    await signInThroughForm(page, 'inspector@test.local')
    const error = page.getByTestId('error')
    await error.waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await error.textContent()).toContain('Could not load the harm weights. The database took too long to answer; try again.')
    expect(failures).toBe(1)
    await page.unroute('**/api/harm-weights')
    await error.getByRole('button', { name: 'Retry' }).click()
    await page.getByTestId('harm-weights-table').waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(await page.getByTestId('harm-weight-row').count()).toBe(14)
    expect(await error.count()).toBe(0)
  })

  it('councillor: the address leads to their ward reports, and the weights are never asked for', async () => {
    const { page, apiRequests } = await openWindow()
    await page.goto(`${origin}/harm-weights`)
    await signInThroughForm(page, 'councillor@test.local')
    await page.getByTestId('page-reports').waitFor({ state: 'visible', timeout: PAGE_MS })
    expect(new URL(page.url()).pathname).toBe('/reports')
    expect(await page.getByTestId('nav-harm-weights').count()).toBe(0)
    expect(apiRequests.filter((request) => request.includes('/api/harm-weights'))).toEqual([])
  })
})
