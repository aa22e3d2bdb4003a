export const H3_RESOLUTIONS = [6, 7, 8, 9, 10] as const
export type H3Resolution = (typeof H3_RESOLUTIONS)[number]
export type ResolutionChoice = H3Resolution | 'auto'

export function isH3Resolution(value: unknown): value is H3Resolution {
  return typeof value === 'number' && (H3_RESOLUTIONS as readonly number[]).includes(value)
}

/**
 * Picks the resolution whose hexagons stay roughly 10–40 px across at this zoom: each H3 step shrinks cells by
 * about √7 ≈ 1.4 zoom levels, so the thresholds are spaced about that far apart. Res 8 covers the opening
 * whole-force view (the four councils fitted to a 1280 px window come out at zoom ~9.9), where a cell is about a
 * neighbourhood across and ~17 px wide.
 */
export function resolutionForZoom(zoom: number): H3Resolution {
  if (!Number.isFinite(zoom) || zoom <= 9) return 6
  if (zoom < 9.7) return 7
  if (zoom < 11.5) return 8
  if (zoom < 13) return 9
  return 10
}

export function effectiveResolution(choice: ResolutionChoice, zoom: number): H3Resolution {
  return choice === 'auto' ? resolutionForZoom(zoom) : choice
}
