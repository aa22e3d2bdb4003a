// The JAG meeting in Chromium: an inspector records a meeting, tasks a patrol from its agenda's first problem location
// (the meeting filled in), sees the task on the agenda, and downloads the team's task sheet PDF, rendered on the server
// by headless Chromium from the print page; page 1 of it, rasterised by pdftoppm, is not blank.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/src/config.js'
import { chromiumUnavailableReason } from '../support/browser.js'
import { DESKTOP, startE2eApp, type E2eApp } from '../support/e2e-app.js'
import { createTestUser, type TestApp } from '../support/test-app.js'

const MONTHS = ['2024-01', '2024-02', '2024-03']
const STEP_MS = 30_000
const artifactsDir = path.join(projectRoot, 'tests/.artifacts')

const skipReason = chromiumUnavailableReason()
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

describe.skipIf(skipReason !== null)(`the JAG meeting in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let e2e: E2eApp
  let testApp: TestApp
  let origin = ''
  let teamId = 0

  beforeAll(async () => {
    fs.mkdirSync(artifactsDir, { recursive: true })
    e2e = await startE2eApp({ months: MONTHS })
    ;({ testApp, origin } = e2e)
    teamId = (await testApp.pool.query<{ id: number }>(`INSERT INTO teams (name, agency) VALUES ('Central NPT', 'police') RETURNING id::int`)).rows[0].id
    await createTestUser(testApp.pool, { email: 'inspector@test.local', name: 'Insp Test', role: 'inspector' })
  })

  afterEach(() => {
    expect(e2e.takeProblems(), 'page errors and unexpected console errors').toEqual([])
  })

  afterAll(async () => {
    await e2e?.close()
  })

  it('records a meeting, tasks a patrol from the agenda, sees it there, and downloads a task sheet PDF that is not blank', async () => {
    const { page, context } = await e2e.signedInWindow('inspector@test.local', DESKTOP)

    await page.goto(`${origin}/meetings`)
    await page.getByTestId('meeting-create').waitFor({ state: 'visible', timeout: STEP_MS })
    await page.getByTestId(`meeting-team-${teamId}`).check()
    await page.getByTestId('meeting-create-submit').click()
    await page.getByTestId('agenda').waitFor({ state: 'visible', timeout: STEP_MS })
    const meetingId = Number(new URL(page.url()).searchParams.get('meeting'))
    expect(meetingId).toBeGreaterThan(0)
    expect(await page.getByTestId('meeting-heading').textContent()).toContain('JAG meeting')
    expect(await page.getByTestId('agenda-open-empty').textContent()).toContain('No open task')

    // Section 1's first location: "Task a patrol" opens the task form with its area and this meeting.
    await page.getByTestId('agenda-locations').locator('button').first().click()
    await page.getByTestId('task-create').waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await page.getByTestId('task-area-source').textContent()).toContain(`Set at JAG meeting #${meetingId}`)
    await page.getByTestId('task-problem-input').fill('Groups gathering by the shops in the evenings.')
    await page.getByTestId('task-team-input').selectOption(String(teamId))
    await page.getByTestId('task-visits-input').fill('3')
    await page.getByTestId('task-create-submit').click()
    await page.getByTestId('task-editor').waitFor({ state: 'visible', timeout: STEP_MS })
    const taskId = Number(new URL(page.url()).searchParams.get('task'))
    const stored = await testApp.pool.query('SELECT meeting_id::int, lead_team_id::int FROM tasks WHERE id = $1', [taskId])
    expect(stored.rows[0]).toEqual({ meeting_id: meetingId, lead_team_id: teamId })

    // Back on the agenda: the task is in section 2, and its location has left section 1 (the task covers it).
    await page.goto(`${origin}/meetings?meeting=${meetingId}`)
    await page.getByTestId(`agenda-open-${taskId}`).waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await page.getByTestId(`agenda-open-${taskId}`).textContent()).toContain('0 of 3 visits')
    expect(await page.getByTestId('agenda').textContent()).toMatch(/Left out: #1 \(task/)

    // The team's task sheet PDF, as the page's "Download PDF" link fetches it (the browser's own session).
    const href = await page.getByTestId(`sheet-pdf-${teamId}`).getAttribute('href')
    const response = await context.request.get(`${origin}${href}`, { timeout: 120_000 })
    expect(response.status(), (await response.body()).toString('utf8').slice(0, 300)).toBe(200)
    expect(response.headers()['content-type']).toBe('application/pdf')
    const pdfPath = path.join(artifactsDir, 'task-sheet.pdf')
    fs.writeFileSync(pdfPath, await response.body())
    execFileSync('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '1', pdfPath, path.join(artifactsDir, 'task-sheet')])
    const pngPath = fs.readdirSync(artifactsDir).find((name) => /^task-sheet-0*1\.png$/.test(name))
    expect(pngPath).toBeDefined()
    const png = PNG.sync.read(fs.readFileSync(path.join(artifactsDir, pngPath!)))
    let inked = 0
    let coloured = 0
    for (let index = 0; index < png.data.length; index += 4) {
      const [r, g, b] = [png.data[index], png.data[index + 1], png.data[index + 2]]
      if (r < 240 || g < 240 || b < 240) inked += 1
      // The task area's blue outline and the map's colours, not only black text.
      if (Math.max(r, g, b) - Math.min(r, g, b) > 40) coloured += 1
    }
    expect(inked).toBeGreaterThan(500)
    expect(coloured).toBeGreaterThan(50)
  }, 240_000)
})
