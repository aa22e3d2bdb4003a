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

/** What a person reads for each class (legend descriptions, tooltips, results, CSV). */
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

/**
 * What a person reads for each category, wherever it is shown (legend, tooltip, results, CSV): one list, so the
 * server and the client cannot name a category in different words.
 */
export const EMERGING_CATEGORY_LABELS: Readonly<Record<EmergingCategory, string>> = {
  'new-hot': 'New hot spot',
  'consecutive-hot': 'Consecutive hot spot',
  'intensifying-hot': 'Intensifying hot spot',
  'persistent-hot': 'Persistent hot spot',
  'diminishing-hot': 'Diminishing hot spot',
  'sporadic-hot': 'Sporadic hot spot',
  'oscillating-hot': 'Oscillating hot spot',
  'historical-hot': 'Historical hot spot',
  'new-cold': 'New cold spot',
  'consecutive-cold': 'Consecutive cold spot',
  'intensifying-cold': 'Intensifying cold spot',
  'persistent-cold': 'Persistent cold spot',
  'diminishing-cold': 'Diminishing cold spot',
  'sporadic-cold': 'Sporadic cold spot',
  'oscillating-cold': 'Oscillating cold spot',
  'historical-cold': 'Historical cold spot',
  none: 'No pattern',
}
