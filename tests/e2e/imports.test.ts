// Importing a log in Chromium: a file's first rows mapped from a guess (grid references, a date with its time, a type
// column), each bad row shown with why before anything is stored, the mapping saved as a profile, the file refused
// whole while it has bad rows (each named by row), then imported once corrected, with a progress bar and its figures,
// the stored rows as the file gives them.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chromiumUnavailableReason } from '../support/browser.js'
import { DESKTOP, FAILED_FETCH_4XX, startE2eApp, type E2eApp } from '../support/e2e-app.js'
import { createTestUser } from '../support/test-app.js'

const STEP_MS = 20_000

const skipReason = chromiumUnavailableReason()
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

/** A small log in Stockton town centre (British National Grid), two rows bad unless `fixed`. */
function log(fixed: boolean): string {
  return [
    'Case ref,Reported,Type,Easting,Northing,Street',
    'C-1,14/03/2025 21:37,Noise,444650,518950,High Street',
    'C-2,15/03/2025 02:05,Youth nuisance,444700,518900,Dovecot Street',
    `C-3,${fixed ? '16/03/2025 13:00' : '31/02/2025 13:00'},Noise,444720,518880,Yarm Lane`,
    `C-4,16/03/2025 18:20,Fly-tipping,${fixed ? '444600' : ''},518990,Church Road`,
    'C-5,30/03/2025 01:30,Noise,444640,518940,High Street',
  ].join('\n') + '\n'
}

describe.skipIf(skipReason !== null)(`importing a log in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let e2e: E2eApp
  let scratch: string

  beforeAll(async () => {
    // The refused import answers 200 with status 'rejected'; a 4xx would be logged by the browser.
    e2e = await startE2eApp({ months: ['2025-03'], expectedConsole: FAILED_FETCH_4XX })
    await createTestUser(e2e.testApp.pool, { email: 'analyst@test.local', name: 'Ann Alyst', role: 'analyst' })
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'patrolmap-import-e2e-'))
    fs.writeFileSync(path.join(scratch, 'stockton-asb-calls.csv'), log(false))
  }, 180_000)

  afterEach(() => {
    expect(e2e.takeProblems(), 'page errors and unexpected console errors').toEqual([])
  })

  afterAll(async () => {
    await e2e?.close()
    fs.rmSync(scratch, { recursive: true, force: true })
  })

  it('maps a log from a guess, shows each bad row before anything is stored, saves the profile, refuses the file whole, then imports it corrected', async () => {
    const { page } = await e2e.signedInWindow('analyst@test.local', DESKTOP)
    await page.goto(`${e2e.origin}/imports`)
    await page.getByTestId('import-file').setInputFiles(path.join(scratch, 'stockton-asb-calls.csv'))

    // The guess from the column names.
    await expect.poll(() => page.getByTestId('import-position-kind').inputValue(), { timeout: STEP_MS }).toBe('bng')
    expect(await page.getByTestId('import-easting').inputValue()).toBe('Easting')
    expect(await page.getByTestId('import-date').inputValue()).toBe('Reported')
    expect(await page.getByTestId('import-category').inputValue()).toBe('Type')
    await page.getByTestId('import-source').fill('Stockton ASB calls (test)')
    await page.getByTestId('import-reference').selectOption(['Case ref'])
    await page.getByTestId('import-date-format').selectOption('dd/mm/yyyy')
    // Every value in the type column is listed; fly-tipping is not ASB.
    await page.getByLabel('Category for Fly-tipping').selectOption('Other crime')

    // The preview: five rows, the bad date and the missing easting rejected, with why, by the choice that rejects them.
    const preview = page.getByTestId('import-preview')
    await expect.poll(() => preview.getByTestId('import-preview-row').count(), { timeout: STEP_MS }).toBe(5)
    await expect.poll(() => page.getByTestId('rejected-by-when').textContent(), { timeout: STEP_MS }).toBe('rejects 1 of 5 rows')
    expect(await page.getByTestId('rejected-by-position').textContent()).toBe('rejects 1 of 5 rows')
    const reasons = await preview.getByTestId('import-preview-reason').allTextContents()
    expect(reasons).toHaveLength(2)
    expect(reasons[0]).toMatch(/^Rejected \(date and time\): .*31/)
    expect(reasons[1]).toMatch(/^Rejected \(position\)/)
    expect(await preview.textContent()).toContain('2025-03-14 21:37')
    expect(await preview.textContent()).toContain('Anti-social behaviour ← Noise')

    // Saved as a profile, then the file is refused whole, every bad row named.
    await page.getByTestId('import-title').fill('Stockton ASB calls test')
    await page.getByTestId('import-save').click()
    await expect.poll(() => page.getByTestId('import-save').textContent(), { timeout: STEP_MS }).toBe('Save changes')
    const [profile] = (await e2e.testApp.pool.query(`SELECT name, mapping FROM import_profiles WHERE name = 'stockton-asb-calls-test'`)).rows
    expect(profile.mapping.category.map).toEqual({ 'Fly-tipping': 'Other crime' })
    await page.getByTestId('import-run').click()
    const result = page.getByTestId('import-result')
    await result.waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await result.textContent()).toContain('Not imported: nothing was stored.')
    const errors = await page.getByTestId('import-errors').locator('li').allTextContents()
    expect(errors.map((error) => error.split(':')[0])).toEqual(['Row 4', 'Row 5'])
    expect((await e2e.testApp.pool.query(`SELECT count(*)::int AS n FROM incidents WHERE source = 'Stockton ASB calls (test)'`)).rows[0].n).toBe(0)

    // Corrected, the same file imports whole through the saved profile.
    fs.writeFileSync(path.join(scratch, 'stockton-asb-calls.csv'), log(true))
    await page.getByTestId('import-file').setInputFiles(path.join(scratch, 'stockton-asb-calls.csv'))
    await expect.poll(() => page.getByTestId('rejected-by-when').textContent(), { timeout: STEP_MS }).toBe('all 5 rows read')
    await page.getByTestId('import-run').click()
    await expect.poll(() => result.textContent(), { timeout: STEP_MS }).toContain('Imported.')
    expect(await page.getByTestId('import-rows-added').textContent()).toBe('5')
    const stored = (await e2e.testApp.pool.query(
      `SELECT i.reference, i.category, to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI') AS local, l.ward_code
         FROM incidents i JOIN locations l ON l.id = i.location_id WHERE i.source = 'Stockton ASB calls (test)' ORDER BY i.reference`,
    )).rows
    expect(stored.map((row) => [row.reference, row.category, row.local])).toEqual([
      ['C-1', 'Anti-social behaviour', '2025-03-14 21:37'],
      ['C-2', 'Anti-social behaviour', '2025-03-15 02:05'],
      ['C-3', 'Anti-social behaviour', '2025-03-16 13:00'],
      ['C-4', 'Other crime', '2025-03-16 18:20'],
      // 30 March 2025 01:30 does not exist in the UK (clocks went forward at 01:00): moved on an hour, as documented.
      ['C-5', 'Anti-social behaviour', '2025-03-30 02:30'],
    ])
    expect(new Set(stored.map((row) => row.ward_code)).size).toBeGreaterThan(0)
    expect(stored.every((row) => row.ward_code !== null)).toBe(true)
  })
})
