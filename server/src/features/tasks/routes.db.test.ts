// JAG tasks (issue 13), through the API against a real PostGIS: areas from cells, polygons and wards, with their wards
// checked against plain PostGIS SQL on the ward outlines; every status move allowed and refused; stale versions; the
// audit trail; and who sees what.
import { cellArea, gridDisk, latLngToCell } from 'h3-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, createTestUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import { emptyKeyTimes } from './key-times.js'
import type { Task } from './schemas.js'
import { canMove, TASK_MOVES, TASK_STATUSES, type TaskStatus } from './task-status.js'

const TOWN_CENTRE = 'E05014882' // Stockton Town Centre (WD23)

let testApp: TestApp
let inspector: SignedIn
let analyst: SignedIn
let officerId: number
let policeTeam: number
let councilTeam: number

const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who: SignedIn, payload?: unknown) =>
  testApp.app.inject({ method, url, headers: who.headers, payload: payload as object | undefined })

/** A point well inside the Town Centre ward, and the res-9 cell there with its ring. */
async function townCentreCells(): Promise<string[]> {
  const [point] = await sql(`SELECT ST_Y(label_point) AS lat, ST_X(label_point) AS lon FROM wards WHERE code = $1`, [TOWN_CENTRE])
  return gridDisk(latLngToCell(point.lat, point.lon, 9), 1)
}

function taskBody(area: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    title: 'Evening ASB by the shops',
    problem: 'Groups gathering after 6pm;\nshop staff report abuse.',
    categories: ['Anti-social behaviour', 'Public order'],
    keyTimes: emptyKeyTimes().map((hours, day) => hours.map((_, hour) => day >= 4 && hour >= 18)),
    leadTeamId: policeTeam,
    officerIds: [officerId],
    dosage: { visitsPerWeek: 3 },
    startDate: '2025-03-03',
    endDate: '2025-04-13',
    area,
    ...extra,
  }
}

