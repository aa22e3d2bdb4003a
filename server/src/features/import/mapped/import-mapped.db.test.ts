// The mapped import against the real logs in geodata/timed/ and a small made-up log: no row lost, counts per hour of
// day as the raw files give them, rejections by row, nothing added twice, a corrected re-export changing and removing
// rows, every rollup exact after each (plain GROUP BY, counts/count-mismatches.sql, and a recount from scratch).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recountEveryIncident } from '../../../../../tests/support/recount.js'
import { geodata, startTestApp, type TestApp } from '../../../../../tests/support/test-app.js'
import { countMismatches } from '../../counts/count-mismatches.js'
import { makeIllustrativeAsbLog } from '../../../../../scripts/make-illustrative-asb-log.js'
import { importMappedFile } from './import-mapped.js'
import { findProfile, insertProfile, listProfiles, type ImportProfile } from './profile-store.js'
import type { ProfileMapping } from './profile-schema.js'

let testApp: TestApp
let scratch: string
const sql = async (text: string, values: unknown[] = []) => (await testApp.pool.query(text, values)).rows

const EDINBURGH = ['2010', '2011', '2012', '2013-h1'].map((part) => geodata(`timed/edinburgh-collisions-${part}.csv`))
const BANES = geodata('timed/banes-environmental-protection-requests.csv')
const STOCKTON_ILLUSTRATIVE = geodata('timed/stockton-illustrative-asb-log.csv')

const readCsv = (file: string) => Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data

async function expectExact(): Promise<void> {
  expect(await countMismatches(testApp.pool)).toEqual({ pointMonth: 0, wardMonth: 0, location: 0, day: 0, hour: 0 })
}

/** Incidents of a source per London hour of day, from the database. */
async function hoursInDatabase(source: string): Promise<number[]> {
  const rows = await sql(
    `SELECT extract(hour FROM period_start AT TIME ZONE 'Europe/London')::int AS hour, count(*)::int AS n
       FROM incidents WHERE source = $1 AND period_precision = 'minute' GROUP BY 1`,
    [source],
  )
  const hours = new Array<number>(24).fill(0)
  for (const row of rows) hours[row.hour] = row.n
  return hours
}

const profile = async (name: string): Promise<ImportProfile> => {
  const found = await findProfile(testApp.pool, name)
  if (!found) throw new Error(`no profile ${name}`)
  return found
}

beforeAll(async () => {
  testApp = await startTestApp()
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'patrolmap-mapped-'))
})

afterAll(async () => {
  await testApp?.close()
  fs.rmSync(scratch, { recursive: true, force: true })
})

describe('British National Grid in PostGIS', () => {
  it('puts the OS worked-example point (Caister water tower) near its published WGS84 position', async () => {
    // Ordnance Survey, "A guide to coordinate systems in Great Britain", OSTN15 worked example: OSGB36 National Grid
    // E 651409.903, N 313177.270 is ETRS89 (= WGS84 to within a metre here) 52°39′28.8282″N 1°42′57.8663″E.
    const [row] = await sql(
      `SELECT ST_Distance(ST_Transform(ST_SetSRID(ST_MakePoint(651409.903, 313177.270), 27700), 4326)::geography,
                          ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) AS metres`,
      [1 + 42 / 60 + 57.8663 / 3600, 52 + 39 / 60 + 28.8282 / 3600],
    )
    // Within 5 m, not 1 m: this PROJ has no OSTN15 grid, so ST_Transform uses the 7-parameter Helmert shift, which OS
    // gives as good to about 5 m (here 3.5 m). Decision 0011.
    expect(row.metres).toBeLessThan(5)
  })
})

describe('import profiles', () => {
  it('ships the two real logs\u2019 profiles and the illustrative one, each a valid mapping onto Patrolmap\u2019s categories', async () => {
    const profiles = await listProfiles(testApp.pool)
    expect(profiles.map((p) => p.name)).toEqual(['banes-environmental-protection', 'edinburgh-collisions', 'stockton-illustrative-asb'])
    expect(profiles.map((p) => p.mapping?.illustrative)).toEqual([false, false, true])
    for (const p of profiles) {
      expect(p.mapping, p.name).not.toBeNull()
      expect(p.shipped).toBe(true)
    }
  })

  it('round-trips a new profile', async () => {
    const mapping: ProfileMapping = {
      source: 'Test log', reference: ['id'], when: { date: 'when', format: 'iso8601', time: { kind: 'in-date' } },
      position: { kind: 'lonlat', lon: 'x', lat: 'y' }, category: { column: 'kind', map: { noise: 'Anti-social behaviour' }, default: 'Other crime' },
      description: 'notes',
    }
    const saved = await insertProfile(testApp.pool, { name: 'test-log', title: 'A test log', mapping })
    expect(saved?.mapping).toEqual(mapping)
    expect((await findProfile(testApp.pool, 'test-log'))?.mapping).toEqual(mapping)
    expect(await insertProfile(testApp.pool, { name: 'test-log', title: 'again', mapping })).toBeNull()
  })
})

