import { describe, expect, it } from 'vitest'
import { draftOfMapping, EMPTY_DRAFT, firstLines, guessDraft, mappingOfDraft, profileNameOf, sameMapping } from './mapping-draft'

describe('a first mapping from the column names', () => {
  it('guesses the real logs\u2019 columns', () => {
    const banes = guessDraft(['Ref', 'Kind', 'Type', 'Status', 'ReceivedDate', 'ClosedDate', 'Location', 'Latitude', 'Longitude', 'Ward'], 'banes.csv')
    expect(banes).toMatchObject({ reference: ['Ref'], dateColumn: 'ReceivedDate', timeKind: 'in-date', positionKind: 'lonlat', lonColumn: 'Longitude', latColumn: 'Latitude', categoryColumn: 'Type', addressColumn: 'Location' })
    const edinburgh = guessDraft(['acc_ref', 'a_date', 'a_time_hr', 'a_time_min', 'easting', 'northing', 'severity', 'Postcode'], 'edinburgh-collisions-2010.csv')
    expect(edinburgh).toMatchObject({ reference: ['acc_ref'], dateColumn: 'a_date', timeKind: 'hour-minute', hourColumn: 'a_time_hr', minuteColumn: 'a_time_min', positionKind: 'bng', source: 'edinburgh collisions 2010' })
    const stockton = guessDraft(['Case ref', 'Date reported', 'Time', 'Type', 'Latitude', 'Longitude', 'Location', 'Notes'], 'x.csv')
    expect(stockton).toMatchObject({ reference: ['Case ref'], dateColumn: 'Date reported', timeKind: 'column', timeColumn: 'Time', descriptionColumn: 'Notes' })
    expect(guessDraft(['a', 'b'], 'x.csv')).toMatchObject({ reference: [], dateColumn: '', positionKind: 'unplaced' })
  })
})

describe('the draft as the server\u2019s mapping', () => {
  it('says what is still missing', () => {
    expect(mappingOfDraft(EMPTY_DRAFT).missing).toEqual(['a source name', 'the reference column(s)', 'the date column', 'the longitude and latitude columns'])
    expect(mappingOfDraft({ ...EMPTY_DRAFT, source: 'police.uk', reference: ['r'], dateColumn: 'd', positionKind: 'unplaced' }).missing).toEqual(['a source name other than police.uk'])
  })

  it('round-trips through a saved mapping, leaving out values mapped to the default', () => {
    const draft = {
      ...EMPTY_DRAFT, source: ' Log ', reference: ['id'], dateColumn: 'when', timeKind: 'hour-minute' as const, hourColumn: 'h', minuteColumn: 'm',
      positionKind: 'bng' as const, eastingColumn: 'e', northingColumn: 'n', categoryColumn: 'kind',
      categoryMap: { Noise: 'Anti-social behaviour', Dumping: 'Other crime', Blank: '' }, descriptionColumn: 'notes',
    }
    const { mapping } = mappingOfDraft(draft)
    expect(mapping).toEqual({
      source: 'Log', reference: ['id'], when: { date: 'when', format: 'auto', time: { kind: 'hour-minute', hourColumn: 'h', minuteColumn: 'm' } },
      position: { kind: 'bng', easting: 'e', northing: 'n' }, category: { column: 'kind', map: { Dumping: 'Other crime' }, default: 'Anti-social behaviour' },
      description: 'notes', illustrative: false,
    })
    expect(mappingOfDraft(draftOfMapping(mapping!)).mapping).toEqual(mapping)
  })

  it('compares mappings whatever their keys\u2019 order', () => {
    expect(sameMapping({ a: 1, b: { c: [1, 2], d: 2 } }, { b: { d: 2, c: [1, 2] }, a: 1 })).toBe(true)
    expect(sameMapping({ a: [1, 2] }, { a: [2, 1] })).toBe(false)
  })

  it('names a profile as the CLI takes it', () => {
    expect(profileNameOf('Stockton ASB calls (2025)!')).toBe('stockton-asb-calls-2025')
    expect(profileNameOf('***')).toBe('log')
  })
})

describe('a file\u2019s first lines', () => {
  it('reads whole lines of plain and gzipped files', async () => {
    const text = 'a,b\n1,2\n3,4\n'
    expect(await firstLines(new Blob([text]))).toBe(text)
    expect(await firstLines(new Blob([text]), 9)).toBe('a,b\n1,2\n')
    const gzipped = await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).blob()
    expect(await firstLines(gzipped)).toBe(text)
  })
})
