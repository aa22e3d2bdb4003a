// Independent computations the hotspot tests check the API against: the textbook formulas written out plainly, with
// none of the server's code (server/src/features/hotspots/stats/).

/** Ord & Getis (1995) Gi* with binary weights, self included: the textbook formula, cell by cell. */
export function referenceGiStar(values: number[], neighbours: number[][]): number[] {
  const n = values.length
  const mean = values.reduce((sum, value) => sum + value, 0) / n
  const s = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0) / n - mean * mean)
  return values.map((_, i) => {
    const members = [i, ...neighbours[i]]
    const weightSum = members.length
    const local = members.reduce((sum, j) => sum + values[j], 0)
    const denominator = s * Math.sqrt((n * weightSum - weightSum * weightSum) / (n - 1))
    return denominator === 0 ? 0 : (local - mean * weightSum) / denominator
  })
}

/** Benjamini–Hochberg, the plain way: sort, scale by m/rank, take running minima from the top. */
export function referenceBh(p: number[]): number[] {
  const order = p.map((value, index) => [value, index] as const).sort((a, b) => a[0] - b[0])
  const adjusted = new Array<number>(p.length)
  let running = 1
  for (let rank = order.length; rank >= 1; rank--) {
    const [value, index] = order[rank - 1]
    running = Math.min(running, (value * order.length) / rank)
    adjusted[index] = running
  }
  return adjusted
}
