// The mapped import: a timed log (CSV, plain or gzip) read through a profile, with the police.uk import's guarantees:
// streamed with progress, row-numbered rejections with reasons (any rejection refuses the whole file), one transaction
// per file under the import lock, nothing added twice, and a corrected re-export changing and removing rows so that
// every count stays exact (the count triggers, decision 0007). Decision 0011 has the rules.

import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type pg from 'pg'
import { loadQuery } from '../../../lib/sql-file.js'
import { settleCounts } from '../../counts/settle-counts.js'
import { CsvRecordReader, type CsvRecord } from '../police-uk/csv-records.js'
import { MAX_REPORTED_ERRORS, type RowError } from '../police-uk/reader.js'
import { auditImport, type ImportAudit } from '../run/audit-imports.js'
import { beginImport } from '../run/import-file.js'
import type { ImportSummary } from '../run/summary.js'
import { openTextStream, unreadableReason } from '../sources/import-source.js'
import { containingCells, LOCATION_H3_RESOLUTIONS } from '../storing/location-cells.js'
import { numberArrayLiteral } from '../../../db/array-literal.js'
import { columnIndex, mapRecord, type MappedRow } from './map-row.js'
import type { ImportProfile } from './profile-store.js'
import { unknownCategories } from './profile-store.js'
import type { ProfileMapping } from './profile-schema.js'

const openBatch = loadQuery(import.meta.url, '../run/open-batch.sql')
const previousBatch = loadQuery(import.meta.url, '../run/previous-batch.sql')
const recordRejectedBatch = loadQuery(import.meta.url, '../run/record-rejected-batch.sql')
const insertLocations = loadQuery(import.meta.url, '../storing/insert-locations.sql')
const closeMappedBatch = loadQuery(import.meta.url, 'close-mapped-batch.sql')
// Statements on the file's temporary table go unnamed: a prepared plan would outlive the table it was made for.
const sql = (name: string) => ({ text: loadQuery(import.meta.url, name).text })
const stageTable = sql('stage-table.sql')
const stageRows = sql('stage-rows.sql')
const convertGrid = sql('convert-grid.sql')
const newPoints = sql('new-points.sql')
const setRowLocations = sql('set-row-locations.sql')
const repeatedReferences = sql('repeated-references.sql')
const removeRows = sql('remove-rows.sql')
const changeRows = sql('change-rows.sql')
const addRows = sql('add-rows.sql')
const rowsOutside = sql('rows-outside.sql')
const indexStaged = loadQuery(import.meta.url, 'index-staged.sql').text

const STAGE_BATCH_ROWS = 5000
const GZIP_MAGIC = [0x1f, 0x8b]

export interface MappedImportSummary extends ImportSummary {
  kind: 'mapped-csv'
  profile: string
  rowsChanged: number
  rowsRemoved: number
  /** Rows with a point outside every loaded ward: kept, counted as outside the area. */
  rowsOutside: number
  /** Rows with no position at all (an unplaced profile). */
  rowsUnplaced: number
}

export interface MappedImportOptions {
  /** The name the file is reported and recorded under (an upload's original name); the path's base name otherwise. */
  displayName?: string
  force?: boolean
  audit?: ImportAudit
  onProgress?: (progress: { file: string; bytesRead: number; bytesTotal: number; rowsRead: number }) => void
}

