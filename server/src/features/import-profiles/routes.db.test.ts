import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { geodata, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import { countMismatches } from '../counts/count-mismatches.js'

let testApp: TestApp
let analyst: SignedIn
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows

const MAPPING = {
  source: 'Route log', reference: ['id'], when: { date: 'date', format: 'dd/mm/yyyy', time: { kind: 'column', column: 'time' } },
  position: { kind: 'lonlat', lon: 'lon', lat: 'lat' }, category: { column: 'kind', map: { noise: 'Anti-social behaviour' }, default: 'Other crime' },
}

const inject = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  testApp.app.inject({ method, url, payload: payload as string, headers: { ...analyst.headers, ...headers } })

beforeAll(async () => {
  testApp = await startTestApp()
  analyst = await testApp.signInAs('analyst')
})
afterAll(() => testApp?.close())

describe('import profiles', () => {
  it('lists the shipped profiles, saves a new one with its audit entry, and refuses a taken name or an unknown category', async () => {
    const listed = await inject('GET', '/api/import-profiles')
    expect(listed.statusCode).toBe(200)
    expect(listed.json().items.map((p: { name: string }) => p.name)).toEqual(['banes-environmental-protection', 'edinburgh-collisions', 'stockton-illustrative-asb'])

    const created = await inject('POST', '/api/import-profiles', { name: 'route-log', title: 'Route log', mapping: MAPPING })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({ name: 'route-log', mapping: MAPPING, shipped: false })
    expect(await sql(`SELECT action FROM audit_log WHERE action LIKE 'import_profile.%'`)).toEqual([{ action: 'import_profile.create' }])

    expect((await inject('POST', '/api/import-profiles', { name: 'route-log', title: 'Again', mapping: MAPPING })).statusCode).toBe(409)
    const unknown = await inject('POST', '/api/import-profiles', { name: 'other', title: 'Other', mapping: { ...MAPPING, category: { map: {}, default: 'Road collisions' } } })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().message).toBe('mapping.category.default: Patrolmap has no category "Road collisions"')
    const badShape = await inject('POST', '/api/import-profiles', { name: 'other', title: 'Other', mapping: { ...MAPPING, position: { kind: 'bng', easting: 'e' } } })
    expect(badShape.statusCode).toBe(400)
  })

  it('changes a profile, keeping before and after in the audit trail', async () => {
    const changed = await inject('PUT', '/api/import-profiles/route-log', { title: 'Route log, renamed', mapping: { ...MAPPING, description: 'notes' } })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({ title: 'Route log, renamed', mapping: { description: 'notes' } })
    const [entry] = await sql(`SELECT before, after FROM audit_log WHERE action = 'import_profile.update'`)
    expect(entry.before.title).toBe('Route log')
    expect(entry.after.mapping.description).toBe('notes')
    expect((await inject('PUT', '/api/import-profiles/nobody', { title: 'x', mapping: MAPPING })).statusCode).toBe(404)
  })
})

describe('POST /api/imports/preview', () => {
  it('shows each row as it would be stored (grid references in PostGIS) and the rows each choice rejects', async () => {
    const lines = fs.readFileSync(geodata('timed/edinburgh-collisions-2010.csv'), 'utf8').split('\n').slice(0, 4)
    const [header, ...rows] = lines
    const columns = header.split(',')
    const broken = rows[2].split(',')
    broken[columns.indexOf('a_time_hr')] = '25'
    const csv = [header, rows[0], rows[1], broken.join(','), ''].join('\n')
    const edinburgh = (await inject('GET', '/api/import-profiles')).json().items.find((p: { name: string }) => p.name === 'edinburgh-collisions')
    const response = await inject('POST', '/api/imports/preview', { csv, mapping: edinburgh.mapping })
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body.missingColumns).toEqual([])
    expect(body.rows).toHaveLength(3)
    // The first row of the file: 02/01/2010 14:04, E 326450 N 676770 (Edinburgh, Leith Walk area).
    expect(body.rows[0].parsed).toMatchObject({ reference: '3910', localTime: '2010-01-02 14:04', precision: 'minute', category: 'Other crime' })
    expect(body.rows[0].parsed.lon).toBeCloseTo(-3.17, 1)
    expect(body.rows[0].parsed.lat).toBeCloseTo(55.96, 1)
    expect(body.rows[2].rejected).toEqual({ field: 'when', reason: "hour '25' is not a whole hour from 0 to 23" })
    expect(body.rejectedBy).toEqual({ row: 0, reference: 0, when: 1, position: 0 })

    const missing = await inject('POST', '/api/imports/preview', { csv: 'a,b\n1,2\n', mapping: edinburgh.mapping })
    expect(missing.json().missingColumns).toContain('acc_ref')
  })
})

describe('POST /api/imports/mapped', () => {
  const upload = (csv: string, query = 'profile=route-log&name=log.csv') => inject('POST', `/api/imports/mapped?${query}`, csv, { 'content-type': 'text/csv' })
  const LOG = 'id,date,time,lon,lat,kind,notes\n1,04/03/2024,09:15,-1.30,54.56,noise,a\n2,31/03/2024,01:30,-1.31,54.57,other,b\n'

  it('imports an uploaded log through a profile, and says what it added, skipped and placed', async () => {
    const first = await upload(LOG)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({ status: 'committed', file: 'log.csv', rowsRead: 2, rowsAdded: 2, rowsOutside: 2 })
    expect((await upload(LOG)).json()).toMatchObject({ status: 'skipped', rowsAdded: 0 })
    expect(await sql(`SELECT category, period_precision FROM incidents WHERE source = 'Route log' ORDER BY reference`)).toEqual([
      { category: 'Anti-social behaviour', period_precision: 'minute' },
      { category: 'Other crime', period_precision: 'minute' },
    ])
    expect(await countMismatches(testApp.pool)).toEqual({ pointMonth: 0, wardMonth: 0, location: 0, day: 0, hour: 0 })
    const [audit] = await sql(`SELECT details FROM audit_log WHERE action = 'import.file' ORDER BY id LIMIT 1`)
    expect(audit.details).toMatchObject({ via: 'upload', file: 'log.csv', status: 'committed' })
  })

  it('rejects a log with bad rows whole, by row, and refuses what is not a log', async () => {
    const rejected = await upload('id,date,time,lon,lat,kind,notes\n3,30/02/2024,10:00,-1.3,54.5,noise,c\n4,01/03/2024,10:00,-1.3,54.5,noise,d\n')
    expect(rejected.json()).toMatchObject({ status: 'rejected', rowsRejected: 1, errors: [{ row: 2, reason: "'30/02/2024' has day 30, and that month has 29" }] })
    expect(await sql(`SELECT count(*)::int AS n FROM incidents WHERE source = 'Route log'`)).toEqual([{ n: 2 }])
    const noColumns = await upload('a,b\n1,2\n')
    expect(noColumns.json().message).toMatch(/^the header has no column 'id', 'date'/)
    expect((await upload(LOG, 'profile=nobody')).statusCode).toBe(404)
    const empty = await inject('POST', '/api/imports/mapped?profile=route-log', '', { 'content-type': 'text/csv' })
    expect(empty.statusCode).toBe(400)
    expect((await inject('POST', '/api/imports/mapped?profile=route-log', { csv: LOG })).statusCode).toBe(415)
  })
})
