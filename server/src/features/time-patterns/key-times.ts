// The key-time suggestion (issue 15): the fewest weekday × hour cells that hold a chosen share of an area's timed
// incidents. Taking cells busiest first is optimal for the count (no k cells hold more than the k busiest), so no
// search is needed; among cells of equal count the one next to a cell already taken goes first, so the hours come in
// runs a patrol can be planned around. key-times.test.ts checks the count against brute force on small grids.
import { DAYS, HOURS, type KeyTimes } from '../tasks/key-times.js'

export interface KeyTimeSuggestion {
  keyTimes: KeyTimes
  /** Key hours suggested (cells of the grid). */
  hours: number
  /** Incidents in those hours. */
  covered: number
  /** Incidents in the grid. */
  total: number
}

const neighbours = (day: number, hour: number): [number, number][] => [
  [day, hour - 1],
  [day, hour + 1],
  // Past midnight into the next day and back: 23:00 Friday and 00:00 Saturday are one evening.
  ...(hour === HOURS - 1 ? [[(day + 1) % DAYS, 0] as [number, number]] : []),
  ...(hour === 0 ? [[(day + DAYS - 1) % DAYS, HOURS - 1] as [number, number]] : []),
]

export function suggestKeyTimes(grid: number[][], share: number): KeyTimeSuggestion {
  const keyTimes = Array.from({ length: DAYS }, () => new Array<boolean>(HOURS).fill(false))
  const total = grid.reduce((sum, day) => sum + day.reduce((daySum, count) => daySum + count, 0), 0)
  const target = share * total
  let covered = 0
  let hours = 0
  while (total > 0 && covered < target - 1e-9) {
    let best: { day: number; hour: number; count: number; next: boolean } | null = null
    for (let day = 0; day < DAYS; day++) {
      for (let hour = 0; hour < HOURS; hour++) {
        const count = grid[day][hour]
        if (keyTimes[day][hour] || count <= 0) continue
        const next = neighbours(day, hour).some(([d, h]) => h >= 0 && h < HOURS && keyTimes[d][h])
        if (!best || count > best.count || (count === best.count && next && !best.next)) best = { day, hour, count, next }
      }
    }
    if (!best) break
    keyTimes[best.day][best.hour] = true
    covered += best.count
    hours += 1
  }
  return { keyTimes, hours, covered, total }
}
