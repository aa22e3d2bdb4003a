/** A count as a councillor sees it: the number, `<N` when it is below the threshold, or `*` when hidden to protect one. */
export type ShownCount = number | string

/** A count at or above the threshold, hidden only so that a `<N` cannot be worked out from what is shown. */
export const SECONDARY_MARK = '*'

export function belowThreshold(threshold: number): string {
  return `<${threshold}`
}

/** Primary suppression of one figure: any count under the threshold, zero included, as the policy is written. */
export function suppressCount(value: number, threshold: number): ShownCount {
  return value < threshold ? belowThreshold(threshold) : value
}

/** A breakdown and its total as a councillor may see them. */
export interface ProtectedTable {
  cells: ShownCount[]
  total: ShownCount
}

/**
 * Whether a reader who knows the shown cells and the total, that every `<T` lies in 0…T-1 and every `*` is at least
 * T, can still give each `<T` any value from 0 to T-1 (so learns nothing past "fewer than T"). The hidden cells must
 * add up to the total less the shown ones (`hiddenSum`); with secondary cells beside the small ones, any remainder
 * can sit in a secondary, so the only limit is that the secondaries' floor T each still fits when one small cell
 * takes T-1; with none, the small cells must share the remainder both when one of them is 0 and when it is T-1.
 */
export function smallCellsProtected(primary: readonly number[], secondary: readonly number[], threshold: number): boolean {
  const hiddenSum = primary.reduce((sum, value) => sum + value, 0) + secondary.reduce((sum, value) => sum + value, 0)
  const most = threshold - 1
  if (secondary.length > 0) return hiddenSum - most >= secondary.length * threshold
  return hiddenSum >= most && hiddenSum <= (primary.length - 1) * most
}

/**
 * One breakdown with its total, protected on its own (docs/access.md, "Small counts"):
 * - every value under the threshold is shown as `<T` (primary suppression), the total too when it is under it;
 * - when the shown values and the total would narrow a `<T` down (exactly one small value, all the small values
 *   zero, or two small values that must both be T-1), the smallest shown value that restores the full 0…T-1 range
 *   is hidden as `*` (secondary suppression), or else the fewest that together do;
 * - when no choice of values can (every other value is exactly T, say), the total is hidden as `*` instead, and the
 *   values stand alone.
 * The outcome depends on this table's values only, so a figure reads the same wherever it is shown.
 */
export function protectTable(values: readonly number[], threshold: number): ProtectedTable {
  const total = values.reduce((sum, value) => sum + value, 0)
  const cells: ShownCount[] = values.map((value) => suppressCount(value, threshold))
  if (total < threshold) return { cells, total: belowThreshold(threshold) }
  const primary = values.filter((value) => value < threshold)
  if (primary.length === 0 || smallCellsProtected(primary, [], threshold)) return { cells, total }

  // Shown values, smallest first (ties: the first listed, so the same data always hides the same cells).
  const candidates = values
    .map((value, index) => ({ value, index }))
    .filter(({ value }) => value >= threshold)
    .sort((left, right) => left.value - right.value || left.index - right.index)
  // One value: the smallest that is enough on its own. When none is, every shown value is small (under 2T-1), and
  // the largest of them are hidden, one by one, as the fewest that are enough.
  let chosen = candidates.filter(({ value }) => smallCellsProtected(primary, [value], threshold)).slice(0, 1)
  if (chosen.length === 0) {
    const largestFirst = [...candidates].reverse()
    for (let count = 2; count <= largestFirst.length && chosen.length === 0; count += 1) {
      const largest = largestFirst.slice(0, count)
      if (smallCellsProtected(primary, largest.map(({ value }) => value), threshold)) chosen = largest
    }
  }
  if (chosen.length === 0) return { cells, total: SECONDARY_MARK }
  for (const { index } of chosen) cells[index] = SECONDARY_MARK
  return { cells, total }
}
