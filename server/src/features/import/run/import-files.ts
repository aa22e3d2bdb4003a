import type pg from 'pg'
import { loadQuery } from '../../../lib/sql-file.js'
import { startReaderThread, type ReaderThread } from '../police-uk/reader-thread.js'
import { identifyImportSource, ImportFileError, type ImportKind, type ImportSource } from '../sources/import-source.js'
import { settleCounts } from '../../counts/settle-counts.js'
import { openWriteContext } from '../storing/write-context.js'
import { auditImport, type ImportAudit } from './audit-imports.js'
import { importSource, startReading, type Progress, type ReadAhead } from './import-file.js'
import { unreadable, type ImportProgress, type ImportSummary } from './summary.js'

const committedHashes = loadQuery(import.meta.url, 'committed-hashes.sql')
const analyzeImportedIncidents = loadQuery(import.meta.url, 'analyze-imported-incidents.sql')

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void
  /** Read a file again even when a committed batch has the same content hash. */
  force?: boolean
  /** Writes each file's import.file audit entry as the file is settled (a committed file's in its transaction). */
  audit?: ImportAudit
}

const KIND_ORDER: Record<ImportKind, number> = { 'council-geojson': 0, 'ward-geojson': 1, 'police-uk-csv': 2 }

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
  const context = await openWriteContext(pool, hasPolice)
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
  // Fresh statistics, so the next queries are planned for the rows now there: a server's autovacuum would get to it
  // within minutes, but the embedded database has no autovacuum at all, and a plan for an empty table is a bad one.
  // The rollups' appended rows are folded and vacuumed too (counts/settle-counts.ts), on a second connection
  // meanwhile: after police files, and after boundaries that moved points between wards.
  const committed = summaries.some((summary) => summary.status === 'committed')
  await Promise.all([policeRowsAdded > 0 ? pool.query(analyzeImportedIncidents) : null, committed ? settleCounts(pool) : null])
  return summaries
}

