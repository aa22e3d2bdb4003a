import { formatCount } from '../../shared/format'

export type Rgb = [number, number, number]

/**
 * ColorBrewer YlOrRd (9-class), darkest seven. The two palest steps are dropped because they vanish against the
 * light basemap; the remaining ramp is sequential and safe for the common colour-vision deficiencies.
 */
export const PALETTE: readonly Rgb[] = [
  [254, 217, 118],
  [254, 178, 76],
  [253, 141, 60],
  [252, 78, 42],
  [227, 26, 28],
  [189, 0, 38],
  [128, 0, 38],
]

export const CLASS_COUNT = PALETTE.length

/** 1, 2, 5, 10, 20, 50, … long enough for any count a month range can produce. */
export function logBreaks(upTo: number): number[] {
  const breaks: number[] = []
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const step of [1, 2, 5]) {
      breaks.push(step * magnitude)
      if (step * magnitude >= upTo && breaks.length > CLASS_COUNT) return breaks
    }
  }
}

export interface ColourClass {
  /** Inclusive lower bound; the first class also takes anything smaller. */
  min: number
  /** Exclusive upper bound, except the last class, which includes it. */
  max: number
  colour: Rgb
  label: string
}

export interface ColourScale {
  classes: ColourClass[]
  /** Identifies the scale so deck.gl recolours only when the classes actually change. */
  key: string
  colourFor(count: number): Rgb
}

function rangeLabel(min: number, max: number, isFirst: boolean, isLast: boolean): string {
  const low = isFirst ? 1 : min
  const high = isLast ? max : max - 1
  return low === high ? formatCount(low) : `${formatCount(low)}–${formatCount(high)}`
}

/**
 * Seven classes on fixed 1–2–5 breaks, ending at the first break that covers `maxCount`. Because the breaks never
 * move, a cell's colour depends only on its count and the data's order of magnitude — not on where the user has
 * panned — and small data sets keep their low counts pale instead of being stretched to dark red.
 */
export function buildColourScale(maxCount: number): ColourScale {
  const safeMax = Number.isFinite(maxCount) && maxCount > 0 ? maxCount : 1
  const breaks = logBreaks(safeMax)
  const topIndex = Math.max(
    breaks.findIndex((value) => value >= safeMax),
    CLASS_COUNT,
  )
  const bounds = breaks.slice(topIndex - CLASS_COUNT, topIndex + 1)
  const classes = PALETTE.map((colour, index) => ({
    min: bounds[index],
    max: bounds[index + 1],
    colour,
    label: rangeLabel(bounds[index], bounds[index + 1], index === 0, index === CLASS_COUNT - 1),
  }))
  return {
    classes,
    key: bounds.join(','),
    colourFor(count: number): Rgb {
      for (let index = CLASS_COUNT - 1; index > 0; index--) {
        if (count >= classes[index].min) return classes[index].colour
      }
      return classes[0].colour
    },
  }
}

export function maxCountOf(cells: readonly { count: number }[]): number {
  let max = 0
  for (const cell of cells) if (cell.count > max) max = cell.count
  return max
}

export function rgbCss([red, green, blue]: Rgb, alpha = 1): string {
  return `rgba(${red}, ${green}, ${blue}, ${alpha})`
}
