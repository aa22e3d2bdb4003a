/**
 * The CCTV API (server/src/features/cctv, issue 14): the answers' shapes and the register's names (types, statuses,
 * view parameters, caveats) are the server's own, so the client offers exactly what the server accepts.
 */
import { queryString } from '../../shared/api'
import type { CameraStatus, CameraType } from '../../../../server/src/features/cctv/camera-types'

export type {
  ActivityEntry,
  ActivityMonth,
  ActivityTotals,
  BuildingsResult,
  AssumedFlags,
  Camera,
  CameraChange,
  CameraConflict,
  CameraDetail,
  CameraList,
  CameraMove,
  CameraRedeploy,
  CameraRetire,
  CoverageAnswer,
  GapCell,
  GapLocation,
  GapsAnswer,
  ImportResult,
  NewCamera,
  PlacementAnswer,
  PlacementRequest,
  TypeDefault,
  TypeDefaultChange,
  TypeDefaults,
} from '../../../../server/src/features/cctv/schemas'
export {
  ASSUMED_CAVEAT,
  CAMERA_STATUS_LABELS,
  CAMERA_STATUSES,
  CAMERA_TYPE_LABELS,
  CAMERA_TYPES,
  COVERAGE_CAVEAT,
  MOVABLE_TYPES,
  PLACEMENT_CAVEAT,
  TYPE_VIEW_PARAMETERS,
  VIEW_PARAMETER_LABELS,
  VIEW_PARAMETERS,
  type CameraStatus,
  type CameraType,
  type ViewParameter,
} from '../../../../server/src/features/cctv/camera-types'

export const CCTV_URL = '/api/cctv'
export const CAMERAS_URL = `${CCTV_URL}/cameras`
export const DEFAULTS_URL = `${CCTV_URL}/defaults`
export const PLACEMENT_URL = `${CCTV_URL}/placement`
export const REGISTER_IMPORT_URL = `${CCTV_URL}/import`
export const BUILDINGS_URL = `${CCTV_URL}/buildings`
export const ACTIVITY_IMPORT_URL = `${CCTV_URL}/activity/import`

export interface CameraFilters {
  types: readonly CameraType[]
  statuses: readonly CameraStatus[]
  owner: string
  q: string
  /** null: both real and illustrative cameras. */
  illustrative: boolean | null
  /** true: only cameras with a view value (or type) taken from the type's defaults. */
  assumed: boolean
}

export const NO_FILTERS: CameraFilters = { types: [], statuses: [], owner: '', q: '', illustrative: null, assumed: false }

export function cameraListUrl(filters: CameraFilters): string {
  return `${CAMERAS_URL}${queryString([
    ['type', filters.types.join(',')],
    ['status', filters.statuses.join(',')],
    ['owner', filters.owner.trim()],
    ['q', filters.q.trim()],
    ['illustrative', filters.illustrative === null ? null : String(filters.illustrative)],
    ['assumed', filters.assumed ? 'true' : null],
  ])}`
}

export const cameraUrl = (id: number) => `${CAMERAS_URL}/${id}`
export const cameraMoveUrl = (id: number) => `${CAMERAS_URL}/${id}/move`
export const cameraRetireUrl = (id: number) => `${CAMERAS_URL}/${id}/retire`
export const cameraRedeployUrl = (id: number) => `${CAMERAS_URL}/${id}/redeploy`
export const cameraActivityUrl = (id: number, month: string) => `${CAMERAS_URL}/${id}/activity/${month}`

/** The period and categories the coverage figures count (none: the server's default, every month held). */
export interface CoveragePeriod {
  from: string
  to: string
  /** One category, or none ('' or absent): every category. */
  category?: string
}

function periodEntries(period: CoveragePeriod): [string, string | null][] {
  return [
    ['from', period.from || null],
    ['to', period.to || null],
    ['categories', period.category || null],
  ]
}

export const coverageUrl = (period: CoveragePeriod) => `${CCTV_URL}/coverage${queryString(periodEntries(period))}`
export const gapsUrl = (period: CoveragePeriod) => `${CCTV_URL}/gaps${queryString(periodEntries(period))}`
export const activityTotalsUrl = (period: CoveragePeriod) => `${CCTV_URL}/activity${queryString(periodEntries(period))}`

/** A query key of the CCTV API: after any camera write, every CCTV answer on screen is asked for again. */
export function isCctvQueryKey(key: readonly unknown[]): boolean {
  return typeof key[0] === 'string' && key[0].startsWith(CCTV_URL)
}
