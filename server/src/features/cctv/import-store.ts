import type pg from 'pg'
import { withTransaction } from '../../lib/transaction.js'
import { recordAudit, type AuditEntry } from '../audit/audit-log.js'
import { londonToday } from '../tasks/visit-store.js'
import { MOVABLE_TYPES, VIEW_PARAMETERS, type CameraType } from './camera-types.js'
import { newView, type CameraFields } from './camera-values.js'
import { insertCamera, openPosition, readTypeDefaults, upsertActivity } from './camera-store.js'
import { loadQuery } from '../../lib/sql-file.js'
import { readActivityFile, readRegisterFile } from './register-file.js'
import type { BuildingsResult, ImportResult, RowRejection } from './schemas.js'

const camerasByReferenceQuery = loadQuery(import.meta.url, 'cameras-by-reference.sql')
const replaceBuildingsQuery = loadQuery(import.meta.url, 'replace-buildings.sql')
const checkFootprintsQuery = loadQuery(import.meta.url, 'check-footprints.sql')

/** Rejections listed in an answer: enough to fix a file by, not a second copy of a broken one. */
const MAX_LISTED_ERRORS = 500

export interface ImportActor {
  actor: AuditEntry['actor']
  ip: string | null
}

function rejected(result: Omit<ImportResult, 'status' | 'message' | 'rowsAdded' | 'rowsUpdated' | 'rowsAlreadyHeld' | 'assumed'>, fatal: string | null): ImportResult {
  const message = fatal ?? `${result.rowsRejected} of ${result.rowsRead} rows rejected; nothing from this file was imported`
  return { ...result, errors: result.errors.slice(0, MAX_LISTED_ERRORS), status: 'rejected', rowsAdded: 0, rowsUpdated: 0, rowsAlreadyHeld: 0, assumed: {}, message }
}

async function auditImport(db: Pick<pg.Pool, 'query'>, who: ImportActor, kind: string, result: ImportResult | BuildingsResult): Promise<void> {
  const { errors, ...figures } = result
  await recordAudit(db, {
    actor: who.actor,
    action: 'cctv.import',
    target: `file:${result.fileName}`,
    ip: who.ip,
    details: { kind, ...figures, firstErrors: errors.slice(0, 5) },
  })
}

/**
 * A camera register file in one transaction: every row is checked first, and one bad row rejects the file (nothing
 * stored, every bad row named with its number). A camera the register holds already (the same owner and reference)
 * is left as it is, so a file imported twice adds nothing the second time and an analyst's edits are never
 * overwritten. Values the file leaves out come from the type defaults, flagged assumed.
 */
export async function importRegister(
  pool: pg.Pool,
  file: { fileName: string; content: string; owner: string; defaultType: CameraType; illustrative: boolean },
  who: ImportActor,
): Promise<ImportResult> {
  const read = readRegisterFile(file.content, file.owner)
  const base = { fileName: file.fileName, format: read.format, rowsRead: read.rowsRead, rowsRejected: read.errors.length, errors: read.errors }
  if (read.fatal || read.errors.length > 0) {
    const result = rejected(base, read.fatal)
    await auditImport(pool, who, 'register', result)
    return result
  }
  return withTransaction(pool, async (client) => {
    const defaults = (await readTypeDefaults(client)).values
    const today = await londonToday(client)
    const assumed: Record<string, number> = Object.fromEntries(['type', ...VIEW_PARAMETERS].map((name) => [name, 0]))
    let added = 0
    for (const row of read.rows) {
      const type = row.type ?? file.defaultType
      const { view, assumed: flags } = newView(type, row.given, defaults)
      const fields: CameraFields = {
        owner: row.owner ?? file.owner,
        reference: row.reference,
        name: row.name,
        location: row.location,
        statedWard: row.statedWard,
        type,
        status: row.status,
        view,
        assumed: { type: row.type === null, ...flags },
        deployedFrom: row.deployedFrom,
        deployedUntil: row.deployedUntil,
        notes: row.notes,
        illustrative: file.illustrative,
        source: file.fileName,
        lon: row.lon,
        lat: row.lat,
      }
      const id = await insertCamera(client, fields, who.actor?.id ?? null)
      if (id === null) continue
      added += 1
      for (const [name, value] of Object.entries(fields.assumed)) if (value) assumed[name] += 1
      if (MOVABLE_TYPES.includes(type)) {
        await openPosition(client, id, who.actor?.id ?? null, { date: row.deployedFrom ?? today, lon: row.lon, lat: row.lat, bearingDeg: view.bearingDeg, location: row.location, reason: `imported from ${file.fileName}` })
      }
    }
    const held = read.rows.length - added
    const result: ImportResult = {
      ...base,
      status: 'committed',
      rowsAdded: added,
      rowsUpdated: 0,
      rowsAlreadyHeld: held,
      assumed,
      message: `${added} camera${added === 1 ? '' : 's'} added${held > 0 ? `; ${held} already in the register, left as they are` : ''}`,
    }
    await auditImport(client, who, 'register', result)
    return result
  })
}

/**
 * A camera activity CSV in one transaction. Each row names a camera by reference (and owner, where references repeat
 * across owners): a camera the register does not hold, or cannot tell apart, rejects the row, and any rejected row
 * the file. A camera-month held already with the same figures is left; with others, its figures are replaced
 * (a corrected return), counted as updated.
 */
