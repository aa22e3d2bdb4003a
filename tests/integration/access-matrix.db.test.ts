// Every route in the OpenAPI document × every role and anonymous, checked against the policy each route declares
// (x-access): 401 for anonymous callers of a protected route, 403 for a role not listed, 2xx for one that is.
import { latLngToCell } from 'h3-js'
import type { PoolConfig } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/src/app.js'
import type { Access } from '../../server/src/features/auth/access.js'
import { ROLES, type Role } from '../../server/src/features/users/roles.js'
import { reportMultipart } from '../support/report-form.js'
import { boundaryFiles, createTestUser, policeUkFile, signIn, startTestApp, TEST_LIMITS, TEST_PASSWORD, type SignedIn, type TestApp } from '../support/test-app.js'

const WARD = 'E05014882' // Stockton Town Centre (WD23)
type Caller = Role | 'anonymous'
const CALLERS: Caller[] = ['anonymous', ...ROLES]

let testApp: TestApp
let spec: { paths: Record<string, Record<string, { 'x-access'?: Access }>> }
let targetUserId: number
let targetTeamId: number
let serial = 0
/** Tasks every role may see (in the councillor's ward, naming the officer): one to edit, one to move back and forth. */
let editTask: { id: number; version: number }
let movedTask: { id: number; version: number; status: string }
/** A tasked task that visits are recorded on. */
let visitedTaskId: number
let officerId: number
/** POPs: one to edit and log on (in the councillor's ward), one to close per caller, wards free to register, cells in WARD. */
let editPop: { id: number; version: number }
const closablePops: Partial<Record<Caller, number>> = {}
let freeWards: string[] = []
let popCells: string[] = []
let popOwnerId: number
/** A JAG meeting with a task of the officer's team on it. */
let meetingId: number
let meetingVersion = 1
/** A task starting in February 2024, so its evaluation has January before it. */
let evaluationTaskId: number
/** CCTV: a camera to edit, move and log activity on; a redeployable to redeploy; one to retire per caller. */
let cctvCamera: { id: number; version: number }
let redeployCamera: { id: number; version: number }
const retirableCameras: Partial<Record<Caller, number>> = {}
/** Resident reports: the form's token, a receipt code, and per caller a new report to decide and an accepted one to withdraw. */
let reportToken: string
/** A weekly report e-mail given up on, that admins may try again (no SMTP here: it stays unsent). */
let unsentEmailId: number
let receiptCode: string
const newReports: Partial<Record<Caller, number[]>> = {}
const acceptedReports: Partial<Record<Caller, number>> = {}
const correctedReports: Partial<Record<Caller, number>> = {}
let mergeTarget: number
let reportPoint: { lon: number; lat: number }

interface Sample {
  url: string
  payload?: Record<string, unknown> | string | Buffer
  contentType?: string
}

/** A timed log's mapping for the import-profile routes: rows without a position, dated long before the police data. */
const MATRIX_MAPPING = {
  source: 'Matrix log', reference: ['id'], when: { date: 'when', format: 'iso8601', time: { kind: 'in-date' } },
  position: { kind: 'unplaced' }, category: { map: {}, default: 'Anti-social behaviour' },
}
const MATRIX_CSV = 'id,when\n1,2019-01-05T10:00\n'

/**
 * One request per route that its allowed callers should see succeed. A route added to the API without a sample here
 * fails the test, so no route goes unchecked.
 */
