// Patrol visits (issue 13), through the API against a real PostGIS: a resend is recorded once, the dosage delivered per
// week equals plain SQL over the visits, a point outside the task area is flagged as plain PostGIS finds it, and only
// the task's own officers (or staff) record and read visits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, createTestUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import type { Task, Visit } from './schemas.js'

const TOWN_CENTRE = 'E05014882' // Stockton Town Centre (WD23)

let testApp: TestApp
let inspector: SignedIn
let officer: SignedIn
let officerId: number
let task: Task
let serial = 0

const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const call = (method: 'GET' | 'POST', url: string, who: SignedIn, payload?: unknown) =>
  testApp.app.inject({ method, url, headers: who.headers, payload: payload as object | undefined })

function visitBody(extra: Record<string, unknown> = {}) {
  serial += 1
  return { idempotencyKey: `visit-key-${serial}-${Date.now()}`, date: '2025-03-07', startTime: '19:30', minutes: 15, ...extra }
}

async function newTask(status: 'proposed' | 'tasked' = 'tasked', extra: Record<string, unknown> = {}): Promise<Task> {
  const created = await call('POST', '/api/tasks', inspector, {
    title: 'Evening ASB by the shops',
    leadTeamId: 1,
    officerIds: [officerId],
    dosage: { visitsPerWeek: 3, minutesPerVisit: 15 },
    startDate: '2025-03-03',
    endDate: '2025-03-30',
    area: { source: 'ward', ward: TOWN_CENTRE },
    ...extra,
  })
  expect(created.statusCode, created.body).toBe(201)
  if (status === 'proposed') return created.json()
  const moved = await call('POST', `/api/tasks/${created.json().id}/status`, inspector, { to: 'tasked', version: 1 })
  expect(moved.statusCode, moved.body).toBe(200)
  return moved.json()
}

beforeAll(async () => {
  testApp = await startTestApp()
  await testApp.importFiles(boundaryFiles)
  inspector = await testApp.signInAs('inspector')
  officerId = await createTestUser(testApp.pool, { email: 'pc.patrol@test.local', name: 'PC Patrol', role: 'officer' })
  officer = await signIn(testApp.app, 'pc.patrol@test.local')
  task = await newTask()
})
afterAll(() => testApp.close())

