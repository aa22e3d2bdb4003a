// Ward reports: staff figures against plain SQL; councillors see only their wards, with small counts suppressed.
// Also hostile text in every string parameter of the access routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, createTestUser, policeUkFile, signIn, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'

const TOWN_CENTRE = 'E05014882' // Stockton Town Centre: busy
const QUIET_WARD_QUERY = `SELECT l.ward_code FROM incidents i JOIN locations l ON l.id = i.location_id
                           WHERE l.ward_code IS NOT NULL GROUP BY l.ward_code ORDER BY count(*), l.ward_code LIMIT 1`
const FROM = '2024-01'
const TO = '2024-03'

let testApp: TestApp
let councillor: SignedIn
let analyst: SignedIn
let admin: SignedIn
let quietWard: string

const get = (url: string, session: SignedIn) => testApp.app.inject({ method: 'GET', url, headers: session.headers })
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows

/** Plain SQL, written apart from the route's own queries. */
async function expectedCounts(ward: string, from = FROM, to = TO) {
  const byCategory = await sql(
    `SELECT i.category, count(*)::int AS n FROM incidents i JOIN locations l ON l.id = i.location_id
      WHERE l.ward_code = $1 AND to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') BETWEEN $2 AND $3
      GROUP BY i.category`,
    [ward, from, to],
  )
  const byMonth = await sql(
    `SELECT to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, count(*)::int AS n
       FROM incidents i JOIN locations l ON l.id = i.location_id
      WHERE l.ward_code = $1 AND to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') BETWEEN $2 AND $3
      GROUP BY 1`,
    [ward, from, to],
  )
  return {
    category: new Map(byCategory.map((row) => [row.category, row.n])),
    month: new Map(byMonth.map((row) => [row.month, row.n])),
    total: byCategory.reduce((sum, row) => sum + row.n, 0),
  }
}

beforeAll(async () => {
  testApp = await startTestApp({ data: [...boundaryFiles, policeUkFile('2024-01'), policeUkFile('2024-02'), policeUkFile('2024-03')] })
  ;[{ ward_code: quietWard }] = await sql(QUIET_WARD_QUERY)
  await createTestUser(testApp.pool, { email: 'cllr@test.local', role: 'councillor', wards: [TOWN_CENTRE, quietWard] })
  councillor = await signIn(testApp.app, 'cllr@test.local')
  analyst = await testApp.signInAs('analyst')
  admin = await testApp.signInAs('admin')
})
afterAll(() => testApp.close())

describe('GET /api/ward-reports for staff', () => {
  it('gives every ward, with counts by category and month equal to plain SQL', async () => {
    const response = await get(`/api/ward-reports?from=${FROM}&to=${TO}`, analyst)
    expect(response.statusCode).toBe(200)
    const body = response.json()
    const [wards] = await sql('SELECT count(*)::int AS n FROM wards')
    expect(body).toMatchObject({ period: { from: FROM, to: TO }, suppressed: false, suppressionThreshold: 3 })
    expect(body.wards).toHaveLength(wards.n)
    for (const ward of body.wards.filter((candidate: { code: string }) => [TOWN_CENTRE, quietWard].includes(candidate.code))) {
      const expected = await expectedCounts(ward.code)
      expect(ward.total).toBe(expected.total)
      for (const { category, count } of ward.categories) expect(count, category).toBe(expected.category.get(category) ?? 0)
      expect(ward.months.map((month: { month: string }) => month.month)).toEqual(['2024-01', '2024-02', '2024-03'])
      for (const { month, count } of ward.months) expect(count, month).toBe(expected.month.get(month) ?? 0)
    }
  })

  it('names one ward on request, and refuses an unknown one', async () => {
    const one = (await get(`/api/ward-reports?ward=${TOWN_CENTRE}`, analyst)).json()
    expect(one.wards.map((ward: { name: string }) => ward.name)).toEqual(['Stockton Town Centre'])
    expect((await get('/api/ward-reports?ward=E05999999', analyst)).statusCode).toBe(400)
  })
})

