import fs from 'node:fs'
import path from 'node:path'
import { cellToLatLng } from 'h3-js'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/src/config.js'
import { chromiumUnavailableReason } from '../support/browser.js'
import { DESKTOP, PHONE, startE2eApp, type E2eApp } from '../support/e2e-app.js'
import { createTestUser, signIn, type SignedIn, type TestApp } from '../support/test-app.js'

const MONTHS = ['2024-01', '2024-02', '2024-03']
/** Software WebGL on two cores: the map's first draw takes seconds. */
const MAP_MS = 30_000
const STEP_MS = 15_000
const artifactsDir = path.join(projectRoot, 'tests/.artifacts')
/** The browser logs every failed fetch: the session check before sign-in, and the visit sent while offline. */
const EXPECTED_CONSOLE = /^Failed to load resource: (the server responded with a status of 4\d\d|net::ERR_INTERNET_DISCONNECTED)/

const skipReason = chromiumUnavailableReason()
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

describe.skipIf(skipReason !== null)(`tasking in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let e2e: E2eApp
  let testApp: TestApp
  let origin = ''
  let teamId = 0
  /** Tasked in beforeAll with two visits this week, so the councillor's and the list's tests stand alone. */
  let visitedTaskId = 0
  /** Tasked in beforeAll to a team and officer of its own, for the officer's phone test alone. */
  let phoneTaskId = 0
  const signedInWindow = (email: string, viewport: { width: number; height: number }) => e2e.signedInWindow(email, viewport)
  const PROBLEM = 'Groups gathering by the shops in the evenings.'
  const TOWN_CENTRE = 'E05014882' // Stockton Town Centre

  /** A task made and tasked through the API, as the inspector's form would (every test below may run alone). */
  async function taskedTask(inspector: SignedIn, leadTeamId: number, officerIds: number[]): Promise<number> {
    const today = new Date()
    const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10)
    const created = await testApp.app.inject({
      method: 'POST', url: '/api/tasks', headers: inspector.headers,
      payload: { title: 'Evening ASB by the shops', problem: PROBLEM, leadTeamId, officerIds, dosage: { visitsPerWeek: 3, minutesPerVisit: 15 }, startDate: day(-14), endDate: day(28), area: { source: 'ward', ward: TOWN_CENTRE } },
    })
    expect(created.statusCode, created.body).toBe(201)
    const moved = await testApp.app.inject({ method: 'POST', url: `/api/tasks/${created.json().id}/status`, headers: inspector.headers, payload: { to: 'tasked', version: 1 } })
    expect(moved.statusCode, moved.body).toBe(200)
    return created.json().id
  }

  beforeAll(async () => {
    fs.mkdirSync(artifactsDir, { recursive: true })
    e2e = await startE2eApp({ months: MONTHS, expectedConsole: EXPECTED_CONSOLE })
    ;({ testApp, origin } = e2e)
    teamId = (await testApp.pool.query<{ id: number }>(`INSERT INTO teams (name, agency) VALUES ('Central NPT', 'police') RETURNING id::int`)).rows[0].id
    await createTestUser(testApp.pool, { email: 'inspector@test.local', name: 'Insp Test', role: 'inspector' })
    const officerId = await createTestUser(testApp.pool, { email: 'officer@test.local', name: 'PC Test', role: 'officer' })
    // Admins set an officer's team; the task's lead team is how it reaches them.
    await testApp.pool.query('UPDATE users SET team_id = $1 WHERE id = $2', [teamId, officerId])
    const inspector = await signIn(testApp.app, 'inspector@test.local')
    visitedTaskId = await taskedTask(inspector, teamId, [officerId])
    // Two visits this week (UK date), 15 minutes each: what the councillor's and the list's figures say.
    const officer = await signIn(testApp.app, 'officer@test.local')
    const londonToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())
    for (const [index, engagements] of [2, 1].entries()) {
      const visit = await testApp.app.inject({
        method: 'POST', url: `/api/tasks/${visitedTaskId}/visits`, headers: officer.headers,
        payload: { idempotencyKey: `seeded-visit-${index}`, date: londonToday, startTime: '19:30', minutes: 15, actions: { engagements } },
      })
      expect(visit.statusCode, visit.body).toBe(201)
    }
    // The phone test's officer is in a team of their own, so their list holds only the task made for them.
    const northTeam = (await testApp.pool.query<{ id: number }>(`INSERT INTO teams (name, agency) VALUES ('North NPT', 'police') RETURNING id::int`)).rows[0].id
    const phoneOfficerId = await createTestUser(testApp.pool, { email: 'officer.two@test.local', name: 'PC Two', role: 'officer' })
    await testApp.pool.query('UPDATE users SET team_id = $1 WHERE id = $2', [northTeam, phoneOfficerId])
    phoneTaskId = await taskedTask(inspector, northTeam, [phoneOfficerId])
  })

  afterEach(() => {
    expect(e2e.takeProblems(), 'page errors and unexpected console errors').toEqual([])
  })

  afterAll(async () => {
    await e2e?.close()
  })

  const cell = (page: Page, day: number, hour: number) => page.locator(`[data-testid="key-time-cell"][data-day="${day}"][data-hour="${hour}"]`)

  it('inspector: tasks a patrol from a ranked problem location, paints key times, and tasks it to a team', async () => {
    const { page } = await signedInWindow('inspector@test.local', DESKTOP)
    await page.goto(`${origin}/?mode=hotspots`)
    const row = page.getByTestId('location-row').first()
    await row.waitFor({ state: 'visible', timeout: MAP_MS })
    const name = await row.getAttribute('data-name')
    await row.getByTestId('location-task').click()
    await page.getByTestId('task-create').waitFor({ state: 'visible', timeout: STEP_MS })
    expect(new URL(page.url()).pathname).toBe('/tasks')
    expect(await page.getByTestId('task-title-input').inputValue()).toBe(name)
    expect(await page.getByTestId('task-area-source').textContent()).toContain('problem location #1')

    // Friday 18:00–22:00 painted with the mouse (press, drag across, release) …
    const start = await cell(page, 4, 18).boundingBox()
    const end = await cell(page, 4, 21).boundingBox()
    await page.mouse.move(start!.x + start!.width / 2, start!.y + start!.height / 2)
    await page.mouse.down()
    await page.mouse.move(end!.x + end!.width / 2, end!.y + end!.height / 2, { steps: 8 })
    await page.mouse.up()
    // … and Saturday 22:00 from the keyboard: down a row from Friday 21:00, right one hour, space.
    await cell(page, 4, 21).focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Space')
    expect(await page.getByTestId('key-times-words').textContent()).toBe('Key times: Fri 18:00–22:00; Sat 22:00–23:00.')

    await page.getByTestId('task-problem-input').fill('Groups gathering by the shops in the evenings.')
    await page.getByTestId('task-team-input').selectOption(String(teamId))
    await page.getByTestId('task-officers').locator('summary').click()
    await page.getByTestId('task-officers').getByLabel('PC Test (Central NPT)').check()
    await page.getByTestId('task-visits-input').fill('3')
    expect(await page.getByTestId('task-minutes-input').inputValue()).toBe('15')
    await page.getByTestId('task-create-submit').click()
    await page.getByTestId('task-editor').waitFor({ state: 'visible', timeout: STEP_MS })
    const taskId = Number(new URL(page.url()).searchParams.get('task'))
    expect(taskId).toBeGreaterThan(0)
    const stored = await testApp.pool.query<{ source: string; key_times: string; status: string }>('SELECT source, key_times::text, status FROM tasks WHERE id = $1', [taskId])
    expect(stored.rows[0]).toMatchObject({ source: 'problem-location', status: 'proposed' })
    const named = await testApp.pool.query<{ name: string }>('SELECT u.name FROM task_officers o JOIN users u ON u.id = o.user_id WHERE o.task_id = $1', [taskId])
    expect(named.rows).toEqual([{ name: 'PC Test' }])
    const bits = stored.rows[0].key_times
    expect([...bits].flatMap((bit, index) => (bit === '1' ? [index] : []))).toEqual([4 * 24 + 18, 4 * 24 + 19, 4 * 24 + 20, 4 * 24 + 21, 5 * 24 + 22])

    // Only the moves task-status.ts allows from proposed are offered.
    const moves = await page.getByTestId('status-to').locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value).filter(Boolean))
    expect(moves).toEqual(['tasked', 'escalated', 'closed'])
    await page.getByTestId('status-to').selectOption('tasked')
    await page.getByTestId('status-submit').click()
    await expect.poll(() => page.getByTestId('task-status').textContent(), { timeout: STEP_MS }).toBe('Tasked')
  })

  it('officer on a phone: lands on My tasks, records two visits, one while offline sent when back online, and sees the dosage', async () => {
    const taskId = phoneTaskId
    const { page, context } = await signedInWindow('officer.two@test.local', PHONE)
    await page.goto(origin)
    const item = page.getByTestId('my-task')
    await item.first().waitFor({ state: 'visible', timeout: STEP_MS })
    expect(new URL(page.url()).pathname).toBe('/my-tasks')
    expect(await page.getByTestId('my-task-dosage').first().textContent()).toBe('0 of 3 visits, 0 of 45 minutes this week')
    await item.first().locator('a').click()
    await page.getByTestId('task-area-map').waitFor({ state: 'visible', timeout: MAP_MS })
    expect(await page.getByTestId('task-problem').textContent()).toBe(PROBLEM)

    const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
    const recordVisit = async (engagements: number) => {
      await page.getByTestId('record-visit').click()
      await page.getByTestId('visit-form').waitFor({ state: 'visible', timeout: STEP_MS })
      expect(await page.getByTestId('visit-minutes').inputValue()).toBe('15')
      const more = page.getByTestId('action-engagements').getByTestId('action-more')
      for (let count = 0; count < engagements; count += 1) await more.click()
      expect(await noSideways()).toBe(true)
      const box = await page.getByTestId('visit-submit').boundingBox()
      expect(box!.height).toBeGreaterThanOrEqual(44)
      await page.getByTestId('visit-submit').click()
      await page.getByTestId('visit-done').waitFor({ state: 'visible', timeout: STEP_MS })
    }

    await recordVisit(2)
    expect(await page.getByTestId('visit-done').textContent()).toContain('Visit recorded.')
    await page.getByTestId('visit-done').getByRole('button', { name: 'Done' }).click()
    await expect.poll(() => page.getByTestId('task-dosage').textContent(), { timeout: STEP_MS }).toContain('1 of 3 visits, 15 of 45 minutes this week')

    await context.setOffline(true)
    await recordVisit(1)
    expect(await page.getByTestId('visit-done').textContent()).toContain('kept on this device')
    expect(await page.getByTestId('outbox-waiting').textContent()).toBe('waiting to send (1)')
    await page.screenshot({ path: path.join(artifactsDir, 'e2e-tasks-officer-offline.png'), fullPage: true })
    expect((await testApp.pool.query('SELECT count(*)::int AS n FROM task_visits WHERE task_id = $1', [taskId])).rows[0].n).toBe(1)

    await context.setOffline(false)
    await page.getByTestId('outbox').waitFor({ state: 'detached', timeout: STEP_MS })
    expect(await page.getByTestId('visit-done').textContent()).toContain('has been sent')
    await expect.poll(() => page.getByTestId('task-dosage').textContent(), { timeout: STEP_MS }).toContain('2 of 3 visits, 30 of 45 minutes this week')
    const visits = await testApp.pool.query<{ n: number; engagements: number }>(
      `SELECT count(*)::int AS n, sum((actions->>'engagements')::int)::int AS engagements FROM task_visits WHERE task_id = $1`,
      [taskId],
    )
    expect(visits.rows[0]).toEqual({ n: 2, engagements: 3 })
    // Both visits listed on the task, newest first, in words: what the team did before this officer goes out again.
    await expect.poll(() => page.getByTestId('visit-item').count(), { timeout: STEP_MS }).toBe(2)
    const listed = await page.getByTestId('visit-item').allTextContents()
    expect(listed.some((text) => text.includes('PC Two · 2 engagements'))).toBe(true)
    expect(listed.some((text) => text.includes('PC Two · 1 engagement'))).toBe(true)
    await page.screenshot({ path: path.join(artifactsDir, 'e2e-tasks-officer.png'), fullPage: true })
  })

  it('councillor: the ward report lists the patrol tasks in their ward with status, dosage delivered and contacts', async () => {
    const taskId = visitedTaskId
    const { rows } = await testApp.pool.query<{ ward_code: string }>('SELECT ward_code FROM task_wards WHERE task_id = $1 ORDER BY share DESC LIMIT 1', [taskId])
    await createTestUser(testApp.pool, { email: 'councillor@test.local', name: 'Cllr Test', role: 'councillor', wards: [rows[0].ward_code] })
    const { page } = await signedInWindow('councillor@test.local', PHONE)
    await page.goto(`${origin}/reports`)
    const task = page.locator(`[data-testid="ward-report"][data-ward="${rows[0].ward_code}"] [data-testid="ward-task"][data-task-id="${taskId}"]`)
    await task.waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await task.getByTestId('ward-task-week').textContent()).toBe('2 of 3 visits, 30 of 45 minutes this week')
    expect(await task.getByTestId('ward-task-total').textContent()).toBe('2 visits, 30 minutes')
    expect(await task.textContent()).toContain('Central NPT; PC Test')
    // A councillor is not shown the problem in words (docs/access.md).
    expect(await page.textContent('body')).not.toContain('Groups gathering by the shops')
  })

  it('inspector: sees the dosage delivered in the task list and on the map, and is told when someone else changed the task', async () => {
    const taskId = visitedTaskId
    const { page, context } = await signedInWindow('inspector@test.local', DESKTOP)
    // The map shows the tasked and in-progress tasks: those made here and by any test that ran before this one.
    const onMap = (await testApp.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM tasks WHERE status IN ('tasked', 'in_progress')`)).rows[0].n
    await page.goto(`${origin}/tasks`)
    const row = page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`)
    await row.waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await row.getByTestId('task-row-dosage').textContent()).toBe('2 of 3 visits, 30 of 45 minutes this week')

    await page.getByTestId('nav-map').click()
    await page.getByTestId('legend-task-areas').waitFor({ state: 'visible', timeout: MAP_MS })
    expect(await page.getByTestId('legend-task-areas').textContent()).toContain(`Task areas (${onMap})`)
    await page.screenshot({ path: path.join(artifactsDir, 'e2e-tasks-map.png') })
    // Hotspots mode shows the same task areas, so its legend keys their shading too.
    await page.getByTestId('mode-hotspots').click()
    await expect.poll(() => page.getByTestId('hotspot-results').getByTestId('legend-task-areas').textContent(), { timeout: MAP_MS }).toContain(`Task areas (${onMap})`)
    await page.getByTestId('mode-incidents').click()

    // A polygon drawn on the map (terra-draw) becomes a new task's area: four corners, then the first again to close.
    await page.getByTestId('draw-start').click()
    await page.getByTestId('draw-cancel').waitFor({ state: 'visible', timeout: STEP_MS })
    const map = (await page.getByTestId('map').boundingBox())!
    const centre = { x: map.x + map.width / 2, y: map.y + map.height / 2 }
    const corners = [[-40, -30], [40, -30], [40, 30], [-40, 30], [-40, -30]]
    for (const [dx, dy] of corners) {
      await page.mouse.click(centre.x + dx, centre.y + dy)
      await page.waitForTimeout(150)
    }
    await page.getByTestId('task-create').waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await page.getByTestId('task-area-source').textContent()).toContain('a polygon drawn on the map (4 corners)')
    await page.getByTestId('task-title-input').fill('Drawn area')
    await page.getByTestId('task-create-submit').click()
    await page.getByTestId('task-editor').waitFor({ state: 'visible', timeout: STEP_MS })
    const drawnId = Number(new URL(page.url()).searchParams.get('task'))
    const drawn = await testApp.pool.query<{ source: string; wards: number }>(
      'SELECT source, (SELECT count(*)::int FROM task_wards w WHERE w.task_id = t.id) AS wards FROM tasks t WHERE id = $1',
      [drawnId],
    )
    expect(drawn.rows[0].source).toBe('polygon')
    expect(drawn.rows[0].wards).toBeGreaterThan(0)

    // Hexagons picked on the map become a task's area, stored with their cells.
    await page.goto(`${origin}/`)
    await page.waitForFunction(() => window.__patrolmap?.hexesLoaded === true, undefined, { timeout: MAP_MS })
    const hexesUrl = await page.evaluate(() => window.__patrolmap!.lastHexesUrl)
    const hexes = (await page.evaluate(async (url) => (await fetch(url)).json(), hexesUrl)) as { h3: string; count: number }[]
    const mapBox = (await page.getByTestId('map').boundingBox())!
    const panel = (await page.locator('.panel').boundingBox())!
    const legend = (await page.getByTestId('legend').boundingBox())!
    const targets: { cell: string; x: number; y: number }[] = []
    for (const hex of [...hexes].sort((a, b) => b.count - a.count)) {
      const [lat, lon] = cellToLatLng(hex.h3)
      const point = await page.evaluate(([x, y]) => window.__patrolmap!.project!(x, y), [lon, lat])
      const x = mapBox.x + point.x
      const y = mapBox.y + point.y
      const clear = x > panel.x + panel.width + 20 && x < legend.x - 20 && y > mapBox.y + 90 && y < mapBox.y + mapBox.height - 60
      if (clear && targets.every((taken) => Math.hypot(taken.x - x, taken.y - y) > 12)) targets.push({ cell: hex.h3, x, y })
      if (targets.length === 2) break
    }
    expect(targets).toHaveLength(2)
    await page.getByTestId('pick-cells-start').click()
    for (const target of targets) await page.mouse.click(target.x, target.y)
    await expect.poll(() => page.getByTestId('pick-cells-status').textContent(), { timeout: STEP_MS }).toMatch(/^2 hexagons picked, \d\.\d\d km²/)
    // While picking, a click adds a hexagon rather than opening what is behind it.
    expect(await page.getByTestId('hex-detail').count()).toBe(0)
    await page.getByTestId('pick-cells-task').click()
    await page.getByTestId('task-create').waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await page.getByTestId('task-area-source').textContent()).toContain('2 hexagons picked on the map')
    await page.getByTestId('task-title-input').fill('Picked hexagons')
    await page.getByTestId('task-create-submit').click()
    await page.getByTestId('task-editor').waitFor({ state: 'visible', timeout: STEP_MS })
    const pickedId = Number(new URL(page.url()).searchParams.get('task'))
    const picked = await testApp.pool.query<{ source: string; cells: string[] }>('SELECT source, cells FROM tasks WHERE id = $1', [pickedId])
    expect(picked.rows[0]).toEqual({ source: 'cells', cells: targets.map((target) => target.cell).sort() })

    // Someone else saves the task while this page has it open: the save is refused, and the page says so.
    await page.goto(`${origin}/tasks?task=${taskId}`)
    await page.getByTestId('task-editor').waitFor({ state: 'visible', timeout: MAP_MS })
    const session = (await (await context.request.get(`${origin}/api/auth/session`)).json()) as { csrfToken: string }
    const task = (await (await context.request.get(`${origin}/api/tasks/${taskId}`)).json()) as { version: number }
    const elsewhere = await context.request.patch(`${origin}/api/tasks/${taskId}`, {
      data: { version: task.version, problem: 'Groups gathering and fires lit by the shops.' },
      headers: { 'x-csrf-token': session.csrfToken },
    })
    expect(elsewhere.status()).toBe(200)
    await page.getByTestId('task-title-input').fill('Shops: evening patrols')
    await page.getByTestId('task-save').click()
    await page.getByTestId('task-conflict').waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await page.getByTestId('task-conflict').textContent()).toContain('They changed: problem.')
    await page.getByTestId('conflict-reapply').click()
    expect(await page.getByTestId('task-problem-input').inputValue()).toBe('Groups gathering and fires lit by the shops.')
    await page.getByTestId('task-save').click()
    await expect.poll(() => page.getByTestId('task-title').textContent(), { timeout: STEP_MS }).toBe('Shops: evening patrols')
    const stored = await testApp.pool.query<{ title: string; problem: string }>('SELECT title, problem FROM tasks WHERE id = $1', [taskId])
    expect(stored.rows[0]).toEqual({ title: 'Shops: evening patrols', problem: 'Groups gathering and fires lit by the shops.' })
  })
})
