/**
 * How well a map of predicted hot cells captures the incidents that then happen: hit rate, PAI, PEI and RRI, as
 * apwheele/ptools `pai()` defines them (Chainey, Tompson & Uhlig 2008 for PAI; Wheeler & Steenbeek 2021 for PEI
 * and RRI; Drawve & Wooditch 2019 on areas).
 *
 * Units are ranked by predicted density (pred/area) descending; ties go to the unit with FEWER observed incidents
 * first, then to input order. That is ptools' rule: among tied predictions it gives the lowest PAI, so a map that
 * cannot tell cells apart gets no credit for luck. For the top t units:
 *
 *   hit rate = Σ_top count / Σ_all count            PAI = hit rate / (Σ_top area / Σ_all area)
 *   PEI      = PAI / PAI*, PAI* the PAI of the t units with most observed incidents per area
 *   RRI      = Σ_top pred / Σ_top count
 *
 * A metric whose denominator is 0 (no incidents at all, none in the selection) is null rather than NaN/Infinity.
 */

export interface PaiRow {
  /** Input index of the unit at this rank. */
  index: number
  count: number
  cumCount: number
  pCumCount: number | null
  pred: number
  cumPred: number
  area: number
  cumArea: number
  pCumArea: number
  pai: number | null
  pei: number | null
  rri: number | null
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator
}

function validateInputs(observed: ArrayLike<number>, predicted: ArrayLike<number>, area: ArrayLike<number> | undefined): void {
  const n = observed.length
  if (predicted.length !== n || (area !== undefined && area.length !== n)) {
    throw new RangeError('forecast accuracy: observed, predicted and area must have one entry per unit')
  }
  for (let i = 0; i < n; i++) {
    if (!(observed[i] >= 0) || !(predicted[i] >= 0) || !Number.isFinite(observed[i]) || !Number.isFinite(predicted[i])) {
      throw new RangeError(`forecast accuracy: unit ${i} has a negative or non-finite count or prediction`)
    }
    if (area !== undefined && !(area[i] > 0 && Number.isFinite(area[i]))) {
      throw new RangeError(`forecast accuracy: unit ${i} has area ${area[i]}; areas must be positive`)
    }
  }
}

/** Units in ptools' ranking order: predicted density descending, observed count ascending, input order. */
export function rankByPrediction(observed: ArrayLike<number>, predicted: ArrayLike<number>, area?: ArrayLike<number>): Int32Array {
  const density = (i: number): number => predicted[i] / (area === undefined ? 1 : area[i])
  return Int32Array.from({ length: observed.length }, (_, i) => i).sort(
    (a, b) => density(b) - density(a) || observed[a] - observed[b] || a - b,
  )
}

/** The full ptools table: one row per unit, in ranking order (row t describes the top t+1 units). */
export function paiTable(observed: ArrayLike<number>, predicted: ArrayLike<number>, area?: ArrayLike<number>): PaiRow[] {
  validateInputs(observed, predicted, area)
  const n = observed.length
  const areaOf = (i: number): number => (area === undefined ? 1 : area[i])
  const order = rankByPrediction(observed, predicted, area)
  let totalCount = 0
  let totalArea = 0
  for (let i = 0; i < n; i++) {
    totalCount += observed[i]
    totalArea += areaOf(i)
  }

  // The oracle ranks by observed density; ties keep the prediction ranking (R's order() is stable).
  const rankOf = new Int32Array(n)
  order.forEach((unit, rank) => {
    rankOf[unit] = rank
  })
  const oracle = Int32Array.from(order).sort(
    (a, b) => observed[b] / areaOf(b) - observed[a] / areaOf(a) || rankOf[a] - rankOf[b],
  )

  const rows: PaiRow[] = []
  let cumCount = 0
  let cumPred = 0
  let cumArea = 0
  let oracleCount = 0
  let oracleArea = 0
  for (let t = 0; t < n; t++) {
    const unit = order[t]
    cumCount += observed[unit]
    cumPred += predicted[unit]
    cumArea += areaOf(unit)
    oracleCount += observed[oracle[t]]
    oracleArea += areaOf(oracle[t])
    const pCumCount = ratio(cumCount, totalCount)
    const pCumArea = cumArea / totalArea
    const pai = pCumCount === null ? null : pCumCount / pCumArea
    const oraclePai = totalCount === 0 ? null : oracleCount / totalCount / (oracleArea / totalArea)
    rows.push({
      index: unit,
      count: observed[unit],
      cumCount,
      pCumCount,
      pred: predicted[unit],
      cumPred,
      area: areaOf(unit),
      cumArea,
      pCumArea,
      pai,
      pei: pai === null || oraclePai === null || oraclePai === 0 ? null : pai / oraclePai,
      rri: ratio(cumPred, cumCount),
    })
  }
  return rows
}

