import { describe, expect, it } from 'vitest'
import { BinaryCopyWriter, microsSince2000 } from '../../../db/binary-copy.js'
import { locationFieldAt, NO_LOCATION_FIELD, patchLocation, patchRow, rowKey, rowTexts, writeRow, writeRowBytes } from './row-layout.js'

const KEY = Buffer.from('00112233445566778899aabbccddeeff', 'hex').toString('binary')
const ROW = { category: 'Anti-social behaviour', crimeId: null, location: 'On or near Dovecot Street', lsoaCode: 'E01012345', outcome: null }
const BATCH = 2 ** 33 + 7
const PERIOD = microsSince2000(new Date('2024-01-01T00:00:00Z'))

/** The row as COPY INCIDENTS takes it, every field written in order by the generic writer. */
function expected(locationId: number | null): Buffer {
  const writer = new BinaryCopyWriter().row(11).text('police.uk').latin1(KEY).text(ROW.category).text('month').text(ROW.crimeId)
  writer.text(ROW.location).text(ROW.lsoaCode).text(ROW.outcome).int8(BATCH).timestamptz(PERIOD)
  return (locationId === null ? writer.null() : writer.int4(locationId)).take()
}

function written(): { bytes: Buffer; end: number } {
  const writer = new BinaryCopyWriter()
  writeRow(writer, KEY, ROW)
  const bytes = writer.take()
  const high = Math.floor(BATCH / 4294967296)
  patchRow(bytes, bytes.length, high, BATCH - high * 4294967296, PERIOD)
  return { bytes, end: bytes.length }
}

describe('the police.uk COPY row', () => {
  it('is, once patched with a point, the row the generic writer makes of every field', () => {
    const { bytes, end } = written()
    patchLocation(bytes, end, 8302)
    expect(bytes.equals(expected(8302))).toBe(true)
    expect(rowKey(bytes, 0)).toBe(KEY)
    expect(rowTexts(bytes, 0)).toEqual([ROW.category, 'month', null, ROW.location, ROW.lsoaCode, null])
  })

  it('goes out up to its location field, then a null, for a row without a point', () => {
    const { bytes, end } = written()
    expect(Buffer.concat([bytes.subarray(0, locationFieldAt(end)), NO_LOCATION_FIELD]).equals(expected(null))).toBe(true)
  })

  it('is the same from the fast path’s byte ranges, an empty range a null', () => {
    const line = Buffer.from(`,${ROW.category},${ROW.location},${ROW.lsoaCode},`)
    const at = (text: string) => line.indexOf(text)
    const fields = {
      bytes: line, crimeIdStart: 0, crimeIdEnd: 0,
      categoryStart: at(ROW.category), categoryEnd: at(ROW.category) + ROW.category.length,
      locationStart: at(ROW.location), locationEnd: at(ROW.location) + ROW.location.length,
      lsoaCodeStart: at(ROW.lsoaCode), lsoaCodeEnd: at(ROW.lsoaCode) + ROW.lsoaCode.length,
      outcomeStart: line.length, outcomeEnd: line.length,
    }
    const general = new BinaryCopyWriter()
    const fast = new BinaryCopyWriter()
    expect(writeRowBytes(fast, KEY, fields)).toBe(writeRow(general, KEY, ROW))
    expect(fast.take().equals(general.take())).toBe(true)
  })
})