/** One file through a profile, in one transaction; counts settled after. */
export async function importMappedFile(pool: pg.Pool, filePath: string, profile: ImportProfile, options: MappedImportOptions = {}): Promise<MappedImportSummary> {
  const file = options.displayName ?? path.basename(filePath)
  const base: MappedImportSummary = {
    file, kind: 'mapped-csv', profile: profile.name, status: 'rejected', batchId: null,
    rowsRead: 0, rowsAccepted: 0, rowsAdded: 0, rowsRejected: 0, rowsChanged: 0, rowsRemoved: 0, rowsOutside: 0, rowsUnplaced: 0,
    errors: [], message: '',
  }
  const refuse = async (message: string): Promise<MappedImportSummary> => {
    const summary = { ...base, message }
    if (options.audit) await auditImport(pool, summary, options.audit)
    return summary
  }
  if (profile.mapping === null) return refuse(`profile ${profile.name} has a mapping that no longer fits; save it again`)
  const mapping = profile.mapping
  const unknown = await unknownCategories(pool, mapping)
  if (unknown.length > 0) return refuse(`profile ${profile.name} maps to categories Patrolmap does not have: ${unknown.join(', ')}`)

  let sizeBytes: number
  let fileHash: string
  let gzip: boolean
  try {
    const stat = await fs.promises.stat(filePath)
    if (!stat.isFile()) return refuse('is not a regular file')
    if (stat.size === 0) return refuse('is empty')
    sizeBytes = stat.size
    const hash = crypto.createHash('sha256')
    let head: Buffer | null = null
    for await (const chunk of fs.createReadStream(filePath)) {
      head ??= chunk as Buffer
      hash.update(chunk as Buffer)
    }
    fileHash = hash.digest('hex')
    gzip = head !== null && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]
  } catch (error) {
    const reason = unreadableReason(error)
    if (reason === null) throw error
    return refuse(reason)
  }
  // The same bytes through another mapping are another import: the mapping is part of what was imported.
  const contentHash = crypto.createHash('sha256').update(`${fileHash}\n${JSON.stringify(mapping)}`).digest('hex')

  const startedAt = new Date()
  const client = await pool.connect()
  let summary: MappedImportSummary
  try {
    await beginImport(client)
    const opened = await client.query<{ id: number }>({ ...openBatch, values: [file, contentHash, 'mapped-csv', startedAt, options.force ?? false] })
    if (opened.rowCount === 0) {
      await client.query('ROLLBACK')
      const previous = (await client.query<{ id: number }>({ ...previousBatch, values: [contentHash] })).rows[0].id
      summary = { ...base, status: 'skipped', batchId: Number(previous), message: `already imported as batch ${previous}; nothing added` }
      if (options.audit) await auditImport(client, summary, options.audit)
      return summary
    }
    const batchId = Number(opened.rows[0].id)
    await client.query(stageTable)
    const read = await readAndStage(client, filePath, gzip, file, mapping, (bytesRead, rowsRead) =>
      options.onProgress?.({ file, bytesRead, bytesTotal: sizeBytes, rowsRead }),
    )
    if (read.errors.length === 0 && !read.fatal) {
      await client.query(indexStaged)
      const repeats = await client.query<{ row_number: number; reference: string; first_row: number }>({ ...repeatedReferences, values: [MAX_REPORTED_ERRORS] })
      for (const repeat of repeats.rows) {
        read.errors.push({ file, row: repeat.row_number, reason: `reference '${repeat.reference}' is on row ${repeat.first_row} too: each row needs its own` })
      }
      read.rejected += repeats.rowCount ?? 0
    }
    if (read.fatal || read.errors.length > 0) {
      await client.query('ROLLBACK')
      const message = read.fatal ?? `${read.rejected} of ${read.rowsRead} rows rejected; nothing from this file was imported`
      const errors = read.errors.length > 0 ? read.errors : [{ file, row: 0, reason: message }]
      const rejected = await client.query<{ id: number }>({
        ...recordRejectedBatch,
        values: [file, contentHash, 'mapped-csv', read.rowsRead, read.rejected, JSON.stringify(errors), startedAt],
      })
      summary = { ...base, batchId: Number(rejected.rows[0].id), rowsRead: read.rowsRead, rowsRejected: read.rejected, errors, message }
      if (options.audit) await auditImport(client, summary, options.audit)
      return summary
    }

    if (mapping.position.kind === 'bng') await client.query(convertGrid)
    await placeStagedPoints(client)
    const source = mapping.source
    const removed = (await client.query({ ...removeRows, values: [source] })).rowCount ?? 0
    const changed = (await client.query({ ...changeRows, values: [source, batchId] })).rowCount ?? 0
    const added = (await client.query({ ...addRows, values: [source, batchId] })).rowCount ?? 0
    const placed = (await client.query<{ outside: number; unplaced: number }>(rowsOutside)).rows[0]
    await client.query({
      ...closeMappedBatch,
      values: [batchId, read.rowsRead, read.rowsRead, added, 0, changed, removed, placed.outside, profile.id],
    })
    const unchanged = read.rowsRead - added - changed
    const parts = [`${added} of ${read.rowsRead} rows added`]
    if (changed > 0) parts.push(`${changed} changed`)
    if (removed > 0) parts.push(`${removed} removed (no longer in the log for these days)`)
    if (unchanged > 0) parts.push(`${unchanged} already imported as they are`)
    if (placed.outside > 0) parts.push(`${placed.outside} lie outside the loaded wards (kept, counted as outside the area)`)
    if (placed.unplaced > 0) parts.push(`${placed.unplaced} have no position (kept without a point)`)
    summary = {
      ...base, status: 'committed', batchId, rowsRead: read.rowsRead, rowsAccepted: read.rowsRead, rowsAdded: added,
      rowsChanged: changed, rowsRemoved: removed, rowsOutside: placed.outside, rowsUnplaced: placed.unplaced,
      message: parts.join('; '),
    }
    if (options.audit) await auditImport(client, summary, options.audit)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
  // The rollups' appended rows folded (counts/settle-counts.ts), as after every police run.
  await settleCounts(pool)
  return summary
}

