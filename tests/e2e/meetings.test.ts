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
import { DESKTOP, PHONE, startE2eApp, type E2eApp } from '../support/e2e-app.js'
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

  it('updates a task in place on the agenda (lead team, dosage, dates, status), and shows a change someone saved meanwhile', async () => {
    const { page, context } = await e2e.signedInWindow('inspector@test.local', DESKTOP)
    await page.goto(`${origin}/meetings`)
    const session = (await (await context.request.get(`${origin}/api/auth/session`)).json()) as { csrfToken: string }
    const headers = { 'x-csrf-token': session.csrfToken }
    const meeting = (await (await context.request.post(`${origin}/api/meetings`, { data: { heldOn: '2024-04-03', title: 'In-place JAG' }, headers })).json()) as { id: number }
    const ward = (await testApp.pool.query<{ code: string }>('SELECT code FROM wards ORDER BY code LIMIT 1')).rows[0].code
    const made = await context.request.post(`${origin}/api/tasks`, {
      data: { title: 'Underpass ASB', dosage: { visitsPerWeek: 2 }, startDate: '2024-04-01', endDate: '2024-06-30', meetingId: meeting.id, area: { source: 'ward', ward } },
      headers,
    })
    expect(made.status(), await made.text()).toBe(201)
    const taskId = ((await made.json()) as { id: number }).id

    await page.goto(`${origin}/meetings?meeting=${meeting.id}`)
    const row = page.getByTestId(`agenda-open-${taskId}`)
    await row.waitFor({ state: 'visible', timeout: STEP_MS })
    await page.getByTestId(`agenda-update-toggle-${taskId}`).click()
    const update = page.getByTestId(`agenda-update-${taskId}`)
    await update.getByTestId('agenda-update-form').waitFor({ state: 'visible', timeout: STEP_MS })
    await update.getByTestId('task-team-input').selectOption(String(teamId))
    await update.getByTestId('task-visits-input').fill('4')
    await update.getByTestId('task-minutes-input').fill('12')
    await update.getByTestId('task-end-input').fill('2024-07-14')
    await update.getByTestId('task-save').click()
    await expect.poll(() => update.getByTestId('task-saved').textContent(), { timeout: STEP_MS }).toBe('Saved.')
    await update.getByTestId('status-to').selectOption('tasked')
    await update.getByTestId('status-submit').click()
    // The agenda is built again: the task reads as tasked, with its new target, without leaving the meeting.
    await expect.poll(() => row.textContent(), { timeout: STEP_MS }).toMatch(/Tasked[\s\S]*Central NPT · 0 of 4 visits/)
    expect(new URL(page.url()).search).toBe(`?meeting=${meeting.id}`)
    const stored = await testApp.pool.query('SELECT status, lead_team_id::int, dosage_visits_per_week, dosage_minutes, to_char(end_date, \'YYYY-MM-DD\') AS end_date FROM tasks WHERE id = $1', [taskId])
    expect(stored.rows[0]).toEqual({ status: 'tasked', lead_team_id: teamId, dosage_visits_per_week: 4, dosage_minutes: 12, end_date: '2024-07-14' })

    // Someone else raises the target while the update is open here: this save is refused and the change is shown.
    const current = (await (await context.request.get(`${origin}/api/tasks/${taskId}`)).json()) as { version: number }
    const elsewhere = await context.request.patch(`${origin}/api/tasks/${taskId}`, { data: { version: current.version, dosage: { visitsPerWeek: 5 } }, headers })
    expect(elsewhere.status()).toBe(200)
    await update.getByTestId('task-end-input').fill('2024-07-28')
    await update.getByTestId('task-save').click()
    await update.getByTestId('task-conflict').waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await update.getByTestId('task-conflict').textContent()).toContain('They changed: dosage.')
    await update.getByTestId('conflict-reapply').click()
    expect(await update.getByTestId('task-visits-input').inputValue()).toBe('5')
    expect(await update.getByTestId('task-end-input').inputValue()).toBe('2024-07-28')
    await update.getByTestId('task-save').click()
    await expect.poll(() => update.getByTestId('task-saved').textContent(), { timeout: STEP_MS }).toBe('Saved.')
    const after = await testApp.pool.query('SELECT dosage_visits_per_week, to_char(end_date, \'YYYY-MM-DD\') AS end_date FROM tasks WHERE id = $1', [taskId])
    expect(after.rows[0]).toEqual({ dosage_visits_per_week: 5, end_date: '2024-07-28' })
    await page.getByTestId(`agenda-update-toggle-${taskId}`).click()
    expect(await update.count()).toBe(0)
  }, 120_000)

  it('gives an officer on a phone their team\u2019s task sheet PDF from the task, and says why when it cannot', async () => {
    const officerId = await createTestUser(testApp.pool, { email: 'pc.sheet@test.local', name: 'PC Sheet', role: 'officer' })
    await testApp.pool.query('UPDATE users SET team_id = $1 WHERE id = $2', [teamId, officerId])
    const otherTeam = (await testApp.pool.query<{ id: number }>(`INSERT INTO teams (name, agency) VALUES ('Housing patrol', 'housing') RETURNING id::int`)).rows[0].id
    const inspector = await e2e.signedInWindow('inspector@test.local', DESKTOP)
    const session = (await (await inspector.context.request.get(`${origin}/api/auth/session`)).json()) as { csrfToken: string }
    const headers = { 'x-csrf-token': session.csrfToken }
    const meeting = (await (await inspector.context.request.post(`${origin}/api/meetings`, { data: { heldOn: '2024-04-10', title: 'Sheet JAG' }, headers })).json()) as { id: number }
    const ward = (await testApp.pool.query<{ code: string }>('SELECT code FROM wards ORDER BY code LIMIT 1')).rows[0].code
    const taskFor = async (title: string, leadTeamId: number) => {
      const made = await inspector.context.request.post(`${origin}/api/tasks`, {
        data: { title, leadTeamId, officerIds: [officerId], dosage: { visitsPerWeek: 2 }, startDate: '2024-04-01', endDate: '2024-06-30', meetingId: meeting.id, area: { source: 'ward', ward } },
        headers,
      })
      expect(made.status(), await made.text()).toBe(201)
      return ((await made.json()) as { id: number }).id
    }
    const ownTeams = await taskFor('Sheet: own team', teamId)
    const othersTask = await taskFor('Sheet: named, another team leads', otherTeam)

    const { page } = await e2e.signedInWindow('pc.sheet@test.local', PHONE)
    await page.goto(`${origin}/my-tasks?task=${ownTeams}`)
    await page.getByTestId('task-sheet-pdf').waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await page.getByTestId('task-sheet-pdf').textContent()).toContain('Central NPT')
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('task-sheet-pdf').click()])
    const file = await download.path()
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(download.suggestedFilename()).toBe(`task-sheet-meeting-${meeting.id}-team-${teamId}.pdf`)

    // Named on a task another team leads: that team's sheet is not theirs, and the page says so rather than saving an error.
    await page.goto(`${origin}/my-tasks?task=${othersTask}`)
    await page.getByTestId('task-sheet-pdf').click()
    await expect.poll(() => page.getByTestId('task-sheet-error').textContent(), { timeout: STEP_MS }).toMatch(/own team only/)
  }, 240_000)
})
