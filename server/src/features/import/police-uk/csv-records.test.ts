import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { CsvRecordReader, type CsvRecord } from './csv-records.js'

/** Feeds `text` in chunks of `size` bytes, so every record boundary and multi-byte character gets split somewhere. */
function read(text: string, size: number): string[][] {
  const bytes = Buffer.from(text, 'utf8')
  const reader = new CsvRecordReader()
  const records: string[][] = []
  const collect = (record: CsvRecord) => records.push(Array.from({ length: record.length }, (_, index) => record.field(index)!))
  for (let offset = 0; offset < bytes.length; offset += size) reader.push(bytes.subarray(offset, offset + size), collect)
  reader.end(collect)
  return records
}

const papa = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data

const samples: [string, string][] = [
  ['police.uk rows', 'Crime ID,Month,Longitude\nabc,2024-01,-1.2\n,2024-02,-1.3\n'],
  ['no final line break', 'a,b,c\n1,2,3'],
  ['CRLF line ends', 'a,b\r\n1,2\r\n3,4\r\n'],
  ['blank lines', 'a,b\n\n1,2\n\n3,4\n\n'],
  ['blank CRLF lines', 'a,b\r\n\r\n1,2\r\n\r\n'],
  ['quoted commas and doubled quotes', 'a,b\n"On or near ""The Crescent"", Hartlepool",2\n'],
  ['line breaks inside quotes', 'a,b\n"first\nsecond",2\n"x\r\ny",3\n'],
  ['empty and trailing fields', 'a,b,c\n,,\n1,,\n,,3\n'],
  ['quoted empty field', 'a,b\n"",1\n2,""\n'],
  ['a byte-order mark and non-ASCII text', '\uFEFFa,b\nCafé Öst,naïve — ✓\n'],
  ['more fields than the header', 'a,b\n1,2,3,4\n'],
]

describe('CsvRecordReader', () => {
  it.each(samples)('reads %s as Papa Parse does, however the bytes are chunked', (_, text) => {
    const expected = papa(text)
    for (const size of [1, 2, 3, 5, 7, 64, 1 << 16]) expect(read(text, size)).toEqual(expected)
  })

  it('keeps a lone carriage return inside a field', () => {
    expect(read('a,b\n1\r2,3\n', 1)).toEqual([['a', 'b'], ['1\r2', '3']])
  })
})

describe('CsvRecordReader on broken input', () => {
  const problems = (text: string | Buffer, size: number) => {
    const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8')
    const reader = new CsvRecordReader()
    const found: (CsvRecord['problem'] | undefined)[] = []
    const collect = (record: CsvRecord) => found.push(record.problem)
    for (let offset = 0; offset < bytes.length; offset += size) reader.push(bytes.subarray(offset, offset + size), collect)
    reader.end(collect)
    return { found, invalidUtf8: reader.invalidUtf8 }
  }

  it('names an unclosed quote and counts the rows it swallowed, however the bytes are chunked', () => {
    for (const size of [1, 3, 64]) {
      expect(problems('a,b\n1,2\n"3,4\n5,6\n\n7,8\n', size).found).toEqual([
        undefined, undefined, { reason: 'a quote opened in this row is never closed; the 2 rows after it cannot be read', extraRows: 2 },
      ])
    }
  })

  it('notices bytes that are not UTF-8, but not a character split between chunks', () => {
    expect(problems('a,"Café ✓"\n', 1).invalidUtf8).toBe(false)
    expect(problems(Buffer.from('a,"Caf\xe9"\n', 'latin1'), 64).invalidUtf8).toBe(true)
    expect(problems(Buffer.from('a,"Caf\xc3"', 'latin1'), 64).invalidUtf8).toBe(true)
  })
})