export async function importActivity(pool: pg.Pool, file: { fileName: string; content: string; owner: string | null }, who: ImportActor): Promise<ImportResult> {
  const read = readActivityFile(file.content)
  const base = { fileName: file.fileName, format: 'csv' as const, rowsRead: read.rowsRead, rowsRejected: read.errors.length, errors: read.errors }
  if (read.fatal || read.errors.length > 0) {
    const result = rejected(base, read.fatal)
    await auditImport(pool, who, 'activity', result)
    return result
  }
  const outcome = await withTransaction(pool, async (client): Promise<ImportResult> => {
    const cameras = (await client.query<{ id: number; owner: string; reference: string }>({ ...camerasByReferenceQuery, values: [[...new Set(read.rows.map((row) => row.reference))]] })).rows
    const errors: RowRejection[] = []
    const matched = read.rows.map((row) => {
      const owner = row.owner ?? file.owner
      const found = cameras.filter((camera) => camera.reference === row.reference && (owner === null || camera.owner.toLowerCase() === owner.toLowerCase()))
      if (found.length === 0) errors.push({ row: row.row, reason: `no camera ${row.reference}${owner ? ` of ${owner}` : ''} in the register` })
      if (found.length > 1) errors.push({ row: row.row, reason: `${found.length} cameras have the reference ${row.reference} (owners ${found.map((each) => each.owner).join(', ')}): name the owner` })
      return { row, cameraId: found.length === 1 ? found[0].id : null }
    })
    if (errors.length > 0) return rejected({ ...base, rowsRejected: errors.length, errors }, null)
    let added = 0
    let updated = 0
    const seen = new Set<string>()
    for (const { row, cameraId } of matched) {
      const key = `${cameraId}:${row.month}`
      if (seen.has(key)) {
        errors.push({ row: row.row, reason: `camera ${row.reference} in ${row.month} appears twice in the file` })
        continue
      }
      seen.add(key)
      const write = await upsertActivity(client, cameraId!, row.month, row, who.actor?.id ?? null)
      if (write.added) added += 1
      else if (write.changed) updated += 1
    }
    if (errors.length > 0) throw Object.assign(new Error('repeated camera-months'), { rejection: rejected({ ...base, rowsRejected: errors.length, errors }, null) })
    const held = matched.length - added - updated
    const result: ImportResult = {
      ...base,
      status: 'committed',
      rowsAdded: added,
      rowsUpdated: updated,
      rowsAlreadyHeld: held,
      assumed: {},
      message: `${added} camera-month${added === 1 ? '' : 's'} added, ${updated} updated, ${held} already held as they are`,
    }
    await auditImport(client, who, 'activity', result)
    return result
  }).catch((error: Error & { rejection?: ImportResult }) => {
    if (error.rejection) return error.rejection
    throw error
  })
  if (outcome.status === 'rejected') await auditImport(pool, who, 'activity', outcome)
  return outcome
}

/**
 * Building footprints (GeoJSON Polygon or MultiPolygon features) replacing the layer in one transaction: a feature
 * that is not a valid polygon rejects the file, named by its number. Every camera's view is redrawn by the
 * database (camera_buildings' statement trigger) in the same transaction.
 */
export async function importBuildings(pool: pg.Pool, file: { fileName: string; content: string }, who: ImportActor): Promise<BuildingsResult> {
  const errors: RowRejection[] = []
  const polygons: { row: number; text: string }[] = []
  let featuresRead = 0
  let fatal: string | null = null
  try {
    const parsed = JSON.parse(file.content) as { type?: unknown; features?: unknown }
    if (parsed?.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) fatal = 'not a GeoJSON FeatureCollection'
    else {
      featuresRead = parsed.features.length
      parsed.features.forEach((feature: { geometry?: { type?: unknown; coordinates?: unknown } }, index) => {
        const geometry = feature?.geometry
        const coordinates = geometry?.coordinates
        const ringsOk = (rings: unknown) =>
          Array.isArray(rings) && rings.length > 0 && rings.every((ring) => Array.isArray(ring) && ring.length >= 4 && ring.every((p) => Array.isArray(p) && p.length >= 2 && p.slice(0, 2).every((v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 180)))
        if (geometry?.type === 'Polygon' && ringsOk(coordinates)) polygons.push({ row: index + 1, text: JSON.stringify({ type: 'Polygon', coordinates }) })
        else if (geometry?.type === 'MultiPolygon' && Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every(ringsOk)) {
          for (const part of coordinates) polygons.push({ row: index + 1, text: JSON.stringify({ type: 'Polygon', coordinates: part }) })
        } else errors.push({ row: index + 1, reason: 'the geometry is not a Polygon or MultiPolygon with closed rings of four or more positions' })
      })
    }
  } catch (error) {
    fatal = `not JSON: ${(error as Error).message}`
  }
  if (!fatal && errors.length === 0 && polygons.length > 0) {
    const checks = (await pool.query<{ position: number; problem: string | null }>({ ...checkFootprintsQuery, values: [polygons.map((polygon) => polygon.text)] })).rows
    for (const check of checks) if (check.problem) errors.push({ row: polygons[check.position - 1].row, reason: `not a valid polygon: ${check.problem}` })
  }
  const base = { fileName: file.fileName, featuresRead, errors: errors.slice(0, MAX_LISTED_ERRORS), rowsRejected: errors.length }
  if (fatal || errors.length > 0) {
    const result: BuildingsResult = { ...base, status: 'rejected', footprints: 0, message: fatal ?? `${errors.length} of ${featuresRead} features rejected; the building layer is unchanged` }
    await auditImport(pool, who, 'buildings', result)
    return result
  }
  return withTransaction(pool, async (client) => {
    await client.query({ ...replaceBuildingsQuery, values: [polygons.map((polygon) => polygon.text)] })
    const result: BuildingsResult = { ...base, status: 'committed', footprints: polygons.length, message: `${polygons.length} footprints now block camera views` }
    await auditImport(client, who, 'buildings', result)
    return result
  })
}
