// Every operation in the OpenAPI document, every query and path parameter and every body property, sent malformed
// values (year 0000, a 13th month, Infinity, 1e309, NaN, -1, huge numbers, NUL bytes, very long strings, wrong types,
// arrays, empty strings, unknown parameters) as a role its policy (x-access) allows. Never a 5xx; every 400 names the
// parameter; a NUL byte is always refused; every /api/ answer carries Cache-Control: no-store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Access } from '../../server/src/features/auth/access.js'
import type { Role } from '../../server/src/features/users/roles.js'
import { setPassword } from '../../server/src/features/users/user-store.js'
import { boundaryFiles, createTestUser, policeUkFile, signIn, startTestApp, TEST_PASSWORD, type SignedIn, type TestApp } from '../support/test-app.js'

const WARD = 'E05014882' // Stockton Town Centre (WD23)

interface Schema {
  type?: string
  properties?: Record<string, Schema>
  items?: Schema
}
interface Parameter {
  name: string
  in: 'query' | 'path' | 'header' | 'cookie'
  schema?: Schema
}
interface Operation {
  'x-access'?: Access
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: Schema }> }
}

/** Sent as query and path parameter values (URL-encoded), each on its own: to every parameter… */
const ANY_VALUES = ['', '\u0000', `${WARD}\u0000`, 'tab\there', 'x'.repeat(10_000), 'true', '{}', 'Infinity', '-1']
/** …to numbers… */
const NUMBER_VALUES = ['-Infinity', '1e309', '0', '1.5', 'NaN', '9'.repeat(400)]
/** …and to strings (months, days, codes, free text). */
const STRING_VALUES = ['0000-01', '0001-01', '9999-12', '2024-13', '2024-00', '0000-01-01', '2024-02-30', '1e309']
const textValuesFor = (schema: Schema | undefined) =>
  schema?.type === 'integer' || schema?.type === 'number' ? [...ANY_VALUES, ...NUMBER_VALUES] : schema?.type === 'string' ? [...ANY_VALUES, ...STRING_VALUES] : ANY_VALUES
/** Sent as body property values: raw JSON, so 1e309 reaches the parser as written (JSON.stringify would send null). */
const JSON_VALUES = [
  '"0000-01"', '"0000-01-01"', '"9999-12"', '"Infinity"', '1e309', '-1e309', '-1', '0', '1.5', '"NaN"', '1e300',
  '"\\u0000"', `"${WARD}\\u0000"`, JSON.stringify('x'.repeat(10_000)), '""', '[]', '["x"]', '{}', 'null', 'true',
]
/** Every value holding a control character must be refused with a 400, whatever the parameter. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const hasControl = (value: string) => /[\u0000-\u001f]|\\u0000/.test(value)

/** Cheap values for parameters not under test, so an accepted request stays fast (coarsest cells). */
const BASE_QUERY: Record<string, string> = { res: '6', team: '1', profile: 'edinburgh-collisions' }

let testApp: TestApp
let spec: { paths: Record<string, Record<string, Operation>> }
let targetUserId: number
let serial = 0
const sessions = new Map<Role, SignedIn>()

/** A timed log's mapping, made afresh for each body (a fuzzed value is written into it). */
const fuzzMapping = () => ({
  source: 'Fuzz log', reference: ['id'], when: { date: 'when', format: 'iso8601', time: { kind: 'in-date' } },
  position: { kind: 'unplaced' }, category: { column: 'kind', map: { noise: 'Anti-social behaviour' }, default: 'Other crime' },
  description: 'notes', address: 'place', illustrative: false,
})

