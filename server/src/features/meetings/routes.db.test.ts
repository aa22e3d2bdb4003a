// The JAG meeting (issue 13) through the API against a real PostGIS and three months of real police.uk data: meetings
// with their audit trail and stale versions, and every agenda figure checked against plain SQL (or, for the ranking,
// against the Hotspots route itself): locations no open task covers, dosage in the last full week, incidents since
// tasked, POPs due for review, tasks escalated to the PSG; the minutes; task sheets and who may have them; the PDF's
// refusal where it cannot be made.
import { cellsToMultiPolygon } from 'h3-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, createTestUser, policeUkFile, signIn, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import type { Task } from '../tasks/schemas.js'
import { addDays, lastFullWeekStart } from './agenda.js'
import type { Agenda, Meeting, Minutes, TaskSheet } from './schemas.js'

const TOWN_CENTRE = 'E05014882' // Stockton Town Centre (WD23)

let testApp: TestApp
let inspector: SignedIn
let officer: SignedIn
let otherOfficer: SignedIn
let officerId: number
let policeTeam: number
let councilTeam: number
let today: string

const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who: SignedIn, payload?: unknown) =>
  testApp.app.inject({ method, url, headers: who.headers, payload: payload as object | undefined })

async function createMeeting(body: Record<string, unknown>): Promise<Meeting> {
  const response = await call('POST', '/api/meetings', inspector, body)
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

async function createTask(extra: Record<string, unknown>): Promise<Task> {
  const response = await call('POST', '/api/tasks', inspector, {
    title: 'Evening ASB',
    problem: 'Groups gathering after 6pm.',
    categories: ['Anti-social behaviour'],
    leadTeamId: policeTeam,
    officerIds: [officerId],
    dosage: { visitsPerWeek: 3 },
    startDate: '2025-10-06',
    endDate: addDays(today, 60),
    area: { source: 'ward', ward: TOWN_CENTRE },
    ...extra,
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

async function agendaOf(id: number, query = ''): Promise<Agenda> {
  const response = await call('GET', `/api/meetings/${id}/agenda${query}`, inspector)
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

beforeAll(async () => {
  testApp = await startTestApp()
  await testApp.importFiles([...boundaryFiles, policeUkFile('2025-09'), policeUkFile('2025-10'), policeUkFile('2025-11')])
  policeTeam = (await sql(`SELECT id::int FROM teams WHERE agency = 'police' ORDER BY id LIMIT 1`))[0].id
  councilTeam = (await sql(`SELECT id::int FROM teams WHERE agency = 'council' ORDER BY id LIMIT 1`))[0].id
  officerId = await createTestUser(testApp.pool, { email: 'officer@meetings.test', role: 'officer' })
  await sql(`UPDATE users SET team_id = $1 WHERE id = $2`, [policeTeam, officerId])
  const otherId = await createTestUser(testApp.pool, { email: 'other@meetings.test', role: 'officer' })
  await sql(`UPDATE users SET team_id = $1 WHERE id = $2`, [councilTeam, otherId])
  inspector = await testApp.signInAs('inspector')
  officer = await signIn(testApp.app, 'officer@meetings.test')
  otherOfficer = await signIn(testApp.app, 'other@meetings.test')
  today = (await sql(`SELECT to_char(now() AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS d`))[0].d
}, 300_000)
afterAll(() => testApp.close())

describe('meetings', () => {
  it('records a meeting with who was present, audited; edits on a stale version are refused with the current one', async () => {
    const meeting = await createMeeting({ heldOn: '2025-11-20', teamIds: [councilTeam, policeTeam], othersPresent: ['Residents\u2019 association'], chair: 'Insp. Grey' })
    expect(meeting).toMatchObject({ heldOn: '2025-11-20', title: 'JAG meeting', chair: 'Insp. Grey', othersPresent: ['Residents\u2019 association'], version: 1, taskCount: 0 })
    expect(meeting.teams.map((team) => team.id).sort()).toEqual([policeTeam, councilTeam].sort())
    const [created] = await sql(`SELECT action, after FROM audit_log WHERE target = $1`, [`meeting:${meeting.id}`])
    expect(created).toMatchObject({ action: 'meeting.create', after: { heldOn: '2025-11-20', teamIds: [policeTeam, councilTeam].sort((a, b) => a - b) } })

    const edited = await call('PATCH', `/api/meetings/${meeting.id}`, inspector, { version: 1, notes: 'Quorate.' })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(edited.json()).toMatchObject({ notes: 'Quorate.', version: 2 })
    const stale = await call('PATCH', `/api/meetings/${meeting.id}`, inspector, { version: 1, notes: 'Lost update' })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().current).toMatchObject({ notes: 'Quorate.', version: 2 })
    const same = await call('PATCH', `/api/meetings/${meeting.id}`, inspector, { version: 2, notes: 'Quorate.' })
    expect(same.json().version).toBe(2)
    expect(await sql(`SELECT action, before, after FROM audit_log WHERE target = $1 ORDER BY id`, [`meeting:${meeting.id}`])).toEqual([
      expect.objectContaining({ action: 'meeting.create' }),
      { action: 'meeting.update', before: { notes: '' }, after: { notes: 'Quorate.' } },
    ])
    expect((await call('POST', '/api/meetings', inspector, { heldOn: '2025-11-20', teamIds: [999999] })).statusCode).toBe(400)
    expect((await call('PATCH', '/api/meetings/999999', inspector, { version: 1, notes: 'x' })).statusCode).toBe(404)
    expect((await call('GET', '/api/meetings/999999/agenda', inspector)).statusCode).toBe(404)
    const list = (await call('GET', '/api/meetings', inspector)).json()
    expect(list.items.map((item: Meeting) => item.id)).toContain(meeting.id)
    // Officers and councillors have no meetings, only (officers) their team's task sheet.
    expect((await call('GET', '/api/meetings', officer)).statusCode).toBe(403)
  })
})

describe('the agenda', () => {
  let meeting: Meeting
  beforeAll(async () => {
    meeting = await createMeeting({ heldOn: '2025-11-26' })
  })

  it('lists the Hotspots ranking (anti-social behaviour, the last 3 months), leaving out what an open task covers', async () => {
    const before = await agendaOf(meeting.id)
    expect(before.locations.period).toEqual({ from: '2025-09', to: '2025-11' })
    expect(before.locations.categories).toEqual(['Anti-social behaviour'])
    const hotspots = (await call('GET', '/api/hotspots/problem-locations?from=2025-09&to=2025-11&categories=Anti-social%20behaviour&limit=60', inspector)).json()
    expect(hotspots.locations.length).toBeGreaterThan(2)
    // Nothing is tasked yet: the first ten, as Hotspots ranks them, with their figures.
    expect(before.locations.covered).toEqual([])
    expect(before.locations.items.map((item) => [item.rank, item.name, item.incidents, item.cells])).toEqual(
      hotspots.locations.slice(0, 10).map((location: { rank: number; name: string; incidents: number; cells: string[] }) => [location.rank, location.name, location.incidents, location.cells]),
    )

    // A task on most of location #1 (all its cells but one, when it has more than two) covers it; a task on one cell of #2 does not.
    const first = hotspots.locations[0]
    const second = hotspots.locations[1]
    const firstCells: string[] = first.cells.length > 2 ? first.cells.slice(0, -1) : first.cells
    const covering = await createTask({ title: 'Covers #1', area: { source: 'problem-location', res: hotspots.res, cells: firstCells } })
    const partial = second.cells.length > 2 ? await createTask({ title: 'Part of #2', area: { source: 'cells', res: hotspots.res, cells: [second.cells[0]] } }) : null
    const after = await agendaOf(meeting.id)
    const shareBySql = async (taskId: number, cells: string[]) =>
      (
        await sql(`SELECT ST_Area(ST_Intersection(t.geom, l)) / ST_Area(l) AS share FROM tasks t, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326) AS l WHERE t.id = $1`, [
          taskId,
          JSON.stringify({ type: 'MultiPolygon', coordinates: cellsToMultiPolygon(cells, true) }),
        ])
      )[0].share as number
    const expectedShare = await shareBySql(covering.id, first.cells)
    expect(expectedShare).toBeGreaterThanOrEqual(0.5)
    expect(after.locations.covered).toEqual([{ rank: 1, name: first.name, taskId: covering.id, taskTitle: 'Covers #1', share: expect.closeTo(expectedShare, 9) }])
    expect(after.locations.items[0].rank).toBe(2)
    if (partial) {
      const partialShare = await shareBySql(partial.id, second.cells)
      expect(partialShare).toBeLessThan(0.5)
      expect(after.locations.items[0].bestCover).toEqual({ taskId: partial.id, title: 'Part of #2', share: expect.closeTo(partialShare, 9) })
    }
    // A closed task covers nothing: #1 comes back.
    await call('POST', `/api/tasks/${covering.id}/status`, inspector, { to: 'closed', version: covering.version, outcome: 'Test over' })
    expect((await agendaOf(meeting.id)).locations.items[0].rank).toBe(1)
  })

  it('gives each open task its dosage in the last full week before the meeting and the incidents since it was tasked', async () => {
    const task = await createTask({ title: 'Town centre ASB', startDate: '2025-10-06' })
    const weekStart = lastFullWeekStart(meeting.heldOn)
    expect(weekStart).toBe('2025-11-17') // the meeting is on Wednesday 26 November
    const moved = (await call('POST', `/api/tasks/${task.id}/status`, inspector, { to: 'tasked', version: task.version })).json()
    for (const [key, date, minutes] of [['meet-visit-1', '2025-11-17', 15], ['meet-visit-2', '2025-11-23', 20], ['meet-visit-3', '2025-11-24', 30], ['meet-visit-4', '2025-11-16', 10]] as const) {
      const visit = await call('POST', `/api/tasks/${task.id}/visits`, officer, { idempotencyKey: key, date, startTime: '18:00', minutes })
      expect(visit.statusCode, visit.body).toBe(201)
    }
    const agenda = await agendaOf(meeting.id)
    expect(agenda.openTasks.weekStart).toBe(weekStart)
    const item = agenda.openTasks.items.find((entry) => entry.task.id === task.id)!
    expect(item.task.id).toBe(moved.id)
    const [week] = await sql(
      `SELECT count(*)::int AS visits, coalesce(sum(minutes), 0)::int AS minutes FROM task_visits WHERE task_id = $1 AND visit_date BETWEEN $2::date AND $2::date + 6`,
      [task.id, weekStart],
    )
    expect(week).toEqual({ visits: 2, minutes: 35 })
    expect(item.week).toMatchObject({ weekStart, visits: week.visits, minutes: week.minutes, visitShare: week.visits / 3, minuteShare: week.minutes / 45 })
    // Months only: from the start of October (the task starts on 6 October) to November, the data's last month.
    const [since] = await sql(
      `SELECT count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id, tasks t
        WHERE t.id = $1 AND ST_Intersects(t.geom, l.geom) AND i.category = 'Anti-social behaviour'
          AND i.period_start >= timestamptz '2025-10-01 00:00 Europe/London' AND i.period_start < timestamptz '2025-12-01 00:00 Europe/London'`,
      [task.id],
    )
    expect(since.n).toBeGreaterThan(0)
    expect(item.incidentsSince).toEqual({ from: '2025-10', to: '2025-11', incidents: since.n })
    // A task starting after the data's last month has no incidents since yet, rather than a misleading 0.
    const later = await createTask({ title: 'Starts in December', startDate: '2025-12-01' })
    expect((await agendaOf(meeting.id)).openTasks.items.find((entry) => entry.task.id === later.id)!.incidentsSince).toBeNull()
  })

  it('counts incidents since tasked for every open task at once, each as plain SQL counts its own, and sends no task areas', async () => {
    const wards = await sql(`SELECT ward_code FROM locations l JOIN incidents i ON i.location_id = l.id WHERE ward_code IS NOT NULL GROUP BY ward_code ORDER BY count(*) DESC, ward_code LIMIT 4`)
    const made = await Promise.all(
      wards.map(({ ward_code }, index) =>
        createTask({ title: `Several at once ${index}`, area: { source: 'ward', ward: ward_code }, startDate: index % 2 ? '2025-09-15' : '2025-11-03', categories: index < 2 ? [] : ['Anti-social behaviour', 'Violence and sexual offences'] }),
      ),
    )
    const agenda = await agendaOf(meeting.id)
    for (const task of made) {
      const item = agenda.openTasks.items.find((entry) => entry.task.id === task.id)!
      const [since] = await sql(
        `SELECT count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id, tasks t
          WHERE t.id = $1 AND ST_Intersects(t.geom, l.geom)
            AND (cardinality(t.category_ids) = 0 OR i.category IN (SELECT name FROM incident_categories WHERE id = ANY (t.category_ids)))
            AND i.period_start >= date_trunc('month', t.start_date)::timestamp AT TIME ZONE 'Europe/London'
            AND i.period_start < timestamptz '2025-12-01 00:00 Europe/London'`,
        [task.id],
      )
      expect(since.n).toBeGreaterThan(0)
      expect(item.incidentsSince).toEqual({ from: task.startDate.slice(0, 7), to: '2025-11', incidents: since.n })
    }
    expect(agenda.openTasks.items.every((entry) => !('geometry' in entry.task.area))).toBe(true)
  })

  it('lists open POPs due for review within a week of the meeting, overdue ones flagged, and tasks escalated to the PSG with the reason', async () => {
    const ownerId = (await sql(`SELECT id::int FROM users WHERE email = 'inspector@test.local'`))[0].id
    const pop = (title: string, reviewOn: string, status = 'open') =>
      sql(
        `INSERT INTO pops (title, owner_id, review_on, status, closed_reason, geom, source)
         SELECT $1, $2, $3, $4, CASE WHEN $4 = 'closed' THEN 'done' END, ST_Multi(w.geom), 'polygon' FROM wards w WHERE w.code = $5
         RETURNING id::int`,
        [title, ownerId, reviewOn, status, TOWN_CENTRE],
      )
    await pop('Overdue', '2025-11-10')
    await pop('Due in five days', '2025-12-01')
    await pop('Due later', '2025-12-04')
    await pop('Closed', '2025-11-01', 'closed')
    const agenda = await agendaOf(meeting.id)
    const expected = await sql(
      `SELECT id::int, title, review_on < '2025-11-26' AS overdue FROM pops WHERE status = 'open' AND review_on <= date '2025-11-26' + 7 ORDER BY review_on, id`,
    )
    expect(agenda.pops.dueBy).toBe('2025-12-03')
    expect(agenda.pops.items.map((item) => ({ id: item.id, title: item.title, overdue: item.overdue }))).toEqual(expected)
    expect(agenda.pops.items.map((item) => item.title)).toEqual(['Overdue', 'Due in five days'])
    expect(agenda.pops.items[0]).toMatchObject({ daysOverdue: 16, saraStage: 'scanning', owner: { id: ownerId } })

    const task = await createTask({ title: 'Needs the PSG' })
    const escalated = await call('POST', `/api/tasks/${task.id}/status`, inspector, { to: 'escalated', version: task.version, reason: 'Housing enforcement needed' })
    expect(escalated.statusCode, escalated.body).toBe(200)
    const again = await agendaOf(meeting.id)
    const expectedIds = (await sql(`SELECT id::int FROM tasks WHERE status = 'escalated' ORDER BY id`)).map((row) => row.id)
    expect(again.escalated.map((item) => item.task.id).sort((a, b) => a - b)).toEqual(expectedIds)
    expect(again.escalated.find((item) => item.task.id === task.id)).toMatchObject({ reason: 'Housing enforcement needed' })
    expect(again.openTasks.items.some((item) => item.task.id === task.id)).toBe(false)
  })
})

describe('minutes and task sheets', () => {
  it('minute every task set at the meeting, with the day\u2019s changes and the resources per team', async () => {
    const meeting = await createMeeting({ heldOn: today, teamIds: [policeTeam] })
    const police = await createTask({ title: 'Set at the meeting', meetingId: meeting.id, dosage: { visitsPerWeek: 4, minutesPerVisit: 15 } })
    await createTask({ title: 'Council sweep', meetingId: meeting.id, leadTeamId: councilTeam, officerIds: [], dosage: { visitsPerWeek: 2, minutesPerVisit: 30 } })
    await call('PATCH', `/api/tasks/${police.id}`, inspector, { version: police.version, title: 'Set at the meeting (evenings)' })
    const elsewhere = await createTask({ title: 'Not this meeting' })
    const response = await call('GET', `/api/meetings/${meeting.id}/minutes`, inspector)
    expect(response.statusCode, response.body).toBe(200)
    const minutes: Minutes = response.json()
    const ids = (await sql(`SELECT id::int FROM tasks WHERE meeting_id = $1 ORDER BY id`, [meeting.id])).map((row) => row.id)
    expect(minutes.tasked.map((entry) => entry.task.id)).toEqual(ids)
    expect(minutes.tasked[0].changesOnTheDay.map((change) => change.fields)).toEqual([['created'], ['title']])
    expect(minutes.otherChanges.some((entry) => entry.taskId === elsewhere.id)).toBe(true)
    const byTeam = Object.fromEntries(minutes.resources.map((entry) => [entry.team?.id, entry]))
    expect(byTeam[policeTeam]).toMatchObject({ tasks: 1, visitsPerWeek: 4, minutesPerWeek: 60, officers: [{ id: officerId }] })
    expect(byTeam[councilTeam]).toMatchObject({ tasks: 1, visitsPerWeek: 2, minutesPerWeek: 60, officers: [] })
    expect(minutes.meeting.taskCount).toBe(2)
    // The minutes draw no map: the areas' GeoJSON stays behind (the task sheet below carries it).
    expect(minutes.tasked.every((entry) => !('geometry' in entry.task.area))).toBe(true)

    // The police team's sheet: its task only; its officer may have it, another team's officer may not.
    const sheet: TaskSheet = (await call('GET', `/api/meetings/${meeting.id}/task-sheets?team=${policeTeam}`, inspector)).json()
    expect(sheet.tasks.map((task) => task.id)).toEqual([police.id])
    expect(sheet.tasks[0].keyTimes).toHaveLength(7)
    expect(sheet.team.id).toBe(policeTeam)
    expect((await call('GET', `/api/meetings/${meeting.id}/task-sheets?team=${policeTeam}`, officer)).statusCode).toBe(200)
    expect((await call('GET', `/api/meetings/${meeting.id}/task-sheets?team=${policeTeam}`, otherOfficer)).statusCode).toBe(403)
    expect((await call('GET', `/api/meetings/${meeting.id}/task-sheets.pdf?team=${policeTeam}`, otherOfficer)).statusCode).toBe(403)
    expect((await call('GET', `/api/meetings/${meeting.id}/task-sheets?team=999999`, inspector)).statusCode).toBe(404)
    expect((await call('GET', `/api/meetings/${meeting.id}/minutes`, officer)).statusCode).toBe(403)
    // This app serves no client: the PDF says why it cannot be made, rather than fail.
    const pdf = await call('GET', `/api/meetings/${meeting.id}/task-sheets.pdf?team=${policeTeam}`, inspector)
    expect(pdf.statusCode).toBe(503)
    expect(pdf.json().message).toMatch(/print the task sheet page from your browser/i)
  })
})
