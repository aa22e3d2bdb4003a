import type pg from 'pg'
import Papa from 'papaparse'
import { latLngToCell } from 'h3-js'
import { parser } from 'stream-json'
import { pick } from 'stream-json/filters/pick.js'
import { streamArray } from 'stream-json/streamers/stream-array.js'
import { loadQuery } from '../../lib/sql-file.js'
import { identifyImportSource, ImportFileError, openTextStream, type ImportKind, type ImportSource } from './import-source.js'
import { POLICE_UK_REQUIRED_COLUMNS, validatePoliceUkRow, type PoliceUkIncident, type PoliceUkRecord, type RowResult } from './police-uk-row.js'

/** Incidents are indexed at H3 resolution 11 (~25 m across); every coarser cell is derived in SQL. */
export const STORED_H3_RESOLUTION = 11
const STAGING_BATCH_ROWS = 5000
/** Enough to show a user the pattern of what is wrong without keeping every error of a broken file. */
const MAX_REPORTED_ERRORS = 200

const stageIncidents = loadQuery(import.meta.url, 'stage-incidents.sql')
const insertStagedIncidents = loadQuery(import.meta.url, 'insert-staged-incidents.sql')
const reassignWards = loadQuery(import.meta.url, 'reassign-wards.sql')
const stageBoundaries = loadQuery(import.meta.url, 'stage-boundaries.sql')
const upsertWards = loadQuery(import.meta.url, 'upsert-wards.sql')
const rebuildWardParts = loadQuery(import.meta.url, 'rebuild-ward-parts.sql')
const upsertCouncils = loadQuery(import.meta.url, 'upsert-councils.sql')

export interface RowError {
  file: string
  /** The row as a spreadsheet shows the file: the header is row 1, the first record row 2. For GeoJSON, the feature number. */
  row: number
  reason: string
}

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

export interface ImportProgress {
  file: string
  fileIndex: number
  fileCount: number
  bytesRead: number
  bytesTotal: number
  rowsRead: number
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void
  /** Read a file again even when a committed batch has the same content hash. */
  force?: boolean
}

const KIND_ORDER: Record<ImportKind, number> = { 'council-geojson': 0, 'ward-geojson': 1, 'police-uk-csv': 2 }

/**
 * Imports any mix of police.uk CSVs and ONS boundary GeoJSON, each recognised by content. Boundaries go first so
 * incidents find their wards. Each file is one transaction: it lands whole or not at all.
 */
export async function importFiles(pool: pg.Pool, filePaths: string[], options: ImportOptions = {}): Promise<ImportSummary[]> {
  const summaries: ImportSummary[] = []
  const sources: ImportSource[] = []
  for (const filePath of filePaths) {
    try {
      sources.push(await identifyImportSource(filePath))
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error
      summaries.push(unreadable(filePath, error.message))
    }
  }
  sources.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind])
  const bytesTotal = sources.reduce((sum, source) => sum + source.sizeBytes, 0)
  let bytesBefore = 0
  for (const [index, source] of sources.entries()) {
    const progress = (bytesRead: number, rowsRead: number) =>
      options.onProgress?.({ file: source.name, fileIndex: index, fileCount: sources.length, bytesRead: bytesBefore + bytesRead, bytesTotal, rowsRead })
    summaries.push(await importSource(pool, source, progress, options.force ?? false))
    bytesBefore += source.sizeBytes
    progress(0, 0)
  }
  return summaries
}

function unreadable(file: string, message: string): ImportSummary {
  return { file, kind: null, status: 'rejected', batchId: null, rowsRead: 0, rowsAccepted: 0, rowsAdded: 0, rowsRejected: 0, errors: [], message }
}

