// The POP register (issue 13), through the API against a real PostGIS: areas and wards as plain PostGIS finds them,
// the default review date, the owner and partner checks, edits on a version (stale 409), closing, the dated log,
// registering a ward twice (409 naming the POP, never 500), overdue against plain SQL, linked tasks, the audit trail
// and what councillors see.
import { gridDisk, latLngToCell } from 'h3-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, createTestUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import type { Pop, PopDetail, PopList } from './schemas.js'

const TOWN_CENTRE = 'E05014882' // Stockton Town Centre (WD23)

let testApp: TestApp
let inspector: SignedIn
let analyst: SignedIn
let inspectorId: number
let ownerId: number
let officerId: number
let disabledInspectorId: number
let policeTeam: number
let councilTeam: number

const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who: SignedIn, payload?: unknown) =>
  testApp.app.inject({ method, url, headers: who.headers, payload: payload as object | undefined })
const londonToday = async (): Promise<string> => (await sql(`SELECT to_char((now() AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD') AS day`))[0].day

async function townCentreCells(): Promise<string[]> {
  const [point] = await sql(`SELECT ST_Y(label_point) AS lat, ST_X(label_point) AS lon FROM wards WHERE code = $1`, [TOWN_CENTRE])
  return gridDisk(latLngToCell(point.lat, point.lon, 9), 1)
}

