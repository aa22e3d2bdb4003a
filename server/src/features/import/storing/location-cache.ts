import type { MapPoint } from '../police-uk/row.js'

export interface Location {
  id: number
}

/**
 * Map points already in `locations`, kept across the files of one run. Points added by a file stay pending until its
 * transaction commits. A ward import leaves the cache as it is: it moves points between wards but keeps their ids, and
 * incidents take their ward from their point.
 */
export class LocationCache {
  private readonly known = new Map<MapPoint, Location>()
  private readonly pending = new Map<MapPoint, Location>()

  get(point: MapPoint): Location | undefined {
    return this.known.get(point) ?? this.pending.get(point)
  }

  add(point: MapPoint, location: Location, committed: boolean): void {
    ;(committed ? this.known : this.pending).set(point, location)
  }

  commit(): void {
    for (const [point, location] of this.pending) this.known.set(point, location)
    this.pending.clear()
  }

  rollback(): void {
    this.pending.clear()
  }
}
