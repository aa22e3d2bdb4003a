// Weekly ward reports: every figure against plain SQL, suppression in figures and CSV, immutability after the data
// change, one publication per ward-period with publishers racing, councillors kept to their wards, audit entries.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, createTestUser, policeUkFile, signIn, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import { importMappedFile } from '../import/mapped/import-mapped.js'
import { findProfile, insertProfile } from '../import/mapped/profile-store.js'
import { publishDue } from './publish.js'
import type { WeeklyReport } from './schemas.js'

const TOWN_CENTRE = 'E05014882' // Stockton Town Centre: the timed log's ward
const WEEK = '2024-W05' // 29 Jan to 4 Feb 2024
const THRESHOLD = 3

let testApp: TestApp
let analyst: SignedIn
let councillor: SignedIn
let admin: SignedIn
let quietWard: string
let otherWard: string
let scratch: string
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const get = (url: string, session: SignedIn) => testApp.app.inject({ method: 'GET', url, headers: session.headers })
const publish = (payload: Record<string, unknown>, session: SignedIn = analyst) => testApp.app.inject({ method: 'POST', url: '/api/weekly-reports', headers: session.headers, payload })

/** A count as shown against the truth: exact, "<3" for a small one, ">=N" for a total at least N. */
function expectShown(shown: number | string, actual: number, label: string) {
  if (typeof shown === 'number') return expect(shown, label).toBe(actual)
  if (shown === `<${THRESHOLD}`) return expect(actual, label).toBeLessThan(THRESHOLD)
  const bound = /^>=(\d+)$/.exec(shown)
  expect(bound, label).not.toBeNull()
  expect(actual, label).toBeGreaterThanOrEqual(Number(bound![1]))
}

/** Plain SQL: a ward's incidents by category between two UK days, by the local date of each record. */
async function countsBySql(ward: string, first: string, end: string, timedOnly: boolean) {
  const rows = await sql(
    `SELECT i.category, count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id
      WHERE l.ward_code = $1 AND (i.period_start AT TIME ZONE 'Europe/London')::date >= $2::date
        AND (i.period_start AT TIME ZONE 'Europe/London')::date < $3::date AND (NOT $4 OR i.period_precision IN ('day', 'minute'))
      GROUP BY i.category`,
    [ward, first, end, timedOnly],
  )
  return { byCategory: new Map(rows.map((row) => [row.category as string, row.n as number])), total: rows.reduce((sum, row) => sum + row.n, 0) }
}

