import { gridDisk, polygonToCells } from 'h3-js'
import type { MultiPolygon, Polygon } from 'geojson'
import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'

const councilGeometries = loadQuery(import.meta.url, 'council-geometries.sql')
const councilDigests = loadQuery(import.meta.url, 'council-digests.sql')

/** Every cell of a resolution whose centre lies inside the chosen councils, with its gridDisk neighbours. */
export interface StudyArea {
  cells: string[]
  indexOf: Map<string, number>
  /** Neighbours within grid distance k, as indices into `cells`, excluding the cell itself; cells outside the area are not neighbours. */
  neighbours: Int32Array[]
}

/**
 * The study area as other tools define it (centre-in-polygon, `polygonToCells`), empty cells included, so Gi*
 * results compare with theirs. Building it takes tens of milliseconds, so areas are cached until an outline changes.
 */
export class StudyAreas {
  private cache = new Map<string, { digest: string; area: StudyArea }>()

  async get(pool: pg.Pool, councils: string[] | null, res: number, k: number): Promise<StudyArea> {
    const digests = (await pool.query({ ...councilDigests, values: [councils] })).rows
    const key = `${digests.map((row) => row.code).join(',')}|${res}|${k}`
    const digest = digests.map((row) => row.digest).join(',')
    const cached = this.cache.get(key)
    if (cached && cached.digest === digest) return cached.area
    const rows = (await pool.query({ ...councilGeometries, values: [councils] })).rows
    const area = buildStudyArea(rows.map((row) => row.geometry as Polygon | MultiPolygon), res, k)
    this.cache.set(key, { digest, area })
    return area
  }
}

export function buildStudyArea(outlines: (Polygon | MultiPolygon)[], res: number, k: number): StudyArea {
  const found = new Set<string>()
  for (const outline of outlines) {
    const polygons = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates
    for (const rings of polygons) for (const cell of polygonToCells(rings, res, true)) found.add(cell)
  }
  // Sorted, so every run numbers the cells the same way and results are deterministic.
  const cells = [...found].sort()
  const indexOf = new Map(cells.map((cell, index) => [cell, index]))
  const neighbours = cells.map((cell) => {
    const indices: number[] = []
    for (const other of gridDisk(cell, k)) {
      if (other === cell) continue
      const index = indexOf.get(other)
      if (index !== undefined) indices.push(index)
    }
    return Int32Array.from(indices.sort((a, b) => a - b))
  })
  return { cells, indexOf, neighbours }
}
