/**
 * Hooks for the end-to-end tests, compiled in only by their build (`npm run build:client:e2e`, Vite mode "e2e"):
 * in any other build TEST_HOOKS is the constant false and the bundler drops everything behind it.
 */
export const TEST_HOOKS = import.meta.env.MODE === 'e2e'

/**
 * What the tests wait on instead of guessing how long WebGL takes to draw. Updated only once deck.gl has drawn the
 * layers, not when the fetch resolves.
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
  /** The properties of what one MapLibre layer (of the basemap) has on screen now; [] when the style has no such layer. */
  renderedBasemapFeatures?(layerId: string): Record<string, unknown>[]
  /** Where a place is on screen, in pixels from the map's top-left corner (the tests click a hexagon there). */
  project?(lon: number, lat: number): { x: number; y: number }
  /** The public report form's map: its middle (where Enter puts the pin) and whether it is still moving. */
  pinMap?: { centre(): { lon: number; lat: number }; moving(): boolean }
}

declare global {
  interface Window {
    __patrolmap?: PatrolmapDebug
  }
}

export function publishDebug(update: Partial<PatrolmapDebug>): void {
  if (!TEST_HOOKS || typeof window === 'undefined') return
  const current: PatrolmapDebug = window.__patrolmap ?? { hexesLoaded: false, lastHexesUrl: '', cellCount: 0 }
  window.__patrolmap = { ...current, ...update }
}
