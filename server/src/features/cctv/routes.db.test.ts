// The CCTV register through the API against a real PostGIS: the real Trafford register imported whole (163 cameras,
// positions as in the file, defaults flagged assumed), nothing added twice, row-numbered rejections with nothing
// stored, GeoJSON, adding, editing on a version (stale 409), moving, retiring, redeploying with a position history,
// monthly activity entered and imported, type defaults, building footprints, and the audit trail.
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, geodata, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import type { CameraDetail, CameraList, ImportResult, TypeDefaults } from './schemas.js'

const TRAFFORD = fs.readFileSync(geodata('cctv/trafford_cctv_cameras.csv'), 'utf8')
const TOWN_CENTRE = 'E05014882' // Stockton Town Centre (WD23)
const HIGH_STREET = { lon: -1.3172, lat: 54.5658 }

let testApp: TestApp
let analyst: SignedIn
let inspector: SignedIn
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows
const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, who: SignedIn, payload?: unknown) =>
  testApp.app.inject({ method, url, headers: who.headers, payload: payload as object | undefined })
const auditOf = (target: string) => sql(`SELECT action, details, before, after FROM audit_log WHERE target = $1 ORDER BY id`, [target])

async function importRegister(content: string, extra: Record<string, unknown> = {}): Promise<ImportResult> {
  const response = await call('POST', '/api/cctv/import', analyst, { fileName: 'register.csv', owner: 'Trafford Council', content, ...extra })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

async function addCamera(extra: Record<string, unknown> = {}): Promise<CameraDetail> {
  const response = await call('POST', '/api/cctv/cameras', analyst, {
    owner: 'Stockton Council', reference: `S${Math.round(Math.random() * 1e9)}`, name: 'High Street north', type: 'fixed', bearingDeg: 180, fovDeg: 60, rangeM: 80, position: HIGH_STREET, ...extra,
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

beforeAll(async () => {
  testApp = await startTestApp()
  await testApp.importFiles(boundaryFiles)
  analyst = await testApp.signInAs('analyst')
  inspector = await testApp.signInAs('inspector')
})
afterAll(() => testApp.close())

describe('importing the real Trafford register', () => {
  it('adds all 163 cameras, none lost, at the file\u2019s positions, with every view value assumed', async () => {
    const result = await importRegister(TRAFFORD, { fileName: 'trafford_cctv_cameras.csv' })
    expect(result).toMatchObject({ status: 'committed', format: 'csv', rowsRead: 163, rowsAdded: 163, rowsAlreadyHeld: 0, rowsRejected: 0, errors: [] })
    expect(result.assumed).toMatchObject({ type: 163, bearingDeg: 163, fovDeg: 163, rangeM: 163, mountingHeightM: 163 })
    // The file's own rows, read here by a regular expression (quoted locations hold commas), not by the importer's reader.
    const lines = TRAFFORD.trim().split('\n').slice(1).map((line) => [...line.trim().matchAll(/("([^"]*)"|[^,]*)(,|$)/g)].map((match) => match[2] ?? match[1]).slice(0, 6))
    expect(lines).toHaveLength(163)
    const stored = await sql(`SELECT reference, ST_X(geom) AS lon, ST_Y(geom) AS lat, location, stated_ward, type, type_assumed, range_assumed FROM cameras WHERE owner = 'Trafford Council'`)
    expect(stored).toHaveLength(163)
    const byReference = new Map(stored.map((row) => [row.reference, row]))
    for (const [reference, location, ward, , lon, lat] of lines) {
      const row = byReference.get(reference)
      expect(row, reference).toBeDefined()
      expect(row.lon).toBe(Number(lon))
      expect(row.lat).toBe(Number(lat))
      expect(row.location).toBe(location)
      expect(row.stated_ward).toBe(ward)
      expect(row).toMatchObject({ type: 'ptz', type_assumed: true, range_assumed: true })
    }
    const list: CameraList = (await call('GET', '/api/cctv/cameras?owner=trafford%20council&geometry=false&limit=5', inspector)).json()
    expect(list.total).toBe(163)
    expect(list.items[0]).toMatchObject({ anyAssumed: true, viewGeometry: null, ward: null })
    expect(list.items[0].viewAreaM2).toBeGreaterThan(30000)
  })

  it('adds nothing the second time, and one audit entry per import', async () => {
    const again = await importRegister(TRAFFORD, { fileName: 'trafford_cctv_cameras.csv' })
    expect(again).toMatchObject({ status: 'committed', rowsAdded: 0, rowsAlreadyHeld: 163 })
    expect((await sql(`SELECT count(*)::int AS n FROM cameras WHERE owner = 'Trafford Council'`))[0].n).toBe(163)
    const entries = await auditOf('file:trafford_cctv_cameras.csv')
    expect(entries.map((entry) => [entry.action, entry.details.rowsAdded])).toEqual([['cctv.import', 163], ['cctv.import', 0]])
  })

  it('rejects a file with bad rows whole, naming each by its row number', async () => {
    const bad = ['camera_id,location,type,lon,lat,bearing', 'X1,Good Street,fixed,-1.3,54.5,90', 'X2,No Lat,fixed,-1.3,,90', '', 'X3,Bad type,tripod,-1.3,54.5,90', 'X1,Repeat,fixed,-1.3,54.5,90', 'X4,Bearing,fixed,-1.3,54.5,400'].join('\n')
    const result = await importRegister(bad, { fileName: 'bad.csv' })
    expect(result.status).toBe('rejected')
    expect(result.rowsRead).toBe(5) // records; the blank line 4 is not one, but rows keep the spreadsheet's numbers
    expect(result.errors.map((error) => error.row)).toEqual([3, 5, 6, 7])
    expect(result.errors[0].reason).toMatch(/latitude is empty/)
    expect(result.errors[1].reason).toMatch(/type 'tripod'/)
    expect(result.errors[2].reason).toMatch(/repeats row 2/)
    expect(result.errors[3].reason).toMatch(/bearingDeg 400/)
    expect((await sql(`SELECT count(*)::int AS n FROM cameras WHERE reference LIKE 'X%'`))[0].n).toBe(0)
    const missing = await importRegister('name,lon\nA,1', { fileName: 'bad2.csv' })
    expect(missing).toMatchObject({ status: 'rejected', rowsAdded: 0 })
    expect(missing.message).toMatch(/no reference or camera_id, no lat or latitude column/)
  })

  it('takes GeoJSON points with named properties; given values are not assumed', async () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [-1.3181, 54.5672] }, properties: { reference: 'G1', name: 'Market Cross', type: 'fixed', bearing: 45, fov: 50, range_m: 70, status: 'faulty' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [-1.3101, 54.5601] }, properties: { reference: 'G2', type: 'drone', radius_m: 400, deployed_from: '2024-05-01' } },
      ],
    })
    const result = await importRegister(geojson, { fileName: 'stockton.geojson', owner: 'Stockton Council' })
    expect(result).toMatchObject({ status: 'committed', format: 'geojson', rowsAdded: 2 })
    const [g1] = (await call('GET', '/api/cctv/cameras?q=market%20cross', analyst)).json().items
    expect(g1).toMatchObject({ status: 'faulty', view: { bearingDeg: 45, fovDeg: 50, rangeM: 70 }, assumed: { type: false, bearingDeg: false, fovDeg: false, rangeM: false, mountingHeightM: true } })
    expect(g1.ward).toEqual({ code: TOWN_CENTRE, name: 'Stockton Town Centre' })
    const drone = (await call('GET', '/api/cctv/cameras?q=G2&type=drone', analyst)).json().items[0]
    const detail: CameraDetail = (await call('GET', `/api/cctv/cameras/${drone.id}`, analyst)).json()
    expect(detail.positions).toMatchObject([{ fromDate: '2024-05-01', untilDate: null, position: { lon: -1.3101, lat: 54.5601 } }])
    const bad = await importRegister(JSON.stringify({ type: 'FeatureCollection', features: [{ geometry: { type: 'LineString', coordinates: [] } }] }), { fileName: 'line.geojson' })
    expect(bad.errors).toEqual([{ row: 1, reason: expect.stringMatching(/not a Point/) }])
  })
})

