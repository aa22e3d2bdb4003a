import { gridDisk, polygonToCells } from 'h3-js'
import type { MultiPolygon, Polygon } from 'geojson'
import { LRUCache } from 'lru-cache'
import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'

const councilGeometries = loadQuery(import.meta.url, 'council-geometries.sql')

/** Every cell of a resolution whose centre lies inside the chosen councils, with its gridDisk neighbours. */
export interface StudyArea {
  cells: string[]
  indexOf: Map<string, number>
  /** Neighbours within grid distance k, as indices into `cells`, excluding the cell itself; cells outside the area are not neighbours. */
  neighbours: Int32Array[]
}

/** What a study area is built from: the councils' outlines (a few kB), the resolution and k; `key` names it, outlines' digests included. */
export interface StudyAreaSpec {
  key: string
  outlines: (Polygon | MultiPolygon)[]
  res: number
  k: number
}

/** The outlines of the councils asked for (null: every council) and a key that changes when any outline does. */
export async function studyAreaSpec(pool: pg.Pool, councils: string[] | null, res: number, k: number): Promise<StudyAreaSpec> {
  const rows = (await pool.query({ ...councilGeometries, values: [councils] })).rows
  const key = `${rows.map((row) => `${row.code}:${row.digest}`).join(',')}|${res}|${k}`
  return { key, outlines: rows.map((row) => row.geometry as Polygon | MultiPolygon), res, k }
}

/**
 * The study area as other tools define it (centre-in-polygon, `polygonToCells`), empty cells included, so Gi*
 * results compare with theirs. Building one takes from tens of milliseconds to seconds (res 10, k 3), so each
 * analysis thread keeps the areas it built until their outlines change or newer ones push them out.
 */
export class StudyAreas {
  private readonly areas = new LRUCache<string, StudyArea>({ max: 16 })

  get(spec: StudyAreaSpec): StudyArea {
    let area = this.areas.get(spec.key)
    if (!area) {
      area = buildStudyArea(spec.outlines, spec.res, spec.k)
      this.areas.set(spec.key, area)
    }
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