function sampleFor(method: string, path: string, caller: Caller): Sample | undefined {
  serial += 1
  const samples: Record<string, () => Sample> = {
    'GET /api/health': () => ({ url: '/api/health' }),
    'GET /api/config': () => ({ url: '/api/config' }),
    'GET /api/summary': () => ({ url: '/api/summary?from=2024-01&to=2024-01' }),
    'GET /api/wards': () => ({ url: '/api/wards?from=2024-01&to=2024-01' }),
    'GET /api/councils': () => ({ url: '/api/councils' }),
    'GET /api/wards/list': () => ({ url: '/api/wards/list' }),
    'GET /api/hexes': () => ({ url: '/api/hexes?res=8&from=2024-01&to=2024-01' }),
    'GET /api/hexes/weeks': () => ({ url: '/api/hexes/weeks?from=2024-01&to=2024-01' }),
    'GET /api/incidents': () => ({ url: '/api/incidents?limit=5' }),
    'GET /api/hexes/{cell}/detail': () => ({ url: '/api/hexes/89194655b83ffff/detail?from=2024-01&to=2024-01' }),
    'POST /api/auth/login': () => ({ url: '/api/auth/login', payload: { email: 'login-target@test.local', password: TEST_PASSWORD } }),
    'GET /api/auth/session': () => ({ url: '/api/auth/session' }),
    'POST /api/auth/logout': () => ({ url: '/api/auth/logout' }),
    // Changed and changed back in the same test, so each role's password is the test password again afterwards.
    'POST /api/auth/password': () => ({ url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: `changed password ${serial}` } }),
    'GET /api/users': () => ({ url: '/api/users' }),
    'POST /api/users': () => ({ url: '/api/users', payload: { email: `made-by-${caller}-${serial}@test.local`, name: 'Made in the matrix', role: 'inspector', password: 'a long first password' } }),
    'PATCH /api/users/{id}': () => ({ url: `/api/users/${targetUserId}`, payload: { name: `Renamed ${serial}` } }),
    'POST /api/users/{id}/password': () => ({ url: `/api/users/${targetUserId}/password`, payload: { password: `reset password ${serial}` } }),
    'GET /api/audit': () => ({ url: '/api/audit?limit=5' }),
    'GET /api/ward-reports': () => ({ url: '/api/ward-reports?from=2024-01&to=2024-01' }),
    'GET /api/hotspots/gistar': () => ({ url: '/api/hotspots/gistar?res=7&from=2024-01&to=2024-01' }),
    'GET /api/hotspots/concentration': () => ({ url: '/api/hotspots/concentration?res=7&from=2024-01&to=2024-01' }),
    'GET /api/hotspots/forecast-accuracy': () => ({ url: '/api/hotspots/forecast-accuracy?res=7&lookback=1' }),
    'GET /api/hotspots/top-wards': () => ({ url: '/api/hotspots/top-wards?from=2024-01&to=2024-01' }),
    'GET /api/hotspots/emerging': () => ({ url: '/api/hotspots/emerging?res=7&from=2024-01&to=2024-01' }),
    'GET /api/hotspots/problem-locations': () => ({ url: '/api/hotspots/problem-locations?res=8&from=2024-01&to=2024-01&limit=3' }),
    'GET /api/harm-weights': () => ({ url: '/api/harm-weights' }),
    'PUT /api/harm-weights': () => ({ url: '/api/harm-weights', payload: { weights: [{ category: 'Anti-social behaviour', weight: 5 + (serial % 3) }] } }),
    'GET /api/import-profiles': () => ({ url: '/api/import-profiles' }),
    'POST /api/import-profiles': () => ({ url: '/api/import-profiles', payload: { name: `matrix-${caller}-${serial}`, title: 'Made in the matrix', mapping: MATRIX_MAPPING } }),
    'PUT /api/import-profiles/{name}': () => ({ url: '/api/import-profiles/matrix-log', payload: { title: `Matrix log ${serial}`, mapping: MATRIX_MAPPING } }),
    'POST /api/imports/preview': () => ({ url: '/api/imports/preview', payload: { csv: MATRIX_CSV, mapping: MATRIX_MAPPING } }),
    'POST /api/imports/mapped': () => ({ url: '/api/imports/mapped?profile=matrix-log&name=matrix.csv', payload: MATRIX_CSV, contentType: 'text/csv' }),
    'GET /api/time-patterns/demand': () => ({ url: '/api/time-patterns/demand?from=2024-01&to=2024-01' }),
    'GET /api/time-patterns/sources': () => ({ url: '/api/time-patterns/sources' }),
    'GET /api/repeat-locations': () => ({ url: '/api/repeat-locations' }),
    'POST /api/time-patterns/key-times': () => ({ url: '/api/time-patterns/key-times', payload: { area: { source: 'ward', ward: WARD } } }),
    'GET /api/teams': () => ({ url: '/api/teams' }),
    'POST /api/teams': () => ({ url: '/api/teams', payload: { name: `Team made by ${caller} ${serial}`, agency: 'other' } }),
    'PATCH /api/teams/{id}': () => ({ url: `/api/teams/${targetTeamId}`, payload: { name: `Renamed team ${serial}` } }),
    'GET /api/meetings': () => ({ url: '/api/meetings' }),
    'POST /api/meetings': () => ({ url: '/api/meetings', payload: { heldOn: '2024-02-01', teamIds: [targetTeamId] } }),
    'GET /api/meetings/{id}': () => ({ url: `/api/meetings/${meetingId}` }),
    'PATCH /api/meetings/{id}': () => ({ url: `/api/meetings/${meetingId}`, payload: { version: meetingVersion, notes: `Notes ${serial}` } }),
    'GET /api/meetings/{id}/agenda': () => ({ url: `/api/meetings/${meetingId}/agenda` }),
    'GET /api/meetings/{id}/minutes': () => ({ url: `/api/meetings/${meetingId}/minutes` }),
    'GET /api/meetings/{id}/task-sheets': () => ({ url: `/api/meetings/${meetingId}/task-sheets?team=${targetTeamId}` }),
    // This app serves no client, so an allowed caller gets the PDF route's 503 naming why (checked below).
    'GET /api/meetings/{id}/task-sheets.pdf': () => ({ url: `/api/meetings/${meetingId}/task-sheets.pdf?team=${targetTeamId}` }),
    'GET /api/tasks': () => ({ url: '/api/tasks' }),
    'GET /api/tasks/officers': () => ({ url: '/api/tasks/officers' }),
    'GET /api/tasks/{id}': () => ({ url: `/api/tasks/${editTask.id}` }),
    'POST /api/tasks': () => ({ url: '/api/tasks', payload: taskPayload(`Made by ${caller}`) }),
    'PATCH /api/tasks/{id}': () => ({ url: `/api/tasks/${editTask.id}`, payload: { version: editTask.version, title: `Renamed ${serial}` } }),
    'GET /api/tasks/{id}/visits': () => ({ url: `/api/tasks/${visitedTaskId}/visits` }),
    'POST /api/tasks/{id}/visits': () => ({
      url: `/api/tasks/${visitedTaskId}/visits`,
      payload: { idempotencyKey: `matrix-visit-${serial}`, date: '2024-01-15', startTime: '18:00', minutes: 15, officerIds: [officerId] },
    }),
    'GET /api/pops': () => ({ url: '/api/pops' }),
    'GET /api/pops/{id}': () => ({ url: `/api/pops/${editPop.id}` }),
    'POST /api/pops': () => ({ url: '/api/pops', payload: { title: `POP by ${caller}`, ownerId: popOwnerId, area: { source: 'cells', res: 9, cells: popCells } } }),
    'POST /api/pops/from-ward': () => ({ url: '/api/pops/from-ward', payload: { ward: freeWards[serial % freeWards.length], ownerId: popOwnerId } }),
    'PATCH /api/pops/{id}': () => ({ url: `/api/pops/${editPop.id}`, payload: { version: editPop.version, title: `Renamed POP ${serial}` } }),
    'POST /api/pops/{id}/close': () => ({ url: `/api/pops/${closablePops[caller] ?? closablePops.admin}/close`, payload: { version: 1, reason: 'matrix' } }),
    'POST /api/pops/{id}/log': () => ({ url: `/api/pops/${editPop.id}/log`, payload: { kind: 'note', body: `Matrix note ${serial}` } }),
    'GET /api/evaluation/tasks/{id}': () => ({ url: `/api/evaluation/tasks/${evaluationTaskId}` }),
    'GET /api/evaluation/partnership': () => ({ url: '/api/evaluation/partnership?from=2024-02&to=2024-02' }),
    'GET /api/cctv/cameras': () => ({ url: '/api/cctv/cameras?geometry=false&limit=5' }),
    'GET /api/cctv/cameras/{id}': () => ({ url: `/api/cctv/cameras/${cctvCamera.id}` }),
    'POST /api/cctv/cameras': () => ({ url: '/api/cctv/cameras', payload: { owner: 'Matrix', reference: `M-${caller}-${serial}`, name: 'Matrix camera', type: 'ptz', position: { lon: -1.3172, lat: 54.5658 } } }),
    'PATCH /api/cctv/cameras/{id}': () => ({ url: `/api/cctv/cameras/${cctvCamera.id}`, payload: { version: cctvCamera.version, notes: `Matrix ${serial}` } }),
    'POST /api/cctv/cameras/{id}/move': () => ({ url: `/api/cctv/cameras/${cctvCamera.id}/move`, payload: { version: cctvCamera.version, position: { lon: -1.3172 + serial * 1e-6, lat: 54.5658 } } }),
    'POST /api/cctv/cameras/{id}/retire': () => ({ url: `/api/cctv/cameras/${retirableCameras[caller] ?? retirableCameras.admin}/retire`, payload: { version: 1, reason: 'matrix' } }),
    'POST /api/cctv/cameras/{id}/redeploy': () => ({
      url: `/api/cctv/cameras/${redeployCamera.id}/redeploy`,
      payload: { version: redeployCamera.version, position: { lon: -1.3172, lat: 54.5658 + serial * 1e-6 }, date: new Date(Date.UTC(2020, 0, 1) + serial * 86_400_000).toISOString().slice(0, 10) },
    }),
    'PUT /api/cctv/cameras/{id}/activity/{month}': () => ({ url: `/api/cctv/cameras/${cctvCamera.id}/activity/2024-01`, payload: { incidentsSpotted: serial % 5, assistedArrests: 0, footageRequests: 1 } }),
    'POST /api/cctv/activity/import': () => ({
      url: '/api/cctv/activity/import',
      payload: { fileName: 'matrix-activity.csv', content: `reference,month,incidents_spotted,assisted_arrests,footage_requests\nMATRIX-1,2024-02,${serial % 7},0,0\n` },
    }),
    'POST /api/cctv/import': () => ({ url: '/api/cctv/import', payload: { fileName: 'matrix.csv', owner: 'Matrix', content: `reference,lon,lat\nMI-${serial},-1.31,54.56\n` } }),
    'POST /api/cctv/buildings': () => ({ url: '/api/cctv/buildings', payload: { fileName: 'matrix-buildings.geojson', content: '{"type":"FeatureCollection","features":[]}' } }),
    'GET /api/cctv/defaults': () => ({ url: '/api/cctv/defaults' }),
    'GET /api/cctv/activity': () => ({ url: '/api/cctv/activity?from=2024-01&to=2024-12' }),
    'PUT /api/cctv/defaults': () => ({ url: '/api/cctv/defaults', payload: { type: 'fixed', rangeM: 60 + (serial % 3) } }),
    'GET /api/cctv/coverage': () => ({ url: '/api/cctv/coverage?from=2024-01&to=2024-01' }),
    'GET /api/cctv/gaps': () => ({ url: '/api/cctv/gaps?from=2024-01&to=2024-01&res=8&limit=3' }),
    'POST /api/cctv/placement': () => ({ url: '/api/cctv/placement', payload: { from: '2024-01', to: '2024-01', cameras: 1, sites: [{ lon: -1.3172, lat: 54.5658 }] } }),
    'GET /api/weekly-reports': () => ({ url: '/api/weekly-reports' }),
    // Published in beforeAll: the first call answers 200 with that report, as every later one.
    'POST /api/weekly-reports': () => ({ url: '/api/weekly-reports', payload: { ward: WARD, period: '2024-01' } }),
    'GET /api/weekly-reports/{ward}/{period}': () => ({ url: `/api/weekly-reports/${WARD}/2024-01` }),
    'GET /api/weekly-reports/{ward}/{period}/report.csv': () => ({ url: `/api/weekly-reports/${WARD}/2024-01/report.csv` }),
    'GET /api/weekly-reports/{ward}/{period}/report.pdf': () => ({ url: `/api/weekly-reports/${WARD}/2024-01/report.pdf` }),
    'GET /api/ward-contacts': () => ({ url: '/api/ward-contacts' }),
    // Admins only, and admins are asked first: each PUT sets the contact the DELETE after it removes.
    'PUT /api/ward-contacts/{ward}/{kind}': () => ({ url: `/api/ward-contacts/${WARD}/housing-officer`, payload: { name: `Matrix officer ${serial}` } }),
    'DELETE /api/ward-contacts/{ward}/{kind}': () => ({ url: `/api/ward-contacts/${WARD}/housing-officer` }),
    'GET /api/weekly-report-emails': () => ({ url: '/api/weekly-report-emails' }),
    'POST /api/weekly-report-emails/{id}/retry': () => ({ url: `/api/weekly-report-emails/${unsentEmailId}/retry` }),
    'GET /api/reports/form': () => ({ url: '/api/reports/form' }),
    'GET /api/reports/wards': () => ({ url: '/api/reports/wards' }),
    'POST /api/reports': () => {
      const form = reportMultipart({ formToken: reportToken, category: 'noise', lon: String(reportPoint.lon), lat: String(reportPoint.lat), ongoing: 'true', description: `Matrix ${serial}` })
      return { url: '/api/reports', payload: form.payload, contentType: form.contentType }
    },
    'GET /api/reports/receipt/{code}': () => ({ url: `/api/reports/receipt/${receiptCode}` }),
    'POST /api/reports/receipt/{code}/messages': () => ({ url: `/api/reports/receipt/${receiptCode}/messages`, payload: { body: `From the matrix ${serial}` } }),
    'GET /api/reports/poster': () => ({ url: '/api/reports/poster?size=A5&lon=-1.3172&lat=54.5658' }),
    'GET /api/reports': () => ({ url: '/api/reports?status=new&limit=5' }),
    'GET /api/reports/{id}': () => ({ url: `/api/reports/${mergeTarget}` }),
    'GET /api/reports/{id}/photos/{ordinal}': () => ({ url: `/api/reports/${mergeTarget}/photos/1` }),
    'POST /api/reports/{id}/accept': () => ({ url: `/api/reports/${newReports[caller]![0]}/accept`, payload: { version: 1 } }),
    'POST /api/reports/{id}/merge': () => ({ url: `/api/reports/${newReports[caller]![1]}/merge`, payload: { version: 1, intoReport: mergeTarget } }),
    'POST /api/reports/{id}/reject': () => ({ url: `/api/reports/${newReports[caller]![2]}/reject`, payload: { version: 1, reason: 'Matrix' } }),
    'POST /api/reports/{id}/withdraw': () => ({ url: `/api/reports/${acceptedReports[caller]}/withdraw`, payload: { version: 2, reason: 'Matrix' } }),
    'POST /api/reports/{id}/correct': () => ({ url: `/api/reports/${correctedReports[caller]}/correct`, payload: { version: 2, category: 'Drugs', reason: 'Matrix' } }),
    'POST /api/reports/{id}/messages': () => ({ url: `/api/reports/${mergeTarget}/messages`, payload: { body: `Matrix ${serial}` } }),
    'POST /api/tasks/{id}/status': () => ({
      url: `/api/tasks/${movedTask.id}/status`,
      payload: { to: movedTask.status === 'tasked' ? 'escalated' : 'tasked', version: movedTask.version, reason: 'matrix' },
    }),
  }
  return samples[`${method.toUpperCase()} ${path}`]?.()
}