function periodDays(period: string): { first: string; end: string } {
  if (!period.includes('-W')) {
    const [year, month] = period.split('-').map(Number)
    const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`
    return { first: `${period}-01`, end: `${next}-01` }
  }
  // ISO week by SQL, apart from the code under test.
  return { first: '', end: '' }
}

async function weekDays(week: string): Promise<{ first: string; end: string }> {
  const [row] = await sql(`SELECT to_char(to_date($1, 'IYYY-"W"IW'), 'YYYY-MM-DD') AS first, to_char(to_date($1, 'IYYY-"W"IW') + 7, 'YYYY-MM-DD') AS end`, [week])
  return { first: row.first, end: row.end }
}

const daysOf = async (period: string) => (period.includes('-W') ? weekDays(period) : periodDays(period))

/** Checks every figure of a published report against plain SQL over the stored data. */
async function expectFiguresMatchSql(report: WeeklyReport) {
  const ward = report.ward.code
  const timedOnly = report.period.kind === 'week'
  const { first, end } = await daysOf(report.period.id)
  expect({ start: report.period.start, end: report.period.end }).toEqual({ start: first, end })
  const counts = await countsBySql(ward, first, end, timedOnly)
  expectShown(report.total.count, counts.total, 'total')
  expect(report.categories.length).toBeGreaterThanOrEqual(14)
  for (const row of report.categories) expectShown(row.count, counts.byCategory.get(row.category) ?? 0, row.category)
  if (typeof report.total.count === 'string' && report.total.count.startsWith('>=')) {
    const shownSum = report.categories.reduce((sum, row) => sum + (typeof row.count === 'number' ? row.count : 0), 0)
    expect(report.total.count).toBe(`>=${Math.max(THRESHOLD, shownSum)}`)
  }
  // The trend: 12 periods ending with this one, each total as its own report would show it.
  expect(report.trend).toHaveLength(12)
  expect(report.trend.at(-1)!.period).toBe(report.period.id)
  const [{ first_day: dataStart }] = await sql(
    `SELECT to_char(min(period_start AT TIME ZONE 'Europe/London'), 'YYYY-MM-DD') AS first_day FROM incidents WHERE NOT $1 OR period_precision IN ('day', 'minute')`,
    [timedOnly],
  )
  for (const point of report.trend) {
    const days = await daysOf(point.period)
    // Before the first record anywhere: no data, never a zero.
    if (days.end <= dataStart) expect(point.total, `trend ${point.period}`).toBeNull()
    else expectShown(point.total!, (await countsBySql(ward, days.first, days.end, timedOnly)).total, `trend ${point.period}`)
  }
  // Top locations: places with at least the threshold, busiest first, as plain SQL ranks them.
  const places = await sql(
    `SELECT i.location_text AS name, count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id
      WHERE l.ward_code = $1 AND (i.period_start AT TIME ZONE 'Europe/London')::date >= $2::date AND (i.period_start AT TIME ZONE 'Europe/London')::date < $3::date
        AND (NOT $4 OR i.period_precision IN ('day', 'minute')) AND coalesce(i.location_text, '') <> ''
      GROUP BY 1 HAVING count(*) >= $5 ORDER BY 2 DESC, 1 LIMIT 5`,
    [ward, first, end, timedOnly, THRESHOLD],
  )
  expect(report.locations.map((row) => [row.name, row.count])).toEqual(places.map((row) => [row.name, row.n]))
  // Map cells: every drawn cell has at least the threshold; the drawn cells hold no more than the period's incidents.
  const cells = await sql(
    `SELECT to_hex(l.h3_res8) AS cell, count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id
      WHERE l.ward_code = $1 AND (i.period_start AT TIME ZONE 'Europe/London')::date >= $2::date AND (i.period_start AT TIME ZONE 'Europe/London')::date < $3::date
        AND (NOT $4 OR i.period_precision IN ('day', 'minute')) GROUP BY 1 HAVING count(*) >= $5 ORDER BY 1`,
    [ward, first, end, timedOnly, THRESHOLD],
  )
  expect(report.map.cells.map((cell) => cell.cell.replace(/^0+/, ''))).toEqual(cells.map((row) => row.cell))
  for (const [index, cell] of report.map.cells.entries()) {
    const band = report.map.bands[cell.band]
    expect(cells[index].n).toBeGreaterThanOrEqual(band.from)
    if (band.to !== null) expect(cells[index].n).toBeLessThanOrEqual(band.to)
  }
  // CCTV: no camera works in these tests, so nothing is covered and no share is given.
  expectShown(report.cctv.incidents, counts.total, 'cctv incidents')
  expectShown(report.cctv.covered, 0, 'cctv covered')
  expect(report.cctv.share).toBeNull()
  // Resident reports from the ward's pins in the period, by status, as plain SQL counts them (words: build-report.ts).
  const sent = await sql(
    `SELECT count(*)::int AS n FROM resident_reports r JOIN wards w ON w.code = $1
      WHERE ST_Intersects(w.geom, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326))
        AND (r.submitted_at AT TIME ZONE 'Europe/London')::date >= $2::date AND (r.submitted_at AT TIME ZONE 'Europe/London')::date < $3::date`,
    [ward, report.period.start, report.period.end],
  )
  expect(report.residentReports.recorded).toBe(true)
  if (sent[0].n === 0) expect(report.residentReports.words).toBe(`No resident reports were sent from this ward this ${report.period.kind}`)
  else expect(report.residentReports.words).toMatch(new RegExp(`^${sent[0].n} resident reports were sent from this ward this ${report.period.kind}`))
}

beforeAll(async () => {
  testApp = await startTestApp({ security: { suppressionThreshold: THRESHOLD } })
  await testApp.importFiles([...boundaryFiles, policeUkFile('2024-01'), policeUkFile('2024-02'), policeUkFile('2024-03')])
  ;[{ ward_code: quietWard }] = await sql(
    `SELECT l.ward_code FROM incidents i JOIN locations l ON l.id = i.location_id WHERE l.ward_code IS NOT NULL AND l.ward_code <> $1
      GROUP BY 1 ORDER BY count(*), 1 LIMIT 1`,
    [TOWN_CENTRE],
  )
  ;[{ code: otherWard }] = await sql(`SELECT code FROM wards WHERE code NOT IN ($1, $2) ORDER BY code LIMIT 1`, [TOWN_CENTRE, quietWard])
  // A timed log in Stockton town centre: weeks of records at three points near its label point, some busy, some not.
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'patrolmap-weekly-'))
  const [point] = await sql(`SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM wards WHERE code = $1`, [TOWN_CENTRE])
  const lines = ['id,when,x,y,kind,place']
  let id = 0
  for (let day = 0; day < 70; day += 1) {
    const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10)
    const many = day % 7 < 3 ? 2 : 1
    for (let n = 0; n < many; n += 1) {
      id += 1
      const offset = (id % 3) * 0.0004
      lines.push(`${id},${date}T${String(8 + (id % 12)).padStart(2, '0')}:15,${(point.lon + offset).toFixed(6)},${(point.lat + offset).toFixed(6)},${id % 5 === 0 ? 'other' : 'noise'},Place ${id % 3}`)
    }
  }
  fs.writeFileSync(path.join(scratch, 'town.csv'), lines.join('\n') + '\n')
  await insertProfile(testApp.pool, {
    name: 'weekly-test', title: 'Weekly test',
    mapping: {
      source: 'Town log', reference: ['id'], when: { date: 'when', format: 'iso8601', time: { kind: 'in-date' } },
      position: { kind: 'lonlat', lon: 'x', lat: 'y' }, address: 'place', category: { column: 'kind', map: { noise: 'Anti-social behaviour' }, default: 'Public order' },
    },
  })
  const imported = await importMappedFile(testApp.pool, path.join(scratch, 'town.csv'), (await findProfile(testApp.pool, 'weekly-test'))!)
  expect(imported.status, imported.message).toBe('committed')
  analyst = await testApp.signInAs('analyst')
  admin = await testApp.signInAs('admin')
  await createTestUser(testApp.pool, { email: 'cllr@test.local', role: 'councillor', wards: [TOWN_CENTRE, quietWard] })
  councillor = await signIn(testApp.app, 'cllr@test.local')
})

afterAll(async () => {
  await testApp.close()
  fs.rmSync(scratch, { recursive: true, force: true })
})

describe('a ward with months only', () => {
  it('is reported for the latest month of the data, says so, and every figure matches plain SQL', async () => {
    const response = await publish({ ward: quietWard })
    expect(response.statusCode, response.body).toBe(201)
    const { report: meta } = response.json()
    expect(meta).toMatchObject({ wardCode: quietWard, period: '2024-03', periodKind: 'month', version: 1, changes: null, trigger: 'on-demand' })
    const body = (await get(`/api/weekly-reports/${quietWard}/2024-03`, analyst)).json()
    expect(body.report.period.monthsOnly).toBe(true)
    expect(body.report.caveats.join(' ')).toMatch(/dated to the month only, so this report covers a whole month/)
    await expectFiguresMatchSql(body.report)
  })
  it('refuses a week for it, naming the period', async () => {
    const response = await publish({ ward: quietWard, period: WEEK })
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toMatch(/^period: .*dated to the month only/)
  })
})

describe('a ward with dated records', () => {
  it('is reported by ISO week from its dated records only, every figure matching plain SQL', async () => {
    // A task in the ward that ran that week, with visits, and named contacts.
    const [task] = await sql(
      `INSERT INTO tasks (title, dosage_visits_per_week, dosage_minutes, start_date, end_date, status, geom, source, source_ward)
       SELECT 'High Street patrols', 4, 15, '2024-01-15', '2024-02-25', 'in_progress', ST_Multi(ST_Buffer(label_point::geography, 150)::geometry), 'ward', code
         FROM wards WHERE code = $1 RETURNING id`,
      [TOWN_CENTRE],
    )
    await sql('SELECT set_task_wards(ARRAY[$1::bigint])', [task.id])
    for (const [key, date, minutes] of [['visit-0001', '2024-01-30', 15], ['visit-0002', '2024-02-02', 20], ['visit-0003', '2024-02-08', 10]] as const) {
      await sql(`INSERT INTO task_visits (task_id, idempotency_key, visit_date, start_time, minutes) VALUES ($1, $2, $3, '10:00', $4)`, [task.id, key, date, minutes])
    }
    // Resident reports: three sent from the ward that week and still waiting, one the week after, one from elsewhere.
    for (const [day, lonShift] of [['2024-01-30', 0], ['2024-01-31', 0], ['2024-02-03', 0], ['2024-02-10', 0], ['2024-01-30', 1]] as const) {
      await sql(
        `INSERT INTO resident_reports (receipt_hash, reporter_category, category, lon, lat, happened_at, ongoing, description, submitted_at)
         SELECT $1, 'noise', 'Anti-social behaviour', ST_X(label_point) + $2, ST_Y(label_point), $3::date + time '20:00', false, 'Loud music', $3::date + time '21:00'
           FROM wards WHERE code = $4`,
        [crypto.randomBytes(32), lonShift, day, TOWN_CENTRE],
      )
    }
    const put = await testApp.app.inject({ method: 'PUT', url: `/api/ward-contacts/${TOWN_CENTRE}/neighbourhood-officer`, headers: admin.headers, payload: { name: 'PC Jo Bloggs', email: 'jo.bloggs@police.test' } })
    expect(put.statusCode, put.body).toBe(200)
    const response = await publish({ ward: TOWN_CENTRE, period: WEEK })
    expect(response.statusCode, response.body).toBe(201)
    const body = (await get(`/api/weekly-reports/${TOWN_CENTRE}/${WEEK}`, analyst)).json()
    const report: WeeklyReport = body.report
    expect(report.period).toMatchObject({ kind: 'week', start: '2024-01-29', end: '2024-02-05', monthsOnly: false })
    await expectFiguresMatchSql(report)
    // The week's records are all dated, so the total is exact here, and the words compare it with last week's.
    const days = await weekDays(WEEK)
    const before = await weekDays('2024-W04')
    const thisWeek = (await countsBySql(TOWN_CENTRE, days.first, days.end, true)).total
    const lastWeek = (await countsBySql(TOWN_CENTRE, before.first, before.end, true)).total
    if (typeof report.total.count === 'number' && typeof report.total.previous === 'number') {
      const difference = thisWeek - lastWeek
      expect(report.total.words).toContain(difference === 0 ? 'the same as last week' : `${difference > 0 ? 'up' : 'down'} ${Math.abs(difference)} on last week`)
    }
    expect(report.caveats.join(' ')).toMatch(/cannot be placed in a week/)
    // Dosage: the visits on the week's days against four a week (the task ran all seven days).
    const [visits] = await sql(`SELECT count(*)::int AS n, sum(minutes)::int AS m FROM task_visits WHERE task_id = $1 AND visit_date BETWEEN '2024-01-29' AND '2024-02-04'`, [task.id])
    expect(report.tasks).toEqual([
      expect.objectContaining({ id: Number(task.id), title: 'High Street patrols', status: 'in_progress', visitsTarget: 4, visits: visits.n, minutesTarget: 60, minutes: visits.m }),
    ])
    expect(report.contacts).toEqual([{ kind: 'neighbourhood-officer', name: 'PC Jo Bloggs', email: 'jo.bloggs@police.test', phone: null }])
    expect(report.residentReports.words).toBe('3 resident reports were sent from this ward this week: 3 awaiting a decision when this report was published')
  })
})

describe('publication', () => {
  it('keeps a published report byte for byte when the data change, and a re-issue is a new version saying what changed', async () => {
    const first = await get(`/api/weekly-reports/${TOWN_CENTRE}/${WEEK}`, analyst)
    const [stored] = await sql(`SELECT snapshot, content_hash FROM weekly_reports WHERE ward_code = $1 AND period = $2 AND version = 1`, [TOWN_CENTRE, WEEK])
    expect(crypto.createHash('sha256').update(stored.snapshot).digest('hex')).toBe(stored.content_hash)
    // A correction (a record of the week re-categorised), then a re-import of the log with a record added.
    await sql(
      `UPDATE incidents SET category = 'Criminal damage and arson' WHERE id = (SELECT min(id) FROM incidents WHERE source = 'Town log' AND period_start >= '2024-01-30' AND period_start < '2024-02-04')`,
    )
    const corrected = (await testApp.app.inject({ method: 'GET', url: `/api/weekly-reports/${TOWN_CENTRE}/${WEEK}`, headers: analyst.headers })).body
    expect(corrected).toBe(first.body)
    fs.appendFileSync(path.join(scratch, 'town.csv'), '9001,2024-01-31T12:00,-1.3135,54.5650,noise,Place 9\n')
    const again = await importMappedFile(testApp.pool, path.join(scratch, 'town.csv'), (await findProfile(testApp.pool, 'weekly-test'))!)
    expect(again.status, again.message).toBe('committed')
    const after = await get(`/api/weekly-reports/${TOWN_CENTRE}/${WEEK}`, analyst)
    expect(after.body).toBe(first.body)
    const [unchanged] = await sql(`SELECT snapshot, content_hash FROM weekly_reports WHERE ward_code = $1 AND period = $2 AND version = 1`, [TOWN_CENTRE, WEEK])
    expect(unchanged).toEqual(stored)
    expect(after.json().meta.contentHash).toBe(crypto.createHash('sha256').update(JSON.stringify(after.json().report)).digest('hex'))
    // The database itself refuses to change or remove it.
    await expect(sql(`UPDATE weekly_reports SET snapshot = '{}' WHERE ward_code = $1`, [TOWN_CENTRE])).rejects.toThrow(/never changes/)
    await expect(sql(`DELETE FROM weekly_reports WHERE ward_code = $1`, [TOWN_CENTRE])).rejects.toThrow(/never changes/)
    // Publishing again without a re-issue changes nothing; a re-issue is version 2, naming what changed.
    const repeat = await publish({ ward: TOWN_CENTRE, period: WEEK })
    expect(repeat.statusCode).toBe(200)
    expect(repeat.json()).toMatchObject({ published: false, report: { version: 1 } })
    const reissue = await publish({ ward: TOWN_CENTRE, period: WEEK, reissue: true, reason: 'records corrected' })
    expect(reissue.statusCode, reissue.body).toBe(201)
    expect(reissue.json().report).toMatchObject({ version: 2, reason: 'records corrected' })
    expect(reissue.json().report.changes).toMatch(/Anti-social behaviour: \d+ → \d+/)
    const latest = (await get(`/api/weekly-reports/${TOWN_CENTRE}/${WEEK}`, analyst)).json()
    expect(latest.meta.version).toBe(2)
    await expectFiguresMatchSql(latest.report)
    expect((await get(`/api/weekly-reports/${TOWN_CENTRE}/${WEEK}?version=1`, analyst)).body).toBe(first.body)
    // Nothing changed since: no third version.
    expect((await publish({ ward: TOWN_CENTRE, period: WEEK, reissue: true })).statusCode).toBe(409)
  })

  it('publishes each ward-period exactly once with schedulers and on-demand calls racing', async () => {
    const wards = [otherWard, quietWard, TOWN_CENTRE]
    const now = new Date('2024-02-14T09:00:00Z') // last complete week: 2024-W06
    const runs = await Promise.all([
      publishDue(testApp.pool, { suppressionThreshold: THRESHOLD, trigger: 'schedule', now, wards }),
      publishDue(testApp.pool, { suppressionThreshold: THRESHOLD, trigger: 'command-line', now, wards }),
      publishDue(testApp.pool, { suppressionThreshold: THRESHOLD, trigger: 'schedule', now, wards }),
    ])
    const published = runs.flatMap((run) => run.published.filter((each) => each.published).map((each) => `${each.report.wardCode}/${each.report.period}`))
    const rows = await sql(`SELECT ward_code, period, count(*)::int AS n FROM weekly_reports WHERE ward_code = ANY ($1) GROUP BY 1, 2 ORDER BY 1, 2`, [wards])
    for (const row of rows) expect(row.n, `${row.ward_code} ${row.period}`).toBe(row.ward_code === TOWN_CENTRE && row.period === WEEK ? 2 : 1)
    expect(rows.map((row) => `${row.ward_code}/${row.period}`)).toEqual(expect.arrayContaining([`${TOWN_CENTRE}/2024-W06`, `${otherWard}/2024-03`, `${quietWard}/2024-03`]))
    // Only what was missing was published, once: the other ward's month and the town centre's week 6.
    expect(published.sort()).toEqual([`${TOWN_CENTRE}/2024-W06`, `${otherWard}/2024-03`].sort())
    // Concurrent on-demand calls for one new ward-period: one 201, the rest 200 with the same report.
    const answers = await Promise.all([0, 1, 2, 3].map(() => publish({ ward: TOWN_CENTRE, period: '2024-W07' })))
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 200, 200, 201])
    expect(new Set(answers.map((answer) => answer.json().report.id)).size).toBe(1)
  })
})

describe('councillors, downloads and the audit trail', () => {
  it('lists only the councillor\u2019s wards in the archive and refuses another ward\u2019s report by URL', async () => {
    await publish({ ward: otherWard, period: '2024-02' })
    const archive = (await get('/api/weekly-reports', councillor)).json()
    expect(archive.items.length).toBeGreaterThan(0)
    expect(new Set(archive.items.map((item: { wardCode: string }) => item.wardCode))).toEqual(new Set([TOWN_CENTRE, quietWard]))
    const staff = (await get('/api/weekly-reports', analyst)).json()
    expect(staff.items.some((item: { wardCode: string }) => item.wardCode === otherWard)).toBe(true)
    for (const url of [`/api/weekly-reports/${otherWard}/2024-03`, `/api/weekly-reports/${otherWard}/2024-03/report.csv`, `/api/weekly-reports/${otherWard}/2024-03/report.pdf`, `/api/weekly-reports?ward=${otherWard}`]) {
      expect((await get(url, councillor)).statusCode, url).toBe(403)
    }
    expect((await publish({ ward: TOWN_CENTRE, period: '2024-W08' }, councillor)).statusCode).toBe(403)
    expect((await get(`/api/weekly-reports/${quietWard}/2024-02`, councillor)).statusCode).toBe(404)
  })

  it('gives the CSV with counts as the report shows them, small ones suppressed', async () => {
    const response = await get(`/api/weekly-reports/${quietWard}/2024-03/report.csv`, councillor)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/csv/)
    const report: WeeklyReport = (await get(`/api/weekly-reports/${quietWard}/2024-03`, councillor)).json().report
    const lines = response.body.trim().split('\r\n').map((line) => line.split(','))
    const { first, end } = periodDays('2024-03')
    const counts = await countsBySql(quietWard, first, end, false)
    let small = 0
    for (const row of report.categories) {
      const line = lines.find((each) => each[0] === 'counts' && each[3] === row.category)
      expect(line, row.category).toBeDefined()
      expect(line![4], row.category).toBe(String(row.count))
      expectShown(/^\d+$/.test(line![4]) ? Number(line![4]) : line![4], counts.byCategory.get(row.category) ?? 0, row.category)
      if (line![4] === `<${THRESHOLD}`) small += 1
    }
    expect(small).toBeGreaterThan(0)
    // No raw small count anywhere in the counts or trend rows.
    for (const line of lines.filter((each) => each[0] === 'counts' || each[0] === 'trend')) {
      if (/^\d+$/.test(line[4])) expect(Number(line[4])).toBeGreaterThanOrEqual(THRESHOLD)
    }
  })

  it('records every publication and every download', async () => {
    const publications = await sql(`SELECT target, details->>'trigger' AS via FROM audit_log WHERE action = 'weekly_report.publish' ORDER BY id`)
    const [reports] = await sql('SELECT count(*)::int AS n FROM weekly_reports')
    expect(publications).toHaveLength(reports.n)
    expect(publications.map((row) => row.via)).toEqual(expect.arrayContaining(['on-demand', 'schedule']))
    const downloads = await sql(`SELECT target, details->>'format' AS format, actor_email FROM audit_log WHERE action = 'weekly_report.download' AND actor_email = 'cllr@test.local'`)
    expect(downloads.map((row) => row.format)).toEqual(expect.arrayContaining(['json', 'csv']))
    expect(downloads.every((row) => !row.target.startsWith(otherWard))).toBe(true)
  })

  it('lets only admins keep contacts, refusing an unknown ward', async () => {
    expect((await testApp.app.inject({ method: 'PUT', url: `/api/ward-contacts/${TOWN_CENTRE}/housing-officer`, headers: analyst.headers, payload: { name: 'A' } })).statusCode).toBe(403)
    expect((await testApp.app.inject({ method: 'PUT', url: '/api/ward-contacts/E05999999/housing-officer', headers: admin.headers, payload: { name: 'A' } })).statusCode).toBe(400)
    const list = (await get(`/api/ward-contacts?ward=${TOWN_CENTRE}`, analyst)).json()
    expect(list.items.map((item: { name: string }) => item.name)).toEqual(['PC Jo Bloggs'])
    expect((await testApp.app.inject({ method: 'DELETE', url: `/api/ward-contacts/${TOWN_CENTRE}/housing-officer`, headers: admin.headers })).statusCode).toBe(404)
  })
})