describe('editing the register', () => {
  it('adds a camera with its view, refuses a repeated reference, and audits it', async () => {
    const camera = await addCamera({ reference: 'ST-1' })
    expect(camera).toMatchObject({ version: 1, status: 'working', anyAssumed: true, assumed: { bearingDeg: false, mountingHeightM: true }, ward: { code: TOWN_CENTRE } })
    expect(camera.viewGeometry?.type).toBe('MultiPolygon')
    const [plain] = await sql(`SELECT ST_Area(view_geom::geography) AS area FROM cameras WHERE id = $1`, [camera.id])
    expect(camera.viewAreaM2).toBeCloseTo(plain.area, 3)
    expect((await call('POST', '/api/cctv/cameras', analyst, { owner: 'stockton council', reference: 'ST-1', name: 'Again', type: 'ptz', position: HIGH_STREET })).statusCode).toBe(409)
    expect((await auditOf(`camera:${camera.id}`)).map((entry) => entry.action)).toEqual(['camera.create'])
    expect((await call('POST', '/api/cctv/cameras', inspector, { owner: 'X', reference: 'Y', name: 'Z', type: 'ptz', position: HIGH_STREET })).statusCode).toBe(403)
  })

  it('edits on the version read: bearing turned, stale 409 with the camera, nothing written; null goes back to the default', async () => {
    const camera = await addCamera()
    const turned = await call('PATCH', `/api/cctv/cameras/${camera.id}`, analyst, { version: 1, bearingDeg: 270, fovDeg: 90 })
    expect(turned.statusCode, turned.body).toBe(200)
    expect(turned.json()).toMatchObject({ version: 2, view: { bearingDeg: 270, fovDeg: 90 } })
    const [moved] = await sql(`SELECT ST_Intersects(view_geom, ST_Project(geom::geography, 40, radians(270))::geometry) AS west FROM cameras WHERE id = $1`, [camera.id])
    expect(moved.west).toBe(true)
    const stale = await call('PATCH', `/api/cctv/cameras/${camera.id}`, analyst, { version: 1, name: 'Stale' })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().current).toMatchObject({ version: 2, name: 'High Street north' })
    const same = await call('PATCH', `/api/cctv/cameras/${camera.id}`, analyst, { version: 2, bearingDeg: 270 })
    expect(same.json().version).toBe(2)
    const back = await call('PATCH', `/api/cctv/cameras/${camera.id}`, analyst, { version: 2, rangeM: null })
    expect(back.json()).toMatchObject({ version: 3, view: { rangeM: 60 }, assumed: { rangeM: true } })
    const entries = await auditOf(`camera:${camera.id}`)
    expect(entries.map((entry) => entry.action)).toEqual(['camera.create', 'camera.update', 'camera.update'])
    expect(entries[1].before).toEqual({ bearingDeg: 180, fovDeg: 60 })
    expect(entries[1].after).toEqual({ bearingDeg: 270, fovDeg: 90 })
  })

  it('moves a camera (its ward follows), retires it, and a removed camera is not edited', async () => {
    const camera = await addCamera()
    const moved = await call('POST', `/api/cctv/cameras/${camera.id}/move`, analyst, { version: 1, position: { lon: -1.2350, lat: 54.5760 } })
    expect(moved.statusCode, moved.body).toBe(200)
    const [ward] = await sql(`SELECT w.ward_code FROM ward_for_point(ST_SetSRID(ST_MakePoint(-1.2350, 54.5760), 4326)) w`)
    expect(moved.json()).toMatchObject({ version: 2, position: { lon: -1.235, lat: 54.576 }, ward: { code: ward.ward_code } })
    const retired = await call('POST', `/api/cctv/cameras/${camera.id}/retire`, analyst, { version: 2, date: '2030-01-31', reason: 'pole taken down' })
    expect(retired.json()).toMatchObject({ status: 'removed', deployedUntil: '2030-01-31', version: 3 })
    expect((await call('PATCH', `/api/cctv/cameras/${camera.id}`, analyst, { version: 3, name: 'x' })).statusCode).toBe(409)
    expect((await call('POST', `/api/cctv/cameras/${camera.id}/retire`, analyst, { version: 3, reason: 'again' })).statusCode).toBe(409)
    expect((await call('POST', `/api/cctv/cameras/${camera.id}/redeploy`, analyst, { version: 3, position: HIGH_STREET })).statusCode).toBe(409)
    expect((await auditOf(`camera:${camera.id}`)).map((entry) => entry.action)).toEqual(['camera.create', 'camera.move', 'camera.retire'])
  })

  it('redeploys a redeployable: the history gains a row, the one before ends the day before', async () => {
    const camera = await addCamera({ type: 'redeployable', deployedFrom: '2024-01-01' })
    expect(camera.positions).toMatchObject([{ fromDate: '2024-01-01', untilDate: null }])
    const site = { lon: -1.3090, lat: 54.5630 }
    const moved = await call('POST', `/api/cctv/cameras/${camera.id}/redeploy`, analyst, { version: 1, position: site, date: '2024-03-01', bearingDeg: 45, location: 'Bus station', reason: 'JAG asked' })
    expect(moved.statusCode, moved.body).toBe(200)
    const detail: CameraDetail = moved.json()
    expect(detail).toMatchObject({ position: site, view: { bearingDeg: 45 }, location: 'Bus station', version: 2 })
    expect(detail.positions).toMatchObject([
      { fromDate: '2024-01-01', untilDate: '2024-02-29', position: HIGH_STREET },
      { fromDate: '2024-03-01', untilDate: null, position: site, bearingDeg: 45, reason: 'JAG asked' },
    ])
    expect((await call('POST', `/api/cctv/cameras/${camera.id}/redeploy`, analyst, { version: 2, position: HIGH_STREET, date: '2024-02-01' })).statusCode).toBe(400)
    const fixed = await addCamera()
    expect((await call('POST', `/api/cctv/cameras/${fixed.id}/redeploy`, analyst, { version: 1, position: site })).statusCode).toBe(409)
  })
})

