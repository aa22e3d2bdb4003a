import { wardCodeBytes } from '../police-uk/row-layout.js'
import type { MapPoint } from '../police-uk/row.js'

export interface Location {
  id: number
  wardCode: string | null
}

/** The location's ward code as the bytes a row has room for (see wardCodeBytes), worked out once per location. */
export function wardBytes(location: Location & { wardBytes?: Buffer | null }): Buffer | null {
  if (location.wardBytes === undefined) location.wardBytes = wardCodeBytes(location.wardCode)
  return location.wardBytes
}

/**
 * Map points already in `locations`, kept across the files of one run. Points added by a file stay pending until its
 * transaction commits, and a ward import (which moves points between wards) empties the cache, since each incident
 * carries a copy of its point's ward.
 */
export class LocationCache {
  private readonly known = new Map<MapPoint, Location>()
  private readonly pending = new Map<MapPoint, Location>()
  private wardsVersion: number | null = null

  get(point: MapPoint): Location | undefined {
    return this.known.get(point) ?? this.pending.get(point)
  }

  add(point: MapPoint, location: Location, committed: boolean): void {
    ;(committed ? this.known : this.pending).set(point, location)
  }

  /** Forgets every point when the wards changed since the cache was filled. */
  checkWards(version: number): void {
    if (this.wardsVersion !== version) this.known.clear()
    this.wardsVersion = version
  }

  commit(): void {
    for (const [point, location] of this.pending) this.known.set(point, location)
    this.pending.clear()
  }

  rollback(): void {
    this.pending.clear()
  }
}
