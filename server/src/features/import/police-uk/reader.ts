import { isUtf8 } from 'node:buffer'
import { openTextStream, unreadableReason, type ImportSource } from '../sources/import-source.js'
import { ArrayRecord, CsvRecordReader, type CsvRecord } from './csv-records.js'
import { PoliceUkFastPath } from './fast-path.js'
import { incidentKey, policeUkColumnIndex, PoliceUkValidator } from './row.js'
import { Segment } from './segment.js'

/** Rows validated before they go to the database together; bounds memory for very large files. */
const SEGMENT_ROWS = 50_000
/** Enough to show a user the pattern of what is wrong without keeping every error of a broken file. */
export const MAX_REPORTED_ERRORS = 200
const LINE_FEED = 10
const CARRIAGE_RETURN = 13
const QUOTE = 34

const NOT_UTF8 = 'not valid UTF-8'
const NOT_UTF8_HEADER = 'row 1 (the header): not valid UTF-8'

export interface RowError {
  file: string
  /** The row as a spreadsheet shows the file: the header is row 1, the first record row 2. For GeoJSON, the feature number. */
  row: number
  reason: string
}

export interface ParseEnd {
  rowsRead: number
  rowsRejected: number
  errors: RowError[]
  /** A problem with the file as a whole (missing columns, broken compression). */
  fatal?: string
}

/**
 * Reads and validates a police.uk CSV, yielding its rows in segments as it goes; returns the counts and errors.
 * Nothing here touches the database, so the next file can be read while the previous one is being written. Lines
 * are taken as bytes through the fast path while the file has no quote; from the first quote on, the general CSV
 * reader takes over (a quoted field may hold commas and line breaks).
 */
