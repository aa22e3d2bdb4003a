import type pg from 'pg'
import { loadQuery } from '../../../lib/sql-file.js'
import { importBoundaries } from '../boundaries/import-boundaries.js'
import type { ParseEnd } from '../police-uk/reader.js'
import { readOnThisThread, type ReaderThread, type SegmentReader } from '../police-uk/reader-thread.js'
import type { Segment } from '../police-uk/segment.js'
import type { ImportSource } from '../sources/import-source.js'
import { writeSegment, type PoliceUkWriteContext } from '../storing/store-segment.js'
import { auditImport, type ImportAudit } from './audit-imports.js'
import type { ImportSummary, ParseOutcome } from './summary.js'

const beginImportSql = loadQuery(import.meta.url, 'begin-import.sql')
const openBatch = loadQuery(import.meta.url, 'open-batch.sql')
const previousBatch = loadQuery(import.meta.url, 'previous-batch.sql')
const closeBatch = loadQuery(import.meta.url, 'close-batch.sql')
const closePoliceBatch = loadQuery(import.meta.url, 'close-police-batch.sql')
const recordRejectedBatch = loadQuery(import.meta.url, 'record-rejected-batch.sql')

export type Progress = (bytesRead: number, rowsRead: number) => void

/** A police file whose reading has started ahead of its turn, while the previous file is being written. */
export interface ReadAhead {
  reader: SegmentReader
  next: Promise<IteratorResult<Segment, ParseEnd>>
}

/** Starts reading a police file: on the reader thread when there is one, else on this thread. */
export function startReading(thread: ReaderThread | null, source: ImportSource, progress: Progress): ReadAhead {
  const reader = thread ? thread.read(source, progress) : readOnThisThread(source, progress)
  const next = reader.next()
  // Awaited in its turn; until then a failure must not count as unhandled.
  next.catch(() => {})
  return { reader, next }
}

export interface PoliceRun {
  context: PoliceUkWriteContext
  /** This file's reading, when it was started ahead of its turn. */
  readAhead: ReadAhead | undefined
  /** Where files are read, when not on this thread. */
  thread(): ReaderThread | null
  /** Called once this file has been read through, so the next one can start. */
  onRead(): void
  audit: ImportAudit | undefined
}

/** Opens a file's transaction under the import lock (see begin-import.sql). */
export async function beginImport(client: pg.PoolClient): Promise<void> {
  await client.query(beginImportSql.text)
}

/**
 * Imports one file in one transaction under the import lock: skipped when a committed batch has its content, rejected
 * whole on any bad row, else committed with its batch row and audit entry.
 */
export async function importSource(pool: pg.Pool, source: ImportSource, progress: Progress, force: boolean, run: PoliceRun): Promise<ImportSummary> {
  const startedAt = new Date()
  const client = await pool.connect()
  try {
    await beginImport(client)
    // The batch row comes first: its id goes on every incident as it is written.
    const opened = await client.query<{ id: number }>({ ...openBatch, values: [source.name, source.contentHash, source.kind, startedAt, force] })
    if (opened.rowCount === 0) {
      await client.query('ROLLBACK')
      await run.readAhead?.reader.return()
      const previous = (await client.query<{ id: number }>({ ...previousBatch, values: [source.contentHash] })).rows[0].id
      const skipped: ImportSummary = {
        file: source.name, kind: source.kind, status: 'skipped', batchId: previous,
        rowsRead: 0, rowsAccepted: 0, rowsAdded: 0, rowsRejected: 0, errors: [],
        message: `already imported as batch ${previous}; nothing added`,
      }
      if (run.audit) await auditImport(client, skipped, run.audit)
      return skipped
    }
    const batchId = opened.rows[0].id
    const outcome =
      source.kind === 'police-uk-csv'
        ? await importPoliceUkCsv(client, source, batchId, progress, run)
        : await importBoundaries(client, source, progress)
    if (outcome.errors.length > 0 || outcome.fatal) {
      await client.query('ROLLBACK')
      run.context.locations.rollback()
      const message = outcome.fatal ?? `${outcome.rowsRejected} of ${outcome.rowsRead} rows rejected; nothing from this file was imported`
      const errors = outcome.errors.length > 0 ? outcome.errors : [{ file: source.name, row: 0, reason: message }]
      const rejected = await client.query<{ id: number }>({
        ...recordRejectedBatch,
        values: [source.name, source.contentHash, source.kind, outcome.rowsRead, outcome.rowsRejected, JSON.stringify(errors), startedAt],
      })
      const summary: ImportSummary = { file: source.name, kind: source.kind, status: 'rejected', batchId: rejected.rows[0].id, ...figuresOf(outcome), rowsAccepted: 0, rowsAdded: 0, message }
      if (run.audit) await auditImport(client, summary, run.audit)
      return summary
    }
    const rowsAdded = await outcome.commit(batchId)
    const close = source.kind === 'police-uk-csv' ? closePoliceBatch : closeBatch
    await client.query({ ...close, values: [batchId, outcome.rowsRead, outcome.rowsAccepted, rowsAdded, outcome.rowsRejected] })
    const message = `${rowsAdded} of ${outcome.rowsAccepted} rows added` + (rowsAdded < outcome.rowsAccepted ? ' (the rest were already imported)' : '')
    const summary: ImportSummary = { file: source.name, kind: source.kind, status: 'committed', batchId, ...figuresOf(outcome), rowsAdded, message }
    // In the file's transaction: the file and its audit entry land together or not at all.
    if (run.audit) await auditImport(client, summary, run.audit)
    await client.query('COMMIT')
    run.context.locations.commit()
    return summary
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    run.context.locations.rollback()
    throw error
  } finally {
    client.release()
  }
}

/**
 * The outcome's figures for its summary, and nothing else: a summary outlives its file (the run keeps them all), and
 * the outcome's `commit` closure holds the file's reading and its segments, which kept every file of a run in memory
 * until the run ended (1.2 GB at 12× the real data).
 */
function figuresOf(outcome: ParseOutcome): Pick<ImportSummary, 'rowsRead' | 'rowsAccepted' | 'rowsRejected' | 'errors'> {
  return { rowsRead: outcome.rowsRead, rowsAccepted: outcome.rowsAccepted, rowsRejected: outcome.rowsRejected, errors: outcome.errors }
}

/** Reads the file segment by segment, writing each segment while the next one is read. */
async function importPoliceUkCsv(client: pg.PoolClient, source: ImportSource, batchId: number, progress: Progress, run: PoliceRun): Promise<ParseOutcome> {
  const { reader, next: first } = run.readAhead ?? startReading(run.thread(), source, progress)
  let added = 0
  let next = first
  let end: ParseEnd
  try {
    for (;;) {
      const step = await next
      if (step.done) {
        end = step.value
        break
      }
      next = reader.next()
      // The next file starts being read as soon as this one has been read through, while this one is written.
      next.then((following) => following.done && run.onRead(), () => {})
      added += await writeSegment(client, run.context, batchId, step.value)
    }
  } catch (error) {
    await reader.return().catch(() => {})
    throw error
  }
  run.onRead()
  return {
    rowsRead: end.rowsRead,
    rowsAccepted: end.rowsRead - end.rowsRejected,
    rowsRejected: end.rowsRejected,
    errors: end.errors,
    fatal: end.fatal,
    commit: async () => added,
  }
}

