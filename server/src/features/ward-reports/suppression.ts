/**
 * A count as a councillor sees it: the number, `<N` when it is below the threshold, or `>=N` for a total that is at
 * least N (hidden because a count beside it is small).
 */
export type ShownCount = number | string

export function belowThreshold(threshold: number): string {
  return `<${threshold}`
}

export function atLeast(value: number): string {
  return `>=${value}`
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
 * One breakdown with its total, protected on its own (docs/access.md, "Small counts"):
 * - every value under the threshold T is shown as `<T`, zero included (primary suppression);
 * - a total under T is `<T` too;
 * - a total beside any `<T` is shown only as what the reader can add up anyway, `>=` the shown values' sum (at least
 *   T): an exact total would give the small values' sum by subtraction, and every way of hiding something else
 *   instead depends on the hidden values, so a reader who knows the rule learns from the choice itself.
 * Every choice here depends only on which values are small and on the shown values, never on a hidden one, so a
 * `<T` can be any of 0…T-1 whatever else the reader knows of this rule.
 */
export function protectTable(values: readonly number[], threshold: number): ProtectedTable {
  const cells = values.map((value) => suppressCount(value, threshold))
  const total = values.reduce((sum, value) => sum + value, 0)
  if (total < threshold) return { cells, total: belowThreshold(threshold) }
  if (values.every((value) => value >= threshold)) return { cells, total }
  const shown = values.reduce((sum, value) => (value >= threshold ? sum + value : sum), 0)
  return { cells, total: atLeast(Math.max(shown, threshold)) }
}
