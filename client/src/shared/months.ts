const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH_PATTERN.test(value)
}

/** Inclusive list of YYYY-MM months; empty when either end is malformed or the range is reversed. */
export function monthsBetween(from: string, to: string): string[] {
  if (!isMonth(from) || !isMonth(to) || from > to) return []
  const months: string[] = []
  let year = Number(from.slice(0, 4))
  let month = Number(from.slice(5, 7))
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`
    months.push(current)
    if (current === to) return months
    month += 1
    if (month > 12) {
      month = 1
      year += 1
    }
  }
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "2024-03" → "Mar 2024"; formatted by hand so the label does not depend on the browser's locale data. */
export function formatMonth(month: string): string {
  if (!isMonth(month)) return month
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`
}

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
