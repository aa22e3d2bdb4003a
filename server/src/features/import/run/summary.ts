import type { RowError } from '../police-uk/reader.js'
import type { ImportKind } from '../sources/import-source.js'

export interface ImportSummary {
  file: string
  kind: ImportKind | 'mapped-csv' | null
  status: 'committed' | 'rejected' | 'skipped'
  batchId: number | null
  rowsRead: number
  rowsAccepted: number
  rowsAdded: number
  rowsRejected: number
  errors: RowError[]
  message: string
}

/** Where a run has got to. Every figure only grows, though the next file is read while the one before is written. */
export interface ImportProgress {
  /** The furthest file being read, and its place in the run. */
  file: string
  fileIndex: number
  fileCount: number
  /** Bytes of all the run's files read so far (as stored: compressed for .gz), against their sizes. */
  bytesRead: number
  bytesTotal: number
  /** Rows read of `file`. */
  rowsRead: number
}

/** What reading a file ahead of its commit found; `commit` finishes its writes, in its transaction. */
export interface ParseOutcome {
  rowsRead: number
  rowsAccepted: number
  rowsRejected: number
  errors: RowError[]
  /** A problem with the file as a whole (missing columns, broken compression). */
  fatal?: string
  /** Finishes the file's writes and returns how many rows were new. */
  commit(batchId: number): Promise<number>
}

/** The summary of a file the run could not take at all (a bad path, an unreadable file). */
export function unreadable(file: string, message: string): ImportSummary {
  return { file, kind: null, status: 'rejected', batchId: null, rowsRead: 0, rowsAccepted: 0, rowsAdded: 0, rowsRejected: 0, errors: [], message }
}
