// Files that real partnerships bring, and the ways they go wrong: bad bytes, bad paths, rows police.uk gives no
// location, broken ward geometry, runaway fields and misleading messages (issue 11).
import { execFile } from 'node:child_process'
import fsSync from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { projectRoot } from '../../server/src/config.js'
import { importFiles } from '../../server/src/features/import/index.js'
import { countMismatches } from '../../server/src/features/counts/count-mismatches.js'
import { boundaryFiles, startTestApp, type SignedIn, type TestApp } from '../support/test-app.js'

const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'
/** Real Cleveland rows of 2024-01 (geodata/police-uk); `row(month)` relabels them so each test's rows are its own. */
const REAL_ROWS = [
  '9faec89a02b6bc8a2518af793681e6634d874ed23bf3f5460332e4ae899f9b85,2024-01,Cleveland Police,Cleveland Police,-1.269684,54.732026,On or near Fillpoke Lane,E01034500,County Durham 039F,Violence and sexual offences,Unable to prosecute suspect,',
  '9161580e99a86474d684d71f15b22a6dce2af5adea7d0de145a8b6434817053d,2024-01,Cleveland Police,Cleveland Police,-1.235869,54.710159,On or near Tempest Road,E01011954,Hartlepool 001A,Violence and sexual offences,Court result unavailable,',
  ',2024-01,Cleveland Police,Cleveland Police,-1.235660,54.710526,On or near Dobson Place,E01011954,Hartlepool 001A,Anti-social behaviour,,',
  'c49db5804804cf7095768e8c60c5c5854208ab649280243c722a7d4f823252e6,2024-01,Cleveland Police,Cleveland Police,-1.201674,54.566264,On or near Cranmore Road,E01012077,Middlesbrough 004D,Drugs,Court result unavailable,',
]
/** As police.uk writes a crime it gives no location (many forces' files have some). */
const NO_LOCATION_ROW = '5e0f4ad7e0c8d3a9c1f4b9e2d7a6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8,2024-01,Cleveland Police,Cleveland Police,,,No location,,,Other crime,Investigation complete; no suspect identified,'
const NO_LOCATION_ASB = ',2024-01,Cleveland Police,Cleveland Police,,,No location,,,Anti-social behaviour,,'

let testApp: TestApp
let analyst: SignedIn
let scratch: string

const count = async (sql: string, values: unknown[] = []) => Number((await testApp.pool.query(sql, values)).rows[0].count)
const rows = (month: string, lines = REAL_ROWS) => lines.map((line) => line.replace(',2024-01,', `,${month},`))
async function write(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(scratch, name)
  await fs.writeFile(file, content)
  return file
}
const csv = (lines: string[]) => [HEADER, ...lines].join('\n') + '\n'
const json = async (url: string) => {
  const response = await testApp.app.inject({ method: 'GET', url, headers: analyst.headers })
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200)
  return response.json()
}

/** The import command line as a user runs it, against the test database. */
async function runImportCommand(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(path.join(projectRoot, 'node_modules/.bin/tsx'), ['scripts/import.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: inject('databaseUrl') },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

beforeAll(async () => {
  testApp = await startTestApp()
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'patrolmap-edge-'))
  await testApp.importFiles(boundaryFiles)
  analyst = await testApp.signInAs('analyst')
})
afterAll(async () => {
  await testApp?.close()
  await fs.rm(scratch, { recursive: true, force: true })
})

describe('a byte that is not UTF-8', () => {
  it('rejects its file, naming the row, and the rest of the run goes on', async () => {
    const lines = rows('2040-01')
    const bad = Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.from(lines[0].replace('Fillpoke', 'Fill\u0000poke')).map((byte) => (byte === 0 ? 0xff : byte)), Buffer.from(`\n${lines.slice(1).join('\n')}\n`)])
    const badFile = await write('2040-01-latin.csv', bad)
    // The same with a quoted field, so the general CSV reader meets the byte too.
    const quoted = Buffer.from(bad.toString('latin1').replace('On or near Tempest Road', '"On or near Tempest Road"'), 'latin1')
    const quotedFile = await write('2040-01-latin-quoted.csv', quoted)
    const goodFile = await write('2040-02.csv', csv(rows('2040-02')))

    const summaries = await testApp.importFiles([badFile, quotedFile, goodFile])

    expect(summaries.map((summary) => summary.status)).toEqual(['rejected', 'rejected', 'committed'])
    for (const summary of summaries.slice(0, 2)) expect(summary.errors).toEqual([expect.objectContaining({ row: 2, reason: 'not valid UTF-8' })])
    expect(summaries[2].rowsAdded).toBe(4)
    expect(await count(`SELECT count(*) FROM incidents WHERE period_start >= '2040-01-01' AND period_start < '2040-02-01'`)).toBe(0)
  })

  it('rejects a GeoJSON file with one', async () => {
    const wards = await fs.readFile(boundaryFiles[1], 'utf8')
    const bad = Buffer.from(wards.replace('"Burn Valley"', '"Burn Valley\u00ff"'), 'latin1')
    const [summary] = await testApp.importFiles([await write('wards-latin.geojson', bad)])
    expect(summary.status).toBe('rejected')
    expect(summary.message).toMatch(/not valid UTF-8/)
    expect(await count(`SELECT count(*) FROM wards WHERE name LIKE 'Burn Valley%'`)).toBe(1)
    expect(await count(`SELECT count(*) FROM wards WHERE name = 'Burn Valley'`)).toBe(1)
  })
})