async function importSource(
  pool: pg.Pool,
  source: ImportSource,
  progress: (bytesRead: number, rowsRead: number) => void,
  force: boolean,
): Promise<ImportSummary> {
  if (!force) {
    const previous = await pool.query<{ id: number }>(
      `SELECT id FROM import_batches WHERE content_hash = $1 AND status = 'committed' ORDER BY id LIMIT 1`,
      [source.contentHash],
    )
    if (previous.rowCount) {
      return {
        file: source.name, kind: source.kind, status: 'skipped', batchId: previous.rows[0].id,
        rowsRead: 0, rowsAccepted: 0, rowsAdded: 0, rowsRejected: 0, errors: [],
        message: `already imported as batch ${previous.rows[0].id}; nothing added`,
      }
    }
  }
  const startedAt = new Date()
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const outcome =
      source.kind === 'police-uk-csv'
        ? await importPoliceUkCsv(client, source, progress)
        : await importBoundaries(client, source, progress)
    if (outcome.errors.length > 0 || outcome.fatal) {
      await client.query('ROLLBACK')
      const message = outcome.fatal ?? `${outcome.rowsRejected} of ${outcome.rowsRead} rows rejected; nothing from this file was imported`
      const batchId = await recordBatch(client, source, 'rejected', startedAt, { ...outcome, rowsAccepted: 0, rowsAdded: 0 }, message)
      return { file: source.name, kind: source.kind, status: 'rejected', batchId, ...outcome, rowsAccepted: 0, rowsAdded: 0, message }
    }
    const batchId = await recordBatch(client, source, 'committed', startedAt, { ...outcome, rowsAdded: 0 }, null)
    const rowsAdded = await outcome.commit(batchId)
    await client.query('UPDATE import_batches SET rows_added = $2, finished_at = now() WHERE id = $1', [batchId, rowsAdded])
    await client.query('COMMIT')
    const message = `${rowsAdded} of ${outcome.rowsAccepted} rows added` + (rowsAdded < outcome.rowsAccepted ? ' (the rest were already imported)' : '')
    return { file: source.name, kind: source.kind, status: 'committed', batchId, ...outcome, rowsAdded, message }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
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
  /** Moves staged rows into place and returns how many were new. */
  commit(batchId: number): Promise<number>
}

