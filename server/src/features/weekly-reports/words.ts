/**
 * A count's change in words a lay reader follows: "up 12 on last month; about the same as usual". Import-free (the
 * client shows the same words). Shown only where no hidden figure can be worked back from it (report.ts decides).
 */

export type Trend = 'up' | 'down' | 'same'

/** Within this share of the usual level, a count is "about the same as usual": week-to-week noise is large. */
export const USUAL_BAND = 0.2

export function againstPrevious(current: number, previous: number, unit: 'week' | 'month'): string {
  const difference = current - previous
  if (difference === 0) return `the same as last ${unit}`
  return `${difference > 0 ? 'up' : 'down'} ${Math.abs(difference)} on last ${unit}`
}

export function againstUsual(current: number, average: number): string {
  if (average === 0) return current === 0 ? 'about the same as usual' : 'higher than usual'
  const ratio = (current - average) / average
  if (Math.abs(ratio) <= USUAL_BAND) return 'about the same as usual'
  if (ratio > 1) return 'much higher than usual'
  if (ratio < -0.5) return 'much lower than usual'
  return ratio > 0 ? 'higher than usual' : 'lower than usual'
}