describe('the command line', () => {
  // The command line opens its own pool; against the embedded database's socket (one backend for every connection) its
  // connections and the test app's would share prepared statements. It is run against a PostgreSQL server only.
  it.skipIf(inject('databaseEngine') === 'embedded')('gives each bad argument one line, imports the rest and exits 1', async () => {
    const directory = path.join(scratch, 'a-directory')
    await fs.mkdir(directory)
    const good = await write('2041-01.csv', csv(rows('2041-01')))
    const missing = path.join(scratch, 'no-such-file.csv')
    const underFile = path.join(good, 'child.csv')
    const empty = await write('empty.csv', '')
    const headerOnly = await write('header-only.csv', `${HEADER}\n`)

    const { code, stdout, stderr } = await runImportCommand([directory, missing, underFile, empty, headerOnly, good])

    expect(stderr).not.toMatch(/\n\s+at /)
    expect(code).toBe(1)
    for (const [argument, reason] of [[directory, /is a directory/], [missing, /no such file/], [underFile, /cannot be read/], [empty, /is empty/], [headerOnly, /no rows/]] as const) {
      const lines = stdout.split('\n').filter((line) => line.includes(argument))
      expect(lines, `${argument} in\n${stdout}\n${stderr}`).toHaveLength(1)
      expect(lines[0]).toMatch(/^rejected/)
      expect(lines[0]).toMatch(reason)
      // The path once, not twice.
      expect(lines[0].split(argument)).toHaveLength(2)
    }
    expect(stdout).toMatch(new RegExp(`committed +${good}: 4 of 4 rows added`))
    expect(await count(`SELECT count(*) FROM import_batches WHERE file_name LIKE '%header-only.csv' AND status = 'committed'`)).toBe(0)
  })

  it('reads on past a file that vanishes mid-run', async () => {
    const first = await write('2042-01.csv', csv(rows('2042-01')))
    const vanishing = await write('2042-02.csv', csv(rows('2042-02')))
    const last = await write('2042-03.csv', csv(rows('2042-03')))
    let removed = false
    const summaries = await testApp.importFiles([first, vanishing, last], {
      onProgress: () => {
        if (removed) return
        removed = true
        fsSync.unlinkSync(vanishing)
      },
    })
    expect(summaries.map((summary) => summary.status)).toEqual(['committed', 'rejected', 'committed'])
    expect(summaries[1].message).toMatch(/cannot be read/)
  })
})

describe('the audit trail', () => {
  it('has each committed file even when the run fails after it', async () => {
    const first = await write('2043-01.csv', csv(rows('2043-01')))
    const second = await write('2043-02.csv', csv(rows('2043-02')))
    // The connection is lost as the second file begins.
    let connects = 0
    const failing = new Proxy(testApp.pool, {
      get(target, property, receiver) {
        if (property === 'connect') {
          return async () => {
            if (++connects === 2) throw new Error('connection lost')
            return target.connect()
          }
        }
        const value = Reflect.get(target, property, receiver)
        return typeof value === 'function' ? value.bind(target) : value
      },
    }) as pg.Pool

    await expect(importFiles(failing, [first, second], { audit: { actor: null, via: 'test' } })).rejects.toThrow(/connection lost/)

    const entries = await testApp.pool.query(`SELECT details FROM audit_log WHERE action = 'import.file' AND details->>'via' = 'test'`)
    expect(entries.rows.map((row) => row.details)).toEqual([expect.objectContaining({ file: '2043-01.csv', status: 'committed', rowsAdded: 4 })])
  })
})

