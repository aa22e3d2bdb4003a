/**
 * The names the hotspot analyses answer with, as plain lists: the server classifies into them and the client draws
 * and explains them (it imports this file, so it imports nothing).
 */

/**
 * Hot and cold spot classes by confidence level, as ArcGIS's Hot Spot Analysis bins them (Gi_Bin ±3/±2/±1/0).
 * The order runs from hottest to coldest, which is the order a legend lists them in.
 */
export const HOTSPOT_CLASSES = ['hot-99', 'hot-95', 'hot-90', 'not-significant', 'cold-90', 'cold-95', 'cold-99'] as const
export type HotspotClass = (typeof HOTSPOT_CLASSES)[number]

/** Legend wording for each class. */
export const HOTSPOT_CLASS_LABELS: Readonly<Record<HotspotClass, string>> = {
  'hot-99': 'Hot spot, 99% confidence',
  'hot-95': 'Hot spot, 95% confidence',
  'hot-90': 'Hot spot, 90% confidence',
  'not-significant': 'Not significant',
  'cold-90': 'Cold spot, 90% confidence',
  'cold-95': 'Cold spot, 95% confidence',
  'cold-99': 'Cold spot, 99% confidence',
}

/** Emerging hot spot categories (stats/emerging.ts defines each), hot family first; the order breaks ties. */
export const EMERGING_CATEGORIES = [
  'new-hot',
  'consecutive-hot',
  'intensifying-hot',
  'persistent-hot',
  'diminishing-hot',
  'sporadic-hot',
  'oscillating-hot',
  'historical-hot',
  'new-cold',
  'consecutive-cold',
  'intensifying-cold',
  'persistent-cold',
  'diminishing-cold',
  'sporadic-cold',
  'oscillating-cold',
  'historical-cold',
  'none',
] as const
export type EmergingCategory = (typeof EMERGING_CATEGORIES)[number]
