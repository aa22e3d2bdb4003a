import fs from 'node:fs/promises'
import path from 'node:path'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { ArrayRecord } from './csv-records.js'
import { PoliceUkFastPath } from './fast-path.js'
import { Segment } from './segment.js'
import { incidentKey, POLICE_UK_COLUMNS, policeUkColumnIndex, PoliceUkValidator } from './row.js'

const HEADER = POLICE_UK_COLUMNS.join(',')
const { index: COLUMNS } = policeUkColumnIndex(POLICE_UK_COLUMNS)

/** The rows through the fast path where it takes them and the general path otherwise, and through the general path alone. */
function encodeBothWays(lines: string[]): { fast: Segment; general: Segment; taken: number } {
  const fastPath = new PoliceUkFastPath(COLUMNS, POLICE_UK_COLUMNS.length)
  const validator = new PoliceUkValidator(COLUMNS, POLICE_UK_COLUMNS)
  const general = new Segment()
  const fast = new Segment()
  const generalOrdinals = new Map<string, number>()
  const fastOrdinals = new Map<string, number>()
  const viaGeneral = (line: string, segment: Segment, ordinals: Map<string, number>) => {
    const result = validator.validate(new ArrayRecord(line.split(',')))
    if (!result.ok) return
    const first = incidentKey(result.incident.identity, 1)
    const seen = ordinals.get(first)
    ordinals.set(first, (seen ?? 0) + 1)
    segment.add(result.incident, seen === undefined ? first : incidentKey(result.incident.identity, seen + 1))
  }
  let taken = 0
  for (const line of lines) {
    viaGeneral(line, general, generalOrdinals)
    const bytes = Buffer.from(`,,${line},`, 'utf8')
    if (fastPath.tryRow(bytes, 2, bytes.length - 1, fastOrdinals, fast)) taken++
    else viaGeneral(line, fast, fastOrdinals)
  }
  return { fast, general, taken }
}

function expectSame(fast: Segment, general: Segment): void {
  expect(fast.length).toBe(general.length)
  expect(fast.encoded.view().equals(general.encoded.view())).toBe(true)
  expect(fast.monthOf.map((month) => fast.months[month])).toEqual(general.monthOf.map((month) => general.months[month]))
  expect(fast.pointOf.map((point) => fast.points[point])).toEqual(general.pointOf.map((point) => general.points[point]))
  expect(fast.categoryOf).toEqual(general.categoryOf)
  expect(fast.categoryOf.every((category) => category >= 0)).toBe(true)
  expect(fast.placeOf.map((place) => fast.places[place])).toEqual(general.placeOf.map((place) => general.places[place]))
  // Each row's place is its own Location field, and each name is listed once.
  for (const segment of [fast, general]) {
    expect(segment.placeOf.map((place) => segment.places[place])).toEqual(Array.from({ length: segment.length }, (_, row) => segment.textFields(row)[3]))
    expect(new Set(segment.places).size).toBe(segment.places.length)
  }
}

describe('the police.uk fast path', () => {
  it('encodes all 269,438 real rows exactly as the general path does', async () => {
    const dir = path.join(import.meta.dirname, '../../../../../geodata/police-uk')
    let rows = 0
    for (const name of (await fs.readdir(dir)).sort()) {
      const lines = zlib.gunzipSync(await fs.readFile(path.join(dir, name))).toString('utf8').split('\n').filter(Boolean)
      expect(lines[0]).toBe(HEADER)
      const { fast, general, taken } = encodeBothWays(lines.slice(1))
      expect(taken).toBe(lines.length - 1)
      expectSame(fast, general)
      rows += taken
    }
    expect(rows).toBe(269_438)
  })

  const row = (changes: Partial<Record<(typeof POLICE_UK_COLUMNS)[number], string>>) => {
    const fields: Record<string, string> = {
      'Crime ID': 'abc123', Month: '2024-07', 'Reported by': 'Cleveland Police', 'Falls within': 'Cleveland Police',
      Longitude: '-1.316451', Latitude: '54.563521', Location: 'On or near High Street', 'LSOA code': 'E01033472',
      'LSOA name': 'Stockton-on-Tees 014F', 'Crime type': 'Anti-social behaviour', 'Last outcome category': '', Context: '',
      ...changes,
    }
    return POLICE_UK_COLUMNS.map((column) => fields[column]).join(',')
  }

  it.each([
    ['identical rows (ordinals)', [row({ 'Crime ID': '' }), row({ 'Crime ID': '' }), row({ 'Crime ID': '' })]],
    ['padding and empty fields', [row({ Month: ' 2024-07 ', Location: '  On or near X  ', 'Crime ID': '  ', 'LSOA code': '' })]],
    ['coordinates near Greenwich and odd decimals', [
      row({ Longitude: '0.000001' }), row({ Longitude: '-0.000000' }), row({ Longitude: '0.5', Latitude: '51.5' }),
      row({ Longitude: '00.100000' }), row({ Longitude: '-1.1234567890123456' }), row({ Longitude: '1' }),
    ]],
    ['non-ASCII text, and Unicode spaces only JavaScript trims', [
      row({ Location: 'On or near Café Öst — ✓' }), row({ Location: '\u00a0On or near NBSP\u00a0' }), row({ 'Crime ID': 'id\u3000' }),
    ]],
    ['one point under several names, and names of one length', [
      row({ Location: 'On or near AAAA' }), row({ Location: 'On or near BBBB' }), row({ Location: 'On or near AAAA' }),
      row({ Location: '' }), row({ Location: 'On or near BBBB', Longitude: '-1.3' }), row({ Location: '' }), row({ Location: 'On or near AAAA' }),
    ]],
    ['fields at and past the length limit, counted in characters', [
      row({ Location: 'x'.repeat(200) }), row({ Location: 'x'.repeat(201) }), row({ 'LSOA name': 'é'.repeat(150) }),
      row({ Context: 'c'.repeat(201) }), row({ 'Reported by': 'r'.repeat(5000) }),
    ]],
    ['rows the general path rejects', [
      row({ Month: '2024-13' }), row({ Month: '1989-12' }), row({ Longitude: '1e3' }), row({ Latitude: '.5' }), row({ Longitude: '5.' }),
      row({ Longitude: '12.5' }), row({ 'Crime type': 'Littering' }), row({ 'Crime type': '' }), `${row({})},extra`, 'a,b',
    ]],
  ])('agrees with the general path on %s', (_, lines) => {
    const { fast, general } = encodeBothWays(lines)
    expectSame(fast, general)
  })
})