/** A valid body per write route; the fuzz replaces one property of it at a time. */
const BASE_BODIES: Record<string, () => Record<string, unknown>> = {
  'POST /api/auth/login': () => ({ email: 'login-target@fuzz.test', password: TEST_PASSWORD }),
  'POST /api/auth/password': () => ({ currentPassword: TEST_PASSWORD, newPassword: 'a new fuzz password' }),
  'POST /api/users': () => ({ email: `made-${++serial}@fuzz.test`, name: 'Made by the fuzz', role: 'inspector', password: 'a long first password' }),
  'PATCH /api/users/{id}': () => ({ name: `Renamed ${serial}` }),
  'POST /api/users/{id}/password': () => ({ password: `reset password ${serial}` }),
  'PUT /api/harm-weights': () => ({ weights: [{ category: 'Anti-social behaviour', weight: 5 }] }),
  'POST /api/teams': () => ({ name: `Fuzz team ${++serial}`, agency: 'other' }),
  'POST /api/import-profiles': () => ({ name: `fuzz-${++serial}`, title: 'Fuzz log', mapping: fuzzMapping() }),
  'PUT /api/import-profiles/{name}': () => ({ title: 'Fuzz log', mapping: fuzzMapping() }),
  'POST /api/imports/preview': () => ({ csv: 'id,when\n1,2024-01-05T10:00\n', mapping: fuzzMapping(), rows: 5 }),
  'PATCH /api/teams/{id}': () => ({ name: `Renamed team ${++serial}` }),
  'POST /api/time-patterns/key-times': () => ({ area: { source: 'ward', ward: WARD }, share: 0.5, months: 12 }),
  'POST /api/tasks': () => ({
    title: 'Fuzzed task',
    problem: 'Two lines\nof problem',
    categories: ['Anti-social behaviour'],
    keyTimes: Array.from({ length: 7 }, () => new Array(24).fill(false)),
    leadTeamId: 1,
    officerIds: [fuzzOfficerId],
    dosage: { visitsPerWeek: 2, minutesPerVisit: 15 },
    startDate: '2024-01-01',
    endDate: '2024-01-31',
    meetingId: null,
    popId: null,
    area: { source: 'polygon', polygon: { type: 'Polygon', coordinates: [[[-1.32, 54.56], [-1.31, 54.56], [-1.31, 54.57], [-1.32, 54.56]]] } },
  }),
  'PATCH /api/tasks/{id}': () => ({ version: 1, title: `Renamed task ${++serial}`, dosage: { visitsPerWeek: 3 }, area: { source: 'ward', ward: WARD } }),
  'POST /api/tasks/{id}/status': () => ({ to: 'tasked', version: 1, reason: 'fuzz', outcome: 'fuzz' }),
  'POST /api/tasks/{id}/visits': () => ({
    idempotencyKey: `fuzz-visit-${++serial}`,
    date: '2024-01-15',
    startTime: '18:00',
    minutes: 15,
    officerIds: [fuzzOfficerId],
    actions: { engagements: 1 },
    notes: 'fuzz',
    location: { lon: -1.31, lat: 54.56 },
  }),
  'POST /api/pops': () => ({
    title: `Fuzzed POP ${++serial}`,
    problem: 'Two lines\nof problem',
    ownerId: fuzzInspectorId,
    partnerTeamIds: [1],
    saraStage: 'analysis',
    reviewOn: '2024-02-01',
    area: { source: 'polygon', polygon: { type: 'Polygon', coordinates: [[[-1.32, 54.56], [-1.31, 54.56], [-1.31, 54.57], [-1.32, 54.56]]] } },
  }),
  'POST /api/pops/from-ward': () => ({ ward: WARD, ownerId: fuzzInspectorId, reviewOn: '2024-02-01', title: 'Fuzzed ward POP' }),
  'PATCH /api/pops/{id}': () => ({ version: 1, title: `Renamed POP ${++serial}`, saraStage: 'response', reviewOn: '2024-03-01', area: { source: 'ward', ward: WARD } }),
  'POST /api/pops/{id}/close': () => ({ version: 1, reason: 'Solved\nby the partners' }),
  'POST /api/pops/{id}/log': () => ({ kind: 'decision', body: 'Fuzz decision', date: '2024-01-15' }),
  'POST /api/meetings': () => ({ heldOn: '2024-01-31', title: 'Fuzz JAG', chair: 'Insp Fuzz', notes: 'Two lines\nof notes', teamIds: [1], othersPresent: ['Fire'] }),
  'PATCH /api/meetings/{id}': () => ({ version: 1, title: `Renamed JAG ${++serial}`, teamIds: [1] }),
  'POST /api/cctv/cameras': () => ({
    owner: 'Fuzz', reference: `F-${++serial}`, name: 'Fuzzed camera', location: 'High Street', type: 'fixed', status: 'working', mountingHeightM: 6, bearingDeg: 90, fovDeg: 60,
    rangeM: 50, radiusM: null, deployedFrom: '2024-01-01', deployedUntil: null, notes: 'fuzz', illustrative: false, position: { lon: -1.31, lat: 54.56 },
  }),
  'PATCH /api/cctv/cameras/{id}': () => ({ version: 1, name: `Renamed camera ${++serial}`, bearingDeg: 45, rangeM: null, deployedUntil: '2030-01-01' }),
  'POST /api/cctv/cameras/{id}/move': () => ({ version: 1, position: { lon: -1.31, lat: 54.56 }, reason: 'fuzz' }),
  'POST /api/cctv/cameras/{id}/retire': () => ({ version: 1, date: '2024-02-01', reason: 'fuzz' }),
  'POST /api/cctv/cameras/{id}/redeploy': () => ({ version: 1, position: { lon: -1.31, lat: 54.56 }, date: '2024-02-01', bearingDeg: 10, location: 'fuzz', reason: 'fuzz' }),
  'PUT /api/cctv/cameras/{id}/activity/{month}': () => ({ incidentsSpotted: 1, assistedArrests: 0, footageRequests: 2 }),
  'POST /api/cctv/activity/import': () => ({ fileName: 'fuzz.csv', content: 'reference,month,incidents_spotted,assisted_arrests,footage_requests\nFUZZ,2024-01,1,0,0\n', owner: 'Fuzz' }),
  'POST /api/cctv/import': () => ({ fileName: 'fuzz.csv', content: `reference,lon,lat,type\nFI-${++serial},-1.31,54.56,fixed\n`, owner: 'Fuzz', defaultType: 'ptz', illustrative: false }),
  'POST /api/cctv/buildings': () => ({ fileName: 'fuzz.geojson', content: '{"type":"FeatureCollection","features":[]}' }),
  'PUT /api/cctv/defaults': () => ({ type: 'fixed', rangeM: 60, basis: 'fuzz' }),
  'POST /api/weekly-reports': () => ({ ward: WARD, period: '2024-01', reason: 'fuzz' }),
  'PUT /api/ward-contacts/{ward}/{kind}': () => ({ name: 'Fuzz officer', email: 'fuzz@example.test', phone: '01642 000000' }),
  'POST /api/reports/receipt/{code}/messages': () => ({ body: 'Fuzz\nmessage' }),
  'POST /api/reports/{id}/accept': () => ({ version: 1, category: 'Anti-social behaviour', message: 'fuzz' }),
  'POST /api/reports/{id}/merge': () => ({ version: 1, intoIncident: 1, message: 'fuzz' }),
  'POST /api/reports/{id}/reject': () => ({ version: 1, reason: 'fuzz' }),
  'POST /api/reports/{id}/withdraw': () => ({ version: 1, reason: 'fuzz' }),
  'POST /api/reports/{id}/correct': () => ({ version: 2, category: 'Drugs', position: { lon: -1.31, lat: 54.56 }, happenedAt: null, reason: 'fuzz' }),
  'POST /api/reports/{id}/messages': () => ({ body: 'fuzz' }),
  'POST /api/cctv/placement': () => ({ from: '2024-01', to: '2024-01', categories: 'Anti-social behaviour', cameras: 1, type: 'redeployable', rangeM: 60, res: 9, sites: [{ lon: -1.31, lat: 54.56, label: 'fuzz' }] }),
}

