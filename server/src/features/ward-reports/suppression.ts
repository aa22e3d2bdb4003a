/** A count as a councillor sees it: the number, `<N` when it is below the threshold, or `*` when hidden to protect one. */
export type ShownCount = number | string

/** Marks a value hidden only so that a `<N` beside it cannot be worked out by subtraction from the total. */
export const SECONDARY_MARK = '*'

export function belowThreshold(threshold: number): string {
  return `<${threshold}`
}

/** Primary suppression of one figure: any count under the threshold, zero included, as the policy is written. */
export function suppressCount(value: number, threshold: number): ShownCount {
  return value < threshold ? belowThreshold(threshold) : value
}

/**
 * A breakdown that sums to a total shown beside it. When exactly one value is under the threshold, the total minus
 * the others would give it away, so the smallest other value is hidden too (secondary suppression, as ONS does).
 */
export function suppressBreakdown(values: readonly number[], threshold: number): ShownCount[] {
  const shown: ShownCount[] = values.map((value) => suppressCount(value, threshold))
  const hidden = shown.filter((value) => typeof value === 'string').length
  if (hidden !== 1) return shown
  let smallest = -1
  values.forEach((value, index) => {
    if (typeof shown[index] === 'number' && (smallest === -1 || value < values[smallest])) smallest = index
  })
  if (smallest !== -1) shown[smallest] = SECONDARY_MARK
  return shown
}
