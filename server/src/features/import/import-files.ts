import type pg from 'pg'
import { parser } from 'stream-json'
import { pick } from 'stream-json/filters/pick.js'
import { streamArray } from 'stream-json/streamers/stream-array.js'
import { microsSince2000 } from '../../db/binary-copy.js'
import { monthStarts } from '../../lib/month-bounds.js'
import { loadQuery } from '../../lib/sql-file.js'
import { settleCounts } from '../counts/settle-counts.js'
import { auditImport, type ImportAudit } from './audit-imports.js'
import { boundaryGeometryProblem } from './boundary-geometry.js'
import { identifyImportSource, ImportFileError, INVALID_UTF8, openTextStream, unreadableReason, utf8Check, type ImportKind, type ImportSource } from './import-source.js'
import { MAX_FIELD_CHARS } from './police-uk-row.js'
import { MAX_REPORTED_ERRORS, type ParseEnd, type RowError, type Segment } from './police-uk-reader.js'
import { readOnThisThread, startReaderThread, type ReaderThread, type SegmentReader } from './police-uk-reader-thread.js'
import { LocationCache, writeSegment, type PoliceUkWriteContext } from './police-uk-writer.js'

export type { RowError } from './police-uk-reader.js'

const beginImportSql = loadQuery(import.meta.url, 'begin-import.sql')
const openBatch = loadQuery(import.meta.url, 'open-batch.sql')
const previousBatch = loadQuery(import.meta.url, 'previous-batch.sql')
const closeBatch = loadQuery(import.meta.url, 'close-batch.sql')
const closePoliceBatch = loadQuery(import.meta.url, 'close-police-batch.sql')
const recordRejectedBatch = loadQuery(import.meta.url, 'record-rejected-batch.sql')
const committedHashes = loadQuery(import.meta.url, 'committed-hashes.sql')
const analyzeImportedIncidents = loadQuery(import.meta.url, 'analyze-imported-incidents.sql')
const databaseVersion = loadQuery(import.meta.url, 'database-version.sql')
const reassignWards = loadQuery(import.meta.url, 'reassign-wards.sql')
const stageBoundaries = loadQuery(import.meta.url, 'stage-boundaries.sql')
const upsertWards = loadQuery(import.meta.url, 'upsert-wards.sql')
const rebuildWardParts = loadQuery(import.meta.url, 'rebuild-ward-parts.sql')
const upsertCouncils = loadQuery(import.meta.url, 'upsert-councils.sql')
const emptyBoundaries = loadQuery(import.meta.url, 'empty-boundaries.sql')

export interface ImportSummary {
  file: string
  kind: ImportKind | null
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

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void
  /** Read a file again even when a committed batch has the same content hash. */
  force?: boolean
  /** Writes each file's import.file audit entry as the file is settled (a committed file's in its transaction). */
  audit?: ImportAudit
}

const KIND_ORDER: Record<ImportKind, number> = { 'council-geojson': 0, 'ward-geojson': 1, 'police-uk-csv': 2 }

type Progress = (bytesRead: number, rowsRead: number) => void

/** A police file whose reading has started ahead of its turn, while the previous file is being written. */
interface ReadAhead {
  reader: SegmentReader
  next: Promise<IteratorResult<Segment, ParseEnd>>
}

function startReading(thread: ReaderThread | null, source: ImportSource, progress: Progress): ReadAhead {
  const reader = thread ? thread.read(source, progress) : readOnThisThread(source, progress)
  const next = reader.next()
  // Awaited in its turn; until then a failure must not count as unhandled.
  next.catch(() => {})
  return { reader, next }
}

/**
 * Imports any mix of police.uk CSVs and ONS boundary GeoJSON, each recognised by content. Boundaries go first so
 * incidents find their wards. Each file is one transaction: it lands whole or not at all. Police files are read on a
 * reader thread, one file ahead: the next file is read and checked while this thread and the database store the
 * current one. The counts follow each file's rows in its own transaction (counts/, migration 008).
 */
