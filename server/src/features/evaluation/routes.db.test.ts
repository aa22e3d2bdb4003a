// The evaluation routes on six months of real police.uk data: a task's counts in its area, ring and control against
// plain SQL over incidents ⋈ locations, the automatic control's rule, the caveats, and the partnership view.
import { cellsToMultiPolygon, gridDisk, latLngToCell } from 'h3-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, policeUkFile, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import type { Evaluation, Partnership } from './schemas.js'
import { wdd } from './wdd.js'

const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']

let testApp: TestApp
let admin: SignedIn
let taskId: number
let overlappingId: number
let teamId: number
let cells: string[]

const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows

function cellsWkt(list: string[]): string {
  const ring = (points: number[][]) => `(${points.map(([lon, lat]) => `${lon} ${lat}`).join(', ')})`
  return `MULTIPOLYGON(${cellsToMultiPolygon(list, true).map((polygon) => `(${polygon.map(ring).join(', ')})`).join(', ')})`
}

async function createTask(title: string, area: string[], startDate: string, endDate: string): Promise<number> {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/tasks',
    headers: admin.headers,
    payload: { title, dosage: { visitsPerWeek: 3 }, startDate, endDate, leadTeamId: teamId, area: { source: 'cells', res: 9, cells: area } },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id
}