describe('ward geometry', () => {
  const wardsFile = async (edit: (features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[]) => void) => {
    const collection = JSON.parse(await fs.readFile(boundaryFiles[1], 'utf8'))
    edit(collection.features)
    return write(`wards-${Math.random().toString(36).slice(2)}.geojson`, JSON.stringify(collection))
  }
  const wardsNow = () => testApp.pool.query(`SELECT code, ST_AsBinary(geom) AS geom FROM wards ORDER BY code`).then((result) => result.rows)

  it.each([
    ['a ring of two points', (geometry: { coordinates: unknown }) => (geometry.coordinates = [[[[-1.2, 54.6], [-1.21, 54.61]]]]), /feature 1: .*ring 1 has 2 positions/],
    ['a ring not closed', (geometry: { coordinates: unknown }) => (geometry.coordinates = [[[[-1.2, 54.6], [-1.21, 54.61], [-1.22, 54.6], [-1.2, 54.59]]]]), /feature 1: .*ring 1 is not closed/],
    ['string coordinates', (geometry: { coordinates: unknown }) => (geometry.coordinates = [[[['-1.2', '54.6'], ['-1.21', '54.61'], ['-1.22', '54.6'], ['-1.2', '54.6']]]]), /feature 1: .*not a number/],
    ['coordinates out of range', (geometry: { coordinates: unknown }) => (geometry.coordinates = [[[[-1.2, 54.6], [-1.21, 254.61], [-1.22, 54.6], [-1.2, 54.6]]]]), /feature 1: .*out of range/],
    ['a polygon that repair leaves empty', (geometry: { coordinates: unknown }) => (geometry.coordinates = [[[[-1.2, 54.6], [-1.21, 54.61], [-1.2, 54.6], [-1.2, 54.6]]]]), /E05013038.*empty/],
  ])('rejects the file for %s and keeps the wards as they were', async (_, edit, reason) => {
    const before = await wardsNow()
    const file = await wardsFile((features) => edit(features[0].geometry))
    const [summary] = await testApp.importFiles([file])
    expect(summary.status).toBe('rejected')
    expect([summary.message, ...summary.errors.map((error) => error.reason)].join('\n')).toMatch(reason)
    expect(await wardsNow()).toEqual(before)
  })

  it('rejects a name longer than the limit', async () => {
    const file = await wardsFile((features) => (features[3].properties.WD23NM = 'x'.repeat(5000)))
    const [summary] = await testApp.importFiles([file])
    expect(summary.status).toBe('rejected')
    expect(summary.errors).toEqual([expect.objectContaining({ row: 4, reason: 'feature 4: WD23NM is longer than 200 characters' })])
  })
})

describe('field lengths', () => {
  it('rejects a 5 MB Location, naming the row, the field and the limit', async () => {
    const lines = rows('2044-01')
    lines[2] = lines[2].replace('On or near Dobson Place', 'x'.repeat(5_000_000))
    const [summary] = await testApp.importFiles([await write('2044-01-long.csv', csv(lines))])
    expect(summary.status).toBe('rejected')
    expect(summary.errors).toEqual([expect.objectContaining({ row: 4, reason: 'Location is longer than 200 characters' })])
  })

  it('limits every column, quoted or not', async () => {
    const lines = rows('2044-02')
    lines[0] = lines[0].replace('County Durham 039F', '"' + 'y'.repeat(300) + '"')
    lines[1] = lines[1].replace('Cleveland Police,-1', `${'z'.repeat(300)},-1`)
    const [summary] = await testApp.importFiles([await write('2044-02-long.csv', csv(lines))])
    expect(summary.errors).toEqual([
      expect.objectContaining({ row: 2, reason: 'LSOA name is longer than 200 characters' }),
      expect.objectContaining({ row: 3, reason: 'Falls within is longer than 200 characters' }),
    ])
  })
})

describe('messages', () => {
  it('names an unclosed quote and counts every row', async () => {
    const lines = [...rows('2045-01'), ...rows('2045-01').slice(0, 2)]
    lines[3] = lines[3].replace('On or near Cranmore Road', '"On or near Cranmore Road')
    const [summary] = await testApp.importFiles([await write('2045-01-unclosed.csv', csv(lines))])
    expect(summary.status).toBe('rejected')
    expect(summary.rowsRead).toBe(6)
    expect(summary.errors).toEqual([expect.objectContaining({ row: 5, reason: expect.stringMatching(/quote .*never closed/) })])
  })

  it('names the missing columns of a police.uk file whose coordinates were renamed', async () => {
    const file = await write('2045-02-renamed.csv', csv(rows('2045-02')).replace('Longitude,Latitude', 'Lon,Lat'))
    const [summary] = await testApp.importFiles([file])
    expect(summary.status).toBe('rejected')
    expect(summary.message).toMatch(/missing columns Longitude, Latitude/)
  })

  it('says a header-only file has no rows, and commits nothing', async () => {
    const [summary] = await testApp.importFiles([await write('2045-03-header.csv', `${HEADER}\r\n`)])
    expect(summary).toMatchObject({ status: 'rejected', message: expect.stringMatching(/no rows/) })
  })
})

