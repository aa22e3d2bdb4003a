// Repeat locations against plain SQL: police.uk map points with at least N incidents in the last months, a log's
// addresses grouped as written (case and spacing aside), the filters, the limits, and staff only.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundaryFiles, policeUkFile, startTestApp, type SignedIn, type TestApp } from '../../../../tests/support/test-app.js'
import { importMappedFile } from '../import/mapped/import-mapped.js'
import { findProfile, insertProfile } from '../import/mapped/profile-store.js'

let testApp: TestApp
let inspector: SignedIn
let scratch: string
const WARD = 'E05014882' // Stockton Town Centre
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows

const repeats = async (query: string, headers = inspector.headers) => {
  const response = await testApp.app.inject({ url: `/api/repeat-locations${query}`, headers })
  return { status: response.statusCode, body: response.json() }
}

beforeAll(async () => {
  testApp = await startTestApp()
  inspector = await testApp.signInAs('inspector')
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'patrolmap-repeats-'))
  await testApp.importFiles([...boundaryFiles, policeUkFile('2024-01'), policeUkFile('2024-02')])
  const [point] = await sql(`SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM wards WHERE code = $1`, [WARD])
  const lon = point.lon.toFixed(6)
  const lat = point.lat.toFixed(6)
  // Three reports at one address, written three ways; one at another; all in February 2024.
  const lines = ['id,when,x,y,address', `1,2024-02-03T21:00,${lon},${lat},12 High Street`, `2,2024-02-10T22:00,${lon},${lat},12  high street`,
    `3,2024-02-17T23:00,${lon},${lat}, 12 HIGH STREET `, `4,2024-02-18T20:00,${lon},${lat},3 Low Lane`]
  fs.writeFileSync(path.join(scratch, 'calls.csv'), `${lines.join('\n')}\n`)
  await insertProfile(testApp.pool, {
    name: 'repeat-test', title: 'Repeat test',
    mapping: { source: 'Repeat test', reference: ['id'], when: { date: 'when', format: 'iso8601', time: { kind: 'in-date' } },
      position: { kind: 'lonlat', lon: 'x', lat: 'y' }, category: { map: {}, default: 'Anti-social behaviour' }, address: 'address' },
  })
  const summary = await importMappedFile(testApp.pool, path.join(scratch, 'calls.csv'), (await findProfile(testApp.pool, 'repeat-test'))!)
  expect(summary.status, summary.message).toBe('committed')
})

afterAll(async () => {
  await testApp?.close()
  fs.rmSync(scratch, { recursive: true, force: true })
})

describe('GET /api/repeat-locations', () => {
  it('lists police.uk map points with repeated incidents as plain SQL groups them', async () => {
    const { status, body } = await repeats('?source=police.uk&months=2&minIncidents=5&limit=500&categories=Anti-social%20behaviour')
    expect(status).toBe(200)
    expect(body.fromMonth).toBe('2024-01')
    const expected = await sql(
      `SELECT i.location_id, count(*)::int AS n FROM incidents i
        WHERE i.source = 'police.uk' AND i.category = 'Anti-social behaviour' AND i.location_id IS NOT NULL
        GROUP BY 1 HAVING count(*) >= 5 ORDER BY 2 DESC, 1`,
    )
    expect(expected.length).toBeGreaterThan(10)
    expect(body.items.map((item: { incidents: number }) => item.incidents)).toEqual(expected.map((row) => row.n))
    expect(body.items.every((item: { kind: string; sources: string[] }) => item.kind === 'point' && item.sources.join() === 'police.uk')).toBe(true)
    const [top] = body.items
    const [place] = await sql(`SELECT mode() WITHIN GROUP (ORDER BY location_text) AS label FROM incidents WHERE location_id = $1 AND category = 'Anti-social behaviour'`, [expected[0].location_id])
    if (body.items[1].incidents < top.incidents) expect(top.label).toBe(place.label)
  })

  it('groups a log\u2019s addresses as written, case and spacing aside, in the months asked for', async () => {
    const { body } = await repeats(`?source=Repeat%20test&ward=${WARD}&minIncidents=2`)
    expect(body.items).toHaveLength(1)
    expect(body.items[0]).toMatchObject({ kind: 'address', incidents: 3, firstDay: '2024-02-03', lastDay: '2024-02-17', sources: ['Repeat test'],
      ward: { code: WARD, name: 'Stockton Town Centre' }, categories: [{ category: 'Anti-social behaviour', incidents: 3 }] })
    expect(body.items[0].label.trim().toLowerCase().replace(/\s+/g, ' ')).toBe('12 high street')
    // One month back from February (the latest) is February alone; the log is all in it.
    expect((await repeats('?source=Repeat%20test&months=1&minIncidents=2')).body.items).toHaveLength(1)
    expect((await repeats('?source=Repeat%20test&minIncidents=4')).body.items).toHaveLength(0)
    expect((await repeats('?limit=3')).body.items).toHaveLength(3)
  })

  it('is for staff only, and checks its query', async () => {
    expect((await repeats('', (await testApp.signInAs('councillor')).headers)).status).toBe(403)
    expect((await repeats('?minIncidents=1')).status).toBe(400)
    expect((await repeats('?months=0')).status).toBe(400)
    expect((await repeats('?ward=nope')).status).toBe(400)
  })
})