describe('the real logs', () => {
  it('imports the BANES log whole, its hours of day as the raw file gives them', async () => {
    const summary = await importMappedFile(testApp.pool, BANES, await profile('banes-environmental-protection'))
    expect(summary, summary.message).toMatchObject({ status: 'committed', rowsRead: 5000, rowsAdded: 5000, rowsRejected: 0, rowsOutside: 5000 })
    const raw = readCsv(BANES)
    expect(raw).toHaveLength(5000)
    const expected = new Array<number>(24).fill(0)
    for (const row of raw) {
      // 'DD/MM/YYYY hh:mm:ss AM|PM', read here by hand, independently of the importer.
      const [, clock, meridiem] = row.ReceivedDate.split(' ')
      const hour12 = Number(clock.slice(0, 2)) % 12
      expected[hour12 + (meridiem === 'PM' ? 12 : 0)]++
    }
    expect(await hoursInDatabase('BANES environmental protection')).toEqual(expected)
    const [stored] = await sql(`SELECT count(*)::int AS n, count(DISTINCT reference)::int AS refs FROM incidents WHERE source = 'BANES environmental protection'`)
    expect(stored).toEqual({ n: 5000, refs: 5000 })
    await expectExact()
  })

  it('imports the Edinburgh collisions (grid references) whole, their hours of day as the raw files give them', async () => {
    const edinburgh = await profile('edinburgh-collisions')
    const expected = new Array<number>(24).fill(0)
    let total = 0
    for (const file of EDINBURGH) {
      const summary = await importMappedFile(testApp.pool, file, edinburgh)
      const raw = readCsv(file)
      expect(summary, summary.message).toMatchObject({ status: 'committed', rowsRead: raw.length, rowsAdded: raw.length, rowsRemoved: 0, rowsOutside: raw.length })
      for (const row of raw) expected[Number(row.a_time_hr)]++
      total += raw.length
    }
    expect(total).toBe(4074)
    expect(await hoursInDatabase('Edinburgh road collisions')).toEqual(expected)
    // Every point lands in Edinburgh (the city's extent, roughly).
    const [extent] = await sql(`SELECT min(l.lon) AS west, max(l.lon) AS east, min(l.lat) AS south, max(l.lat) AS north
                                  FROM incidents i JOIN locations l ON l.id = i.location_id WHERE i.source = 'Edinburgh road collisions'`)
    expect(extent.west).toBeGreaterThan(-3.5)
    expect(extent.east).toBeLessThan(-2.9)
    expect(extent.south).toBeGreaterThan(55.8)
    expect(extent.north).toBeLessThan(56.05)
    await expectExact()
  })

  it('imports the illustrative Stockton ASB log whole (the file its script makes), its hours as the raw file gives them', async () => {
    expect(fs.readFileSync(STOCKTON_ILLUSTRATIVE, 'utf8')).toBe(makeIllustrativeAsbLog())
    const summary = await importMappedFile(testApp.pool, STOCKTON_ILLUSTRATIVE, await profile('stockton-illustrative-asb'))
    const raw = readCsv(STOCKTON_ILLUSTRATIVE)
    expect(raw.length).toBeGreaterThan(2000)
    expect(summary, summary.message).toMatchObject({ status: 'committed', rowsRead: raw.length, rowsAdded: raw.length, rowsRejected: 0 })
    const expected = new Array<number>(24).fill(0)
    for (const row of raw) expected[Number(row.Time.slice(0, 2))]++ // hhmm, 24-hour
    expect(await hoursInDatabase('Stockton ASB log (illustrative)')).toEqual(expected)
    expect(raw.every((row) => row.Notes.startsWith('Illustrative'))).toBe(true)
    await expectExact()
  })

  it('adds nothing on a second import, forced or not', async () => {
    const banes = await profile('banes-environmental-protection')
    expect(await importMappedFile(testApp.pool, BANES, banes)).toMatchObject({ status: 'skipped', rowsAdded: 0 })
    expect(await importMappedFile(testApp.pool, BANES, banes, { force: true })).toMatchObject({
      status: 'committed', rowsAdded: 0, rowsChanged: 0, rowsRemoved: 0,
    })
    const [stored] = await sql(`SELECT count(*)::int AS n FROM incidents WHERE source = 'BANES environmental protection'`)
    expect(stored.n).toBe(5000)
    await expectExact()
  })
})

