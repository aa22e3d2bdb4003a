/**
 * The CCTV page's exports: each table as CSV (one row per line, every figure in a column named in words) and as
 * GeoJSON (WGS84 points or view polygons, the same figures as properties), for GIS and for partners' reports.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import { csvField } from '../../shared/format'
import type { Camera, CoverageAnswer, GapsAnswer, PlacementAnswer } from './cctv-api'
import { CAMERA_STATUS_LABELS, CAMERA_TYPE_LABELS, COVERAGE_CAVEAT } from './cctv-api'
import { assumedParameters } from './cctv-words'

type Cell = string | number | null

export function toCsv(columns: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [columns, ...rows].map((row) => row.map((value) => csvField(value ?? '')).join(',')).join('\r\n') + '\r\n'
}

export function toGeoJson(features: Feature<Geometry | null>[]): string {
  const collection: FeatureCollection<Geometry | null> = { type: 'FeatureCollection', features }
  return `${JSON.stringify(collection)}\n`
}

const share = (value: number | null) => (value === null ? '' : Number((value * 100).toFixed(1)))
const round1 = (value: number) => Number(value.toFixed(1))
const point = (lon: number, lat: number): Geometry => ({ type: 'Point', coordinates: [lon, lat] })

export interface Export {
  csv: string
  geojson: string
}

export const CAMERA_COLUMNS = [
  'Camera id',
  'Reference',
  'Name',
  'Owner',
  'Type',
  'Status',
  'Location',
  'Ward',
  'Longitude',
  'Latitude',
  'Bearing (degrees)',
  'Field of view (degrees)',
  'Range (m)',
  'Radius (m)',
  'Mounting height (m)',
  'Assumed values',
  'Illustrative',
  'View area (m²)',
] as const

export function camerasExport(cameras: readonly Camera[]): Export {
  const rows = cameras.map((camera) => [
    camera.id,
    camera.reference,
    camera.name,
    camera.owner,
    CAMERA_TYPE_LABELS[camera.type],
    CAMERA_STATUS_LABELS[camera.status],
    camera.location,
    camera.ward?.name ?? '',
    camera.position.lon,
    camera.position.lat,
    camera.view.bearingDeg,
    camera.view.fovDeg,
    camera.view.rangeM,
    camera.view.radiusM,
    camera.view.mountingHeightM,
    assumedParameters(camera).join(' '),
    camera.illustrative ? 'yes' : 'no',
    Math.round(camera.viewAreaM2),
  ])
  // Two features a camera would double every count in a GIS: the camera is the point, its view a property-sharing polygon.
  const features: Feature[] = cameras.flatMap((camera, row) => {
    const properties = Object.fromEntries(CAMERA_COLUMNS.map((column, index) => [column, rows[row][index]]))
    const out: Feature[] = [{ type: 'Feature', geometry: point(camera.position.lon, camera.position.lat), properties: { ...properties, feature: 'camera' } }]
    if (camera.viewGeometry) out.push({ type: 'Feature', geometry: camera.viewGeometry as Geometry, properties: { ...properties, feature: 'view' } })
    return out
  })
  return { csv: toCsv(CAMERA_COLUMNS, rows), geojson: toGeoJson(features) }
}

export const WARD_COLUMNS = [
  'Ward code',
  'Ward',
  'Council',
  'Working cameras',
  'Incidents',
  'Incidents in view',
  'Incidents in view (%)',
  'Harm',
  'Harm in view',
  'Harm in view (%)',
  'Caveat',
] as const

/** Coverage per ward; GeoJSON features carry no geometry (the ward shapes are the boundary files'): joined by code. */
export function wardCoverageExport(coverage: CoverageAnswer): Export {
  const rows = coverage.wards.map((ward) => [
    ward.code,
    ward.name,
    ward.councilName,
    ward.cameras,
    ward.incidents,
    ward.coveredIncidents,
    share(ward.incidentShare),
    round1(ward.harm),
    round1(ward.coveredHarm),
    share(ward.harmShare),
    COVERAGE_CAVEAT,
  ])
  const features: Feature<null>[] = rows.map((row) => ({ type: 'Feature', geometry: null, properties: Object.fromEntries(WARD_COLUMNS.map((column, index) => [column, row[index]])) }))
  return { csv: toCsv(WARD_COLUMNS, rows), geojson: toGeoJson(features) }
}

export const GAP_COLUMNS = ['Kind', 'Rank', 'Name or H3 cell', 'Hot spot class', 'Ward', 'Longitude', 'Latitude', 'Incidents', 'Harm', 'Incidents outside every view', 'Harm outside every view', 'Caveat'] as const

/** The gap list: hot cells and problem locations, each ranked by harm outside every working camera's view. */
export function gapsExport(gaps: GapsAnswer): Export {
  const rows: Cell[][] = [
    ...gaps.cells.map((cell) => ['hot cell', cell.rank, cell.h3, cell.class, '', cell.centre.lon, cell.centre.lat, cell.incidents, round1(cell.harm), cell.uncoveredIncidents, round1(cell.uncoveredHarm), COVERAGE_CAVEAT]),
    ...gaps.locations.map((location) => [
      'problem location',
      location.rank,
      location.name,
      '',
      location.ward?.name ?? '',
      location.centre.lon,
      location.centre.lat,
      location.incidents,
      round1(location.harm),
      location.uncoveredIncidents,
      round1(location.uncoveredHarm),
      COVERAGE_CAVEAT,
    ]),
  ]
  const features: Feature[] = rows.map((row) => ({ type: 'Feature', geometry: point(row[5] as number, row[6] as number), properties: Object.fromEntries(GAP_COLUMNS.map((column, index) => [column, row[index]])) }))
  return { csv: toCsv(GAP_COLUMNS, rows), geojson: toGeoJson(features) }
}

export const PLACEMENT_COLUMNS = ['Pick', 'Site', 'Longitude', 'Latitude', 'Harm newly covered', 'Incidents newly covered', 'Harm covered after', 'Harm covered after (%)', 'Range (m)', 'Caveat'] as const

export function placementExport(answer: PlacementAnswer): Export {
  const rows = answer.picks.map((pick) => [
    pick.rank,
    pick.site.label ?? '',
    pick.site.lon,
    pick.site.lat,
    round1(pick.gainHarm),
    pick.gainIncidents,
    round1(pick.coveredHarmAfter),
    share(pick.harmShareAfter),
    answer.rangeM,
    COVERAGE_CAVEAT,
  ])
  const features: Feature[] = rows.map((row) => ({ type: 'Feature', geometry: point(row[2] as number, row[3] as number), properties: Object.fromEntries(PLACEMENT_COLUMNS.map((column, index) => [column, row[index]])) }))
  return { csv: toCsv(PLACEMENT_COLUMNS, rows), geojson: toGeoJson(features) }
}

/** "patrolmap-cctv-gaps-2026-12-02.csv". */
export function exportFileName(what: string, today: string, format: 'csv' | 'geojson'): string {
  return `patrolmap-cctv-${what}-${today}.${format}`
}
