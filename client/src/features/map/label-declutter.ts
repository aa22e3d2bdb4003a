const TILE_SIZE = 512

/**
 * Web-Mercator position in screen pixels at `zoom`, relative to the world's top-left corner. Differences between
 * two of these are exactly their on-screen distance, whatever the map's centre, so decluttering depends on zoom
 * alone and does not need redoing on every pan.
 */
export function worldPixel(lon: number, lat: number, zoom: number): [number, number] {
  const worldSize = TILE_SIZE * 2 ** zoom
  const sinLat = Math.sin((lat * Math.PI) / 180)
  const x = ((lon + 180) / 360) * worldSize
  const y = (0.5 - Math.log((1 + sinLat) / (1 - sinLat)) / (4 * Math.PI)) * worldSize
  return [x, y]
}

export interface DeclutterOptions<T> {
  zoom: number
  position(item: T): [number, number]
  text(item: T): string
  priority(item: T): number
  /** Width in pixels of `text` as it will be drawn. */
  measure(text: string): number
  lineHeight: number
  /** Clear space kept around each label, in pixels. */
  gap: number
}

type Box = [left: number, top: number, right: number, bottom: number]

function overlaps(first: Box, second: Box): boolean {
  return first[0] < second[2] && second[0] < first[2] && first[1] < second[3] && second[1] < first[3]
}

/**
 * Greedy placement: labels are taken in priority order and kept only if their box clears every label already
 * kept. deck.gl's own collision filter tests just the anchor point, which still lets long ward names overprint.
 */
export function declutterLabels<T>(items: readonly T[], options: DeclutterOptions<T>): T[] {
  const ordered = items
    .map((item, index) => ({ item, index, priority: options.priority(item) }))
    .sort((left, right) => right.priority - left.priority || left.index - right.index)
  const placed: Box[] = []
  const kept: { item: T; index: number }[] = []
  for (const candidate of ordered) {
    const [lon, lat] = options.position(candidate.item)
    const [x, y] = worldPixel(lon, lat, options.zoom)
    const halfWidth = options.measure(options.text(candidate.item)) / 2 + options.gap
    const halfHeight = options.lineHeight / 2 + options.gap
    const box: Box = [x - halfWidth, y - halfHeight, x + halfWidth, y + halfHeight]
    if (placed.some((other) => overlaps(box, other))) continue
    placed.push(box)
    kept.push(candidate)
  }
  // Original order keeps deck.gl's data stable between zoom levels, so unchanged labels are not re-uploaded.
  return kept.sort((left, right) => left.index - right.index).map((entry) => entry.item)
}

let measuringContext: CanvasRenderingContext2D | null | undefined

/** Measures with the real font when a canvas exists; otherwise (tests) a generous average glyph width. */
export function textMeasurer(font: string, fontSize: number): (text: string) => number {
  if (measuringContext === undefined) {
    measuringContext = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d')
  }
  const context = measuringContext
  if (!context) return (text) => text.length * fontSize * 0.6
  const cache = new Map<string, number>()
  return (text) => {
    let width = cache.get(text)
    if (width === undefined) {
      context.font = font
      width = context.measureText(text).width
      cache.set(text, width)
    }
    return width
  }
}
