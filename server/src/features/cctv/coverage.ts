import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'
import type { CameraType } from './camera-types.js'

const coverageQuery = loadQuery(import.meta.url, 'coverage.sql')
const coverageCamerasQuery = loadQuery(import.meta.url, 'coverage-cameras.sql')
const coverageWardsQuery = loadQuery(import.meta.url, 'coverage-wards.sql')

export interface CoverageFilter {
  /** Month bounds as instants (count-bounds.ts monthBounds); both null: the whole period. */
  start: Date | null
  end: Date | null
  categoryIds: number[] | null
  /** Only map points in these wards (null: every point). */
  wards: string[] | null
}

export interface WardCoverage {
  wardCode: string | null
  incidents: number
  coveredIncidents: number
  harm: number
  coveredHarm: number
}

export interface CameraCoverage {
  id: number
  incidents: number
  harm: number
  onlyIncidents: number
  onlyHarm: number
}

export interface WorkingCamera {
  id: number
  reference: string
  name: string
  type: CameraType
  wardCode: string | null
  illustrative: boolean
  anyAssumed: boolean
}

export interface CoverageRows {
  wards: WardCoverage[]
  cameras: CameraCoverage[]
  working: WorkingCamera[]
  wardNames: Map<string, { name: string; councilName: string }>
}

/** coverage.sql and what it needs beside it: the working cameras and the wards' names. */
export async function readCoverage(pool: pg.Pool, filter: CoverageFilter): Promise<CoverageRows> {
  const [coverage, working, wards] = await Promise.all([
    pool.query({ ...coverageQuery, values: [filter.start, filter.end, filter.categoryIds, filter.wards] }),
    pool.query({ ...coverageCamerasQuery }),
    pool.query({ ...coverageWardsQuery, values: [filter.wards] }),
  ])
  const row = coverage.rows[0]
  return {
    wards: row.wards.map((ward: Record<string, number & string>) => ({
      wardCode: ward.ward_code, incidents: ward.incidents, coveredIncidents: ward.covered_incidents, harm: ward.harm, coveredHarm: ward.covered_harm,
    })),
    cameras: row.cameras.map((camera: Record<string, number>) => ({
      id: camera.id, incidents: camera.incidents, harm: camera.harm, onlyIncidents: camera.only_incidents, onlyHarm: camera.only_harm,
    })),
    working: working.rows.map((camera) => ({
      id: camera.id, reference: camera.reference, name: camera.name, type: camera.type, wardCode: camera.ward_code, illustrative: camera.illustrative, anyAssumed: camera.any_assumed,
    })),
    wardNames: new Map(wards.rows.map((ward) => [ward.code, { name: ward.name, councilName: ward.council_name }])),
  }
}

/** A share, or null when there is nothing to take a share of. */
export const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null)