describe('activity', () => {
  it('is entered per month and imported from CSV: nothing added twice, corrections replace, bad rows named', async () => {
    const camera = await addCamera({ reference: 'ACT-1' })
    const entered = await call('PUT', `/api/cctv/cameras/${camera.id}/activity/2024-01`, analyst, { incidentsSpotted: 12, assistedArrests: 3, footageRequests: 5 })
    expect(entered.statusCode, entered.body).toBe(200)
    const csv = 'reference,month,incidents_spotted,assisted_arrests,footage_requests\nACT-1,2024-01,12,3,5\nACT-1,2024-02,7,1,2\n'
    const first = await call('POST', '/api/cctv/activity/import', analyst, { fileName: 'activity.csv', content: csv })
    expect(first.json()).toMatchObject({ status: 'committed', rowsAdded: 1, rowsUpdated: 0, rowsAlreadyHeld: 1 })
    const again = await call('POST', '/api/cctv/activity/import', analyst, { fileName: 'activity.csv', content: csv.replace('7,1,2', '8,1,2') })
    expect(again.json()).toMatchObject({ status: 'committed', rowsAdded: 0, rowsUpdated: 1, rowsAlreadyHeld: 1 })
    const bad = await call('POST', '/api/cctv/activity/import', analyst, { fileName: 'bad-activity.csv', content: 'reference,month,incidents_spotted,assisted_arrests,footage_requests\nACT-1,2024-13,1,1,1\nNOPE,2024-03,1,1,1\n' })
    expect(bad.json()).toMatchObject({ status: 'rejected', rowsAdded: 0, errors: [{ row: 2, reason: expect.stringMatching(/month/) }] })
    const unknown = await call('POST', '/api/cctv/activity/import', analyst, { fileName: 'bad-activity.csv', content: 'reference,month,incidents_spotted,assisted_arrests,footage_requests\nNOPE,2024-03,1,1,1\n' })
    expect(unknown.json()).toMatchObject({ status: 'rejected', errors: [{ row: 2, reason: expect.stringMatching(/no camera NOPE/) }] })
    const detail: CameraDetail = (await call('GET', `/api/cctv/cameras/${camera.id}`, inspector)).json()
    expect(detail.activity).toEqual([
      { month: '2024-02', incidentsSpotted: 8, assistedArrests: 1, footageRequests: 2 },
      { month: '2024-01', incidentsSpotted: 12, assistedArrests: 3, footageRequests: 5 },
    ])
    const [{ arrests }] = await sql(`SELECT sum(assisted_arrests)::int AS arrests FROM camera_activity WHERE camera_id = $1`, [camera.id])
    expect(arrests).toBe(4)
    expect((await auditOf(`camera:${camera.id}`)).map((entry) => entry.action)).toEqual(['camera.create', 'camera.activity'])
  })
})

