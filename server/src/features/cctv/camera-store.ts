import type pg from 'pg'
import { conflict } from '../../lib/errors.js'
import { loadQuery } from '../../lib/sql-file.js'
import { CAMERA_TYPES, TYPE_VIEW_PARAMETERS, type CameraStatus, type CameraType } from './camera-types.js'
import type { CameraFields, TypeDefaultValues } from './camera-values.js'
import type { ActivityMonth, Camera, CameraDetail, CameraPosition, TypeDefault } from './schemas.js'

const camerasQuery = loadQuery(import.meta.url, 'cameras.sql')
const lockCameraQuery = loadQuery(import.meta.url, 'lock-camera.sql')
const insertCameraQuery = loadQuery(import.meta.url, 'insert-camera.sql')
const updateCameraQuery = loadQuery(import.meta.url, 'update-camera.sql')
const referenceTakenQuery = loadQuery(import.meta.url, 'reference-taken.sql')
const typeDefaultsQuery = loadQuery(import.meta.url, 'type-defaults.sql')
const positionsQuery = loadQuery(import.meta.url, 'positions.sql')
const activityQuery = loadQuery(import.meta.url, 'activity.sql')
const openPositionQuery = loadQuery(import.meta.url, 'open-position.sql')
const correctPositionQuery = loadQuery(import.meta.url, 'correct-position.sql')
const upsertActivityQuery = loadQuery(import.meta.url, 'upsert-activity.sql')

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

export interface CameraFilters {
  types?: CameraType[]
  statuses?: CameraStatus[]
  ward?: string
  owner?: string
  q?: string
  assumed?: boolean
  illustrative?: boolean
  geometry?: boolean
  limit?: number
  offset?: number
}

/** A row of cameras.sql or lock-camera.sql. */
interface CameraRow {
  id: number
  owner: string
  reference: string
  name: string
  location: string
  stated_ward: string | null
  type: CameraType
  status: CameraStatus
  mounting_height_m: number
  bearing_deg: number
  fov_deg: number
  range_m: number
  radius_m: number
  type_assumed: boolean
  height_assumed: boolean
  bearing_assumed: boolean
  fov_assumed: boolean
  range_assumed: boolean
  radius_assumed: boolean
  deployed_from: string | null
  deployed_until: string | null
  notes: string
  illustrative: boolean
  source: string
  lon: number
  lat: number
  version: number
}

interface ListedRow extends CameraRow {
  ward_code: string | null
  ward_name: string | null
  view_geometry: Camera['viewGeometry'] | null
  view_area_m2: number
  created_at: Date
  updated_at: Date
  updated_by: Camera['updatedBy']
  total: number
}

function fieldsOf(row: CameraRow): CameraFields {
  return {
    owner: row.owner,
    reference: row.reference,
    name: row.name,
    location: row.location,
    statedWard: row.stated_ward,
    type: row.type,
    status: row.status,
    view: { mountingHeightM: row.mounting_height_m, bearingDeg: row.bearing_deg, fovDeg: row.fov_deg, rangeM: row.range_m, radiusM: row.radius_m },
    assumed: {
      type: row.type_assumed,
      mountingHeightM: row.height_assumed,
      bearingDeg: row.bearing_assumed,
      fovDeg: row.fov_assumed,
      rangeM: row.range_assumed,
      radiusM: row.radius_assumed,
    },
    deployedFrom: row.deployed_from,
    deployedUntil: row.deployed_until,
    notes: row.notes,
    illustrative: row.illustrative,
    source: row.source,
    lon: row.lon,
    lat: row.lat,
  }
}

function toCamera(row: ListedRow): Camera {
  const fields = fieldsOf(row)
  return {
    id: row.id,
    owner: fields.owner,
    reference: fields.reference,
    name: fields.name,
    location: fields.location,
    statedWard: fields.statedWard,
    type: fields.type,
    status: fields.status,
    view: fields.view,
    assumed: fields.assumed,
    anyAssumed: fields.assumed.type || TYPE_VIEW_PARAMETERS[fields.type].some((parameter) => fields.assumed[parameter]),
    deployedFrom: fields.deployedFrom,
    deployedUntil: fields.deployedUntil,
    notes: fields.notes,
    illustrative: fields.illustrative,
    source: fields.source,
    position: { lon: row.lon, lat: row.lat },
    ward: row.ward_code && row.ward_name ? { code: row.ward_code, name: row.ward_name } : null,
    viewGeometry: row.view_geometry ?? null,
    viewAreaM2: row.view_area_m2,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
  }
}

export async function listCameras(db: Queryable, filters: CameraFilters): Promise<{ items: Camera[]; total: number }> {
  const { rows } = await db.query<ListedRow>({
    ...camerasQuery,
    values: [
      null,
      filters.types ?? null,
      filters.statuses ?? null,
      filters.ward ?? null,
      filters.owner ?? null,
      filters.q?.trim() || null,
      filters.assumed ?? null,
      filters.illustrative ?? null,
      filters.geometry ?? true,
      filters.limit ?? 1000,
      filters.offset ?? 0,
    ],
  })
  return { items: rows.map(toCamera), total: rows[0]?.total ?? 0 }
}

