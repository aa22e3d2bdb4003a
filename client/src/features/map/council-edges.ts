import type { Position } from 'geojson'
import type { WardFeature } from './map-api'

/**
 * Council boundaries drawn from the wards' own edges. The ONS council file is generalised differently from the
 * ward file, so its outline ran beside the outer ward edges as a second, slightly offset line. The ward file is
 * topologically clean (neighbours share exact vertices), so a council boundary is simply every ward edge that is
 * not shared with another ward of the same council: the partnership's outer edge and the edges between councils.
 */
export function councilEdges(wards: readonly WardFeature[]): Position[][] {
  const key = (position: Position) => `${position[0]},${position[1]}`
  // Per undirected segment: the councils of the wards using it, and its end points.
  const segments = new Map<string, { councils: string[]; from: Position; to: Position }>()
  for (const ward of wards) {
    const geometry = ward.geometry
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
    for (const ring of polygons.flat()) {
      for (let index = 0; index + 1 < ring.length; index++) {
        const from = ring[index]
        const to = ring[index + 1]
        const a = key(from)
        const b = key(to)
        if (a === b) continue
        const id = a < b ? `${a}|${b}` : `${b}|${a}`
        const segment = segments.get(id) ?? { councils: [], from, to }
        segment.councils.push(ward.properties.councilCode)
        segments.set(id, segment)
      }
    }
  }
  const boundary = [...segments.values()].filter(
    (segment) => segment.councils.length === 1 || new Set(segment.councils).size > 1,
  )
  return chainSegments(boundary.map((segment) => [segment.from, segment.to]))
}

/**
 * Joins segments that meet end to end into the longest paths it can, so lines get proper joins instead of a cap
 * at every vertex. Paths start at points where the lines branch or end; closed loops are walked last.
 */
export function chainSegments(segments: readonly [Position, Position][]): Position[][] {
  const key = (position: Position) => `${position[0]},${position[1]}`
  const byPoint = new Map<string, number[]>()
  segments.forEach(([from, to], index) => {
    for (const point of [key(from), key(to)]) {
      const list = byPoint.get(point) ?? []
      list.push(index)
      byPoint.set(point, list)
    }
  })
  const used = new Uint8Array(segments.length)
  const paths: Position[][] = []

  const walk = (start: Position) => {
    const path: Position[] = [start]
    let here = start
    for (;;) {
      const next = (byPoint.get(key(here)) ?? []).find((index) => !used[index])
      if (next === undefined) break
      used[next] = 1
      const [from, to] = segments[next]
      here = key(from) === key(here) ? to : from
      path.push(here)
      // Stop at a branch point; the other branches start paths of their own.
      if ((byPoint.get(key(here)) ?? []).length !== 2) break
    }
    if (path.length > 1) paths.push(path)
  }

  // Ends and branch points first, so no path starts in the middle of a line.
  for (const [point, list] of byPoint) {
    if (list.length === 2) continue
    const start = segments[list[0]][0]
    const position = key(start) === point ? start : segments[list[0]][1]
    while (list.some((index) => !used[index])) walk(position)
  }
  // What is left is closed loops (an island, a council wholly inside the partnership).
  segments.forEach(([from], index) => {
    if (!used[index]) walk(from)
  })
  return paths
}