describe('a corrected re-export', () => {
  const HEADER = 'id,when,x,y,kind,notes'
  const ROWS = [
    '1,2024-03-04T09:15,-1.30,54.56,noise,first',
    '2,2024-03-10T23:40,-1.31,54.57,noise,second',
    '3,2024-03-31T01:30,-1.32,54.58,other,in the skipped hour',
    '4,2024-10-27T01:30,-1.32,54.58,noise,in the repeated hour',
    '5,2024-11-02,-1.33,54.59,noise,a day only',
  ]
  const write = (name: string, lines: string[]) => {
    const file = path.join(scratch, name)
    fs.writeFileSync(file, [HEADER, ...lines].join('\n') + '\n')
    return file
  }
  const testLog = () => profile('test-log')
  const stored = () => sql(`SELECT reference, category, period_precision AS precision, to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS at, description
                              FROM incidents WHERE source = 'Test log' ORDER BY reference`)

  it('adds a new log with every precision and the daylight-saving hours resolved as documented', async () => {
    const summary = await importMappedFile(testApp.pool, write('log-1.csv', ROWS), await testLog())
    expect(summary, summary.message).toMatchObject({ status: 'committed', rowsAdded: 5 })
    expect(await stored()).toEqual([
      { reference: '1', category: 'Anti-social behaviour', precision: 'minute', at: '2024-03-04T09:15', description: 'first' },
      { reference: '2', category: 'Anti-social behaviour', precision: 'minute', at: '2024-03-10T23:40', description: 'second' },
      { reference: '3', category: 'Other crime', precision: 'minute', at: '2024-03-31T01:30', description: 'in the skipped hour' },
      { reference: '4', category: 'Anti-social behaviour', precision: 'minute', at: '2024-10-27T00:30', description: 'in the repeated hour' },
      { reference: '5', category: 'Anti-social behaviour', precision: 'day', at: '2024-11-02T00:00', description: 'a day only' },
    ])
    await expectExact()
  })

  it('changes the rows the source changed and removes the rows it withdrew, in the file\u2019s days only', async () => {
    const corrected = [
      ROWS[0].replace('noise', 'other'), // recategorised
      ROWS[1].replace('23:40', '23:50').replace('-1.31,54.57', '-1.35,54.60'), // moved in time and place
      // row 3 withdrawn
      ROWS[3],
      ROWS[4],
      '6,2024-06-01T12:00,-1.30,54.56,noise,new', // new
    ]
    const summary = await importMappedFile(testApp.pool, write('log-2.csv', corrected), await testLog())
    expect(summary, summary.message).toMatchObject({ status: 'committed', rowsAdded: 1, rowsChanged: 2, rowsRemoved: 1 })
    const after = await stored()
    expect(after.map((row) => row.reference)).toEqual(['1', '2', '4', '5', '6'])
    expect(after[0].category).toBe('Other crime')
    expect(after[1].at).toBe('2024-03-10T23:50')
    await expectExact()

    // A file of later days only leaves every earlier row alone.
    const later = await importMappedFile(testApp.pool, write('log-3.csv', ['7,2025-01-05T10:00,-1.30,54.56,noise,later']), await testLog())
    expect(later).toMatchObject({ status: 'committed', rowsAdded: 1, rowsChanged: 0, rowsRemoved: 0 })
    expect((await stored()).map((row) => row.reference)).toEqual(['1', '2', '4', '5', '6', '7'])
    await expectExact()
    await recountEveryIncident(testApp.pool)
  })

  it('rejects a file with bad rows whole, naming each row and why', async () => {
    const before = await stored()
    const summary = await importMappedFile(
      testApp.pool,
      write('log-bad.csv', [ROWS[0], '8,2024-02-30T10:00,-1.3,54.5,noise,bad day', ',2024-03-01,-1.3,54.5,noise,no id', '9,2024-03-01,12.5,54.5,noise,abroad', '1,2024-03-01,-1.3,54.5,noise,repeat']),
      await testLog(),
    )
    expect(summary.status).toBe('rejected')
    expect(summary.errors.map((error) => [error.row, error.reason])).toEqual([
      [3, "'2024-02-30T10:00' has day 30, and that month has 29"],
      [4, 'the reference (id) is missing'],
      [5, 'longitude 12.5 is outside Great Britain (-8.75 to 1.9)'],
    ])
    expect(await stored()).toEqual(before)

    const repeated = await importMappedFile(testApp.pool, write('log-repeat.csv', [ROWS[0], ROWS[1], ROWS[0].replace('first', 'again')]), await testLog())
    expect(repeated.errors.map((error) => [error.row, error.reason])).toEqual([[4, "reference '1' is on row 2 too: each row needs its own"]])

    const missing = await importMappedFile(testApp.pool, write('log-columns.csv', []).replace(/$/, ''), await testLog())
    expect(missing.message).toBe('the file has a header but no rows')
    expect(await stored()).toEqual(before)
    await expectExact()
  })
})
