/**
 * Drops range ends that fall outside the data's span (an old shared link, say) so the selects always show a real
 * option; a range that ends up reversed is cleared rather than guessed at.
 */
export function clampRange(
  from: string | null,
  to: string | null,
  period: { from: string; to: string } | null,
): { from: string | null; to: string | null } {
  if (!period) return { from, to }
  const inPeriod = (month: string | null) => month !== null && month >= period.from && month <= period.to
  const clampedFrom = inPeriod(from) ? from : null
  const clampedTo = inPeriod(to) ? to : null
  if (clampedFrom !== null && clampedTo !== null && clampedFrom > clampedTo) return { from: null, to: null }
  return { from: clampedFrom, to: clampedTo }
}