describe('GET /api/ward-reports for a councillor', () => {
  it('gives one month of the assigned wards, every category, with small counts hidden and protected', async () => {
    const response = await get(`/api/ward-reports?from=2024-02&to=2024-02`, councillor)
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body).toMatchObject({ suppressed: true, period: { from: '2024-02', to: '2024-02' }, dataPeriod: { from: FROM, to: TO } })
    expect(body.wards.map((ward: { code: string }) => ward.code).sort()).toEqual([TOWN_CENTRE, quietWard].sort())
    let lowSeen = 0
    for (const ward of body.wards) {
      const expected = await expectedCounts(ward.code, '2024-02', '2024-02')
      const trend = await expectedCounts(ward.code)
      const check = (shown: number | string, actual: number, label: string) => {
        if (typeof shown === 'number') expect(shown, label).toBe(actual)
        else if (shown === '<3') {
          expect(actual, label).toBeLessThan(3)
          lowSeen += 1
        } else {
          // A total beside a small count: at least the shown counts' sum, and never more than the truth.
          const bound = /^>=(\d+)$/.exec(String(shown))
          expect(bound, label).not.toBeNull()
          expect(actual, label).toBeGreaterThanOrEqual(Number(bound![1]))
        }
      }
      check(ward.total, expected.total, `${ward.code} total`)
      if (typeof ward.total === 'string' && ward.total.startsWith('>=')) {
        const shownSum = ward.categories.reduce((sum: number, entry: { count: number | string }) => sum + (typeof entry.count === 'number' ? entry.count : 0), 0)
        expect(ward.total, `${ward.code} total`).toBe(`>=${Math.max(3, shownSum)}`)
      }
      expect(ward.categories).toHaveLength(14)
      for (const { category, count } of ward.categories) check(count, expected.category.get(category) ?? 0, `${ward.code} ${category}`)
      // The trend: each month's total up to the report's month, from the start of the data.
      expect(ward.months.map((month: { month: string }) => month.month)).toEqual(['2024-01', '2024-02'])
      for (const { month, count } of ward.months) check(count, trend.month.get(month) ?? 0, `${ward.code} ${month}`)
    }
    expect(lowSeen).toBeGreaterThan(0)
  })

  it('shows the latest month by default, and each month\u2019s total in the trend as that month\u2019s own report does', async () => {
    const latest = (await get('/api/ward-reports', councillor)).json()
    expect(latest.period).toEqual({ from: TO, to: TO })
    for (const ward of latest.wards) {
      for (const { month, count } of ward.months) {
        const own = (await get(`/api/ward-reports?from=${month}&to=${month}&ward=${ward.code}`, councillor)).json()
        expect(own.wards[0].total, `${ward.code} ${month}`).toEqual(count)
      }
    }
  })

  it('refuses a period of more than one month, and a month without data, naming the parameter', async () => {
    const range = await get(`/api/ward-reports?from=${FROM}&to=${TO}`, councillor)
    expect(range.statusCode).toBe(400)
    expect(range.json().message).toMatch(/^to: a councillor's report covers one calendar month/)
    const early = await get('/api/ward-reports?from=2019-05', councillor)
    expect(early.statusCode).toBe(400)
    expect(early.json().message).toMatch(/^from: there are no data for 2019-05/)
  })

  it('never includes incident rows, coordinates or cells', async () => {
    const text = (await get(`/api/ward-reports`, councillor)).body
    expect(text).not.toMatch(/"(lat|lon|lng|latitude|longitude|h3|geom|geometry|coordinates|location|id)"/)
  })

  it('refuses another ward by name, and the incident-level routes altogether', async () => {
    const other = (await sql(`SELECT code FROM wards WHERE code <> ALL ($1) LIMIT 1`, [[TOWN_CENTRE, quietWard]]))[0].code
    const response = await get(`/api/ward-reports?ward=${other}`, councillor)
    expect(response.statusCode).toBe(400)
    expect(response.json().message).toMatch(/not one of your wards/)
    for (const url of ['/api/hexes?res=8', '/api/incidents', '/api/summary', '/api/wards', '/api/users', '/api/audit']) {
      expect((await get(url, councillor)).statusCode, url).toBe(403)
    }
  })

  it('gives an empty list to a councillor with no wards yet', async () => {
    await createTestUser(testApp.pool, { email: 'new-cllr@test.local', role: 'councillor' })
    const fresh = await signIn(testApp.app, 'new-cllr@test.local')
    const body = (await get('/api/ward-reports', fresh)).json()
    expect(body.wards).toEqual([])
  })
})

describe('hostile text in every string parameter of the access routes', () => {
  const hostile = ["'; DROP TABLE users; --", "' OR '1'='1", '%00', '\\x00', 'a'.repeat(5000), '${1}', '<script>alert(1)</script>']

  it.each(hostile)('answers 400 or a safe answer, never 500: %#', async (value) => {
    const encoded = encodeURIComponent(value)
    for (const url of [`/api/ward-reports?ward=${encoded}`, `/api/ward-reports?from=${encoded}`, `/api/audit?action=${encoded}`, `/api/audit?from=${encoded}`, `/api/audit?cursor=${encoded}`]) {
      expect((await get(url, admin)).statusCode, url).toBe(400)
    }
    const byActor = await get(`/api/audit?actor=${encoded}`, admin)
    expect([200, 400]).toContain(byActor.statusCode)
    if (byActor.statusCode === 200) expect(byActor.json().items).toEqual([])

    const login = await testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: value, password: value }, headers: { 'x-forwarded-for': '10.9.9.9' } })
    expect([400, 401, 413, 429]).toContain(login.statusCode)
    const created = await testApp.app.inject({ method: 'POST', url: '/api/users', payload: { email: value, name: value, role: 'analyst', password: 'a long first password' }, headers: admin.headers })
    expect(created.statusCode).toBe(400)
    const renamed = await testApp.app.inject({ method: 'PATCH', url: `/api/users/${encoded}`, payload: { name: value }, headers: admin.headers })
    expect([400, 404, 414]).toContain(renamed.statusCode)
    const [users] = await sql('SELECT count(*)::int AS n FROM users')
    expect(users.n).toBeGreaterThan(0)
  })
})
