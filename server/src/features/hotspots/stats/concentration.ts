/**
 * Concentration of incidents (or harm) across cells: how much of the total the busiest cells hold. This is the
 * "law of crime concentration" curve (Weisburd 2015): cells sorted by value descending, cumulative share of value
 * against cumulative share of cells (or of area, when cells differ in size).
 *
 * Shares are taken in whole cells, never by interpolating inside a cell: "the top 5% of cells" means the smallest
 * number of top cells covering at least 5% of cells (ceil(0.05 · n) when cells are equal), and the answer says
 * what share of cells that actually was.
 */

export interface ConcentrationPoint {
  /** Cells included so far (the top `cells` by value). */
  cells: number
  /** Their share of all cells (or of the total area when areas are given). */
  cellShare: number
  /** Their share of the total value; 0 when the total is 0. */
  valueShare: number
}

function validate(values: ArrayLike<number>, area: ArrayLike<number> | undefined): void {
  if (area !== undefined && area.length !== values.length) throw new RangeError('concentration: one area per cell')
  for (let i = 0; i < values.length; i++) {
    if (!(values[i] >= 0 && Number.isFinite(values[i]))) throw new RangeError(`concentration: value ${i} is ${values[i]}; values must be ≥ 0`)
    if (area !== undefined && !(area[i] > 0 && Number.isFinite(area[i]))) throw new RangeError(`concentration: area ${i} must be positive`)
  }
}

/**
 * The curve, one point per cell plus the origin: point k covers the k cells with the highest values. Tied values
 * keep input order; with equal cells that changes nothing, with areas it decides whose area is counted first.
 */
export function concentrationCurve(values: ArrayLike<number>, area?: ArrayLike<number>): ConcentrationPoint[] {
  validate(values, area)
  const n = values.length
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[b] - values[a] || a - b)
  let totalValue = 0
  let totalArea = 0
  for (let i = 0; i < n; i++) {
    totalValue += values[i]
    totalArea += area === undefined ? 1 : area[i]
  }
  const curve: ConcentrationPoint[] = [{ cells: 0, cellShare: 0, valueShare: 0 }]
  let cumValue = 0
  let cumArea = 0
  for (let k = 0; k < n; k++) {
    const cell = order[k]
    cumValue += values[cell]
    cumArea += area === undefined ? 1 : area[cell]
    curve.push({
      cells: k + 1,
      // Exact ends, so the last point is (1, 1) whatever the rounding of the running sums.
      cellShare: k === n - 1 ? 1 : cumArea / totalArea,
      valueShare: totalValue === 0 ? 0 : k === n - 1 ? 1 : cumValue / totalValue,
    })
  }
  return curve
}

// 0.07 × 100 is 7.000000000000001 in floating point; that must not pull in an eighth cell.
const SHARE_SLACK = 1e-12

/** Share of the total value held by the top `share` (0..1) of cells (or of area), in whole cells. */
export function topShare(values: ArrayLike<number>, share: number, area?: ArrayLike<number>): ConcentrationPoint {
  if (!(share >= 0 && share <= 1)) throw new RangeError(`topShare: share ${share} is not in [0, 1]`)
  const curve = concentrationCurve(values, area)
  const point = curve.find((candidate) => candidate.cellShare >= share - SHARE_SLACK)
  return point ?? curve[curve.length - 1]
}

/** Smallest share of cells (or area) that holds at least `valueShare` of the total value, e.g. "half of all ASB". */
export function cellsHolding(values: ArrayLike<number>, valueShare: number, area?: ArrayLike<number>): ConcentrationPoint {
  if (!(valueShare >= 0 && valueShare <= 1)) throw new RangeError(`cellsHolding: share ${valueShare} is not in [0, 1]`)
  const curve = concentrationCurve(values, area)
  const point = curve.find((candidate) => candidate.valueShare >= valueShare - SHARE_SLACK)
  return point ?? curve[curve.length - 1]
}