function taskPayload(title: string) {
  return { title, dosage: { visitsPerWeek: 2 }, startDate: '2024-01-01', endDate: '2024-01-31', leadTeamId: targetTeamId, area: { source: 'ward', ward: WARD } }
}

/** A successful write moves a task on: the next sample must name its new version (and status). */
function noteAnswer(method: string, path: string, body: { id: number; version: number; status: string }): void {
  if (method === 'patch' && path === '/api/tasks/{id}') editTask = body
  if (method === 'post' && path === '/api/tasks/{id}/status') movedTask = body
  if (method === 'patch' && path === '/api/pops/{id}') editPop = body
  if (method === 'patch' && path === '/api/meetings/{id}') meetingVersion = body.version
  if ((method === 'patch' && path === '/api/cctv/cameras/{id}') || path === '/api/cctv/cameras/{id}/move') cctvCamera = body
  if (path === '/api/cctv/cameras/{id}/redeploy') redeployCamera = body
}

/** A fresh session per check: sign-out and password changes must not spoil the next row of the matrix. */
async function sessionFor(caller: Caller): Promise<SignedIn | null> {
  if (caller === 'anonymous') return null
  return signIn(testApp.app, `${caller}@matrix.test`)
}

function expectedStatus(access: Access, caller: Caller): 'allowed' | 401 | 403 {
  if (access === 'public') return 'allowed'
  if (caller === 'anonymous') return 401
  if (access === 'signed-in') return 'allowed'
  return access.includes(caller) ? 'allowed' : 403
}

