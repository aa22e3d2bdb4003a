/**
 * The automatic control area (docs/evaluation.md): res-8 H3 cells of the task's councils, wholly beyond the ring around
 * the task area, chosen so that together they had about as many incidents before the task as the task area had, and
 * moved the same way month by month. Pure and deterministic: the same counts always give the same cells.
 */

/** The H3 resolution control cells are taken at: about 0.74 km² each, a neighbourhood's few streets. */
export const CONTROL_RES = 8
/**
 * The widest span of a res-8 cell in metres (its longest diagonal is about 1.06 km): a cell with a point farther than
 * the ring's width plus this from the task area cannot reach into the ring.
 */
export const CONTROL_CELL_SPAN_METRES = 1100
/** The chosen cells' before count stops growing once it reaches the task area's, and never passes this many times it. */
export const MAX_CONTROL_RATIO = 1.5
/** A cell with fewer incidents than this before has no trend worth matching (unless the task area has fewer still). */
export const MIN_CELL_COUNT = 10

export interface ControlChoice {
  /** H3 cells (res 8) in the order chosen. */
  cells: string[]
  /** Incidents in the chosen cells over the before period, as the cells' own counts give them. */
  before: number
  /** Relative trend of the chosen cells together and of the task area: least-squares slope per month ÷ monthly mean. */
  trend: number
  targetTrend: number
}

/**
 * The least-squares slope of a monthly series divided by its mean: −0.05 is a fall of about 5% of a month's count each
 * month. Zero under three months (two points make a slope of noise) or with no incidents.
 */
export function relativeTrend(series: readonly number[]): number {
  const n = series.length
  if (n < 3) return 0
  const mean = series.reduce((sum, value) => sum + value, 0) / n
  if (mean === 0) return 0
  const meanX = (n - 1) / 2
  let sxy = 0
  let sxx = 0
  series.forEach((value, x) => {
    sxy += (x - meanX) * (value - mean)
    sxx += (x - meanX) ** 2
  })
  return sxy / sxx / mean
}

const total = (series: readonly number[]) => series.reduce((sum, value) => sum + value, 0)

/**
 * Chooses the control cells. `target` is the task area's before series; `candidates` each cell's (same months, same
 * order). Cells are taken in order of how close their trend is to the task area's (then how close their count is, then
 * their id, so ties always break the same way), each one kept if the cells so far plus it stay within MAX_CONTROL_RATIO
 * times the task area's count, until they reach that count. When none fits (the task area had no incidents, or every
 * cell alone is busier than 1.5× it), the one cell whose count is closest is taken. Null when there is no candidate.
 */
export function chooseControl(target: readonly number[], candidates: ReadonlyMap<string, readonly number[]>): ControlChoice | null {
  const targetTotal = total(target)
  const targetTrend = relativeTrend(target)
  const minCount = Math.min(MIN_CELL_COUNT, Math.max(1, targetTotal))
  const scored = [...candidates]
    .map(([cell, series]) => ({ cell, series, count: total(series), trendGap: Math.abs(relativeTrend(series) - targetTrend) }))
    .filter((candidate) => candidate.count >= minCount)
  if (scored.length === 0) return null
  scored.sort((a, b) => a.trendGap - b.trendGap || Math.abs(a.count - targetTotal) - Math.abs(b.count - targetTotal) || (a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0))

  let chosen: typeof scored = []
  let sum = 0
  for (const candidate of scored) {
    if (sum >= targetTotal && chosen.length > 0) break
    if (sum + candidate.count <= MAX_CONTROL_RATIO * targetTotal) {
      chosen.push(candidate)
      sum += candidate.count
    }
  }
  if (chosen.length === 0) {
    const closest = [...scored].sort((a, b) => Math.abs(a.count - targetTotal) - Math.abs(b.count - targetTotal) || a.trendGap - b.trendGap || (a.cell < b.cell ? -1 : 1))[0]
    chosen = [closest]
    sum = closest.count
  }
  const combined = target.map((_, month) => chosen.reduce((acc, candidate) => acc + (candidate.series[month] ?? 0), 0))
  return { cells: chosen.map((candidate) => candidate.cell), before: sum, trend: relativeTrend(combined), targetTrend }
}
