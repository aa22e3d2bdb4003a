/**
 * Key times: the weekday × hour windows when a task's patrols should happen. A grid of 7 days × 24 hours, Monday first
 * (row 0) to Sunday (row 6), hours 0–23 of Europe/London local time. The database keeps it as 168 bits, bit
 * `day × 24 + hour`. No imports: the client paints the same grid.
 */
export const DAYS = 7
export const HOURS = 24
export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const

export type KeyTimes = boolean[][]

export function emptyKeyTimes(): KeyTimes {
  return Array.from({ length: DAYS }, () => new Array<boolean>(HOURS).fill(false))
}

/** The grid as the database's bit string: '1' for a key hour, bit day × 24 + hour. */
export function keyTimesToBits(grid: KeyTimes): string {
  return grid.map((day) => day.map((key) => (key ? '1' : '0')).join('')).join('')
}

export function keyTimesFromBits(bits: string): KeyTimes {
  if (bits.length !== DAYS * HOURS || /[^01]/.test(bits)) throw new Error(`key times must be ${DAYS * HOURS} bits, got ${JSON.stringify(bits.slice(0, 20))}…`)
  return Array.from({ length: DAYS }, (_, day) => Array.from({ length: HOURS }, (_unused, hour) => bits[day * HOURS + hour] === '1'))
}

/**
 * The grid in words, for the audit trail and printed sheets: each day's key hours as ranges, e.g.
 * `Fri 18:00–24:00; Sat 00:00–02:00, 18:00–24:00`; `none` when no hour is marked.
 */
export function describeKeyTimes(grid: KeyTimes): string {
  const clock = (hour: number) => `${String(hour).padStart(2, '0')}:00`
  const days: string[] = []
  grid.forEach((hours, day) => {
    const ranges: string[] = []
    let start = -1
    for (let hour = 0; hour <= HOURS; hour += 1) {
      const key = hour < HOURS && hours[hour]
      if (key && start < 0) start = hour
      if (!key && start >= 0) {
        ranges.push(`${clock(start)}–${clock(hour)}`)
        start = -1
      }
    }
    if (ranges.length > 0) days.push(`${DAY_NAMES[day].slice(0, 3)} ${ranges.join(', ')}`)
  })
  return days.length > 0 ? days.join('; ') : 'none'
}