/** One camera with its position history and activity; null when there is none with the id. */
export async function getCamera(db: Queryable, id: number): Promise<CameraDetail | null> {
  const { rows } = await db.query<ListedRow>({ ...camerasQuery, values: [id, null, null, null, null, null, null, null, true, 1, 0] })
  if (rows.length === 0) return null
  const [positions, activity] = [
    (await db.query({ ...positionsQuery, values: [id] })).rows,
    (await db.query({ ...activityQuery, values: [id] })).rows,
  ]
  return {
    ...toCamera(rows[0]),
    positions: positions.map(
      (row): CameraPosition => ({
        id: row.id,
        position: { lon: row.lon, lat: row.lat },
        bearingDeg: row.bearing_deg,
        location: row.location,
        fromDate: row.from_date,
        untilDate: row.until_date,
        reason: row.reason,
      }),
    ),
    activity: activity.map(
      (row): ActivityMonth => ({ month: row.month, incidentsSpotted: row.incidents_spotted, assistedArrests: row.assisted_arrests, footageRequests: row.footage_requests }),
    ),
  }
}

export interface LockedCamera {
  id: number
  version: number
  fields: CameraFields
}

export async function lockCamera(client: pg.PoolClient, id: number): Promise<LockedCamera | null> {
  const { rows } = await client.query<CameraRow>({ ...lockCameraQuery, values: [id] })
  return rows.length === 0 ? null : { id: rows[0].id, version: rows[0].version, fields: fieldsOf(rows[0]) }
}

function fieldValues(fields: CameraFields): unknown[] {
  return [
    fields.owner, fields.reference, fields.name, fields.location, fields.statedWard, fields.type, fields.status,
    fields.view.mountingHeightM, fields.view.bearingDeg, fields.view.fovDeg, fields.view.rangeM, fields.view.radiusM,
    fields.assumed.type, fields.assumed.mountingHeightM, fields.assumed.bearingDeg, fields.assumed.fovDeg, fields.assumed.rangeM, fields.assumed.radiusM,
    fields.deployedFrom, fields.deployedUntil, fields.notes, fields.illustrative,
  ]
}

/** The new camera's id; null when the register already holds the owner's reference (nothing written). */
export async function insertCamera(client: Queryable, fields: CameraFields, userId: number | null): Promise<number | null> {
  const { rows } = await client.query<{ id: number }>({ ...insertCameraQuery, values: [...fieldValues(fields), fields.source, fields.lon, fields.lat, userId] })
  return rows[0]?.id ?? null
}

/** Writes the fields, one version on; the position only when `moved`. */
export async function updateCamera(client: pg.PoolClient, id: number, fields: CameraFields, moved: boolean, userId: number): Promise<void> {
  await client.query({ ...updateCameraQuery, values: [id, ...fieldValues(fields), moved ? fields.lon : null, moved ? fields.lat : null, userId] })
}

/** 409 when another camera of the owner has the reference: a register holds each camera once. */
export async function checkReference(db: Queryable, owner: string, reference: string, exceptId: number | null): Promise<void> {
  const { rows } = await db.query<{ id: number }>({ ...referenceTakenQuery, values: [owner, reference, exceptId] })
  if (rows.length > 0) throw conflict(`reference: ${owner} already has a camera ${reference} (camera ${rows[0].id})`)
}

export async function readTypeDefaults(db: Queryable): Promise<{ items: TypeDefault[]; values: TypeDefaultValues; buildings: number }> {
  const { rows } = await db.query({ ...typeDefaultsQuery })
  const items: TypeDefault[] = rows.map((row) => ({
    type: row.type,
    mountingHeightM: row.mounting_height_m,
    bearingDeg: row.bearing_deg,
    fovDeg: row.fov_deg,
    rangeM: row.range_m,
    radiusM: row.radius_m,
    basis: row.basis,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
    assumedCameras: row.assumed_cameras,
  }))
  const values = Object.fromEntries(
    CAMERA_TYPES.map((type) => {
      const item = items.find((each) => each.type === type)!
      return [type, { mountingHeightM: item.mountingHeightM, bearingDeg: item.bearingDeg, fovDeg: item.fovDeg, rangeM: item.rangeM, radiusM: item.radiusM }]
    }),
  ) as TypeDefaultValues
  return { items, values, buildings: rows[0]?.buildings ?? 0 }
}

/** A redeployable's new position from `date`, closing the one before. */
export async function openPosition(
  client: Queryable,
  cameraId: number,
  userId: number | null,
  position: { date: string; lon: number; lat: number; bearingDeg: number; location: string; reason: string },
): Promise<void> {
  await client.query({ ...openPositionQuery, values: [cameraId, userId, position.date, position.lon, position.lat, position.bearingDeg, position.location, position.reason] })
}

export async function correctPosition(client: Queryable, cameraId: number, lon: number, lat: number, bearingDeg: number): Promise<void> {
  await client.query({ ...correctPositionQuery, values: [cameraId, lon, lat, bearingDeg] })
}

export interface ActivityWrite {
  added: boolean
  changed: boolean
  before: { incidents_spotted: number; assisted_arrests: number; footage_requests: number } | null
}

export async function upsertActivity(
  client: Queryable,
  cameraId: number,
  month: string,
  figures: { incidentsSpotted: number; assistedArrests: number; footageRequests: number },
  userId: number | null,
): Promise<ActivityWrite> {
  const { rows } = await client.query<ActivityWrite>({
    ...upsertActivityQuery,
    values: [cameraId, `${month}-01`, figures.incidentsSpotted, figures.assistedArrests, figures.footageRequests, userId],
  })
  return rows[0]
}