interface ReadOutcome {
  rowsRead: number
  rejected: number
  errors: RowError[]
  fatal?: string
}

/** Streams the file through the mapping into the staging table, in batches; stops staging at the first rejection. */
async function readAndStage(
  client: pg.PoolClient,
  filePath: string,
  gzip: boolean,
  file: string,
  mapping: ProfileMapping,
  progress: (bytesRead: number, rowsRead: number) => void,
): Promise<ReadOutcome> {
  const outcome: ReadOutcome = { rowsRead: 0, rejected: 0, errors: [] }
  let index: Map<string, number> | null = null
  let batch: { row: number; mapped: MappedRow }[] = []
  const reader = new CsvRecordReader()
  const onRecord = (record: CsvRecord) => {
    if (outcome.fatal) return
    if (index === null) {
      const header = Array.from({ length: record.length }, (_, at) => record.field(at) ?? '')
      const found = columnIndex(header, mapping)
      if (found.missing.length > 0) outcome.fatal = `the header has no column ${found.missing.map((name) => `'${name}'`).join(', ')} that the profile reads`
      index = found.index
      return
    }
    outcome.rowsRead++
    // As a spreadsheet numbers the file: the header is row 1.
    const row = outcome.rowsRead + 1
    const result = mapRecord(record, index, mapping)
    if (!result.ok) {
      outcome.rejected++
      if (outcome.errors.length < MAX_REPORTED_ERRORS) outcome.errors.push({ file, row, reason: result.reason })
      batch = []
      return
    }
    if (outcome.rejected === 0) batch.push({ row, mapped: result.row })
  }
  let bytesRead = 0
  const stream = openTextStream(filePath, gzip, (bytes) => (bytesRead += bytes))
  try {
    for await (const chunk of stream) {
      reader.push(chunk as Buffer, onRecord)
      if (batch.length >= STAGE_BATCH_ROWS) {
        await stage(client, batch)
        batch = []
      }
      progress(bytesRead, outcome.rowsRead)
    }
    reader.end(onRecord)
  } catch (error) {
    stream.destroy()
    if ((error as { code?: string }).code === 'Z_DATA_ERROR' || (error as { code?: string }).code === 'Z_BUF_ERROR') {
      return { ...outcome, fatal: 'the gzip file is damaged or cut short' }
    }
    throw error
  }
  if (reader.invalidUtf8) return { ...outcome, fatal: 'the file is not valid UTF-8 text: save it from the spreadsheet as "CSV UTF-8"' }
  if (index === null) return { ...outcome, fatal: 'the file has no header row' }
  if (!outcome.fatal && outcome.rowsRead === 0) return { ...outcome, fatal: 'the file has a header but no rows' }
  if (outcome.rejected === 0 && batch.length > 0) await stage(client, batch)
  progress(bytesRead, outcome.rowsRead)
  return outcome
}

async function stage(client: pg.PoolClient, batch: { row: number; mapped: MappedRow }[]): Promise<void> {
  const column = <T>(pick: (row: MappedRow) => T) => batch.map((entry) => pick(entry.mapped))
  await client.query({
    ...stageRows,
    values: [
      batch.map((entry) => entry.row),
      column((row) => `\\x${Buffer.from(row.key, 'binary').toString('hex')}`),
      column((row) => row.reference),
      column((row) => row.category),
      column((row) => row.periodStart.toISOString()),
      column((row) => row.precision),
      column((row) => row.lon),
      column((row) => row.lat),
      column((row) => row.easting),
      column((row) => row.northing),
      column((row) => row.address),
      column((row) => row.description),
      column((row) => row.statedWard),
    ],
  })
}

/** Adds the staged rows' new points to locations (placed in their wards, with their H3 cells), then links the rows. */
async function placeStagedPoints(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ lon: number; lat: number }>(newPoints)
  for (let start = 0; start < rows.length; start += STAGE_BATCH_ROWS) {
    const points = rows.slice(start, start + STAGE_BATCH_ROWS)
    const cells = points.map((point) => containingCells(point.lat, point.lon))
    await client.query({
      ...insertLocations,
      values: [
        numberArrayLiteral(points.map((point) => point.lon)),
        numberArrayLiteral(points.map((point) => point.lat)),
        ...LOCATION_H3_RESOLUTIONS.map((_, res) => numberArrayLiteral(cells.map((cell) => cell[res]))),
      ],
    })
  }
  await client.query(setRowLocations)
}