/** The session for routes about the caller's own session: a fuzzed request may sign it out or change its password. */
let self: SignedIn | null = null
let selfId: number
/** The fuzz's officer: named on tasks and visits (the target user may be disabled by a fuzzed edit). */
let fuzzOfficerId: number
/** The owner named on fuzzed POPs: an enabled inspector. */
let fuzzInspectorId: number

/**
 * The caller for an operation: the last role its policy lists (the least privileged, so the narrowest code path),
 * a councillor for any signed-in route, nobody for a public one.
 */
async function callerFor(path: string, access: Access): Promise<SignedIn | null> {
  if (access === 'public') return null
  if (path.startsWith('/api/auth/')) {
    self ??= await signIn(testApp.app, 'self@fuzz.test')
    return self
  }
  const role: Role = access === 'signed-in' ? 'councillor' : access[access.length - 1]
  return sessions.get(role)!
}

interface Case {
  /** The parameter the answer must name when it is a 400. */
  parameter: string
  value: string
  query: string[]
  pathValues: Record<string, string>
  body?: string
}

/** A path's H3 cell when another parameter is fuzzed: a res-9 cell in Middlesbrough town centre. */
const SAMPLE_CELL = '89194655b83ffff'
/** A receipt code of the right form (no report has it: the receipt routes answer 404 past the checks). */
const SAMPLE_RECEIPT = '0000-0000-0000-0000-0000-0000'
/** Path values when another parameter is fuzzed; any other path parameter is an id. */
const PATH_SAMPLES: Record<string, string> = { cell: SAMPLE_CELL, month: '2024-01', ward: WARD, period: '2024-01', kind: 'housing-officer', code: SAMPLE_RECEIPT, ordinal: '1' }

