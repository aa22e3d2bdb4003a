// Wall-clock times in Europe/London as instants, by the platform's time zone data (Intl), not a fixed rule: the UK's
// summer time rules changed several times before 1996 and logs may reach back that far.
//
// Two wall times a year are not one instant:
// - the skipped hour in March (01:00–01:59 on the last Sunday since 1981) never happened on a clock. It is SHIFTED,
//   read with the offset in force just before the change (GMT): 01:30 becomes 01:30 GMT = 02:30 BST. A log that
//   writes 01:30 there was written by a clock not yet put forward; rejecting it would lose a real incident.
// - the repeated hour in October (01:00–01:59 on the last Sunday) happens twice. The FIRST occurrence (BST, UTC+1) is
//   taken: a log keeps no offset, so which one was meant cannot be known, and the first is what RFC 5545 and
//   Temporal's 'compatible' disambiguation choose. At most an hour's error, in one hour a year.

export interface WallTime {
  year: number
  month: number // 1–12
  day: number
  hour: number
  minute: number
  second: number
}

const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
})

const HOUR_MS = 3_600_000

/** London's offset from UTC at an instant, in milliseconds (0 in winter, 3,600,000 in summer). */
export function londonOffsetMs(instantMs: number): number {
  const parts: Record<string, number> = {}
  for (const part of london.formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second)
  return wall - Math.floor(instantMs / 1000) * 1000
}

/** Offsets are the same all day on all but two days a year: one Intl call per day and offset instead of per row. */
const dayOffsets = new Map<number, number | null>()

/** The offset in force all day on the wall day starting at `dayMs` (UTC midnight of the wall date), or null on a change day. */
function steadyOffset(dayMs: number): number | null {
  let offset = dayOffsets.get(dayMs)
  if (offset === undefined) {
    // The offsets at the day's first and last wall minutes (an hour either way of UTC midnight is inside the day at
    // either offset) differ only on a change day.
    const start = londonOffsetMs(dayMs - HOUR_MS)
    const end = londonOffsetMs(dayMs + 22 * HOUR_MS)
    offset = start === end ? start : null
    if (dayOffsets.size > 100_000) dayOffsets.clear()
    dayOffsets.set(dayMs, offset)
  }
  return offset
}

/** The instant of a London wall time: the skipped March hour shifted forward, the repeated October hour's first occurrence. */
export function londonInstant(wall: WallTime): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)
  const steady = steadyOffset(Date.UTC(wall.year, wall.month - 1, wall.day))
  if (steady !== null) return new Date(asUtc - steady)
  // A change day: the offsets either side of the change, tried earliest instant first (the larger offset).
  const before = londonOffsetMs(asUtc - 12 * HOUR_MS)
  const after = londonOffsetMs(asUtc + 12 * HOUR_MS)
  const candidates = [...new Set([before, after])].sort((a, b) => b - a)
  for (const offset of candidates) {
    const instant = asUtc - offset
    if (londonOffsetMs(instant) === offset) return new Date(instant)
  }
  // No offset gives this wall time: the skipped hour. Read with the offset before the change.
  return new Date(asUtc - before)
}

/** The London wall time of an instant (for tests and previews). */
export function londonWallTime(instant: Date): WallTime {
  const offset = londonOffsetMs(instant.getTime())
  const wall = new Date(instant.getTime() + offset)
  return {
    year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(),
    hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds(),
  }
}