describe('activity totals per ward', () => {
  it('adds up each ward’s returns over the months asked for, as plain SQL does', async () => {
    const away = await addCamera({ reference: 'ACT-AWAY', position: { lon: -2.3, lat: 53.45 } })
    const town = await addCamera({ reference: 'ACT-TOWN' })
    for (const [id, month, figures] of [
      [away.id, '2024-03', { incidentsSpotted: 2, assistedArrests: 1, footageRequests: 0 }],
      [town.id, '2024-03', { incidentsSpotted: 9, assistedArrests: 2, footageRequests: 4 }],
      [town.id, '2024-04', { incidentsSpotted: 5, assistedArrests: 0, footageRequests: 1 }],
    ] as const) expect((await call('PUT', `/api/cctv/cameras/${id}/activity/${month}`, analyst, figures)).statusCode).toBe(200)
    const expected = async (from: string | null, to: string | null) =>
      sql(
        `SELECT c.ward_code, count(DISTINCT a.camera_id)::int AS cameras, sum(a.incidents_spotted)::int AS spotted, sum(a.assisted_arrests)::int AS arrests, sum(a.footage_requests)::int AS footage
           FROM camera_activity a JOIN cameras c ON c.id = a.camera_id
          WHERE ($1::text IS NULL OR to_char(a.month, 'YYYY-MM') >= $1) AND ($2::text IS NULL OR to_char(a.month, 'YYYY-MM') <= $2)
          GROUP BY c.ward_code ORDER BY c.ward_code`,
        [from, to],
      )
    for (const [from, to] of [[null, null], ['2024-03', '2024-03'], ['2024-04', null]] as const) {
      const query = [from && `from=${from}`, to && `to=${to}`].filter(Boolean).join('&')
      const response = await call('GET', `/api/cctv/activity?${query}`, inspector)
      expect(response.statusCode, response.body).toBe(200)
      const answer = response.json()
      const got = answer.wards
        .map((ward: { ward: { code: string } | null; cameras: number; incidentsSpotted: number; assistedArrests: number; footageRequests: number }) => ({
          ward_code: ward.ward?.code ?? null, cameras: ward.cameras, spotted: ward.incidentsSpotted, arrests: ward.assistedArrests, footage: ward.footageRequests,
        }))
        .sort((a: { ward_code: string | null }, b: { ward_code: string | null }) => (a.ward_code === null ? 1 : b.ward_code === null ? -1 : a.ward_code < b.ward_code ? -1 : 1))
      expect(got).toEqual(await expected(from, to))
      const rows = await expected(from, to)
      expect(answer.total.assistedArrests).toBe(rows.reduce((sum, row) => sum + row.arrests, 0))
    }
    const inTown = (await call('GET', '/api/cctv/activity?from=2024-03&to=2024-04', inspector)).json().wards.find((ward: { ward: { code: string } | null }) => ward.ward?.code === TOWN_CENTRE)
    expect(inTown).toMatchObject({ ward: { name: 'Stockton Town Centre' }, firstMonth: '2024-03', lastMonth: '2024-04' })
    const backwards = await call('GET', '/api/cctv/activity?from=2024-04&to=2024-03', inspector)
    expect(backwards.statusCode).toBe(400)
    expect(backwards.json().message).toMatch(/^to: /)
  })
})