function* casesFor(method: string, path: string, operation: Operation): Generator<Case> {
  const parameters = operation.parameters ?? []
  const queryParameters = parameters.filter((parameter) => parameter.in === 'query')
  const query = queryParameters.map((parameter) => parameter.name)
  const pathParameters = parameters.filter((parameter) => parameter.in === 'path')
  const pathNames = pathParameters.map((parameter) => parameter.name)
  const basePath = Object.fromEntries(pathNames.map((name) => [name, PATH_SAMPLES[name] ?? String(targetUserId)]))
  const baseQuery = (except: string[]) =>
    Object.entries(BASE_QUERY).filter(([name]) => query.includes(name) && !except.includes(name)).map(([name, value]) => `${name}=${value}`)
  const bodySchema = operation.requestBody?.content['application/json']?.schema
  const baseBody = BASE_BODIES[`${method.toUpperCase()} ${path}`]
  const body = () => (bodySchema && baseBody ? JSON.stringify(baseBody()) : undefined)
  const q = (name: string, value: string) => `${name}=${encodeURIComponent(value)}`

  for (const { name, schema } of queryParameters) {
    for (const value of textValuesFor(schema)) yield { parameter: name, value, query: [...baseQuery([name]), q(name, value)], pathValues: basePath, body: body() }
    // Repeated: an array where one value is expected.
    yield { parameter: name, value: '[1, 2]', query: [...baseQuery([name]), q(name, '1'), q(name, '2')], pathValues: basePath, body: body() }
  }
  // A period whose both ends are malformed: top-wards also compares with the equal period before it.
  if (query.includes('from') && query.includes('to')) {
    for (const [from, to] of [['0000-01', '0000-02'], ['0001-01', '0001-02'], ['0001-01', '2024-01'], ['0000-01-01', '0000-01-02']]) {
      yield { parameter: 'from|to', value: `${from}..${to}`, query: [...baseQuery(['from', 'to']), q('from', from), q('to', to)], pathValues: basePath, body: body() }
    }
  }
  yield { parameter: 'fuzzUnknown', value: '1', query: [...baseQuery([]), 'fuzzUnknown=1'], pathValues: basePath, body: body() }
  for (const { name, schema } of pathParameters) {
    for (const value of textValuesFor(schema)) yield { parameter: name, value, query: baseQuery([]), pathValues: { ...basePath, [name]: value }, body: body() }
  }
  if (bodySchema && baseBody) {
    for (const [propertyPath, leaf] of bodyPaths(bodySchema, [])) {
      for (const value of JSON_VALUES) {
        yield { parameter: leaf, value, query: baseQuery([]), pathValues: basePath, body: withRawValue(baseBody(), propertyPath, value) }
      }
    }
    yield { parameter: 'fuzzUnknown', value: '1', query: baseQuery([]), pathValues: basePath, body: withRawValue(baseBody(), ['fuzzUnknown'], '1') }
  }
}