export async function* readPoliceUkCsv(
  source: ImportSource,
  progress: (bytesRead: number, rowsRead: number) => void,
): AsyncGenerator<Segment, ParseEnd, void> {
  let bytesRead = 0
  const stream = openTextStream(source.path, source.gzip, (bytes) => (bytesRead += bytes))
  const errors: RowError[] = []
  let rowsRead = 0
  let rowsRejected = 0
  let fatal: string | undefined
  let validator: PoliceUkValidator | null = null
  let fastPath: PoliceUkFastPath | null = null
  let headerLength = 0
  /** Rows seen per identity, by the key of the identity's first row (shorter to hash than the identity itself). */
  const ordinals = new Map<string, number>()
  let segment = new Segment()
  const full: Segment[] = []
  const rowAdded = () => {
    if (segment.length >= SEGMENT_ROWS) {
      full.push(segment)
      segment = new Segment()
    }
  }

  const reject = (reason: string, extraRows = 0) => {
    rowsRead++
    rowsRejected += 1 + extraRows
    if (errors.length < MAX_REPORTED_ERRORS) errors.push({ file: source.name, row: rowsRead + 1, reason })
    rowsRead += extraRows
  }

  const onRecord = (record: CsvRecord) => {
    if (fatal) return
    if (record.problem) {
      if (validator === null) fatal = `row 1 (the header): ${record.problem.reason}`
      else reject(record.problem.reason, record.problem.extraRows)
      return
    }
    if (validator === null) {
      const header = Array.from({ length: record.length }, (_, index) => record.field(index)!)
      const { index, missing } = policeUkColumnIndex(header)
      if (missing.length > 0) {
        fatal = `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`
        return
      }
      validator = new PoliceUkValidator(index, header)
      fastPath = new PoliceUkFastPath(index, header.length)
      headerLength = header.length
      return
    }
    const result =
      record.length > headerLength
        ? ({ ok: false, reason: `has ${record.length - headerLength} more field(s) than the header` } as const)
        : validator.validate(record)
    if (!result.ok) {
      reject(result.reason)
      return
    }
    rowsRead++
    // Once a row is bad the file will not land; keep reading only to report every bad row.
    if (rowsRejected > 0) return
    const { incident } = result
    const firstKey = incidentKey(incident.identity, 1)
    const seen = ordinals.get(firstKey)
    ordinals.set(firstKey, (seen ?? 0) + 1)
    segment.add(incident, seen === undefined ? firstKey : incidentKey(incident.identity, seen + 1))
    rowAdded()
  }

  /** Records of the general reader: a byte that is not UTF-8 has become U+FFFD in some field. */
  const onQuotedRecord = (record: CsvRecord) => {
    if (reader.invalidUtf8 && !fatal && !record.problem) {
      for (let index = 0; index < record.length; index++) {
        if (!record.field(index)!.includes('\uFFFD')) continue
        if (validator === null) fatal = NOT_UTF8_HEADER
        else reject(NOT_UTF8)
        return
      }
    }
    onRecord(record)
  }

  /** One line of a quote-free stretch, without its line break; `checked` when its bytes are known to be UTF-8. */
  const onLine = (bytes: Buffer, start: number, end: number, checked: boolean) => {
    if (end > start && bytes[end - 1] === CARRIAGE_RETURN) end--
    if (end === start || fatal) return
    // Checked here, as bytes: the fast path copies them into COPY as they are, and decoding would hide them.
    if (!checked && !isUtf8(bytes.subarray(start, end))) {
      if (validator === null) fatal = NOT_UTF8_HEADER
      else reject(NOT_UTF8)
      return
    }
    if (fastPath !== null && rowsRejected === 0 && fastPath.tryRow(bytes, start, end, ordinals, segment)) {
      rowsRead++
      rowAdded()
      return
    }
    // Without quotes, a line's fields are what lies between its commas.
    onRecord(new ArrayRecord(bytes.toString('utf8', start, end).split(',')))
  }

  const reader = new CsvRecordReader()
  let quoted = false
  let carry: Buffer | null = null
  let first = true
  try {
    for await (const chunk of stream) {
      let bytes = chunk as Buffer
      if (quoted) {
        reader.push(bytes, onQuotedRecord)
      } else {
        if (carry) bytes = Buffer.concat([carry, bytes])
        carry = null
        let position = 0
        if (first && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) position = 3
        first = false
        const quote = bytes.indexOf(QUOTE, position)
        const stretchEnd = quote < 0 ? bytes.length : bytes.lastIndexOf(LINE_FEED, quote) + 1
        // Whole lines end at a line feed, which is never inside a character: one check for all of them, and a check
        // line by line only in a stretch that fails it.
        const linesEnd = stretchEnd > position ? bytes.lastIndexOf(LINE_FEED, stretchEnd - 1) + 1 : position
        const checked = linesEnd <= position || isUtf8(bytes.subarray(position, linesEnd))
        for (;;) {
          const lineEnd = bytes.indexOf(LINE_FEED, position)
          if (lineEnd < 0 || lineEnd >= stretchEnd) break
          onLine(bytes, position, lineEnd, checked)
          position = lineEnd + 1
        }
        if (quote >= 0) {
          quoted = true
          reader.push(bytes.subarray(position), onQuotedRecord)
        } else if (position < bytes.length) {
          carry = bytes.subarray(position)
        }
      }
      if (fatal) break
      progress(bytesRead, rowsRead)
      while (full.length > 0 && rowsRejected === 0) yield full.shift()!
    }
    if (!fatal) {
      if (quoted) reader.end(onQuotedRecord)
      else if (carry) onLine(carry, 0, carry.length, false)
    }
  } catch (error) {
    const readError = error as Error & { code?: string }
    if (readError.code?.startsWith('Z_') || /unexpected end of file/i.test(readError.message)) {
      fatal = `cannot be read: ${readError.message}`
    } else {
      // The file moved, vanished or cannot be opened since it was recognised: that file fails, not the run.
      fatal = unreadableReason(error) ?? undefined
      if (fatal === undefined) throw error
    }
  } finally {
    stream.destroy()
  }
  if (!fatal && validator === null) fatal = 'is empty'
  if (!fatal && rowsRead === 0) fatal = 'has a header but no rows'
  progress(bytesRead, rowsRead)
  if (!fatal && rowsRejected === 0) {
    for (const rest of full) yield rest
    if (segment.length > 0) yield segment
  }
  return { rowsRead, rowsRejected, errors, fatal }
}