async function createPop(extra: Record<string, unknown> = {}, who: SignedIn = inspector): Promise<PopDetail> {
  const body = { title: 'Street drinking by the library', problem: 'Daily groups;\nlitter and abuse.', ownerId, area: { source: 'cells', res: 9, cells: await townCentreCells() }, ...extra }
  const response = await call('POST', '/api/pops', who, body)
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

/** The wards holding at least 0.1% of a POP's area, from the ward outlines themselves. */
async function wardsByPlainSql(popId: number): Promise<{ code: string; share: number }[]> {
  return sql(
    `SELECT w.code, ST_Area(ST_Intersection(w.geom, p.geom)) / ST_Area(p.geom) AS share
       FROM wards w, pops p
      WHERE p.id = $1 AND ST_Intersects(w.geom, p.geom) AND ST_Area(ST_Intersection(w.geom, p.geom)) / ST_Area(p.geom) >= 0.001
      ORDER BY share DESC, w.code`,
    [popId],
  )
}

const auditOf = (target: string) => sql(`SELECT action, actor_email, details, before, after FROM audit_log WHERE target = $1 ORDER BY id`, [target])

beforeAll(async () => {
  testApp = await startTestApp()
  await testApp.importFiles(boundaryFiles)
  inspector = await testApp.signInAs('inspector')
  analyst = await testApp.signInAs('analyst')
  inspectorId = inspector.user.id
  ownerId = await createTestUser(testApp.pool, { email: 'insp.owner@test.local', name: 'Insp Owner', role: 'inspector' })
  officerId = await createTestUser(testApp.pool, { email: 'pc.pop@test.local', name: 'PC Pop', role: 'officer' })
  disabledInspectorId = await createTestUser(testApp.pool, { email: 'insp.gone@test.local', name: 'Insp Gone', role: 'inspector' })
  await sql('UPDATE users SET disabled = true WHERE id = $1', [disabledInspectorId])
  ;[{ id: policeTeam }, { id: councilTeam }] = await sql(`SELECT id::int FROM teams WHERE name IN ('Police neighbourhood team', 'Council enforcement') ORDER BY agency DESC`)
})
afterAll(() => testApp.close())

describe('registering a POP', () => {
  it('for cells: its outline, km² and wards as plain PostGIS finds them, owner and partners by name, reviewed in four weeks', async () => {
    const pop = await createPop({ partnerTeamIds: [councilTeam, policeTeam, policeTeam] })
    expect(pop).toMatchObject({ status: 'open', version: 1, saraStage: 'scanning', overdue: false, closedReason: null, problem: 'Daily groups;\nlitter and abuse.' })
    expect(pop.owner).toEqual({ id: ownerId, name: 'Insp Owner', email: 'insp.owner@test.local' })
    expect(pop.partners.map((team) => team.name)).toEqual(['Council enforcement', 'Police neighbourhood team'])
    const [{ review }] = await sql(`SELECT to_char((now() AT TIME ZONE 'Europe/London')::date + 28, 'YYYY-MM-DD') AS review`)
    expect(pop.reviewOn).toBe(review)
    const [{ km2 }] = await sql('SELECT ST_Area(geom::geography) / 1e6 AS km2 FROM pops WHERE id = $1', [pop.id])
    expect(pop.area.areaKm2).toBeCloseTo(km2, 9)
    expect(pop.area.cells).toEqual([...(await townCentreCells())].sort())
    expect(pop.area.geometry?.type).toBe('MultiPolygon')
    const expected = await wardsByPlainSql(pop.id)
    expect(pop.wards.map((ward) => ward.code)).toEqual(expected.map((ward) => ward.code))
    pop.wards.forEach((ward, index) => expect(ward.share).toBeCloseTo(expected[index].share, 6))
    expect(pop.wards[0].code).toBe(TOWN_CENTRE)
    expect(pop.log).toEqual([])
    expect(pop.tasks).toEqual([])
    expect(pop.linkedTasks).toEqual({ count: 0, byStatus: [] })
    const [entry] = await auditOf(`pop:${pop.id}`)
    expect(entry).toMatchObject({ action: 'pop.create', actor_email: 'inspector@test.local', after: { ownerId, partnerTeamIds: [policeTeam, councilTeam].sort((a, b) => a - b), status: 'open', reviewOn: review } })
  })

  it('keeps a review date given, and a SARA stage', async () => {
    const pop = await createPop({ reviewOn: '2031-05-06', saraStage: 'analysis' }, analyst)
    expect(pop).toMatchObject({ reviewOn: '2031-05-06', saraStage: 'analysis' })
  })

  it('refuses an owner who is not an enabled inspector, a missing or retired partner team, and a bad area, with 400 naming the field', async () => {
    const refusals: [Record<string, unknown>, RegExp][] = [
      [{ ownerId: officerId }, /^ownerId: user \d+ has the officer role; a POP's owner must be an enabled inspector$/],
      [{ ownerId: analyst.user.id }, /^ownerId: .*analyst role/],
      [{ ownerId: disabledInspectorId }, /^ownerId: user \d+ is disabled/],
      [{ ownerId: 999999 }, /^ownerId: no user has the id 999999/],
      [{ partnerTeamIds: [policeTeam, 999999] }, /^partnerTeamIds: no team has the id 999999$/],
      [{ area: { source: 'ward', ward: 'E05999999' } }, /^area\.ward: no ward has the code E05999999$/],
      [{ area: { source: 'cells', res: 9 } }, /^area\.cells: is required/],
    ]
    const [{ id: retired }] = await sql(`INSERT INTO teams (name, agency, retired) VALUES ('Old team', 'other', true) RETURNING id::int`)
    refusals.push([{ partnerTeamIds: [retired] }, new RegExp(`^partnerTeamIds: team ${retired} is retired$`)])
    const before = (await sql('SELECT count(*)::int AS n FROM pops'))[0].n
    for (const [extra, message] of refusals) {
      const response = await call('POST', '/api/pops', inspector, { title: 'Refused', ownerId, area: { source: 'cells', res: 9, cells: await townCentreCells() }, ...extra })
      expect(response.statusCode, JSON.stringify(extra)).toBe(400)
      expect(response.json().message).toMatch(message)
    }
    expect((await sql('SELECT count(*)::int AS n FROM pops'))[0].n).toBe(before)
  })
})

describe('a ward as a POP', () => {
  it('in one action; a second registration of the ward answers 409 naming the open POP, the first closed it may be registered again', async () => {
    const first = await call('POST', '/api/pops/from-ward', inspector, { ward: TOWN_CENTRE, ownerId })
    expect(first.statusCode, first.body).toBe(201)
    const pop: PopDetail = first.json()
    expect(pop).toMatchObject({ title: 'Stockton Town Centre ward (Stockton-on-Tees)', area: { source: 'ward', ward: TOWN_CENTRE, cells: null, res: null }, owner: { id: ownerId } })
    expect(pop.wards.map((ward) => ward.code)).toEqual([TOWN_CENTRE])
    const [{ km2 }] = await sql('SELECT ST_Area(geom::geography) / 1e6 AS km2 FROM wards WHERE code = $1', [TOWN_CENTRE])
    expect(pop.area.areaKm2).toBeCloseTo(km2, 9)
    expect((await auditOf(`pop:${pop.id}`))[0]).toMatchObject({ action: 'pop.create', details: { from: 'ward' } })

    const second = await call('POST', '/api/pops/from-ward', analyst, { ward: TOWN_CENTRE, ownerId })
    expect(second.statusCode).toBe(409)
    expect(second.json()).toMatchObject({ existingPopId: pop.id, message: `ward: ${TOWN_CENTRE} is already registered as POP ${pop.id}, still open; open that POP or close it first` })
    // The general route refuses the same ward the same way.
    const general = await call('POST', '/api/pops', analyst, { title: 'Again', ownerId, area: { source: 'ward', ward: TOWN_CENTRE } })
    expect(general.statusCode).toBe(409)
    expect(general.json().existingPopId).toBe(pop.id)

    expect((await call('POST', `/api/pops/${pop.id}/close`, inspector, { version: pop.version, reason: 'Folded into the town centre plan' })).statusCode).toBe(200)
    const again = await call('POST', '/api/pops/from-ward', inspector, { ward: TOWN_CENTRE, ownerId, reviewOn: '2030-01-31' })
    expect(again.statusCode, again.body).toBe(201)
    expect(again.json()).toMatchObject({ reviewOn: '2030-01-31', status: 'open' })
  })

  it('registered twice at the same moment: one POP, the other caller told which (the unique index, never a 500)', async () => {
    const [{ code }] = await sql(`SELECT code FROM wards WHERE code <> $1 AND council_name = 'Stockton-on-Tees' ORDER BY code LIMIT 1`, [TOWN_CENTRE])
    const answers = await Promise.all([0, 1, 2].map(() => call('POST', '/api/pops/from-ward', inspector, { ward: code, ownerId })))
    const statuses = answers.map((answer) => answer.statusCode).sort()
    expect(statuses).toEqual([201, 409, 409])
    const created = answers.find((answer) => answer.statusCode === 201)!.json().id
    for (const answer of answers.filter((one) => one.statusCode === 409)) expect(answer.body).toContain(`as POP`)
    expect(await sql(`SELECT id::int FROM pops WHERE source_ward = $1 AND status = 'open'`, [code])).toEqual([{ id: created }])
  })

  it('refuses an unknown ward with 400', async () => {
    const response = await call('POST', '/api/pops/from-ward', inspector, { ward: 'E05999999', ownerId })
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toBe('ward: no ward has the code E05999999')
  })
})

describe('editing a POP', () => {
  it('on its version: changes are saved and audited, a stale version gets 409 with the current POP, an empty edit writes nothing', async () => {
    const pop = await createPop()
    const edit = await call('PATCH', `/api/pops/${pop.id}`, analyst, { version: 1, saraStage: 'response', reviewOn: '2030-02-01', partnerTeamIds: [councilTeam], ownerId: inspectorId, reason: 'JAG review' })
    expect(edit.statusCode, edit.body).toBe(200)
    const edited: PopDetail = edit.json()
    expect(edited).toMatchObject({ version: 2, saraStage: 'response', reviewOn: '2030-02-01', owner: { id: inspectorId }, updatedBy: { email: 'analyst@test.local' } })
    expect(edited.partners.map((team) => team.id)).toEqual([councilTeam])
    const [, update] = await auditOf(`pop:${pop.id}`)
    expect(update).toMatchObject({
      action: 'pop.update',
      details: { version: 2, reason: 'JAG review' },
      before: { saraStage: 'scanning', ownerId, partnerTeamIds: [] },
      after: { saraStage: 'response', ownerId: inspectorId, partnerTeamIds: [councilTeam], reviewOn: '2030-02-01' },
    })
    expect(Object.keys(update.after).sort()).toEqual(['ownerId', 'partnerTeamIds', 'reviewOn', 'saraStage'])

    const stale = await call('PATCH', `/api/pops/${pop.id}`, inspector, { version: 1, title: 'Mine' })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().message).toMatch(/^version: this POP was changed by analyst at .* \(now version 2; the edit was made on version 1\)/)
    expect(stale.json().current).toMatchObject({ id: pop.id, version: 2, title: pop.title, saraStage: 'response' })
    expect((await sql('SELECT title, version FROM pops WHERE id = $1', [pop.id]))[0]).toEqual({ title: pop.title, version: 2 })

    const unchanged = await call('PATCH', `/api/pops/${pop.id}`, inspector, { version: 2, saraStage: 'response' })
    expect(unchanged.json().version).toBe(2)
    expect(await auditOf(`pop:${pop.id}`)).toHaveLength(2)

    const badOwner = await call('PATCH', `/api/pops/${pop.id}`, inspector, { version: 2, ownerId: officerId })
    expect(badOwner.statusCode).toBe(400)
    expect(badOwner.json().message).toMatch(/^ownerId: /)
  })

  it('its area, moved to a ward: wards derived again', async () => {
    const pop = await createPop()
    const [{ code }] = await sql(`SELECT code FROM wards WHERE council_name = 'Middlesbrough' ORDER BY code LIMIT 1`)
    const moved: PopDetail = (await call('PATCH', `/api/pops/${pop.id}`, inspector, { version: 1, area: { source: 'ward', ward: code } })).json()
    expect(moved.area).toMatchObject({ source: 'ward', ward: code })
    expect(moved.wards.map((ward) => ward.code)).toEqual([code])
    expect(await sql('SELECT ward_code FROM pop_wards WHERE pop_id = $1', [pop.id])).toEqual([{ ward_code: code }])
  })

  it('closes with a reason; a closed POP is not edited and takes no log entries; 404 for no POP', async () => {
    const pop = await createPop()
    const staleClose = await call('POST', `/api/pops/${pop.id}/close`, inspector, { version: 7, reason: 'Solved' })
    expect(staleClose.statusCode).toBe(409)
    expect(staleClose.json().current.status).toBe('open')
    const closed = await call('POST', `/api/pops/${pop.id}/close`, inspector, { version: 1, reason: 'Solved: the alley is gated' })
    expect(closed.statusCode, closed.body).toBe(200)
    expect(closed.json()).toMatchObject({ status: 'closed', closedReason: 'Solved: the alley is gated', version: 2, overdue: false })
    expect((await auditOf(`pop:${pop.id}`)).at(-1)).toMatchObject({ action: 'pop.close', before: { status: 'open' }, after: { status: 'closed', closedReason: 'Solved: the alley is gated' } })
    expect((await call('PATCH', `/api/pops/${pop.id}`, inspector, { version: 2, title: 'Later' })).statusCode).toBe(409)
    expect((await call('POST', `/api/pops/${pop.id}/close`, inspector, { version: 2, reason: 'Again' })).statusCode).toBe(409)
    expect((await call('POST', `/api/pops/${pop.id}/log`, inspector, { kind: 'note', body: 'After closing' })).statusCode).toBe(409)
    expect((await call('POST', '/api/pops/999999/close', inspector, { version: 1, reason: 'x' })).statusCode).toBe(404)
    expect((await call('GET', '/api/pops/999999', inspector)).statusCode).toBe(404)
    expect((await call('POST', `/api/pops/${pop.id}/close`, inspector, { version: 2, reason: '  ' })).statusCode).toBe(400)
  })
})

describe('the log', () => {
  it('dated notes and decisions by the caller, newest first; never dated after today', async () => {
    const pop = await createPop()
    const today = await londonToday()
    const first = await call('POST', `/api/pops/${pop.id}/log`, inspector, { kind: 'note', body: 'Walked the area with housing.', date: '2025-01-10' })
    expect(first.statusCode, first.body).toBe(201)
    await call('POST', `/api/pops/${pop.id}/log`, analyst, { kind: 'decision', body: 'Gate the alley;\nreview in March.' })
    await call('POST', `/api/pops/${pop.id}/log`, inspector, { kind: 'note', body: 'Earlier visit.', date: '2024-12-01' })
    const detail: PopDetail = (await call('GET', `/api/pops/${pop.id}`, inspector)).json()
    expect(detail.log!.map((entry) => [entry.date, entry.kind, entry.body, entry.author?.email])).toEqual([
      [today, 'decision', 'Gate the alley;\nreview in March.', 'analyst@test.local'],
      ['2025-01-10', 'note', 'Walked the area with housing.', 'inspector@test.local'],
      ['2024-12-01', 'note', 'Earlier visit.', 'inspector@test.local'],
    ])
    // A log entry is not an edit of the POP's fields: the version stays.
    expect(detail.version).toBe(1)
    const logged = (await auditOf(`pop:${pop.id}`)).filter((entry) => entry.action === 'pop.log')
    expect(logged.map((entry) => entry.after.body)).toEqual(['Walked the area with housing.', 'Gate the alley;\nreview in March.', 'Earlier visit.'])
    const future = await call('POST', `/api/pops/${pop.id}/log`, inspector, { kind: 'note', body: 'Tomorrow', date: '2199-01-01' })
    expect(future.statusCode).toBe(400)
    expect(future.json().message).toMatch(/^date: 2199-01-01 is after today/)
    expect((await call('POST', `/api/pops/${pop.id}/log`, inspector, { kind: 'minute', body: 'x' })).statusCode).toBe(400)
    expect((await call('POST', '/api/pops/999999/log', inspector, { kind: 'note', body: 'x' })).statusCode).toBe(404)
  })
})

describe('the register', () => {
  it('flags overdue reviews exactly as plain SQL does, and filters by status, ward and overdue', async () => {
    const today = await londonToday()
    const [{ yesterday, tomorrow }] = await sql(
      `SELECT to_char($1::date - 1, 'YYYY-MM-DD') AS yesterday, to_char($1::date + 1, 'YYYY-MM-DD') AS tomorrow`,
      [today],
    )
    const past = await createPop({ reviewOn: yesterday })
    const due = await createPop({ reviewOn: today })
    await createPop({ reviewOn: tomorrow })
    const closedPast = await createPop({ reviewOn: '2020-01-01' })
    await call('POST', `/api/pops/${closedPast.id}/close`, inspector, { version: 1, reason: 'Done' })

    const list: PopList = (await call('GET', '/api/pops', inspector)).json()
    expect(list.today).toBe(today)
    const expected = await sql(`SELECT id::int, (status = 'open' AND review_on < (now() AT TIME ZONE 'Europe/London')::date) AS overdue FROM pops ORDER BY id`)
    expect(list.items.map((pop) => ({ id: pop.id, overdue: pop.overdue })).sort((a, b) => a.id - b.id)).toEqual(expected)
    expect(list.items.find((pop) => pop.id === past.id)!.overdue).toBe(true)
    expect(list.items.find((pop) => pop.id === due.id)!.overdue).toBe(false)
    // Open and overdue first.
    expect(list.items[0].overdue).toBe(true)
    expect(list.items.at(-1)!.status).toBe('closed')

    const overdue: PopList = (await call('GET', '/api/pops?overdue=true', inspector)).json()
    expect(overdue.items.map((pop) => pop.id).sort((a, b) => a - b)).toEqual(expected.filter((row) => row.overdue).map((row) => row.id))
    const closed: PopList = (await call('GET', '/api/pops?status=closed', inspector)).json()
    expect(closed.items.map((pop) => pop.id).sort((a, b) => a - b)).toEqual((await sql(`SELECT id::int FROM pops WHERE status = 'closed' ORDER BY id`)).map((row) => row.id))
    const [{ code }] = await sql(`SELECT code FROM wards WHERE council_name = 'Middlesbrough' ORDER BY code LIMIT 1`)
    const inWard: PopList = (await call('GET', `/api/pops?ward=${code}`, inspector)).json()
    expect(inWard.items.map((pop) => pop.id).sort((a, b) => a - b)).toEqual((await sql(`SELECT pop_id::int AS id FROM pop_wards WHERE ward_code = $1 ORDER BY pop_id`, [code])).map((row) => row.id))
    expect(inWard.items.length).toBeGreaterThan(0)
    expect(list.items.every((pop) => pop.area.geometry === undefined)).toBe(true)
    expect((await call('GET', '/api/pops?overdue=maybe', inspector)).statusCode).toBe(400)
    expect((await call('GET', '/api/pops?status=shut', inspector)).statusCode).toBe(400)
  })

  it('links tasks: counted by status as plain SQL counts them, listed on the POP; an unknown popId on a task is 400, not 500', async () => {
    const pop = await createPop()
    const task = (extra: Record<string, unknown>) =>
      call('POST', '/api/tasks', inspector, { title: 'Linked patrol', dosage: { visitsPerWeek: 2 }, startDate: '2025-03-03', endDate: '2025-03-30', leadTeamId: policeTeam, area: { source: 'ward', ward: TOWN_CENTRE }, ...extra })
    const one = (await task({ popId: pop.id })).json()
    const two = (await task({ popId: pop.id })).json()
    await call('POST', `/api/tasks/${two.id}/status`, inspector, { to: 'tasked', version: 1 })
    const unlinked = (await task({})).json()

    const unknown = await task({ popId: 999999 })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().message).toBe('popId: POP 999999 does not exist')
    const relink = await call('PATCH', `/api/tasks/${unlinked.id}`, inspector, { version: 1, popId: 888888 })
    expect(relink.statusCode).toBe(400)
    expect(relink.json().message).toBe('popId: POP 888888 does not exist')
    expect((await call('PATCH', `/api/tasks/${unlinked.id}`, inspector, { version: 1, popId: pop.id })).statusCode).toBe(200)

    const detail: PopDetail = (await call('GET', `/api/pops/${pop.id}`, inspector)).json()
    const expected = await sql(`SELECT status, count(*)::int AS count FROM tasks WHERE pop_id = $1 GROUP BY status ORDER BY status`, [pop.id])
    expect(detail.linkedTasks).toEqual({ count: 3, byStatus: expected })
    expect(detail.tasks!.map((linked) => linked.id).sort((a, b) => a - b)).toEqual([one.id, two.id, unlinked.id].sort((a, b) => a - b))
    const listed = ((await call('GET', '/api/pops', inspector)).json() as PopList).items.find((item: Pop) => item.id === pop.id)!
    expect(listed.linkedTasks).toEqual(detail.linkedTasks)
  })
})