/** Every property path in a body schema, into arrays of objects (their first item), with the leaf's name. */
function bodyPaths(schema: Schema, prefix: (string | number)[]): [(string | number)[], string][] {
  const paths: [(string | number)[], string][] = []
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    paths.push([[...prefix, name], name])
    if (property.type === 'array' && property.items?.properties) paths.push(...bodyPaths(property.items, [...prefix, name, 0]))
    if (property.type === 'object' && property.properties) paths.push(...bodyPaths(property, [...prefix, name]))
  }
  return paths
}

const PLACEHOLDER = '\u2063fuzz\u2063'

/** The body as JSON text with the value at `path` replaced by raw JSON text. */
function withRawValue(body: Record<string, unknown>, path: (string | number)[], raw: string): string {
  let container: Record<string | number, unknown> = body
  for (const key of path.slice(0, -1)) {
    container[key] ??= typeof key === 'number' ? [] : {}
    container = container[key] as Record<string | number, unknown>
  }
  container[path[path.length - 1]] = PLACEHOLDER
  return JSON.stringify(body).replace(JSON.stringify(PLACEHOLDER), raw)
}

/** The name as a word of the message: `querystring/to must …`, `from: 0001-01 …`, `body/weights/0/weight …`. */
function namesParameter(message: string, parameter: string): boolean {
  return parameter.split('|').some((name) => new RegExp(`(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|$)`).test(message))
}

beforeAll(async () => {
  // Fuzzed sign-ins fail by the hundred; throttling would turn the rest into 429s before the route's own checks.
  // Thousands of requests from one address in a minute or two: the general limit raised like the sign-in throttle.
  testApp = await startTestApp({
    security: { maxFailuresPerAccount: 1_000_000, maxFailuresPerAddress: 1_000_000 },
    limits: { requestsPerMinute: 1_000_000 },
    data: [...boundaryFiles, policeUkFile('2024-01')],
    residentReports: { reportsPerHour: 1_000_000, messagesPerHour: 1_000_000, receiptLookupsPerMinute: 1_000_000 },
  })
  for (const role of ['admin', 'analyst', 'inspector', 'councillor', 'officer'] as const) {
    await createTestUser(testApp.pool, { email: `${role}@fuzz.test`, role, wards: role === 'councillor' ? [WARD] : undefined })
    sessions.set(role, await signIn(testApp.app, `${role}@fuzz.test`))
  }
  await createTestUser(testApp.pool, { email: 'login-target@fuzz.test', role: 'inspector' })
  targetUserId = await createTestUser(testApp.pool, { email: 'target@fuzz.test', role: 'inspector' })
  selfId = await createTestUser(testApp.pool, { email: 'self@fuzz.test', role: 'inspector' })
  // A tasked task at the id every path parameter is given, naming the fuzz's officer, so task routes get past the lookup.
  await testApp.pool.query(
    `INSERT INTO tasks (id, title, dosage_visits_per_week, start_date, end_date, status, lead_team_id, geom, source, source_ward)
     OVERRIDING SYSTEM VALUE
     SELECT $1, 'Fuzz target', 2, '2024-01-01', '2024-01-31', 'tasked', 1, geom, 'ward', code FROM wards WHERE code = $2`,
    [targetUserId, WARD],
  )
  await testApp.pool.query(`SELECT set_task_wards(ARRAY[$1::bigint])`, [targetUserId])
  await testApp.pool.query(`SELECT setval(pg_get_serial_sequence('tasks', 'id'), (SELECT max(id) FROM tasks))`)
  fuzzOfficerId = (await testApp.pool.query(`SELECT id::int FROM users WHERE email = 'officer@fuzz.test'`)).rows[0].id
  fuzzInspectorId = (await testApp.pool.query(`SELECT id::int FROM users WHERE email = 'inspector@fuzz.test'`)).rows[0].id
  await testApp.pool.query(`INSERT INTO task_officers (task_id, user_id) VALUES ($1, $2)`, [targetUserId, fuzzOfficerId])
  // A redeployable camera at the same id, so camera routes get past the lookup too.
  await testApp.pool.query(
    `INSERT INTO cameras (id, owner, reference, name, type, mounting_height_m, bearing_deg, fov_deg, range_m, radius_m, deployed_from, geom)
     OVERRIDING SYSTEM VALUE VALUES ($1, 'Fuzz', 'FUZZ', 'Fuzz target', 'redeployable', 5, 0, 90, 60, 60, '2000-01-01', ST_SetSRID(ST_MakePoint(-1.31, 54.56), 4326))`,
    [targetUserId],
  )
  await testApp.pool.query(`SELECT setval(pg_get_serial_sequence('cameras', 'id'), (SELECT max(id) FROM cameras))`)
  // A new resident report at the same id, so the report routes get past the lookup (the first good decision takes it).
  await testApp.pool.query(
    `INSERT INTO resident_reports (id, receipt_hash, reporter_category, category, lon, lat, ongoing, description)
     OVERRIDING SYSTEM VALUE VALUES ($1, sha256('fuzz'::bytea), 'noise', 'Anti-social behaviour', -1.31, 54.56, true, 'Fuzz report')`,
    [targetUserId],
  )
  spec = (await testApp.app.inject({ method: 'GET', url: '/docs/json' })).json()
})
afterAll(() => testApp?.close())

