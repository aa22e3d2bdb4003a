import type { Rgb } from '../map/colour-scale'
import { EMERGING_CATEGORIES, HOTSPOT_CLASSES, type EmergingCategory, type HotspotClass } from './hotspot-api'

import { EMERGING_CATEGORY_LABELS, HOTSPOT_CLASS_LABELS } from '../../../../server/src/features/hotspots/hotspot-classes'

export { EMERGING_CATEGORY_LABELS, HOTSPOT_CLASS_LABELS }

/**
 * Colours, names and definitions for the hotspot layers. Pure data, no deck.gl, so tests (and the end-to-end pixel
 * checks) can import it.
 */

/** Cells are drawn at this alpha: opaque enough to read the class, clear enough to see streets beneath. */
export const HOTSPOT_FILL_ALPHA = 210

/**
 * Gi* classes in ArcGIS Hot Spot Analysis's diverging scheme (red for hot, blue for cold, darker for more
 * confidence). Not significant is not drawn at all (transparent), so only the evidence shows.
 */
export const GISTAR_COLOURS: Readonly<Record<HotspotClass, Rgb | null>> = {
  'hot-99': [214, 47, 39],
  'hot-95': [237, 117, 81],
  'hot-90': [250, 185, 132],
  'not-significant': null,
  'cold-90': [192, 204, 190],
  'cold-95': [132, 158, 186],
  'cold-99': [69, 117, 181],
}

/** Short wording for a list row: "Hot 99%". */
export const HOTSPOT_CLASS_SHORT: Readonly<Record<HotspotClass, string>> = {
  'hot-99': 'Hot 99%',
  'hot-95': 'Hot 95%',
  'hot-90': 'Hot 90%',
  'not-significant': 'Not significant',
  'cold-90': 'Cold 90%',
  'cold-95': 'Cold 95%',
  'cold-99': 'Cold 99%',
}

/**
 * Emerging categories: warm colours for the hot family, cool for the cold, each pattern its own hue so that new,
 * persistent and intensifying read apart. No pattern is not drawn.
 */
export const EMERGING_COLOURS: Readonly<Record<EmergingCategory, Rgb | null>> = {
  'intensifying-hot': [165, 0, 38],
  'persistent-hot': [215, 48, 39],
  'consecutive-hot': [244, 109, 67],
  'new-hot': [253, 174, 97],
  'sporadic-hot': [254, 224, 144],
  'oscillating-hot': [197, 27, 125],
  'diminishing-hot': [241, 182, 218],
  'historical-hot': [140, 81, 10],
  'intensifying-cold': [49, 54, 149],
  'persistent-cold': [69, 117, 180],
  'consecutive-cold': [116, 173, 209],
  'new-cold': [171, 217, 233],
  'sporadic-cold': [199, 234, 229],
  'oscillating-cold': [118, 42, 131],
  'diminishing-cold': [194, 165, 207],
  'historical-cold': [1, 102, 94],
  none: null,
}

/** The plain-words definitions of docs/hotspot-methods.md, for the hot family; cold spots mirror them. */
export const EMERGING_DEFINITIONS: Readonly<Record<string, string>> = {
  new: 'Significant in the final month for the first time; never significant before.',
  consecutive: 'One unbroken run of at least two significant months ending with the final month; nothing significant before it; under 90% of months.',
  intensifying: 'Significant in at least 90% of months including the final one, and getting stronger (a significant Mann–Kendall rise in z).',
  persistent: 'Significant in at least 90% of months including the final one, with no significant trend either way.',
  diminishing: 'Significant in at least 90% of months including the final one, but weakening (a significant Mann–Kendall fall in z).',
  sporadic: 'Significant in the final month, on and off before; under 90% of months; never the opposite kind of spot.',
  oscillating: 'Significant in the final month, but the opposite kind of spot in some earlier month; under 90% of months.',
  historical: 'Not significant in the final month, but significant in at least 90% of months.',
}

export function emergingDefinition(category: EmergingCategory): string {
  if (category === 'none') return 'None of the patterns, including a cell that was never significant.'
  const [pattern, family] = category.split('-')
  const definition = EMERGING_DEFINITIONS[pattern] ?? ''
  return family === 'cold' ? `${definition} (As a cold spot: the same with hot and cold swapped.)` : definition
}

export type Rgba = [number, number, number, number]

const TRANSPARENT: Rgba = [0, 0, 0, 0]

function withAlpha(colour: Rgb | null): Rgba {
  return colour ? [colour[0], colour[1], colour[2], HOTSPOT_FILL_ALPHA] : TRANSPARENT
}

/** Fill for a Gi* cell: its class colour, or fully transparent when not significant (or an unknown class). */
export function gistarFill(hotspotClass: string): Rgba {
  return withAlpha(GISTAR_COLOURS[hotspotClass as HotspotClass] ?? null)
}

export function emergingFill(category: string): Rgba {
  return withAlpha(EMERGING_COLOURS[category as EmergingCategory] ?? null)
}

export interface LegendEntry {
  id: string
  label: string
  /** null: not drawn (shown with an empty swatch). */
  colour: Rgb | null
  count: number
  description?: string
}

/** Legend wording: the legend's heading says the percentages are confidence levels. */
export const HOTSPOT_CLASS_LEGEND: Readonly<Record<HotspotClass, string>> = {
  'hot-99': 'Hot spot 99%',
  'hot-95': 'Hot spot 95%',
  'hot-90': 'Hot spot 90%',
  'not-significant': 'Not significant',
  'cold-90': 'Cold spot 90%',
  'cold-95': 'Cold spot 95%',
  'cold-99': 'Cold spot 99%',
}

/** The seven classes hottest first, each with its count from the answer's classCounts (0 when absent). */
export function gistarLegend(classCounts: Record<string, number> | undefined): LegendEntry[] {
  return HOTSPOT_CLASSES.map((id) => ({
    id,
    label: HOTSPOT_CLASS_LEGEND[id],
    description: HOTSPOT_CLASS_LABELS[id],
    colour: GISTAR_COLOURS[id],
    count: classCounts?.[id] ?? 0,
  }))
}

/**
 * The hot patterns always; the cold ones only when some cell has one (a single line says so otherwise, see
 * `hasColdPatterns`); no pattern last.
 */
export function emergingLegend(categoryCounts: Record<string, number> | undefined): LegendEntry[] {
  const showCold = hasColdPatterns(categoryCounts)
  return EMERGING_CATEGORIES.filter((id) => id === 'none' || id.endsWith('-hot') || showCold).map((id) => ({
    id,
    label: EMERGING_CATEGORY_LABELS[id],
    colour: EMERGING_COLOURS[id],
    count: categoryCounts?.[id] ?? 0,
    description: emergingDefinition(id),
  }))
}

export function hasColdPatterns(categoryCounts: Record<string, number> | undefined): boolean {
  return EMERGING_CATEGORIES.some((id) => id.endsWith('-cold') && (categoryCounts?.[id] ?? 0) > 0)
}

/** Whether any cell is significant (hot or cold) — otherwise the map shows the "no significant hot spots" state. */
export function hasSignificantCells(classCounts: Record<string, number> | undefined): boolean {
  return HOTSPOT_CLASSES.some((id) => id !== 'not-significant' && (classCounts?.[id] ?? 0) > 0)
}

export function hasEmergingPatterns(categoryCounts: Record<string, number> | undefined): boolean {
  return EMERGING_CATEGORIES.some((id) => id !== 'none' && (categoryCounts?.[id] ?? 0) > 0)
}