describe('who sees what', () => {
  it('councillors: the POPs in their wards, without the problem, cells, log or linked tasks; 404 for others', async () => {
    const [{ code }] = await sql(`SELECT code FROM wards WHERE council_name = 'Hartlepool' ORDER BY code LIMIT 1`)
    const theirs = (await call('POST', '/api/pops', inspector, { title: 'In their ward', problem: 'Names a person', ownerId, area: { source: 'ward', ward: code } })).json()
    await call('POST', `/api/pops/${theirs.id}/log`, inspector, { kind: 'note', body: 'Private note' })
    const other = await createPop()
    await createTestUser(testApp.pool, { email: 'cllr.pop@test.local', role: 'councillor', wards: [code] })
    const councillor = await signIn(testApp.app, 'cllr.pop@test.local')
    const list: PopList = (await call('GET', '/api/pops', councillor)).json()
    const expected = await sql(`SELECT DISTINCT pop_id::int AS id FROM pop_wards WHERE ward_code = $1 ORDER BY 1`, [code])
    expect(list.items.map((pop) => pop.id).sort((a, b) => a - b)).toEqual(expected.map((row) => row.id))
    expect(list.items.every((pop) => pop.problem === undefined && pop.area.cells === undefined)).toBe(true)
    const detail = await call('GET', `/api/pops/${theirs.id}`, councillor)
    expect(detail.statusCode).toBe(200)
    expect(detail.json()).not.toHaveProperty('log')
    expect(detail.json()).not.toHaveProperty('tasks')
    expect(detail.body).not.toContain('Private note')
    expect(detail.body).not.toContain('Names a person')
    expect((await call('GET', `/api/pops/${other.id}`, councillor)).statusCode).toBe(404)
    expect((await call('POST', '/api/pops/from-ward', councillor, { ward: code, ownerId })).statusCode).toBe(403)
  })
})