beforeAll(async () => {
  // Every caller sends a report from the same address, at once: the time check and the per-address limit relaxed.
  testApp = await startTestApp({ residentReports: { minFormSeconds: 0, reportsPerHour: 1000 } })
  await testApp.importFiles([...boundaryFiles, policeUkFile('2024-01'), policeUkFile('2024-02')])
  for (const role of ROLES) {
    await createTestUser(testApp.pool, { email: `${role}@matrix.test`, role, wards: role === 'councillor' ? [WARD] : undefined })
  }
  await createTestUser(testApp.pool, { email: 'login-target@test.local', role: 'inspector' })
  targetUserId = await createTestUser(testApp.pool, { email: 'target@test.local', role: 'inspector' })
  targetTeamId = (await testApp.pool.query(`SELECT id::int FROM teams ORDER BY id LIMIT 1`)).rows[0].id
  const admin = await signIn(testApp.app, 'admin@matrix.test')
  officerId = (await testApp.pool.query(`SELECT id::int FROM users WHERE email = 'officer@matrix.test'`)).rows[0].id
  const makeTask = async () => (await testApp.app.inject({ method: 'POST', url: '/api/tasks', headers: admin.headers, payload: { ...taskPayload('Matrix task'), officerIds: [officerId] } })).json()
  editTask = await makeTask()
  movedTask = await makeTask()
  visitedTaskId = (await makeTask()).id
  evaluationTaskId = (
    await testApp.app.inject({ method: 'POST', url: '/api/tasks', headers: admin.headers, payload: { ...taskPayload('Evaluated'), startDate: '2024-02-01', endDate: '2024-02-29' } })
  ).json().id
  await testApp.app.inject({ method: 'POST', url: `/api/tasks/${visitedTaskId}/status`, headers: admin.headers, payload: { to: 'tasked', version: 1 } })
  popOwnerId = (await testApp.pool.query(`SELECT id::int FROM users WHERE email = 'inspector@matrix.test'`)).rows[0].id
  const [point] = (await testApp.pool.query(`SELECT ST_Y(label_point) AS lat, ST_X(label_point) AS lon FROM wards WHERE code = $1`, [WARD])).rows
  popCells = [latLngToCell(point.lat, point.lon, 9)]
  const makePop = async () =>
    (await testApp.app.inject({ method: 'POST', url: '/api/pops', headers: admin.headers, payload: { title: 'Matrix POP', ownerId: popOwnerId, area: { source: 'cells', res: 9, cells: popCells } } })).json()
  editPop = await makePop()
  for (const caller of CALLERS) closablePops[caller] = (await makePop()).id
  // Every registration of a ward takes one for good (an open POP per ward): more wards than the matrix asks for.
  freeWards = (await testApp.pool.query(`SELECT code FROM wards WHERE code <> $1 ORDER BY code LIMIT 12`, [WARD])).rows.map((row) => row.code)
  // Officers get their own team's task sheet: the matrix's officer is on the sample team.
  await testApp.pool.query(`UPDATE users SET team_id = $1 WHERE id = $2`, [targetTeamId, officerId])
  await testApp.pool.query(`INSERT INTO import_profiles (name, title, mapping) VALUES ('matrix-log', 'Matrix log', $1)`, [JSON.stringify(MATRIX_MAPPING)])
  meetingId = (await testApp.app.inject({ method: 'POST', url: '/api/meetings', headers: admin.headers, payload: { heldOn: '2024-01-31' } })).json().id
  await testApp.app.inject({ method: 'POST', url: '/api/weekly-reports', headers: admin.headers, payload: { ward: WARD, period: '2024-01' } })
  unsentEmailId = (
    await testApp.pool.query(
      `INSERT INTO weekly_report_emails (report_id, recipient, status, attempts, last_error)
       SELECT id, 'councillor@matrix.test', 'failed', 8, 'matrix' FROM weekly_reports ORDER BY id LIMIT 1 RETURNING id::int`,
    )
  ).rows[0].id
  await testApp.app.inject({ method: 'POST', url: '/api/tasks', headers: admin.headers, payload: { ...taskPayload('Sheet task'), meetingId } })
  const makeCamera = async (extra: Record<string, unknown> = {}) =>
    (await testApp.app.inject({
      method: 'POST', url: '/api/cctv/cameras', headers: admin.headers,
      payload: { owner: 'Matrix', reference: `MATRIX-${Object.keys(retirableCameras).length}-${Math.random()}`, name: 'Matrix camera', type: 'fixed', position: { lon: -1.3172, lat: 54.5658 }, ...extra },
    })).json()
  cctvCamera = await makeCamera({ reference: 'MATRIX-1' })
  redeployCamera = await makeCamera({ reference: 'MATRIX-R', type: 'redeployable', deployedFrom: '2000-01-01' })
  for (const caller of CALLERS) retirableCameras[caller] = (await makeCamera()).id
  reportPoint = { lon: Math.round(point.lon * 1e5) / 1e5, lat: Math.round(point.lat * 1e5) / 1e5 }
  reportToken = (await testApp.app.inject({ url: '/api/reports/form' })).json().token
  const sendReport = async () => {
    const form = reportMultipart({ formToken: reportToken, category: 'noise', lon: String(reportPoint.lon), lat: String(reportPoint.lat), ongoing: 'true', description: 'Matrix report' })
    const response = await testApp.app.inject({ method: 'POST', url: '/api/reports', payload: form.payload, headers: { 'content-type': form.contentType } })
    const id = (await testApp.pool.query('SELECT max(id)::int AS id FROM resident_reports')).rows[0].id as number
    return { id, receipt: response.json().receipt as string }
  }
  const first = await sendReport()
  receiptCode = first.receipt
  mergeTarget = first.id
  // A photo for the photo route: any stored picture will do.
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex')
  await testApp.pool.query('INSERT INTO resident_report_photos (report_id, ordinal, image, width, height) VALUES ($1, 1, $2, 1, 1)', [mergeTarget, png])
  for (const caller of CALLERS) {
    newReports[caller] = [(await sendReport()).id, (await sendReport()).id, (await sendReport()).id]
    const accepted = (await sendReport()).id
    await testApp.app.inject({ method: 'POST', url: `/api/reports/${accepted}/accept`, headers: admin.headers, payload: { version: 1 } })
    acceptedReports[caller] = accepted
    const toCorrect = (await sendReport()).id
    await testApp.app.inject({ method: 'POST', url: `/api/reports/${toCorrect}/accept`, headers: admin.headers, payload: { version: 1 } })
    correctedReports[caller] = toCorrect
  }
  spec = (await testApp.app.inject({ method: 'GET', url: '/docs/json' })).json()
})
afterAll(() => testApp.close())