export async function importFiles(pool: pg.Pool, filePaths: string[], options: ImportOptions = {}): Promise<ImportSummary[]> {
  const summaries: ImportSummary[] = []
  const sources: ImportSource[] = []
  // The reader thread takes a few hundred milliseconds to start: it starts with the first police file found.
  let threadStarting: Promise<ReaderThread | null> | null = null
  try {
    for (const filePath of filePaths) {
      try {
        const source = await identifyImportSource(filePath)
        if (source.kind === 'police-uk-csv') threadStarting ??= startReaderThread()
        sources.push(source)
      } catch (error) {
        if (!(error instanceof ImportFileError)) throw error
        const summary = unreadable(filePath, error.reason)
        summaries.push(summary)
        if (options.audit) await auditImport(pool, summary, options.audit)
      }
    }
  } catch (error) {
    await (await threadStarting)?.close()
    throw error
  }
  sources.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind])
  try {
    return await importSources(pool, sources, summaries, threadStarting, options)
  } finally {
    await (await threadStarting)?.close()
  }
}

async function importSources(
  pool: pg.Pool,
  sources: ImportSource[],
  summaries: ImportSummary[],
  threadStarting: Promise<ReaderThread | null> | null,
  options: ImportOptions,
): Promise<ImportSummary[]> {
  // Files are read on this thread until the reader thread is up (the first file, usually), then on it.
  let thread: ReaderThread | null = null
  void threadStarting?.then((started) => (thread = started))
  const force = options.force ?? false
  // Only to decide which files are worth reading ahead; each file's own check below is the one that counts.
  const seenHashes = new Set(force ? [] : (await pool.query<{ content_hash: string }>({ ...committedHashes, values: [sources.map((s) => s.contentHash)] })).rows.map((row) => row.content_hash))
  const bytesTotal = sources.reduce((sum, source) => sum + source.sizeBytes, 0)
  // The next file is read while this one is written, so two files report at once. What is shown only moves forward:
  // the bytes read of every file, and the furthest file being read.
  const bytesReadOf = sources.map(() => 0)
  const rowsReadOf = sources.map(() => 0)
  let furthest = 0
  const progressOf = (index: number): Progress => (bytesRead, rowsRead) => {
    bytesReadOf[index] = Math.max(bytesReadOf[index], bytesRead)
    rowsReadOf[index] = Math.max(rowsReadOf[index], rowsRead)
    furthest = Math.max(furthest, index)
    const bytesDone = bytesReadOf.reduce((sum, bytes) => sum + bytes, 0)
    options.onProgress?.({ file: sources[furthest].name, fileIndex: furthest, fileCount: sources.length, bytesRead: bytesDone, bytesTotal, rowsRead: rowsReadOf[furthest] })
  }
  const hasPolice = sources.some((source) => source.kind === 'police-uk-csv')
  const context: PoliceUkWriteContext = { useCopy: await supportsCopy(pool), locations: new LocationCache(), monthStarts: new Map() }
  if (hasPolice) await loadMonthStarts(pool, context.monthStarts)
  const readAheads = new Map<number, ReadAhead>()
  /** Starts reading the police file after `index`, unless it is already being read or was imported before. */
  const readAheadFrom = (index: number) => {
    const next = sources.findIndex((source, at) => at > index && source.kind === 'police-uk-csv')
    if (next < 0 || readAheads.has(next) || seenHashes.has(sources[next].contentHash)) return
    readAheads.set(next, startReading(thread, sources[next], progressOf(next)))
  }
  let policeRowsAdded = 0
  try {
    for (const [index, source] of sources.entries()) {
      const readAhead = readAheads.get(index)
      readAheads.delete(index)
      const summary = await importSource(pool, source, progressOf(index), force, {
        context,
        readAhead,
        thread: () => thread,
        onRead: () => readAheadFrom(index),
        audit: options.audit,
      })
      if (summary.kind === 'police-uk-csv') policeRowsAdded += summary.rowsAdded
      // A second copy of the same file later in the list would only be skipped: not worth reading ahead.
      if (!force) seenHashes.add(source.contentHash)
      summaries.push(summary)
      progressOf(index)(source.sizeBytes, 0)
    }
  } finally {
    for (const readAhead of readAheads.values()) await readAhead.reader.return().catch(() => {})
  }
  if (policeRowsAdded > 0) {
    // Fresh statistics, so the next queries are planned for the rows now there: a server's autovacuum would get to it
    // within minutes, but the embedded database has no autovacuum at all, and a plan for an empty table is a bad one.
    // The rollups are vacuumed too (counts/settle-counts.ts), on a second connection meanwhile.
    await Promise.all([pool.query(analyzeImportedIncidents), settleCounts(pool)])
  }
  return summaries
}