describe('empty files', () => {
  it('are said to be empty, plain or compressed, and commit nothing', async () => {
    const files = [await write('blank.csv', '\n\n'), await write('empty.csv.gz', zlib.gzipSync(Buffer.alloc(0))), await write('header.csv.gz', zlib.gzipSync(`${HEADER}\n`))]
    const summaries = await testApp.importFiles(files)
    expect(summaries.map((summary) => [summary.status, summary.message])).toEqual([
      ['rejected', 'is empty'], ['rejected', 'is empty'], ['rejected', 'has a header but no rows'],
    ])
  })
})

describe('rows police.uk gives no location', () => {
  it('are kept without a point, counted in totals and left off the map', async () => {
    const file = await write('2046-01-with-no-location.csv', csv(rows('2046-01', [...REAL_ROWS, NO_LOCATION_ROW, NO_LOCATION_ASB])))
    const [summary] = await testApp.importFiles([file])
    expect(summary).toMatchObject({ status: 'committed', rowsRead: 6, rowsAdded: 6 })
    expect(await count(`SELECT count(*) FROM incidents WHERE location_id IS NULL`)).toBe(2)

    const total = await count('SELECT count(*) FROM incidents')
    const body = await json('/api/summary')
    expect(body).toMatchObject({ total, withoutLocation: 2 })
    const month = await json('/api/summary?from=2046-01&to=2046-01')
    // Fillpoke Lane is in County Durham, outside every Cleveland ward: outside the area, but on the map.
    expect(month).toMatchObject({ total: 6, withoutLocation: 2, outsideArea: 1 })
    const cells: { count: number }[] = await json('/api/hexes?res=8&from=2046-01&to=2046-01')
    expect(cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(4)
    const whole: { count: number }[] = await json('/api/hexes?res=8')
    expect(whole.reduce((sum, cell) => sum + cell.count, 0)).toBe(total - 2)

    const listed: { items: { lon: number | null }[] } = await json('/api/incidents?from=2046-01&to=2046-01&limit=100')
    expect(listed.items).toHaveLength(6)
    expect(listed.items.filter((item) => item.lon === null)).toHaveLength(2)
    const boxed: { items: unknown[] } = await json('/api/incidents?from=2046-01&to=2046-01&limit=100&bbox=-2,54,0,55')
    expect(boxed.items).toHaveLength(4)

    expect(await countMismatches(testApp.pool)).toEqual({ pointMonth: 0, wardMonth: 0, location: 0, day: 0, hour: 0 })
    expect(await count('SELECT coalesce(sum(incidents), 0) AS count FROM location_counts WHERE category_id = 0')).toBe(total - 2)

    const [again] = await testApp.importFiles([file], { force: true })
    expect(again).toMatchObject({ status: 'committed', rowsRead: 6, rowsAdded: 0 })
  })

  it('keys them as the database recomputes them', async () => {
    const mismatched = await count(`
      SELECT count(*) FROM incidents i LEFT JOIN locations l ON l.id = i.location_id
       WHERE i.source_key <> police_uk_incident_key(to_char(i.period_start AT TIME ZONE 'Europe/London', 'YYYY-MM'), i.crime_id,
               l.lon, l.lat, i.location_text, i.lsoa_code, i.category, 1)
         AND i.period_start >= '2046-01-01'`)
    expect(mismatched).toBe(0)
  })

  it.each([
    ['only one coordinate', NO_LOCATION_ROW.replace(',,,No location', ',-1.2,,No location'), 'Latitude is missing'],
    ['no coordinates but a place', NO_LOCATION_ROW.replace('No location', 'On or near Tempest Road'), 'Longitude is missing'],
  ])('still reject their file when malformed: %s', async (_, line, reason) => {
    const file = await write(`2046-02-${reason.replace(/\W/g, '')}.csv`, csv(rows('2046-02', [...REAL_ROWS, line])))
    const [summary] = await testApp.importFiles([file])
    expect(summary.status).toBe('rejected')
    expect(summary.errors).toEqual([expect.objectContaining({ row: 6, reason: expect.stringContaining(reason) })])
  })
})