async function evaluation(query = '', id = taskId): Promise<Evaluation> {
  const response = await testApp.app.inject({ method: 'GET', url: `/api/evaluation/tasks/${id}${query}`, headers: admin.headers })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

beforeAll(async () => {
  testApp = await startTestApp({ data: [...boundaryFiles, ...MONTHS.map(policeUkFile)] })
  admin = await testApp.signInAs('admin')
  teamId = (await sql('SELECT id::int FROM teams ORDER BY id LIMIT 1'))[0].id
  const [busiest] = await sql(`SELECT l.lat, l.lon FROM incidents i JOIN locations l ON l.id = i.location_id GROUP BY l.id ORDER BY count(*) DESC, l.id LIMIT 1`)
  cells = gridDisk(latLngToCell(busiest.lat, busiest.lon, 9), 1)
  taskId = await createTask('Town centre evenings', cells, '2024-04-08', '2024-05-31')
  // A second task over part of the same place, tasked, in the same months: the first one's evaluation must name it.
  overlappingId = await createTask('Bus station', cells.slice(0, 1), '2024-05-01', '2024-06-30')
  const moved = await testApp.app.inject({ method: 'POST', url: `/api/tasks/${overlappingId}/status`, headers: admin.headers, payload: { to: 'tasked', version: 1 } })
  expect(moved.statusCode, moved.body).toBe(200)
}, 180_000)
afterAll(() => testApp?.close())

/** Incidents per region and period the plain way: each point tested against each region's own polygon. */
async function plainCounts(control: string, bufferMetres: number, before: { from: string; to: string }, after: { from: string; to: string }) {
  const rows = await sql(
    `WITH given AS (SELECT t.geom AS area, ST_GeomFromText($2, 4326) AS control, ST_Buffer(t.geom::geography, $3)::geometry AS buffered
                      FROM tasks t WHERE t.id = $1),
          shapes AS MATERIALIZED (SELECT area, ST_Difference(buffered, area) AS ring, ST_Difference(control, buffered) AS control FROM given)
     SELECT v.region, CASE WHEN to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') <= $5 THEN 0 ELSE 1 END AS period,
            count(*)::int AS incidents
       FROM incidents i
       JOIN locations l ON l.id = i.location_id
      CROSS JOIN shapes s
      CROSS JOIN LATERAL (VALUES ('treated', ST_Intersects(s.area, l.geom)), ('buffer', ST_Intersects(s.ring, l.geom)),
                                 ('control', ST_Intersects(s.control, l.geom))) AS v (region, inside)
      WHERE v.inside AND to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') BETWEEN $4 AND $6
      GROUP BY 1, 2`,
    [taskId, control, bufferMetres, before.from, before.to, after.to],
  )
  const counts: Record<string, [number, number]> = { treated: [0, 0], buffer: [0, 0], control: [0, 0] }
  for (const row of rows) counts[row.region][row.period] = row.incidents
  return counts
}

describe('GET /api/evaluation/tasks/:id on real data', () => {
  it('compares equal periods of whole months from the task\u2019s start month, and says the data has months only', async () => {
    const answer = await evaluation()
    expect(answer.months).toBe(2)
    expect(answer.before).toEqual({ from: '2024-02', to: '2024-03' })
    expect(answer.after).toEqual({ from: '2024-04', to: '2024-05' })
    expect(answer.monthsOnly).toBe(true)
    expect(answer.periodWords).toMatch(/month only/)
    expect(answer.series.map((month) => [month.month, month.period])).toEqual([
      ['2024-02', 'before'], ['2024-03', 'before'], ['2024-04', 'after'], ['2024-05', 'after'],
    ])
  })

  it('counts the task area, the ring and the control as plain SQL over incidents does, month by month too', async () => {
    const answer = await evaluation()
    const plain = await plainCounts(cellsWkt(answer.control.cells), 250, answer.before, answer.after)
    expect(answer.counts).toEqual(plain)
    expect(answer.counts.treated[0]).toBeGreaterThan(100)
    for (const region of ['treated', 'buffer', 'control'] as const) {
      const fromSeries = [0, 1].map((period) => answer.series.filter((month) => (month.period === 'before' ? 0 : 1) === period).reduce((sum, month) => sum + month[region], 0))
      expect(fromSeries, region).toEqual(answer.counts[region])
    }
    const monthly = await sql(
      `SELECT to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, count(*)::int AS n
         FROM incidents i JOIN locations l ON l.id = i.location_id JOIN tasks t ON t.id = $1 AND ST_Intersects(t.geom, l.geom)
        GROUP BY 1`,
      [taskId],
    )
    for (const month of answer.series) expect(month.treated, month.month).toBe(monthly.find((row) => row.month === month.month)?.n ?? 0)
  })

  it('gives the WDD of those counts, on counts and on harm', async () => {
    const answer = await evaluation()
    const expected = wdd({ treated: answer.counts.treated as [number, number], control: answer.counts.control as [number, number], displacementTreated: answer.counts.buffer as [number, number] })
    expect(answer.wdd.count).toEqual(expected)
    const harm = answer.harm
    expect(answer.wdd.harm.estTotal).toBeCloseTo(harm.treated[1] - harm.treated[0] - (harm.control[1] - harm.control[0]) + (harm.buffer[1] - harm.buffer[0]), 6)
  })

  it('chooses the control deterministically: res-8 cells of the task\u2019s council, none reaching into the ring, with about the task area\u2019s count before', async () => {
    const first = await evaluation()
    const second = await evaluation()
    expect(second.control).toEqual(first.control)
    expect(first.control.mode).toBe('auto')
    expect(first.control.cells.length).toBeGreaterThan(0)
    const [check] = await sql(
      `SELECT bool_and(NOT ST_Intersects(ST_GeomFromText($2, 4326), ST_Buffer(t.geom::geography, 250)::geometry)) AS beyond_ring,
              (SELECT array_agg(DISTINCT w.council_code) FROM task_wards tw JOIN wards w ON w.code = tw.ward_code WHERE tw.task_id = t.id) AS councils
         FROM tasks t WHERE t.id = $1 GROUP BY t.id`,
      [taskId, cellsWkt(first.control.cells)],
    )
    expect(check.beyond_ring).toBe(true)
    // Every control cell has points of the task's council.
    for (const cell of first.control.cells) {
      const [row] = await sql(
        `SELECT bool_or(w.council_code = ANY ($2)) AS inside FROM locations l JOIN wards w ON w.code = l.ward_code WHERE h3_to_string(l.h3_res8) = $1`,
        [cell, check.councils],
      )
      expect(row.inside, cell).toBe(true)
    }
    expect(first.counts.control[0]).toBeGreaterThanOrEqual(first.counts.treated[0] * 0.5)
    expect(first.counts.control[0]).toBeLessThanOrEqual(first.counts.treated[0] * 1.5 + 1)
    expect(first.control.rule).toMatch(/res-8 H3 cells? of the same council/)
  })

  it('takes the user\u2019s control cells and a wider ring, still matching plain SQL', async () => {
    const control = gridDisk(latLngToCell(54.5742, -1.2350, 8), 1)
    const answer = await evaluation(`?control=${control.join(',')}&bufferMetres=400`)
    expect(answer.control).toMatchObject({ mode: 'cells', cells: control, trend: null })
    expect(answer.counts).toEqual(await plainCounts(cellsWkt(control), 400, answer.before, answer.after))
  })

  it('lists the expected caveats: short periods, months only, the overlapping task by id, picked for high counts no', async () => {
    const answer = await evaluation()
    const heads = answer.caveats.map((caveat) => caveat.split(':')[0])
    expect(heads).toEqual(expect.arrayContaining(['Short periods', 'Months only']))
    expect(answer.overlappingTasks).toEqual([{ id: overlappingId, title: 'Bus station' }])
    expect(answer.caveats.some((caveat) => caveat.includes(`#${overlappingId} Bus station`))).toBe(true)
    // Three months each side: no short-period caveat; the data holds only two months after the start plus June.
    const longer = await evaluation('?months=3')
    expect(longer.caveats.map((caveat) => caveat.split(':')[0])).not.toContain('Short periods')
    // Twelve months wanted, the data holds three from the start: shortened, and said.
    const shortened = await evaluation('?months=12')
    expect(shortened.months).toBe(3)
    expect(shortened.caveats[0]).toMatch(/^Shortened periods: 12 months/)
  })

  it('reads the harm figures when asked, and says one serious incident moves them', async () => {
    const answer = await evaluation('?measure=harm')
    expect(answer.reading.findings[0]).toMatch(/^In the task area, harm/)
    expect(answer.caveats.some((caveat) => caveat.startsWith('Harm:'))).toBe(true)
  })

  it('refuses what it cannot evaluate with a reason, never a 500', async () => {
    const later = await createTask('Next year', cells, '2025-01-01', '2025-03-31')
    const cases: Array<[string, number, RegExp]> = [
      [`/api/evaluation/tasks/${later}`, 409, /no month from its start on/],
      ['/api/evaluation/tasks/999999', 404, /no task/],
      [`/api/evaluation/tasks/${taskId}?control=8f2830828052d25`, 400, /control/],
      [`/api/evaluation/tasks/${taskId}?control=${latLngToCell(54.57, -1.23, 9)},${latLngToCell(54.57, -1.23, 8)}`, 400, /mix resolutions/],
      [`/api/evaluation/tasks/${taskId}?bufferMetres=5000`, 400, /bufferMetres/],
      [`/api/evaluation/tasks/${taskId}?months=0`, 400, /months/],
    ]
    for (const [url, status, message] of cases) {
      const response = await testApp.app.inject({ method: 'GET', url, headers: admin.headers })
      expect(response.statusCode, `${url}: ${response.body}`).toBe(status)
      expect(response.json().message, url).toMatch(message)
    }
  })
})

describe('GET /api/evaluation/partnership on real data', () => {
  it('lists every task that ran in the period with its WDD, and all targeted areas against the rest of their councils as plain SQL counts them', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/api/evaluation/partnership?from=2024-04&to=2024-06', headers: admin.headers })
    expect(response.statusCode, response.body).toBe(200)
    const answer: Partnership = response.json()
    expect(answer.previous).toEqual({ from: '2024-01', to: '2024-03' })
    // The proposed task and the one starting in 2025 are left out: neither ran in the period.
    expect(answer.tasks.map((task) => task.id)).toEqual([overlappingId])
    expect(answer.tasks[0].evaluation?.counts).toEqual((await evaluation('', overlappingId)).counts)

    const [plain] = await sql(
      `WITH targeted AS (SELECT ST_Union(geom) AS geom FROM tasks WHERE id = $1),
            councils AS (SELECT DISTINCT w.council_code FROM task_wards tw JOIN wards w ON w.code = tw.ward_code WHERE tw.task_id = $1)
       SELECT count(*) FILTER (WHERE inside AND m < '2024-04')::int AS t0, count(*) FILTER (WHERE inside AND m >= '2024-04')::int AS t1,
              count(*) FILTER (WHERE NOT inside AND m < '2024-04')::int AS r0, count(*) FILTER (WHERE NOT inside AND m >= '2024-04')::int AS r1
         FROM (SELECT ST_Intersects(t.geom, l.geom) AS inside, to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS m, w.council_code
                 FROM incidents i JOIN locations l ON l.id = i.location_id LEFT JOIN wards w ON w.code = l.ward_code CROSS JOIN targeted t) AS x
        WHERE m BETWEEN '2024-01' AND '2024-06' AND (inside OR council_code IN (SELECT council_code FROM councils))`,
      [overlappingId],
    )
    expect(answer.targeted.counts).toEqual({ targeted: [plain.t0, plain.t1], rest: [plain.r0, plain.r1] })
    expect(answer.targeted.change.targeted).toBeCloseTo((plain.t1 - plain.t0) / plain.t0, 9)
    expect(answer.targeted.expected).toBeCloseTo((plain.t0 * plain.r1) / plain.r0, 9)
  })

  it('says so rather than compare with months that have no data', async () => {
    const answer: Partnership = (await testApp.app.inject({ method: 'GET', url: '/api/evaluation/partnership?from=2024-05&to=2024-06', headers: admin.headers })).json()
    expect(answer.previous).toEqual({ from: '2024-03', to: '2024-04' })
    expect(answer.targeted.note).toBeNull()
    const early: Partnership = (await testApp.app.inject({ method: 'GET', url: '/api/evaluation/partnership?from=2024-01&to=2024-06', headers: admin.headers })).json()
    expect(early.targeted.change).toEqual({ targeted: null, rest: null })
    expect(early.targeted.note).toMatch(/^No earlier data/)
  })

  it('exports the same figures as CSV, one row per task and one for all targeted areas', async () => {
    const url = '/api/evaluation/partnership?from=2024-04&to=2024-06'
    const json: Partnership = (await testApp.app.inject({ method: 'GET', url, headers: admin.headers })).json()
    const response = await testApp.app.inject({ method: 'GET', url: `${url}&format=csv`, headers: admin.headers })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/csv/)
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="patrolmap-evaluation-2024-04-to-2024-06\.csv"/)
    const lines = response.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(lines).toHaveLength(1 + json.tasks.length + 1)
    const taskRow = lines[1].split(',')
    expect(taskRow[1]).toBe(String(json.tasks[0].id))
    expect(Number(taskRow[17])).toBeCloseTo(json.tasks[0].evaluation!.wdd.count.estTotal, 6)
    expect(lines[2].startsWith('all targeted areas,')).toBe(true)
  })
})