describe('recording a visit', () => {
  it('records the visit with its officer, actions and notes, and the first one puts the task in progress (audited)', async () => {
    const response = await call('POST', `/api/tasks/${task.id}/visits`, officer, visitBody({ actions: { engagements: 4, cpw: 1 }, notes: 'Group of 6 by the bus shelter.\nMoved on.' }))
    expect(response.statusCode, response.body).toBe(201)
    const visit: Visit = response.json()
    expect(visit).toMatchObject({ taskId: task.id, date: '2025-03-07', startTime: '19:30', minutes: 15, location: null, outsideArea: null, notes: 'Group of 6 by the bus shelter.\nMoved on.' })
    expect(visit.officers).toEqual([{ id: officerId, name: 'PC Patrol', email: 'pc.patrol@test.local' }])
    expect(visit.actions).toEqual({ engagements: 4, warnings: 0, cpw: 1, cpn: 0, fpn: 0, dispersals: 0, section27: 0, referrals: 0, other: 0 })
    const now = (await call('GET', `/api/tasks/${task.id}`, inspector)).json()
    expect(now).toMatchObject({ status: 'in_progress', version: task.version + 1 })
    const trail = await sql(`SELECT action, actor_email, details, before, after FROM audit_log WHERE target = $1 AND action IN ('task.visit', 'task.status') ORDER BY id`, [`task:${task.id}`])
    expect(trail.slice(-2).map((entry) => entry.action)).toEqual(['task.visit', 'task.status'])
    expect(trail.at(-2)).toMatchObject({ actor_email: 'pc.patrol@test.local', after: { visitId: visit.id, minutes: 15, officerIds: [officerId], outsideArea: null } })
    expect(trail.at(-1)).toMatchObject({ details: { reason: 'first visit recorded' }, before: { status: 'tasked' }, after: { status: 'in_progress' } })
  })

  it('records a resent visit once: the same key answers the visit first recorded', async () => {
    const body = visitBody({ minutes: 12 })
    const first = await call('POST', `/api/tasks/${task.id}/visits`, officer, body)
    expect(first.statusCode).toBe(201)
    const again = await call('POST', `/api/tasks/${task.id}/visits`, officer, body)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(first.json())
    // Sent twice at once, as a phone back online might.
    const twice = visitBody({ minutes: 13 })
    const answers = await Promise.all([call('POST', `/api/tasks/${task.id}/visits`, officer, twice), call('POST', `/api/tasks/${task.id}/visits`, officer, twice)])
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 201])
    expect(answers[0].json().id).toBe(answers[1].json().id)
    for (const key of [body.idempotencyKey, twice.idempotencyKey]) {
      expect(await sql(`SELECT id FROM task_visits WHERE idempotency_key = $1`, [key])).toHaveLength(1)
    }
    const other = await newTask()
    const reused = await call('POST', `/api/tasks/${other.id}/visits`, officer, body)
    expect(reused.statusCode).toBe(409)
    expect(reused.json().message).toMatch(/^idempotencyKey: already used for a visit to task/)
  })

  it('flags a point outside the task area, as plain PostGIS finds it', async () => {
    const [inside] = await sql(`SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM wards WHERE code = $1`, [TOWN_CENTRE])
    const [outside] = await sql(
      `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM wards
        WHERE code <> $1 AND NOT ST_DWithin(label_point::geography, (SELECT geom FROM wards WHERE code = $1)::geography, 25) ORDER BY code LIMIT 1`,
      [TOWN_CENTRE],
    )
    const here = (await call('POST', `/api/tasks/${task.id}/visits`, officer, visitBody({ location: inside }))).json()
    const there = (await call('POST', `/api/tasks/${task.id}/visits`, officer, visitBody({ location: outside }))).json()
    expect(here).toMatchObject({ location: inside, outsideArea: false })
    expect(there).toMatchObject({ location: outside, outsideArea: true })
    const plain = await sql(
      `SELECT v.id::int, NOT ST_DWithin(t.geom::geography, v.geom::geography, 25) AS outside FROM task_visits v JOIN tasks t ON t.id = v.task_id WHERE v.id = ANY ($1) ORDER BY v.id`,
      [[here.id, there.id]],
    )
    expect(plain).toEqual([{ id: here.id, outside: false }, { id: there.id, outside: true }])
  })

  it('refuses a visit to a task not under way, on a day outside the task, or in the future', async () => {
    const proposed = await newTask('proposed')
    const refused = await call('POST', `/api/tasks/${proposed.id}/visits`, officer, visitBody())
    expect(refused.statusCode).toBe(409)
    expect(refused.json().message).toBe('status: visits are recorded on tasked, in progress or escalated tasks; this task is proposed')
    expect((await call('POST', `/api/tasks/${task.id}/visits`, officer, visitBody({ date: '2025-02-28' }))).json().message).toBe(
      'date: 2025-02-28 is outside the task\u2019s dates (2025-03-03 to 2025-03-30)',
    )
    const future = await newTask('tasked', { endDate: '2199-12-31' })
    expect((await call('POST', `/api/tasks/${future.id}/visits`, officer, visitBody({ date: '2199-01-01' }))).json().message).toMatch(/^date: 2199-01-01 is after today/)
    expect((await call('POST', `/api/tasks/${task.id}/visits`, officer, visitBody({ startTime: '25:00' }))).statusCode).toBe(400)
    expect((await call('POST', `/api/tasks/${task.id}/visits`, officer, visitBody({ actions: { arrests: 1 } }))).statusCode).toBe(400)
  })
})

