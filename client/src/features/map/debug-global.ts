/**
 * A tiny, stable hook for end-to-end tests: they wait on `hexesLoaded` instead of guessing how long WebGL takes to
 * draw. It is updated only after the hexagons have actually been rendered, not when the fetch resolves.
 */
export interface PatrolmapDebug {
  hexesLoaded: boolean
  lastHexesUrl: string
  cellCount: number
  /** Hotspots mode: the hotspot layer (and highlight) now on screen has been drawn. */
  hotspotsLoaded?: boolean
  /** The /api/hotspots/gistar or /emerging request whose cells were drawn. */
  lastHotspotsUrl?: string
  hotspotCellCount?: number
  /** The problem location whose outline was drawn with them (its rank and name), or null. */
  highlightedLocation?: string | null
}

declare global {
  interface Window {
    __patrolmap?: PatrolmapDebug
  }
}

export function publishDebug(update: Partial<PatrolmapDebug>): void {
  if (typeof window === 'undefined') return
  const current: PatrolmapDebug = window.__patrolmap ?? { hexesLoaded: false, lastHexesUrl: '', cellCount: 0 }
  window.__patrolmap = { ...current, ...update }
}
