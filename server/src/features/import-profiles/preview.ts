// The preview of a mapping on a file's first rows: each row's values as they would be stored, or why it would be
// rejected and by which choice (reference, date and time, position), read by the same code as the import.
import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'
import { CsvRecordReader, type CsvRecord } from '../import/police-uk/csv-records.js'
import { londonWallTime } from '../import/mapped/london-time.js'
import { columnIndex, mapRecord, type MappedRow } from '../import/mapped/map-row.js'
import { unknownCategories } from '../import/mapped/profile-store.js'
import type { ProfileMapping } from '../import/mapped/profile-schema.js'
import type { PreviewAnswer } from './schemas.js'

const gridToWgs84 = loadQuery(import.meta.url, 'grid-to-wgs84.sql')

const two = (n: number) => String(n).padStart(2, '0')

function localTime(instant: Date): string {
  const wall = londonWallTime(instant)
  return `${wall.year}-${two(wall.month)}-${two(wall.day)} ${two(wall.hour)}:${two(wall.minute)}`
}

export async function previewMapping(db: Pick<pg.Pool, 'query'>, csv: string, mapping: ProfileMapping, rowLimit: number): Promise<PreviewAnswer> {
  const records: string[][] = []
  const reader = new CsvRecordReader()
  const problems = new Map<number, string>()
  const onRecord = (record: CsvRecord) => {
    if (records.length > rowLimit) return
    if (record.problem) problems.set(records.length, record.problem.reason)
    records.push(Array.from({ length: record.length }, (_, at) => record.field(at) ?? ''))
  }
  reader.push(Buffer.from(csv, 'utf8'), onRecord)
  // The text is the file's first lines: its last line may be cut short, so it is read only when it ends the text.
  if (/\r?\n$/.test(csv) || records.length === 0) reader.end(onRecord)
  const [header = [], ...data] = records
  const { index, missing } = columnIndex(header, mapping)
  const answer: PreviewAnswer = {
    columns: header, missingColumns: missing, unknownCategories: await unknownCategories(db, mapping),
    rows: [], rejectedBy: { row: 0, reference: 0, when: 0, position: 0 },
  }
  const parsed: (MappedRow | null)[] = []
  data.forEach((values, at) => {
    const row = at + 2
    const problem = problems.get(at + 1)
    const result = missing.length > 0 ? null : mapRecord(problem ? { length: 0, field: () => undefined, problem: { reason: problem, extraRows: 0 } } : arrayRecord(values), index, mapping)
    if (result && !result.ok) answer.rejectedBy[result.field as keyof PreviewAnswer['rejectedBy']]++
    parsed.push(result?.ok ? result.row : null)
    answer.rows.push({
      row, values, parsed: null,
      rejected: result && !result.ok ? { field: result.field as 'row' | 'reference' | 'when' | 'position', reason: result.reason } : null,
    })
  })
  // Grid references become longitude and latitude in PostGIS, as at import.
  const gridded = parsed.map((row, at) => ({ row, at })).filter((entry) => entry.row !== null && entry.row.easting !== null)
  if (gridded.length > 0) {
    const { rows } = await db.query<{ lon: number; lat: number }>({
      ...gridToWgs84,
      values: [gridded.map((entry) => entry.row!.easting), gridded.map((entry) => entry.row!.northing)],
    })
    gridded.forEach((entry, at) => Object.assign(entry.row!, rows[at]))
  }
  parsed.forEach((row, at) => {
    if (!row) return
    answer.rows[at].parsed = {
      reference: row.reference, category: row.category, sourceCategory: row.sourceCategory,
      periodStart: row.periodStart.toISOString(), localTime: localTime(row.periodStart), precision: row.precision,
      lon: row.lon, lat: row.lat, address: row.address, description: row.description, statedWard: row.statedWard,
    }
  })
  return answer
}

function arrayRecord(values: string[]): CsvRecord {
  return { length: values.length, field: (at: number) => values[at] }
}