describe('defaults and buildings', () => {
  it('a changed default moves the cameras still assumed, not those with a known value', async () => {
    const assumed = await addCamera({ type: 'redeployable', rangeM: null, bearingDeg: 10 })
    const known = await addCamera({ type: 'redeployable', rangeM: 75, bearingDeg: 10 })
    const response = await call('PUT', '/api/cctv/defaults', analyst, { type: 'redeployable', rangeM: 65 })
    expect(response.statusCode, response.body).toBe(200)
    const defaults: TypeDefaults = response.json()
    expect(defaults.items.find((item) => item.type === 'redeployable')).toMatchObject({ rangeM: 65, updatedBy: 'analyst@test.local' })
    // How many cameras still rest on a default their type uses (a sector: bearing, angle, range, height), as plain SQL
    // counts them per type.
    const counted = await sql(
      `SELECT t.type, (SELECT count(*)::int FROM cameras c WHERE c.type = t.type AND c.status <> 'removed'
                         AND (c.height_assumed OR c.bearing_assumed OR c.fov_assumed OR c.range_assumed)) AS n
         FROM unnest(ARRAY['fixed', 'redeployable']) AS t(type)`,
    )
    expect(Object.fromEntries(defaults.items.filter((item) => item.type === 'fixed' || item.type === 'redeployable').map((item) => [item.type, item.assumedCameras]))).toEqual(
      Object.fromEntries(counted.map((row) => [row.type, row.n])),
    )
    // A fixed camera with every value it uses known is not on a default, though it has no (unused) operating radius.
    const whole = await addCamera({ reference: 'WHOLE-1', mountingHeightM: 5 })
    expect(whole).toMatchObject({ anyAssumed: false, assumed: { radiusM: true } })
    const listed: CameraList = (await call('GET', '/api/cctv/cameras?assumed=false&q=WHOLE-1', analyst)).json()
    expect(listed.items.map((item) => item.reference)).toEqual(['WHOLE-1'])
    expect(defaults.items.find((item) => item.type === 'redeployable')!.assumedCameras).toBeGreaterThanOrEqual(1)
    expect((await call('GET', `/api/cctv/cameras/${assumed.id}`, analyst)).json()).toMatchObject({ view: { rangeM: 65 }, version: 2 })
    expect((await call('GET', `/api/cctv/cameras/${known.id}`, analyst)).json()).toMatchObject({ view: { rangeM: 75 }, version: 1 })
    const [entry] = await auditOf('camera-type:redeployable')
    expect(entry).toMatchObject({ action: 'cctv.defaults', before: { rangeM: 60 }, after: { rangeM: 65 } })
  })

  it('footprints cut what cameras see; an invalid footprint rejects the file', async () => {
    const camera = await addCamera({ bearingDeg: 90, fovDeg: 90, rangeM: 100 })
    const before = camera.viewAreaM2
    const [square] = await sql(
      `SELECT ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope(ST_X(p) + 30, ST_Y(p) - 5, ST_X(p) + 40, ST_Y(p) + 5, 27700), 4326))::json AS g
         FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 27700) AS p) AS c`,
      [HIGH_STREET.lon, HIGH_STREET.lat],
    )
    const bowtie = { type: 'Polygon', coordinates: [[[-1.3, 54.5], [-1.29, 54.51], [-1.29, 54.5], [-1.3, 54.51], [-1.3, 54.5]]] }
    const bad = await call('POST', '/api/cctv/buildings', analyst, { fileName: 'b.geojson', content: JSON.stringify({ type: 'FeatureCollection', features: [{ geometry: square.g }, { geometry: bowtie }] }) })
    expect(bad.json()).toMatchObject({ status: 'rejected', errors: [{ row: 2, reason: expect.stringMatching(/Self-intersection/) }] })
    const open = { type: 'Polygon', coordinates: [[[-1.3, 54.5], [-1.29, 54.51], [-1.29, 54.5], [-1.3, 54.52]]] }
    const unclosed = await call('POST', '/api/cctv/buildings', analyst, { fileName: 'b.geojson', content: JSON.stringify({ type: 'FeatureCollection', features: [{ geometry: open }, { geometry: { type: 'Polygon', coordinates: [[[0, 91], [1, 91], [1, 92], [0, 91]]] } }] }) })
    expect(unclosed.json()).toMatchObject({ status: 'rejected', errors: [{ row: 1 }, { row: 2 }] })
    const good = await call('POST', '/api/cctv/buildings', analyst, { fileName: 'b.geojson', content: JSON.stringify({ type: 'FeatureCollection', features: [{ geometry: square.g }] }) })
    expect(good.json()).toMatchObject({ status: 'committed', footprints: 1 })
    const after = (await call('GET', `/api/cctv/cameras/${camera.id}`, analyst)).json()
    expect(after.viewAreaM2).toBeLessThan(before - 1000)
    expect(after.version).toBe(1)
    expect((await call('GET', '/api/cctv/defaults', inspector)).json().buildings).toBe(1)
  })
})