/** How many top-ranked units to select: a fixed number of cells, or a share of the total area. */
export type Selection = { cells: number } | { areaShare: number }

export interface ForecastAccuracy {
  /** Units selected (top of the prediction ranking). */
  cells: number
  /** Share of the total area they cover (≥ the share asked for: whole cells only). */
  areaShare: number
  capturedCount: number
  totalCount: number
  /** Share of the evaluation period's incidents inside the selection. */
  hitRate: number | null
  pai: number | null
  pei: number | null
  rri: number | null
}

// Shares such as 0.07 × 100 come out as 7.000000000000001; do not let that pull in one more cell.
const SHARE_SLACK = 1e-12

/**
 * Number of top units for a selection. A share of area takes whole cells: the smallest prefix of the ranking whose
 * area reaches the share (with equal areas, ceil(share × n)), so the selection is never smaller than asked.
 */
export function selectedCellCount(rows: ReadonlyArray<PaiRow>, selection: Selection): number {
  if ('cells' in selection) {
    if (!Number.isInteger(selection.cells) || selection.cells < 0) throw new RangeError(`cells must be a whole number ≥ 0`)
    return Math.min(selection.cells, rows.length)
  }
  const share = selection.areaShare
  if (!(share >= 0 && share <= 1)) throw new RangeError(`areaShare ${share} is not in [0, 1]`)
  if (share === 0) return 0
  const index = rows.findIndex((row) => row.pCumArea >= share - SHARE_SLACK)
  return index === -1 ? rows.length : index + 1
}

/** Hit rate, PAI, PEI and RRI of the prediction at one selection size. */
export function forecastAccuracy(
  observed: ArrayLike<number>,
  predicted: ArrayLike<number>,
  selection: Selection,
  area?: ArrayLike<number>,
): ForecastAccuracy {
  const rows = paiTable(observed, predicted, area)
  const cells = selectedCellCount(rows, selection)
  const totalCount = rows.length === 0 ? 0 : rows[rows.length - 1].cumCount
  if (cells === 0) {
    return { cells, areaShare: 0, capturedCount: 0, totalCount, hitRate: totalCount === 0 ? null : 0, pai: null, pei: null, rri: null }
  }
  const row = rows[cells - 1]
  return {
    cells,
    areaShare: row.pCumArea,
    capturedCount: row.cumCount,
    totalCount,
    hitRate: row.pCumCount,
    pai: row.pai,
    pei: row.pei,
    rri: row.rri,
  }
}

export interface PeriodForecastAccuracy extends ForecastAccuracy {
  /** Index of the evaluated period in the input. */
  period: number
}

/**
 * For each period t ≥ lookback: predict each cell by its total over the previous `lookback` periods, select the
 * top cells, and score that selection on period t's incidents. `countsByPeriod[t][cell]`, oldest period first.
 */
export function forecastAccuracyByPeriod(
  countsByPeriod: ReadonlyArray<ArrayLike<number>>,
  lookback: number,
  selection: Selection,
  area?: ArrayLike<number>,
): PeriodForecastAccuracy[] {
  if (!Number.isInteger(lookback) || lookback < 1) throw new RangeError(`lookback ${lookback} must be a whole number ≥ 1`)
  const cellCount = countsByPeriod.length === 0 ? 0 : countsByPeriod[0].length
  const results: PeriodForecastAccuracy[] = []
  for (let period = lookback; period < countsByPeriod.length; period++) {
    const predicted = new Float64Array(cellCount)
    for (let past = period - lookback; past < period; past++) {
      const counts = countsByPeriod[past]
      if (counts.length !== cellCount) throw new RangeError(`period ${past} has ${counts.length} cells, not ${cellCount}`)
      for (let cell = 0; cell < cellCount; cell++) predicted[cell] += counts[cell]
    }
    results.push({ period, ...forecastAccuracy(countsByPeriod[period], predicted, selection, area) })
  }
  return results
}