/** Every month from 1990 to next year, so that files rarely need to ask (one query instead of one a file). */
async function loadMonthStarts(pool: pg.Pool, starts: Map<string, number>): Promise<void> {
  const months: string[] = []
  for (let year = 1990; year <= new Date().getFullYear() + 1; year++) {
    for (let month = 1; month <= 12; month++) months.push(`${year}-${String(month).padStart(2, '0')}`)
  }
  const instants = await monthStarts(pool, months)
  months.forEach((month, index) => starts.set(month, microsSince2000(instants[index])))
}

/** The embedded database's socket server does not carry COPY FROM STDIN; a PostgreSQL server does. */
async function supportsCopy(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ version: string }>(databaseVersion)
  return !/PGlite/i.test(rows[0].version)
}

function unreadable(file: string, message: string): ImportSummary {
  return { file, kind: null, status: 'rejected', batchId: null, rowsRead: 0, rowsAccepted: 0, rowsAdded: 0, rowsRejected: 0, errors: [], message }
}

interface PoliceRun {
  context: PoliceUkWriteContext
  /** This file's reading, when it was started ahead of its turn. */
  readAhead: ReadAhead | undefined
  /** Where files are read, when not on this thread. */
  thread(): ReaderThread | null
  /** Called once this file has been read through, so the next one can start. */
  onRead(): void
  audit: ImportAudit | undefined
}

/** Opens a file's transaction under the import lock; returns the wards version (see begin-import.sql). */
async function beginImport(client: pg.PoolClient): Promise<number> {
  const results = (await client.query(beginImportSql.text)) as unknown as pg.QueryResult<{ wards_version: number }>[]
  return results[results.length - 1].rows[0].wards_version
}

