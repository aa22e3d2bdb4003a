/**
 * A tiny, stable hook for end-to-end tests: they wait on `hexesLoaded` instead of guessing how long WebGL takes to
 * draw. It is updated only after the hexagons have actually been rendered, not when the fetch resolves.
 */
export interface PatrolmapDebug {
  hexesLoaded: boolean
  lastHexesUrl: string
  cellCount: number
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
