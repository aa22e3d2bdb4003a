import type pg from 'pg'
import { parser } from 'stream-json'
import { pick } from 'stream-json/filters/pick.js'
import { streamArray } from 'stream-json/streamers/stream-array.js'
import { loadQuery } from '../../../lib/sql-file.js'
import { MAX_REPORTED_ERRORS, type RowError } from '../police-uk/reader.js'
import { MAX_FIELD_CHARS } from '../police-uk/row.js'
import type { ParseOutcome } from '../run/summary.js'
import { INVALID_UTF8, openTextStream, unreadableReason, utf8Check, type ImportSource } from '../sources/import-source.js'
import { boundaryGeometryProblem } from './boundary-geometry.js'

const stageBoundaries = loadQuery(import.meta.url, 'stage-boundaries.sql')
const emptyBoundaries = loadQuery(import.meta.url, 'empty-boundaries.sql')
const upsertCouncils = loadQuery(import.meta.url, 'upsert-councils.sql')
const upsertWards = loadQuery(import.meta.url, 'upsert-wards.sql')
const rebuildWardParts = loadQuery(import.meta.url, 'rebuild-ward-parts.sql')
const reassignWards = loadQuery(import.meta.url, 'reassign-wards.sql')

interface BoundaryFeature {
  type?: string
  properties?: Record<string, unknown>
  geometry?: { type?: string; coordinates?: unknown } | null
}

function propertyText(properties: Record<string, unknown>, key: string): string | null {
  const value = properties[key]
  return typeof value === 'string' && value.trim() ? value.trim() : null
}

/**
 * Reads an ONS ward or council GeoJSON into a staging table in the file's transaction, checking every feature;
 * `commit` then upserts them (and, for wards, rebuilds ward_parts and moves points to their new wards).
 */
export async function importBoundaries(
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