async function importSource(pool: pg.Pool, source: ImportSource, progress: Progress, force: boolean, run: PoliceRun): Promise<ImportSummary> {
  const startedAt = new Date()
  const client = await pool.connect()
  try {
    run.context.locations.checkWards(await beginImport(client))
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
      const summary: ImportSummary = { file: source.name, kind: source.kind, status: 'rejected', batchId: rejected.rows[0].id, ...outcome, rowsAccepted: 0, rowsAdded: 0, message }
      if (run.audit) await auditImport(client, summary, run.audit)
      return summary
    }
    const rowsAdded = await outcome.commit(batchId)
    const close = source.kind === 'police-uk-csv' ? closePoliceBatch : closeBatch
    await client.query({ ...close, values: [batchId, outcome.rowsRead, outcome.rowsAccepted, rowsAdded, outcome.rowsRejected] })
    const message = `${rowsAdded} of ${outcome.rowsAccepted} rows added` + (rowsAdded < outcome.rowsAccepted ? ' (the rest were already imported)' : '')
    const summary: ImportSummary = { file: source.name, kind: source.kind, status: 'committed', batchId, ...outcome, rowsAdded, message }
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

interface ParseOutcome {
  rowsRead: number
  rowsAccepted: number
  rowsRejected: number
  errors: RowError[]
  /** A problem with the file as a whole (missing columns, broken compression). */
  fatal?: string
  /** Finishes the file's writes and returns how many rows were new. */
  commit(batchId: number): Promise<number>
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

interface BoundaryFeature {
  type?: string
  properties?: Record<string, unknown>
  geometry?: { type?: string; coordinates?: unknown } | null
}

function propertyText(properties: Record<string, unknown>, key: string): string | null {
  const value = properties[key]
  return typeof value === 'string' && value.trim() ? value.trim() : null
}

async function importBoundaries(
  client: pg.PoolClient,
  source: ImportSource,
  progress: (bytesRead: number, rowsRead: number) => void,
): Promise<ParseOutcome> {
  const set = source.boundarySet!
  const isWards = source.kind === 'ward-geojson'
  const councilSet = isWards ? `LAD${set.slice(2)}` : set
  await client.query(`CREATE TEMP TABLE staging_boundaries (
    code text, name text, council_code text, council_name text, geom geometry) ON COMMIT DROP`)
  let bytesRead = 0
  const features = openTextStream(
    source.path,
    source.gzip,
    (bytes) => (bytesRead += bytes),
    utf8Check(),
    parser.asStream(),
    pick.asStream({ filter: 'features' }),
    streamArray.asStream(),
  )
  const errors: RowError[] = []
  let rowsRead = 0
  let fatal: string | undefined
  const staged: string[][] = [[], [], [], [], []]
  const seen = new Set<string>()
  try {
    for await (const { value } of features as AsyncIterable<{ value: BoundaryFeature }>) {
      rowsRead++
      const reject = (reason: string) => errors.length < MAX_REPORTED_ERRORS && errors.push({ file: source.name, row: rowsRead, reason })
      const properties = value.properties ?? {}
      const code = propertyText(properties, `${set}CD`)
      const name = propertyText(properties, `${set}NM`)
      const councilCode = isWards ? propertyText(properties, `${councilSet}CD`) : code
      const councilName = isWards ? propertyText(properties, `${councilSet}NM`) : name
      const geometryType = value.geometry?.type
      const isPolygon = geometryType === 'Polygon' || geometryType === 'MultiPolygon'
      const geometryProblem = isPolygon ? boundaryGeometryProblem(value.geometry!) : null
      const tooLong = ([[`${set}CD`, code], [`${set}NM`, name], [`${councilSet}CD`, councilCode], [`${councilSet}NM`, councilName]] as const).find(
        ([, text]) => text !== null && text.length > MAX_FIELD_CHARS,
      )
      if (tooLong) reject(`feature ${rowsRead}: ${tooLong[0]} is longer than ${MAX_FIELD_CHARS} characters`)
      else if (!code) reject(`feature ${rowsRead}: ${set}CD is missing`)
      else if (!/^[EWSN]\d{8}$/.test(code)) reject(`feature ${rowsRead}: ${set}CD '${code}' is not an ONS code`)
      else if (seen.has(code)) reject(`feature ${rowsRead}: ${code} appears twice`)
      else if (!name) reject(`feature ${rowsRead}: ${set}NM is missing`)
      else if (!councilCode || !councilName) reject(`feature ${rowsRead}: ${councilSet}CD or ${councilSet}NM is missing`)
      else if (!isPolygon) reject(`feature ${rowsRead}: geometry is ${geometryType ?? 'missing'}, not a polygon`)
      else if (geometryProblem) reject(`feature ${rowsRead}: ${code}'s geometry: ${geometryProblem}`)
      else {
        seen.add(code)
        ;[code, name, councilCode, councilName, JSON.stringify(value.geometry)].forEach((field, index) => staged[index].push(field))
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code
    fatal = code === INVALID_UTF8 ? `not valid UTF-8 (at or after feature ${rowsRead + 1})` : (unreadableReason(error) ?? `not valid GeoJSON: ${(error as Error).message}`)
  }
  progress(bytesRead, rowsRead)
  const rowsRejected = rowsRead - staged[0].length
  if (!fatal && rowsRead === 0) fatal = 'has no features'
  if (!fatal && rowsRejected === 0) {
    try {
      await client.query({ ...stageBoundaries, values: staged })
      // A shape that repair reduces to lines or points (a ring folded flat) would make an empty ward.
      const empty = (await client.query<{ code: string }>(emptyBoundaries)).rows.map((row) => row.code)
      if (empty.length > 0) fatal = `${empty.slice(0, 10).join(', ')}${empty.length > 10 ? ` and ${empty.length - 10} more` : ''}: geometry is empty once repaired (no area)`
    } catch (error) {
      fatal = `geometry could not be read: ${(error as Error).message}`
    }
  }
  return {
    rowsRead,
    rowsAccepted: rowsRead - rowsRejected,
    rowsRejected,
    errors,
    fatal,
    commit: async () => {
      if (!isWards) return (await client.query({ ...upsertCouncils, values: [set] })).rowCount ?? 0
      const added = (await client.query({ ...upsertWards, values: [set] })).rowCount ?? 0
      await client.query(rebuildWardParts.text)
      await client.query({ ...reassignWards })
      return added
    },
  }
}