async function createTask(area: Record<string, unknown>, extra: Record<string, unknown> = {}, who: SignedIn = inspector): Promise<Task> {
  const response = await call('POST', '/api/tasks', who, taskBody(area, extra))
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

/** The wards holding at least 0.1% of a task's area, straight from the ward outlines (not the ward_parts pieces). */
async function wardsByPlainSql(taskId: number): Promise<{ code: string; share: number }[]> {
  return sql(
    `SELECT w.code, ST_Area(ST_Intersection(w.geom, t.geom)) / ST_Area(t.geom) AS share
       FROM wards w, tasks t
      WHERE t.id = $1 AND ST_Intersects(w.geom, t.geom)
        AND ST_Area(ST_Intersection(w.geom, t.geom)) / ST_Area(t.geom) >= 0.001
      ORDER BY share DESC, w.code`,
    [taskId],
  )
}

function expectSameWards(task: Task, expected: { code: string; share: number }[]) {
  expect(task.wards.map((ward) => ward.code)).toEqual(expected.map((ward) => ward.code))
  task.wards.forEach((ward, index) => expect(ward.share).toBeCloseTo(expected[index].share, 6))
}

const auditOf = (target: string) => sql(`SELECT action, actor_email, details, before, after FROM audit_log WHERE target = $1 ORDER BY id`, [target])

beforeAll(async () => {
  testApp = await startTestApp()
  await testApp.importFiles(boundaryFiles)
  inspector = await testApp.signInAs('inspector')
  analyst = await testApp.signInAs('analyst')
  ;[{ id: policeTeam }, { id: councilTeam }] = await sql(
    `SELECT id::int FROM teams WHERE name IN ('Police neighbourhood team', 'Council enforcement') ORDER BY agency DESC`,
  )
  officerId = await createTestUser(testApp.pool, { email: 'pc.named@test.local', name: 'PC Named', role: 'officer' })
})
afterAll(() => testApp.close())

describe('a task area', () => {
  it('from H3 cells: their outline, its area, the cells kept, its wards as plain PostGIS finds them', async () => {
    const cells = await townCentreCells()
    const task = await createTask({ source: 'cells', res: 9, cells })
    expect(task).toMatchObject({ status: 'proposed', version: 1, area: { source: 'cells', res: 9, ward: null } })
    expect(task.area.cells).toEqual([...cells].sort())
    expect(task.area.geometry.type).toBe('MultiPolygon')
    // h3-js measures on a sphere, PostGIS on the spheroid: within 1%.
    const h3Km2 = cells.reduce((sum, cell) => sum + cellArea(cell, 'km2'), 0)
    expect(Math.abs(task.area.areaKm2 / h3Km2 - 1)).toBeLessThan(0.01)
    expectSameWards(task, await wardsByPlainSql(task.id))
    expect(task.wards[0].code).toBe(TOWN_CENTRE)
    expect(task.councils).toEqual([{ code: 'E06000004', name: 'Stockton-on-Tees' }])
    expect(task.categories).toEqual(['Anti-social behaviour', 'Public order'])
    expect(task.problem).toBe('Groups gathering after 6pm;\nshop staff report abuse.')
    expect(task.keyTimes![4][18]).toBe(true)
    expect(task.keyTimes![3][18]).toBe(false)
    expect(task.dosage).toEqual({ visitsPerWeek: 3, minutesPerVisit: 15 })
    expect(task.officers).toEqual([{ id: officerId, name: 'PC Named', email: 'pc.named@test.local' }])
    // Bit day × 24 + hour, Monday = 0: Friday 18:00 is bit 114.
    const [stored] = await sql(`SELECT substring(key_times::text, 115, 1) AS friday_six, substring(key_times::text, 91, 1) AS thursday_six FROM tasks WHERE id = $1`, [task.id])
    expect(stored).toEqual({ friday_six: '1', thursday_six: '0' })
  })

  it('from a ranked problem location: its cells, marked as such', async () => {
    const task = await createTask({ source: 'problem-location', res: 9, cells: await townCentreCells() })
    expect(task.area.source).toBe('problem-location')
    expectSameWards(task, await wardsByPlainSql(task.id))
  })

  it('from a polygon across a ward boundary: both wards, with their shares as plain PostGIS finds them', async () => {
    // A 600 m square around a point on the Town Centre ward's boundary.
    const [edge] = await sql(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointN(ST_ExteriorRing((ST_Dump(geom)).geom), 1) AS p FROM wards WHERE code = $1) s LIMIT 1`,
      [TOWN_CENTRE],
    )
    const [dx, dy] = [0.0045, 0.0027]
    const ring = [
      [edge.lon - dx, edge.lat - dy],
      [edge.lon + dx, edge.lat - dy],
      [edge.lon + dx, edge.lat + dy],
      [edge.lon - dx, edge.lat + dy],
      [edge.lon - dx, edge.lat - dy],
    ]
    const task = await createTask({ source: 'polygon', polygon: { type: 'Polygon', coordinates: [ring] } })
    const expected = await wardsByPlainSql(task.id)
    expect(expected.length).toBeGreaterThanOrEqual(2)
    expect(expected.map((ward) => ward.code)).toContain(TOWN_CENTRE)
    expectSameWards(task, expected)
    expect(task.area.cells).toBeNull()
    const [size] = await sql(`SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)::geography) / 1e6 AS km2`, [JSON.stringify({ type: 'Polygon', coordinates: [ring] })])
    expect(task.area.areaKm2).toBeCloseTo(size.km2, 6)
  })

  it('from a ward: its outline, and that ward alone (its neighbours only touch it)', async () => {
    const task = await createTask({ source: 'ward', ward: TOWN_CENTRE })
    expect(task.area).toMatchObject({ source: 'ward', ward: TOWN_CENTRE, res: null, cells: null })
    expect(task.wards.map((ward) => ward.code)).toEqual([TOWN_CENTRE])
    expect(task.wards[0].share).toBeCloseTo(1, 6)
    expectSameWards(task, await wardsByPlainSql(task.id))
    const [same] = await sql(`SELECT ST_Equals(t.geom, w.geom) AS equal FROM tasks t, wards w WHERE t.id = $1 AND w.code = $2`, [task.id, TOWN_CENTRE])
    expect(same.equal).toBe(true)
  })

  it('keeps each task\u2019s wards when ward boundaries are loaded again', async () => {
    const before = await sql(`SELECT task_id, ward_code, share FROM task_wards ORDER BY task_id, ward_code`)
    await testApp.importFiles([boundaryFiles[1]], { force: true })
    expect(await sql(`SELECT task_id, ward_code, share FROM task_wards ORDER BY task_id, ward_code`)).toEqual(before)
  })

  it('refuses a bad area by name and stores nothing', async () => {
    const count = async () => (await sql(`SELECT count(*)::int AS n FROM tasks`))[0].n
    const before = await count()
    const bowtie = [[-1.31, 54.56], [-1.30, 54.57], [-1.30, 54.56], [-1.31, 54.57], [-1.31, 54.56]]
    const far = [[0, 0], [0.01, 0], [0.01, 0.01], [0, 0.01], [0, 0]]
    const huge = [[-1.5, 54.4], [-1.1, 54.4], [-1.1, 54.7], [-1.5, 54.7], [-1.5, 54.4]]
    const cells = await townCentreCells()
    const bad: [Record<string, unknown>, string][] = [
      [{ source: 'polygon', polygon: { type: 'Polygon', coordinates: [bowtie] } }, 'area.polygon: is not a valid polygon'],
      [{ source: 'polygon', polygon: { type: 'Polygon', coordinates: [far] } }, 'area.polygon: lies outside every ward held'],
      [{ source: 'polygon', polygon: { type: 'Polygon', coordinates: [huge] } }, 'area.polygon: covers'],
      [{ source: 'ward', ward: 'E05999999' }, 'area.ward: no ward has the code E05999999'],
      [{ source: 'cells', res: 8, cells }, 'is at resolution 9, not 8'],
      [{ source: 'cells', res: 9, cells: ['8f2830828052d25'] }, 'area.cells'],
      [{ source: 'cells', cells }, 'area.res: is required'],
      [{ source: 'ward', ward: TOWN_CENTRE, cells }, 'area.cells: is not part of an area made from ward'],
    ]
    for (const [area, message] of bad) {
      const response = await call('POST', '/api/tasks', inspector, taskBody(area))
      expect(response.statusCode, JSON.stringify(area)).toBe(400)
      expect(response.json().message).toContain(message)
    }
    expect(await count()).toBe(before)
  })

  it('refuses bad fields by name', async () => {
    const area = { source: 'ward', ward: TOWN_CENTRE }
    const analystId = (await sql(`SELECT id::int FROM users WHERE email = 'analyst@test.local'`))[0].id
    const [retired] = await sql(`INSERT INTO teams (name, agency, retired) VALUES ('Old team', 'other', true) RETURNING id::int`)
    const bad: [Record<string, unknown>, string][] = [
      [{ categories: ['Murder'] }, 'categories: no category is named "Murder"'],
      [{ officerIds: [analystId] }, `officerIds: ${analystId}: no enabled user with the inspector or officer role`],
      [{ leadTeamId: 999999 }, 'leadTeamId: no team has the id 999999'],
      [{ leadTeamId: retired.id }, `leadTeamId: team ${retired.id} is retired`],
      [{ meetingId: 999999 }, 'meetingId: no JAG meeting has the id 999999'],
      [{ endDate: '2025-03-01' }, 'endDate: 2025-03-01 is before startDate (2025-03-03)'],
      [{ dosage: { visitsPerWeek: -1 } }, 'dosage/visitsPerWeek'],
      [{ keyTimes: [[true]] }, 'keyTimes'],
      [{ problem: 'bell \u0007' }, 'control characters'],
    ]
    for (const [extra, message] of bad) {
      const response = await call('POST', '/api/tasks', inspector, taskBody(area, extra))
      expect(response.statusCode, JSON.stringify(extra)).toBe(400)
      expect(response.json().message).toContain(message)
    }
  })
})

describe('the status machine', () => {
  async function taskIn(status: TaskStatus): Promise<Task> {
    const task = await createTask({ source: 'ward', ward: TOWN_CENTRE })
    await sql(`UPDATE tasks SET status = $2, outcome = CASE WHEN $2 = 'closed' THEN 'done' END WHERE id = $1`, [task.id, status])
    return task
  }

  it('allows exactly the moves of the table, and refuses every other with 409 naming the allowed ones', async () => {
    for (const from of TASK_STATUSES) {
      for (const to of TASK_STATUSES) {
        const task = await taskIn(from)
        const response = await call('POST', `/api/tasks/${task.id}/status`, inspector, { to, version: task.version, reason: 'JAG decision', outcome: to === 'closed' ? 'Reports fell; no further patrols' : undefined })
        const [row] = await sql(`SELECT status, version FROM tasks WHERE id = $1`, [task.id])
        if (canMove(from, to)) {
          expect(response.statusCode, `${from} → ${to}: ${response.body}`).toBe(200)
          expect(response.json()).toMatchObject({ status: to, version: 2 })
          expect(row).toEqual({ status: to, version: 2 })
        } else {
          expect(response.statusCode, `${from} → ${to}`).toBe(409)
          const message: string = response.json().message
          expect(message).toContain(`from ${from}`)
          for (const allowed of TASK_MOVES[from]) expect(message).toContain(`${allowed} (`)
          expect(row).toEqual({ status: from, version: 1 })
        }
      }
    }
  })

  it('needs an outcome to close, a reason to escalate, and a lead team to task', async () => {
    const task = await taskIn('in_progress')
    const noOutcome = await call('POST', `/api/tasks/${task.id}/status`, inspector, { to: 'closed', version: 1 })
    expect(noOutcome.statusCode).toBe(400)
    expect(noOutcome.json().message).toMatch(/^outcome: is required/)
    const noReason = await call('POST', `/api/tasks/${task.id}/status`, inspector, { to: 'escalated', version: 1 })
    expect(noReason.json().message).toMatch(/^reason: is required/)
    const teamless = await createTask({ source: 'ward', ward: TOWN_CENTRE }, { leadTeamId: null })
    const untasked = await call('POST', `/api/tasks/${teamless.id}/status`, inspector, { to: 'tasked', version: 1 })
    expect(untasked.statusCode).toBe(409)
    expect(untasked.json().message).toMatch(/^leadTeamId: a task needs a lead team/)
  })

  it('records each move in the audit trail with who, before, after and the reason', async () => {
    const task = await taskIn('proposed')
    await call('POST', `/api/tasks/${task.id}/status`, inspector, { to: 'tasked', version: 1, reason: 'JAG 3 March' })
    await call('POST', `/api/tasks/${task.id}/status`, inspector, { to: 'escalated', version: 2, reason: 'needs housing enforcement' })
    await call('POST', `/api/tasks/${task.id}/status`, inspector, { to: 'tasked', version: 3, reason: 'PSG handed back with a plan' })
    await call('POST', `/api/tasks/${task.id}/status`, inspector, { to: 'closed', version: 4, outcome: 'Closure order obtained' })
    const entries = (await auditOf(`task:${task.id}`)).filter((entry) => entry.action === 'task.status')
    expect(entries).toEqual([
      { action: 'task.status', actor_email: 'inspector@test.local', details: { version: 2, reason: 'JAG 3 March' }, before: { status: 'proposed' }, after: { status: 'tasked' } },
      { action: 'task.status', actor_email: 'inspector@test.local', details: { version: 3, reason: 'needs housing enforcement' }, before: { status: 'tasked' }, after: { status: 'escalated' } },
      { action: 'task.status', actor_email: 'inspector@test.local', details: { version: 4, reason: 'PSG handed back with a plan' }, before: { status: 'escalated' }, after: { status: 'tasked' } },
      { action: 'task.status', actor_email: 'inspector@test.local', details: { version: 5 }, before: { status: 'tasked', outcome: null }, after: { status: 'closed', outcome: 'Closure order obtained' } },
    ])
    const closed = (await call('GET', `/api/tasks/${task.id}`, inspector)).json()
    expect(closed).toMatchObject({ status: 'closed', outcome: 'Closure order obtained', version: 5 })
    const edit = await call('PATCH', `/api/tasks/${task.id}`, inspector, { version: 5, title: 'Reopened?' })
    expect(edit.statusCode).toBe(409)
    expect(edit.json().message).toMatch(/closed task is a record/)
  })
})

describe('two people editing one task', () => {
  it('applies an edit on the current version, audits only what changed, and refuses a stale one with the current task', async () => {
    const task = await createTask({ source: 'ward', ward: TOWN_CENTRE })
    const first = await call('PATCH', `/api/tasks/${task.id}`, inspector, { version: 1, title: 'Evening ASB, Dovecot Street', dosage: { visitsPerWeek: 5, minutesPerVisit: 15 }, reason: 'more reports' })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({ version: 2, title: 'Evening ASB, Dovecot Street', dosage: { visitsPerWeek: 5, minutesPerVisit: 15 } })
    const [entry] = (await auditOf(`task:${task.id}`)).filter((row) => row.action === 'task.update')
    expect(entry).toEqual({
      action: 'task.update',
      actor_email: 'inspector@test.local',
      details: { version: 2, reason: 'more reports' },
      before: { title: 'Evening ASB by the shops', dosage: { visitsPerWeek: 3, minutesPerVisit: 15 } },
      after: { title: 'Evening ASB, Dovecot Street', dosage: { visitsPerWeek: 5, minutesPerVisit: 15 } },
    })

    const rowBefore = await sql(`SELECT * FROM tasks WHERE id = $1`, [task.id])
    const auditBefore = await auditOf(`task:${task.id}`)
    const stale = await call('PATCH', `/api/tasks/${task.id}`, analyst, { version: 1, title: 'Someone else\u2019s title' })
    expect(stale.statusCode).toBe(409)
    const body = stale.json()
    expect(body.message).toMatch(/^version: this task was changed by inspector at .* \(now version 2; the edit was made on version 1\)/)
    expect(body.current).toMatchObject({ id: task.id, version: 2, title: 'Evening ASB, Dovecot Street' })
    const staleMove = await call('POST', `/api/tasks/${task.id}/status`, analyst, { to: 'tasked', version: 1 })
    expect(staleMove.statusCode).toBe(409)
    expect(staleMove.json().current.version).toBe(2)
    expect(await sql(`SELECT * FROM tasks WHERE id = $1`, [task.id])).toEqual(rowBefore)
    expect(await auditOf(`task:${task.id}`)).toEqual(auditBefore)

    // The same values again: nothing changes, so no new version and nothing in the trail.
    const same = await call('PATCH', `/api/tasks/${task.id}`, inspector, { version: 2, title: 'Evening ASB, Dovecot Street' })
    expect(same.json().version).toBe(2)
    expect(await auditOf(`task:${task.id}`)).toEqual(auditBefore)
  })

  it('moves the area, re-deriving its wards, and records the old and new area', async () => {
    const task = await createTask({ source: 'ward', ward: TOWN_CENTRE })
    const cells = await townCentreCells()
    const moved = await call('PATCH', `/api/tasks/${task.id}`, inspector, { version: 1, area: { source: 'cells', res: 9, cells } })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(moved.json().area).toMatchObject({ source: 'cells', res: 9, ward: null })
    expectSameWards(moved.json(), await wardsByPlainSql(task.id))
    const [entry] = (await auditOf(`task:${task.id}`)).filter((row) => row.action === 'task.update')
    expect(entry.before).toEqual({ area: { source: 'ward', ward: TOWN_CENTRE } })
    expect(entry.after).toEqual({ area: { source: 'cells', res: 9, cells: [...cells].sort() } })
  })
})

describe('who sees which task', () => {
  let officer: SignedIn
  let teamOfficer: SignedIn
  let otherOfficer: SignedIn
  let councillor: SignedIn
  let named: Task
  let teams: Task
  let elsewhere: Task

  beforeAll(async () => {
    officer = await signIn(testApp.app, 'pc.named@test.local')
    await createTestUser(testApp.pool, { email: 'team.member@test.local', role: 'officer' })
    await sql(`UPDATE users SET team_id = $1 WHERE email = 'team.member@test.local'`, [councilTeam])
    teamOfficer = await signIn(testApp.app, 'team.member@test.local')
    await createTestUser(testApp.pool, { email: 'other.officer@test.local', role: 'officer' })
    otherOfficer = await signIn(testApp.app, 'other.officer@test.local')
    councillor = await testApp.signInAs('councillor', { wards: [TOWN_CENTRE] })
    const [farWard] = await sql(`SELECT code FROM wards WHERE council_code <> 'E06000004' ORDER BY code LIMIT 1`)
    named = await createTask({ source: 'ward', ward: TOWN_CENTRE }, { title: 'Names PC Named', leadTeamId: policeTeam })
    teams = await createTask({ source: 'ward', ward: farWard.code }, { title: 'Council team\u2019s', leadTeamId: councilTeam, officerIds: [] })
    elsewhere = await createTask({ source: 'ward', ward: farWard.code }, { title: 'Nobody\u2019s', leadTeamId: policeTeam, officerIds: [] }, analyst)
  })

  const ids = (response: { json(): { items: Task[] } }) => response.json().items.map((task) => task.id)

  it('officers: the tasks naming them or led by their team, nothing else, and no edits', async () => {
    expect(ids(await call('GET', '/api/tasks', officer))).toContain(named.id)
    expect(ids(await call('GET', '/api/tasks', officer))).not.toContain(teams.id)
    expect(ids(await call('GET', '/api/tasks', teamOfficer))).toEqual([teams.id])
    expect(ids(await call('GET', '/api/tasks', otherOfficer))).toEqual([])
    expect((await call('GET', `/api/tasks/${elsewhere.id}`, officer)).statusCode).toBe(404)
    const own = (await call('GET', `/api/tasks/${named.id}`, officer)).json()
    expect(own.problem).toBeDefined()
    expect(own.keyTimes).toHaveLength(7)
    expect((await call('POST', '/api/tasks', officer, taskBody({ source: 'ward', ward: TOWN_CENTRE }))).statusCode).toBe(403)
    expect((await call('PATCH', `/api/tasks/${named.id}`, officer, { version: 1, title: 'x' })).statusCode).toBe(403)
    expect((await call('GET', '/api/incidents?limit=1', officer)).statusCode).toBe(403)
    expect((await call('GET', '/api/ward-reports', officer)).statusCode).toBe(403)
  })

  it('councillors: the tasks in their wards, without the problem, key times or cells, and no edits', async () => {
    const items: Task[] = (await call('GET', '/api/tasks', councillor)).json().items
    const expected = await sql(`SELECT DISTINCT task_id::int AS id FROM task_wards WHERE ward_code = $1 ORDER BY 1`, [TOWN_CENTRE])
    expect(items.map((task) => task.id).sort((a, b) => a - b)).toEqual(expected.map((row) => row.id))
    expect(items.map((task) => task.id)).not.toContain(teams.id)
    for (const task of items) {
      expect(task).not.toHaveProperty('problem')
      expect(task).not.toHaveProperty('keyTimes')
      expect(task.area).not.toHaveProperty('cells')
      expect(task).toHaveProperty('delivery')
    }
    expect((await call('GET', `/api/tasks/${teams.id}`, councillor)).statusCode).toBe(404)
    expect((await call('PATCH', `/api/tasks/${named.id}`, councillor, { version: 1, title: 'x' })).statusCode).toBe(403)
    expect((await call('POST', `/api/tasks/${named.id}/status`, councillor, { to: 'tasked', version: 1 })).statusCode).toBe(403)
  })

  it('filters by status, team, ward and officer=me', async () => {
    const all: Task[] = (await call('GET', '/api/tasks', analyst)).json().items
    const byTeam = ids(await call('GET', `/api/tasks?team=${councilTeam}`, analyst))
    expect(byTeam).toEqual(all.filter((task) => task.leadTeam?.id === councilTeam).map((task) => task.id))
    const byWard = ids(await call('GET', `/api/tasks?ward=${TOWN_CENTRE}`, analyst))
    expect(byWard).toEqual(all.filter((task) => task.wards.some((ward) => ward.code === TOWN_CENTRE)).map((task) => task.id))
    const byStatus = ids(await call('GET', '/api/tasks?status=closed,escalated', analyst))
    expect(byStatus).toEqual(all.filter((task) => task.status === 'closed' || task.status === 'escalated').map((task) => task.id))
    expect(byStatus.length).toBeGreaterThan(0)
    const mine = ids(await call('GET', '/api/tasks?officer=me', officer))
    expect(mine).toEqual(all.filter((task) => task.officers.some((person) => person.id === officerId)).map((task) => task.id))
    expect((await call('GET', '/api/tasks?status=done', analyst)).statusCode).toBe(400)
  })

  it('lists areas without their GeoJSON unless asked (geometry=true), then as plain PostGIS writes them; nothing else differs', async () => {
    const without: Task[] = (await call('GET', '/api/tasks', analyst)).json().items
    const withAreas: Task[] = (await call('GET', '/api/tasks?geometry=true', analyst)).json().items
    expect(without.length).toBeGreaterThan(0)
    expect(without.every((task) => !('geometry' in task.area))).toBe(true)
    expect(withAreas.map(({ area: { geometry: _, ...area }, ...task }) => ({ ...task, area }))).toEqual(without)
    const plain = new Map((await sql(`SELECT id::int, ST_AsGeoJSON(geom, 6)::json AS geometry FROM tasks`)).map((row) => [row.id, row.geometry]))
    for (const task of withAreas) expect(task.area.geometry).toEqual(plain.get(task.id))
    const one: Task = (await call('GET', `/api/tasks/${withAreas[0].id}`, analyst)).json()
    expect(one.area.geometry).toEqual(withAreas[0].area.geometry)
    const refused = await call('GET', '/api/tasks?geometry=maybe', analyst)
    expect(refused.statusCode).toBe(400)
    expect(refused.json().message).toMatch(/geometry/)
  })
})

describe('who may be named on a task', () => {
  it('lists the enabled inspectors and officers, with their teams, as plain SQL finds them', async () => {
    const disabledId = await createTestUser(testApp.pool, { email: 'pc.gone@test.local', name: 'PC Gone', role: 'officer' })
    await sql('UPDATE users SET disabled = true WHERE id = $1', [disabledId])
    await sql('UPDATE users SET team_id = $1 WHERE id = $2', [policeTeam, officerId])
    const response = await call('GET', '/api/tasks/officers', inspector)
    expect(response.statusCode).toBe(200)
    const items = (response.json() as { items: { id: number; role: string; team: { id: number } | null }[] }).items
    const expected = await sql(`SELECT id::int FROM users WHERE NOT disabled AND role IN ('inspector', 'officer') ORDER BY lower(name), id`)
    expect(items.map((item) => item.id)).toEqual(expected.map((row) => row.id))
    expect(items.map((item) => item.id)).not.toContain(disabledId)
    expect(items.find((item) => item.id === officerId)).toMatchObject({ role: 'officer', team: { id: policeTeam } })
  })
})