describe('the route × role matrix', () => {
  it('covers every route in the OpenAPI document, each with a declared policy', () => {
    const operations = Object.entries(spec.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
    expect(operations.length).toBeGreaterThanOrEqual(17)
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        expect(operation['x-access'], `${method} ${path} declares no x-access`).toBeDefined()
        expect(sampleFor(method, path, 'admin'), `${method} ${path} has no sample request in this test`).toBeDefined()
      }
    }
  })

  it('answers every caller of every route as its policy says', async () => {
    const mismatches: string[] = []
    let checked = 0
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const caller of CALLERS) {
          const sample = sampleFor(method, path, caller)!
          const session = await sessionFor(caller)
          const response = await testApp.app.inject({
            method: method.toUpperCase() as 'GET',
            url: sample.url,
            payload: sample.payload,
            headers: { ...(session?.headers ?? {}), ...(sample.contentType ? { 'content-type': sample.contentType } : {}) },
          })
          const expected = expectedStatus(operation['x-access']!, caller)
          // The task sheet PDF needs the built client, which this app does not serve: its 503 (not 401/403) shows the caller passed.
          const pdfRefused = /\/(task-sheets|report)\.pdf$/.test(path) && response.statusCode === 503 && /web client/.test(response.body)
          const ok = expected === 'allowed' ? (response.statusCode >= 200 && response.statusCode < 300) || pdfRefused : response.statusCode === expected
          if (!ok) mismatches.push(`${method.toUpperCase()} ${path} as ${caller}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 120)}`)
          checked += 1
          if (response.statusCode === 200 && String(response.headers['content-type']).startsWith('application/json')) noteAnswer(method, path, response.json())
          // Undo a successful password change so the next session for this role signs in with the test password.
          if (path === '/api/auth/password' && response.statusCode === 204) {
            await testApp.app.inject({
              method: 'POST',
              url: '/api/auth/password',
              payload: { currentPassword: (sample.payload as Record<string, unknown>).newPassword, newPassword: TEST_PASSWORD },
              headers: session!.headers,
            })
          }
        }
      }
    }
    expect(mismatches).toEqual([])
    expect(checked).toBe(Object.values(spec.paths).reduce((sum, methods) => sum + Object.keys(methods).length, 0) * CALLERS.length)
    // Every route × six callers, each with its own sign-in: over 200 requests, some of them analyses.
  }, 300_000)

  it('refuses, to everyone, a route that declares no policy', async () => {
    // The refusal comes before any query, so this second app never opens a connection of its own.
    const app = await buildApp({ connection: testApp.pool.options as PoolConfig, engine: 'server', clientDir: null, limits: TEST_LIMITS })
    app.get('/api/undeclared', async () => ({ secret: true }))
    await app.ready()
    try {
      const anonymous = await app.inject({ method: 'GET', url: '/api/undeclared' })
      expect(anonymous.statusCode).toBe(403)
      const admin = await signIn(testApp.app, 'admin@matrix.test')
      const asAdmin = await app.inject({ method: 'GET', url: '/api/undeclared', headers: admin.headers })
      expect(asAdmin.statusCode).toBe(403)
      expect(asAdmin.body).not.toContain('secret')
    } finally {
      await app.close()
    }
  })
})