describe('malformed input on every route', () => {
  it('has a base body for every route that takes one', () => {
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (operation.requestBody) expect(BASE_BODIES[`${method.toUpperCase()} ${path}`], `${method} ${path} has no base body here`).toBeDefined()
      }
    }
  })

  it('never answers 5xx, names the parameter in every 400, refuses NUL bytes and sends no-store', async () => {
    const failures: string[] = []
    let sent = 0
    const started = Date.now()
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const fuzz of casesFor(method, path, operation)) {
          const session = await callerFor(path, operation['x-access']!)
          const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(fuzz.pathValues[name])) + (fuzz.query.length ? `?${fuzz.query.join('&')}` : '')
          const response = await testApp.app.inject({
            method: method.toUpperCase() as 'GET',
            url,
            payload: fuzz.body,
            headers: { ...(session?.headers ?? {}), ...(fuzz.body === undefined ? {} : { 'content-type': 'application/json' }) },
          })
          sent += 1
          const what = `${method.toUpperCase()} ${path} ${fuzz.parameter}=${JSON.stringify(fuzz.value.slice(0, 40))}`
          const message: string = response.statusCode >= 400 ? (response.json().message ?? '') : ''
          if (response.statusCode >= 500) failures.push(`${what}: ${response.statusCode} ${response.body.slice(0, 160)}`)
          else if (response.statusCode === 400 && !namesParameter(message, fuzz.parameter)) failures.push(`${what}: 400 does not name it: ${message.slice(0, 160)}`)
          else if (hasControl(fuzz.value) && response.statusCode !== 400 && response.statusCode !== 413 && response.statusCode !== 404) {
            failures.push(`${what}: a control character was not refused: ${response.statusCode} ${response.body.slice(0, 120)}`)
          }
          if (response.headers['cache-control'] !== 'no-store') failures.push(`${what}: Cache-Control is ${String(response.headers['cache-control'])}`)
          // Signed out or a password changed: back to the known password and a new session.
          if (session === self && response.statusCode < 300) {
            await setPassword(testApp.pool, selfId, TEST_PASSWORD, false)
            self = null
          }
        }
      }
    }
    console.info(`fuzz: ${sent} requests in ${Date.now() - started} ms`)
    expect(failures.length, `${failures.length} failures, the first 100:\n${failures.slice(0, 100).join('\n')}`).toBe(0)
    expect(sent).toBeGreaterThan(1000)
  })
})
