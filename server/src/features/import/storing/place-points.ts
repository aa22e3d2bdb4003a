import type pg from 'pg'
import { numberArrayLiteral } from '../../../db/array-literal.js'
import { loadQuery } from '../../../lib/sql-file.js'
import type { MapPoint } from '../police-uk/row.js'
import type { Segment } from '../police-uk/segment.js'
import { containingCells, LOCATION_H3_RESOLUTIONS } from './location-cells.js'
import type { Location, LocationCache } from './location-cache.js'

const findLocations = loadQuery(import.meta.url, 'find-locations.sql')
const insertLocations = loadQuery(import.meta.url, 'insert-locations.sql')

/** The location of each of the segment's points that `rows` use, adding points not stored yet with wards and cells. */
export async function placePoints(client: pg.PoolClient, cache: LocationCache, segment: Segment, rows: number[]): Promise<Location[]> {
  const locations: Location[] = new Array(segment.points.length)
  const missing = new Set<MapPoint>()
  for (const index of rows) {
    if (segment.pointOf[index] < 0) continue
    const point = segment.points[segment.pointOf[index]]
    if (locations[segment.pointOf[index]] !== undefined || missing.has(point)) continue
    const known = cache.get(point)
    if (known) locations[segment.pointOf[index]] = known
    else missing.add(point)
  }
  if (missing.size > 0) {
    // Matched by value: the database answers with coordinates (float8 travels as its shortest exact decimal both
    // ways, so they are the same doubles), and two point objects may share coordinates after mapPoint's cache was cut.
    const valueKey = (lon: number, lat: number) => `${lon},${lat}`
    const stored = new Map<string, { location: Location; committed: boolean }>()
    const asked = [...new Map([...missing].map((point) => [valueKey(point.lon, point.lat), point])).values()]
    const found = await client.query<{ lon: number; lat: number; id: number }>({
      ...findLocations,
      values: [numberArrayLiteral(asked.map((point) => point.lon)), numberArrayLiteral(asked.map((point) => point.lat))],
    })
    for (const row of found.rows) stored.set(valueKey(row.lon, row.lat), { location: { id: row.id }, committed: true })
    const added = asked.filter((point) => !stored.has(valueKey(point.lon, point.lat)))
    if (added.length > 0) {
      const cells = added.map((point) => containingCells(point.lat, point.lon))
      const inserted = await client.query<{ lon: number; lat: number; id: number }>({
        ...insertLocations,
        values: [
          numberArrayLiteral(added.map((point) => point.lon)),
          numberArrayLiteral(added.map((point) => point.lat)),
          ...LOCATION_H3_RESOLUTIONS.map((_, res) => numberArrayLiteral(cells.map((cell) => cell[res]))),
        ],
      })
      for (const row of inserted.rows) stored.set(valueKey(row.lon, row.lat), { location: { id: row.id }, committed: false })
    }
    for (const [at, point] of segment.points.entries()) {
      if (locations[at] !== undefined || !missing.has(point)) continue
      const entry = stored.get(valueKey(point.lon, point.lat))
      if (!entry) throw new Error(`no location stored for ${point.lon}, ${point.lat}`)
      cache.add(point, entry.location, entry.committed)
      locations[at] = entry.location
    }
  }
  return locations
}