describe('who records and reads visits', () => {
  it('an officer only on their own or their team\u2019s tasks; a councillor never', async () => {
    const notTheirs = await newTask('tasked', { officerIds: [] })
    expect((await call('POST', `/api/tasks/${notTheirs.id}/visits`, officer, visitBody())).statusCode).toBe(404)
    expect((await call('GET', `/api/tasks/${notTheirs.id}/visits`, officer)).statusCode).toBe(404)
    await sql(`UPDATE users SET team_id = 1 WHERE id = $1`, [officerId])
    expect((await call('POST', `/api/tasks/${notTheirs.id}/visits`, officer, visitBody())).statusCode).toBe(201)
    await sql(`UPDATE users SET team_id = NULL WHERE id = $1`, [officerId])
    const councillor = await testApp.signInAs('councillor', { wards: [TOWN_CENTRE] })
    expect((await call('POST', `/api/tasks/${task.id}/visits`, councillor, visitBody())).statusCode).toBe(403)
    expect((await call('GET', `/api/tasks/${task.id}/visits`, councillor)).statusCode).toBe(403)
    // An inspector recording names who patrolled; by default, themself.
    const own = await call('POST', `/api/tasks/${task.id}/visits`, inspector, visitBody())
    expect(own.json().officers.map((person: { email: string }) => person.email)).toEqual(['inspector@test.local'])
    const listed: Visit[] = (await call('GET', `/api/tasks/${task.id}/visits`, officer)).json().items
    expect(listed.map((visit) => visit.id)).toEqual((await sql(`SELECT id::int FROM task_visits WHERE task_id = $1 ORDER BY visit_date DESC, start_time DESC, id DESC`, [task.id])).map((row) => row.id))
  })
})

describe('dosage delivered', () => {
  it('per week against the target, equal to plain SQL over the visits, on the task and in the list', async () => {
    const dosed = await newTask('tasked', { dosage: { visitsPerWeek: 2, minutesPerVisit: 20 } })
    const visits: [string, number][] = [
      ['2025-03-03', 15],
      ['2025-03-09', 20],
      ['2025-03-09', 25],
      ['2025-03-17', 10],
      ['2025-03-30', 30],
    ]
    for (const [date, minutes] of visits) {
      expect((await call('POST', `/api/tasks/${dosed.id}/visits`, officer, visitBody({ date, minutes }))).statusCode).toBe(201)
    }
    const plain = await sql(
      `SELECT to_char(w, 'YYYY-MM-DD') AS "weekStart", count(v.id)::int AS visits, coalesce(sum(v.minutes), 0)::int AS minutes
         FROM generate_series(date '2025-03-03', date '2025-03-24', interval '7 days') AS w
         LEFT JOIN task_visits v ON v.task_id = $1 AND v.visit_date BETWEEN w::date AND w::date + 6
        GROUP BY w ORDER BY w`,
      [dosed.id],
    )
    expect(plain.map((week) => week.visits)).toEqual([3, 0, 1, 1])
    const shown: Task = (await call('GET', `/api/tasks/${dosed.id}`, inspector)).json()
    expect(shown.delivery.weeks).toEqual(plain.map((week) => ({ ...week, visitShare: week.visits / 2, minuteShare: week.minutes / 40 })))
    const [total] = await sql(`SELECT count(*)::int AS visits, sum(minutes)::int AS minutes FROM task_visits WHERE task_id = $1`, [dosed.id])
    expect(shown.delivery.total).toEqual({ ...total, visitsOutsideArea: 0 })
    const listed: Task = (await call('GET', '/api/tasks', inspector)).json().items.find((item: Task) => item.id === dosed.id)
    expect(listed.delivery.total).toEqual(shown.delivery.total)
    expect(listed.delivery).not.toHaveProperty('weeks')
    // This week (UK): no visit was dated in it.
    const [thisWeek] = await sql(`SELECT to_char(date_trunc('week', now() AT TIME ZONE 'Europe/London'), 'YYYY-MM-DD') AS start`)
    expect(listed.delivery.thisWeek).toEqual({ weekStart: thisWeek.start, visits: 0, minutes: 0, visitShare: 0, minuteShare: 0 })
  })
})