async function recordBatch(
  client: pg.PoolClient,
  source: ImportSource,
  status: 'committed' | 'rejected',
  startedAt: Date,
  counts: { rowsRead: number; rowsAccepted: number; rowsAdded: number; rowsRejected: number; errors: RowError[] },
  message: string | null,
): Promise<number> {
  const errors = message && counts.errors.length === 0 ? [{ file: source.name, row: 0, reason: message }] : counts.errors
  const result = await client.query<{ id: number }>(
    `INSERT INTO import_batches (file_name, content_hash, kind, status, rows_read, rows_accepted, rows_added, rows_rejected, errors, started_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [source.name, source.contentHash, source.kind, status, counts.rowsRead, counts.rowsAccepted, counts.rowsAdded, counts.rowsRejected, JSON.stringify(errors), startedAt],
  )
  return result.rows[0].id
}

class StagingColumns {
  sourceKey: string[] = []
  crimeId: (string | null)[] = []
  month: string[] = []
  lon: number[] = []
  lat: number[] = []
  location: (string | null)[] = []
  lsoaCode: (string | null)[] = []
  category: string[] = []
  outcome: (string | null)[] = []
  h3: string[] = []

  get length(): number {
    return this.sourceKey.length
  }

  push(incident: PoliceUkIncident, sourceKey: string, h3: string): void {
    this.sourceKey.push(sourceKey)
    this.crimeId.push(incident.crimeId)
    this.month.push(incident.month)
    this.lon.push(incident.lon)
    this.lat.push(incident.lat)
    this.location.push(incident.location)
    this.lsoaCode.push(incident.lsoaCode)
    this.category.push(incident.category)
    this.outcome.push(incident.outcome)
    this.h3.push(h3)
  }

  values(): unknown[] {
    return [this.sourceKey, this.crimeId, this.month, this.lon, this.lat, this.location, this.lsoaCode, this.category, this.outcome, this.h3]
  }
}

/** h3-js is the slow step per row; police.uk rows share a few thousand map points, so cells are cached per point. */
function cellCache(): (lat: number, lon: number) => string {
  const cells = new Map<string, string>()
  return (lat, lon) => {
    const key = `${lat},${lon}`
    let cell = cells.get(key)
    if (cell === undefined) {
      cell = BigInt(`0x${latLngToCell(lat, lon, STORED_H3_RESOLUTION)}`).toString()
      cells.set(key, cell)
    }
    return cell
  }
}

async function importPoliceUkCsv(
  client: pg.PoolClient,
  source: ImportSource,
  progress: (bytesRead: number, rowsRead: number) => void,
): Promise<ParseOutcome> {
  await client.query(`CREATE TEMP TABLE staging_incidents (
    source_key text, crime_id text, month text, lon float8, lat float8, location_text text, lsoa_code text,
    category text, outcome text, h3 bigint) ON COMMIT DROP`)
  let bytesRead = 0
  const csv = openTextStream(
    source.path,
    source.gzip,
    (bytes) => (bytesRead += bytes),
    // Papa Parse reads these files about 2.5× faster than csv-parse, which matters at 270k rows a load.
    Papa.parse(Papa.NODE_STREAM_INPUT, { header: true, skipEmptyLines: true }),
  )
  const errors: RowError[] = []
  let rowsRead = 0
  let rowsRejected = 0
  let fatal: string | undefined
  const ordinals = new Map<string, number>()
  const h3For = cellCache()
  let columns = new StagingColumns()
  const flush = async () => {
    if (columns.length === 0) return
    await client.query({ ...stageIncidents, values: columns.values() })
    columns = new StagingColumns()
  }
  try {
    for await (const record of csv as AsyncIterable<PoliceUkRecord & { __parsed_extra?: string[] }>) {
      if (rowsRead === 0) {
        const missing = POLICE_UK_REQUIRED_COLUMNS.filter((column) => !(column in record))
        if (missing.length > 0) {
          fatal = `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`
          break
        }
      }
      rowsRead++
      const result: RowResult = record.__parsed_extra
        ? { ok: false, reason: `has ${record.__parsed_extra.length} more field(s) than the header` }
        : validatePoliceUkRow(record)
      if (!result.ok) {
        rowsRejected++
        if (errors.length < MAX_REPORTED_ERRORS) errors.push({ file: source.name, row: rowsRead + 1, reason: result.reason })
        continue
      }
      // Once a row is bad the file will not land; keep reading only to report every bad row.
      if (rowsRejected > 0) continue
      const { incident } = result
      const ordinal = (ordinals.get(incident.identity) ?? 0) + 1
      ordinals.set(incident.identity, ordinal)
      columns.push(incident, `${incident.identity}:${ordinal}`, h3For(incident.lat, incident.lon))
      if (columns.length >= STAGING_BATCH_ROWS) {
        await flush()
        progress(bytesRead, rowsRead)
      }
    }
    if (!fatal && rowsRejected === 0) await flush()
  } catch (error) {
    const readError = error as Error & { code?: string }
    if (readError.code?.startsWith('Z_') || /unexpected end of file/i.test(readError.message)) {
      fatal = `cannot be read: ${readError.message}`
    } else {
      throw error
    }
  }
  progress(bytesRead, rowsRead)
  return {
    rowsRead,
    rowsAccepted: rowsRead - rowsRejected,
    rowsRejected,
    errors,
    fatal,
    commit: async (batchId) => (await client.query({ ...insertStagedIncidents, values: [batchId] })).rowCount ?? 0,
  }
}

interface BoundaryFeature {
  type?: string
  properties?: Record<string, unknown>
  geometry?: { type?: string } | null
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
      if (!code) reject(`feature ${rowsRead}: ${set}CD is missing`)
      else if (!/^[EWSN]\d{8}$/.test(code)) reject(`feature ${rowsRead}: ${set}CD '${code}' is not an ONS code`)
      else if (seen.has(code)) reject(`feature ${rowsRead}: ${code} appears twice`)
      else if (!name) reject(`feature ${rowsRead}: ${set}NM is missing`)
      else if (!councilCode || !councilName) reject(`feature ${rowsRead}: ${councilSet}CD or ${councilSet}NM is missing`)
      else if (geometryType !== 'Polygon' && geometryType !== 'MultiPolygon') reject(`feature ${rowsRead}: geometry is ${geometryType ?? 'missing'}, not a polygon`)
      else {
        seen.add(code)
        ;[code, name, councilCode, councilName, JSON.stringify(value.geometry)].forEach((field, index) => staged[index].push(field))
      }
    }
  } catch (error) {
    fatal = `not valid GeoJSON: ${(error as Error).message}`
  }
  progress(bytesRead, rowsRead)
  const rowsRejected = rowsRead - staged[0].length
  if (!fatal && rowsRead === 0) fatal = 'has no features'
  if (!fatal && rowsRejected === 0) {
    try {
      await client.query({ ...stageBoundaries, values: staged })
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
