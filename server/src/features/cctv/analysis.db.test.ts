// Coverage, gaps and placement through the API on three months of real Cleveland data, each figure against plain
// PostGIS SQL over the incidents themselves (not the count rollups the routes read): shares per ward and overall,
// what each camera sees, a councillor's own wards protected, hot cells and problem locations by harm outside every
// view, and greedy placement's picks and gains.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, createTestUser, policeUkFile, signIn, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import type { CoverageAnswer, GapsAnswer, PlacementAnswer } from './schemas.js'

const TOWN_CENTRE = 'E05014882' // Stockton Town Centre (WD23)
let testApp: TestApp
let analyst: SignedIn
let councillor: SignedIn
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const get = (url: string, who: SignedIn = analyst) => testApp.app.inject({ method: 'GET', url, headers: who.headers })
const json = async (url: string, who: SignedIn = analyst) => {
  const response = await get(url, who)
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

/** Per map point: incidents and harm from the incidents table itself, in the months and categories given. */
const PLAIN_POINTS = `
  SELECT i.location_id, l.ward_code, l.geom, count(*)::int AS incidents, coalesce(sum(hw.weight), 0)::float8 AS harm,
         EXISTS (SELECT 1 FROM cameras c WHERE c.status = 'working' AND ST_Contains(c.view_geom, l.geom)) AS covered
    FROM incidents i
    JOIN locations l ON l.id = i.location_id
    LEFT JOIN harm_weights hw ON hw.category = i.category
   WHERE to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM') BETWEEN $1 AND $2
     AND ($3::text[] IS NULL OR i.category = ANY ($3))
   GROUP BY i.location_id, l.ward_code, l.geom`

beforeAll(async () => {
  testApp = await startTestApp({ data: [...boundaryFiles, policeUkFile('2024-01'), policeUkFile('2024-02'), policeUkFile('2024-03')] })
  analyst = await testApp.signInAs('analyst')
  await createTestUser(testApp.pool, { email: 'cllr.cctv@test.local', role: 'councillor', wards: [TOWN_CENTRE] })
  councillor = await signIn(testApp.app, 'cllr.cctv@test.local')
  // Cameras at the 12 busiest map points of Stockton Town Centre and Newtown, turned different ways; one faulty.
  const busiest = await sql(
    `SELECT ST_X(l.geom) AS lon, ST_Y(l.geom) AS lat FROM incidents i JOIN locations l ON l.id = i.location_id
      WHERE l.ward_code IN ($1, 'E05014879') GROUP BY l.id ORDER BY count(*) DESC, l.id LIMIT 12`,
    [TOWN_CENTRE],
  )
  for (const [index, point] of busiest.entries()) {
    const type = ['fixed', 'ptz', 'redeployable'][index % 3]
    const response = await testApp.app.inject({
      method: 'POST', url: '/api/cctv/cameras', headers: analyst.headers,
      payload: { owner: 'Stockton Council', reference: `C${index}`, name: `Camera ${index}`, type, bearingDeg: (index * 47) % 360, position: { lon: point.lon + 0.0003, lat: point.lat }, status: index === 11 ? 'faulty' : 'working' },
    })
    expect(response.statusCode, response.body).toBe(201)
  }
})
afterAll(() => testApp.close())

describe('GET /api/cctv/coverage', () => {
  it('shares per ward and overall equal plain SQL over the incidents, with the map-point caveat', async () => {
    for (const [from, to, categories] of [['2024-01', '2024-03', null], ['2024-02', '2024-02', ['Anti-social behaviour', 'Shoplifting']]] as const) {
      const url = `/api/cctv/coverage?from=${from}&to=${to}${categories ? `&categories=${encodeURIComponent(categories.join(','))}` : ''}`
      const answer: CoverageAnswer = await json(url)
      const wards = await sql(
        `SELECT ward_code, sum(incidents)::int AS incidents, coalesce(sum(incidents) FILTER (WHERE covered), 0)::int AS covered,
                sum(harm)::float8 AS harm, coalesce(sum(harm) FILTER (WHERE covered), 0)::float8 AS covered_harm
           FROM (${PLAIN_POINTS}) p GROUP BY ward_code`,
        [from, to, categories],
      )
      const total = wards.reduce((sum, ward) => ({ incidents: sum.incidents + ward.incidents, covered: sum.covered + ward.covered, harm: sum.harm + ward.harm, coveredHarm: sum.coveredHarm + ward.covered_harm }), { incidents: 0, covered: 0, harm: 0, coveredHarm: 0 })
      expect(answer.overall).toMatchObject({ incidents: total.incidents, coveredIncidents: total.covered })
      expect(answer.overall!.coveredIncidents).toBeGreaterThan(0)
      expect(answer.overall!.incidentShare).toBeCloseTo(total.covered / total.incidents, 12)
      expect(answer.overall!.harmShare).toBeCloseTo(total.coveredHarm / total.harm, 9)
      const town = answer.wards.find((ward) => ward.code === TOWN_CENTRE)!
      const plainTown = wards.find((ward) => ward.ward_code === TOWN_CENTRE)
      expect(town).toMatchObject({ incidents: plainTown.incidents, coveredIncidents: plainTown.covered })
      expect(town.harm).toBeCloseTo(plainTown.harm, 6)
      expect(town.coveredHarm).toBeCloseTo(plainTown.covered_harm, 6)
      for (const ward of answer.wards) {
        const plain = wards.find((row) => row.ward_code === ward.code)
        expect(ward.coveredIncidents, ward.code).toBe(plain?.covered ?? 0)
      }
      expect(answer.caveats[0]).toMatch(/map points/)
      expect(answer.workingCameras).toBe(11)
      expect(answer.assumedCameras).toBe(11)
    }
  })

  it('what each working camera sees, and what only it sees, equal plain SQL', async () => {
    const answer: CoverageAnswer = await json('/api/cctv/coverage?from=2024-01&to=2024-03')
    const plain = await sql(
      `WITH p AS (${PLAIN_POINTS}),
            pairs AS (SELECT c.id, p.location_id, p.incidents, p.harm FROM cameras c JOIN p ON ST_Contains(c.view_geom, p.geom) WHERE c.status = 'working'),
            seers AS (SELECT location_id, count(*) AS n FROM pairs GROUP BY location_id)
       SELECT c.id::int, coalesce(sum(pr.incidents), 0)::int AS incidents, coalesce(sum(pr.harm), 0)::float8 AS harm,
              coalesce(sum(pr.incidents) FILTER (WHERE s.n = 1), 0)::int AS only
         FROM cameras c LEFT JOIN pairs pr ON pr.id = c.id LEFT JOIN seers s ON s.location_id = pr.location_id
        WHERE c.status = 'working' GROUP BY c.id`,
      ['2024-01', '2024-03', null],
    )
    expect(answer.cameras).toHaveLength(11)
    for (const camera of answer.cameras) {
      const row = plain.find((each) => each.id === camera.id)
      expect(camera.incidents, camera.reference).toBe(row.incidents)
      expect(camera.onlyThisCamera, camera.reference).toBe(row.only)
      expect(camera.harm).toBeCloseTo(row.harm, 6)
    }
    expect(answer.cameras.map((camera) => camera.harm)).toEqual([...answer.cameras.map((camera) => camera.harm)].sort((a, b) => b - a))
  })

  it('a councillor: their ward only, one month, small counts protected; a range or two categories refused', async () => {
    const answer: CoverageAnswer = await json('/api/cctv/coverage?from=2024-02&to=2024-02', councillor)
    expect(answer).toMatchObject({ overall: null, wards: [], cameras: [], period: { from: '2024-02', to: '2024-02' } })
    expect(answer.councillorWards!.map((ward) => ward.code)).toEqual([TOWN_CENTRE])
    const [plain] = await sql(`SELECT sum(incidents)::int AS incidents, coalesce(sum(incidents) FILTER (WHERE covered), 0)::int AS covered FROM (${PLAIN_POINTS}) p WHERE ward_code = $4`, ['2024-02', '2024-02', null, TOWN_CENTRE])
    expect(answer.councillorWards![0]).toMatchObject({ incidents: plain.incidents, coveredIncidents: plain.covered, notCoveredIncidents: plain.incidents - plain.covered })
    expect(answer.councillorWards![0].incidentShare).toBeCloseTo(plain.covered / plain.incidents, 12)
    const latest: CoverageAnswer = await json('/api/cctv/coverage', councillor)
    expect(latest.period).toEqual({ from: '2024-03', to: '2024-03' })
    expect((await get('/api/cctv/coverage?from=2024-01&to=2024-02', councillor)).statusCode).toBe(400)
    expect((await get('/api/cctv/coverage?categories=Robbery,Burglary', councillor)).statusCode).toBe(400)
    const robbery: CoverageAnswer = await json('/api/cctv/coverage?from=2024-02&to=2024-02&categories=Robbery', councillor)
    const ward = robbery.councillorWards![0]
    if (typeof ward.coveredIncidents === 'string' || typeof ward.notCoveredIncidents === 'string') expect(ward.incidentShare).toBeNull()
    expect(JSON.stringify(robbery)).not.toMatch(/"lon"|"lat"/)
  })
})

describe('GET /api/cctv/gaps', () => {
  it('ranks significant hot cells by harm outside every view, each as plain SQL adds it up', async () => {
    const answer: GapsAnswer = await json('/api/cctv/gaps?from=2024-01&to=2024-03&res=9&limit=10')
    expect(answer.cells.length).toBeGreaterThan(0)
    const gistar = await json('/api/hotspots/gistar?from=2024-01&to=2024-03&res=9&measure=harm')
    const classes = new Map(gistar.cells.map((cell: { h3: string; class: string }) => [cell.h3, cell.class]))
    for (const cell of answer.cells) {
      expect(classes.get(cell.h3), cell.h3).toMatch(/^hot-/)
      const [plain] = await sql(
        `SELECT coalesce(sum(harm) FILTER (WHERE NOT covered), 0)::float8 AS uncovered, sum(harm)::float8 AS harm
           FROM (${PLAIN_POINTS}) p JOIN locations l ON l.id = p.location_id WHERE h3_to_string(l.h3_res9) = $4`,
        ['2024-01', '2024-03', null, cell.h3],
      )
      expect(cell.uncoveredHarm, cell.h3).toBeCloseTo(plain.uncovered, 6)
      expect(cell.harm).toBeCloseTo(plain.harm, 6)
    }
    expect(answer.cells.map((cell) => cell.uncoveredHarm)).toEqual([...answer.cells.map((cell) => cell.uncoveredHarm)].sort((a, b) => b - a))
    // The town centre's hottest cells hold cameras: some hot harm there is covered, so those cells rank lower.
    expect(answer.locations.length).toBeGreaterThan(0)
    for (const location of answer.locations) expect(location.uncoveredHarm).toBeLessThanOrEqual(location.harm + 1e-9)
    expect(answer.caveats[0]).toMatch(/map points/)
  })
})

describe('POST /api/cctv/placement', () => {
  it('picks sites greedily: the first pick is the site that newly covers most harm (plain SQL), gains add up to the uplift', async () => {
    const sites = await sql(
      `SELECT ST_X(l.geom) AS lon, ST_Y(l.geom) AS lat FROM incidents i JOIN locations l ON l.id = i.location_id
        WHERE l.ward_code IS NOT NULL GROUP BY l.id ORDER BY count(*) DESC, l.id LIMIT 40`,
    )
    const response = await testApp.app.inject({
      method: 'POST', url: '/api/cctv/placement', headers: analyst.headers,
      payload: { from: '2024-01', to: '2024-03', cameras: 3, rangeM: 80, sites: sites.map((site, index) => ({ ...site, label: `site ${index}` })) },
    })
    expect(response.statusCode, response.body).toBe(200)
    const answer: PlacementAnswer = response.json()
    expect(answer).toMatchObject({ candidates: 40, candidateSource: 'sites', rangeM: 80 })
    expect(answer.picks).toHaveLength(3)
    const gains = await sql(
      `WITH p AS MATERIALIZED (${PLAIN_POINTS}),
            s AS MATERIALIZED (SELECT n, camera_sight('ptz', ST_SetSRID(ST_MakePoint(lon, lat), 4326), 0, 360, 80, 80) AS view
                                 FROM unnest($4::float8[], $5::float8[]) WITH ORDINALITY AS t (lon, lat, n))
       SELECT s.n::int AS site, coalesce(sum(p.harm) FILTER (WHERE NOT p.covered AND ST_Intersects(s.view, p.geom)), 0)::float8 AS gain
         FROM s, p
        GROUP BY s.n ORDER BY gain DESC, s.n LIMIT 1`,
      ['2024-01', '2024-03', null, sites.map((site) => site.lon), sites.map((site) => site.lat)],
    )
    expect(answer.picks[0].site.label).toBe(`site ${gains[0].site - 1}`)
    expect(answer.picks[0].gainHarm).toBeCloseTo(gains[0].gain, 6)
    expect(answer.picks.map((pick) => pick.gainHarm)).toEqual([...answer.picks.map((pick) => pick.gainHarm)].sort((a, b) => b - a))
    expect(answer.uplift.harm).toBeCloseTo(answer.picks.reduce((sum, pick) => sum + pick.gainHarm, 0), 9)
    expect(answer.picks[2].coveredHarmAfter).toBeCloseTo(answer.today.coveredHarm + answer.uplift.harm, 6)
    const [today] = await sql(`SELECT sum(harm)::float8 AS harm, coalesce(sum(harm) FILTER (WHERE covered), 0)::float8 AS covered FROM (${PLAIN_POINTS}) p`, ['2024-01', '2024-03', null])
    expect(answer.today.coveredHarm).toBeCloseTo(today.covered, 6)
  })

  it('defaults to the centres of uncovered hot cells', async () => {
    const response = await testApp.app.inject({ method: 'POST', url: '/api/cctv/placement', headers: analyst.headers, payload: { from: '2024-01', to: '2024-03', cameras: 2 } })
    expect(response.statusCode, response.body).toBe(200)
    const answer: PlacementAnswer = response.json()
    expect(answer.candidateSource).toBe('hot-cells')
    expect(answer.candidates).toBeGreaterThan(0)
    expect(answer.picks[0].gainHarm).toBeGreaterThan(0)
    expect(answer.picks[0].site.label).toMatch(/^hot cell /)
  })
})
