import { describe, expect, it } from 'vitest'
import { PointMonthTally } from './point-month-tally.js'

const MONTH = 2_629_800_000_000 // about a month in microseconds; any distinct starts will do

interface Row {
  locationId: number
  periodStart: number
  categoryId: number
  place: string | null
}

/** Writes rows into the tally as the writer does: per point, with place and month ids. */
function addRows(tally: PointMonthTally, rows: Row[]): void {
  for (const row of rows) {
    tally.add(tally.pointCounts(row.locationId), tally.placeId(row.place), tally.periodId(row.periodStart), row.categoryId)
  }
}

/** The same rows counted the plain way: key → incidents. */
function grouped(rows: Row[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const row of rows) {
    const key = JSON.stringify([row.locationId, row.periodStart, row.categoryId, row.place])
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

function randomRows(count: number, seed: number): Row[] {
  let state = seed
  const next = (below: number) => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state % below
  }
  const places = [null, 'On or near High Street', 'On or near Café Öst', 'On or near Park', '']
  return Array.from({ length: count }, () => ({
    locationId: 1 + next(300),
    periodStart: 700_000_000_000_000 + next(40) * MONTH,
    categoryId: 1 + next(14),
    place: places[next(places.length)],
  }))
}

describe('the point-month tally', () => {
  it('gives the committed files’ rows, summed per key, in month order; a rolled-back file counts for nothing', () => {
    const tally = new PointMonthTally(14)
    const files = [randomRows(5000, 1), randomRows(3000, 2), randomRows(4000, 3)]
    addRows(tally, files[0])
    tally.commit()
    addRows(tally, files[1])
    tally.rollback()
    addRows(tally, files[2])
    tally.commit()
    expect(tally.rows).toBe(9000)

    const columns = tally.pointMonthColumns()
    const summed = new Map<string, number>()
    for (let row = 0; row < columns.length; row++) {
      const key = JSON.stringify([columns.locationIds[row], columns.periodStarts[row], columns.categoryIds[row], columns.locationTexts[row]])
      summed.set(key, (summed.get(key) ?? 0) + columns.incidents[row])
      if (row > 0) expect(columns.periodStarts[row]).toBeGreaterThanOrEqual(columns.periodStarts[row - 1])
    }
    expect(summed).toEqual(grouped([...files[0], ...files[2]]))
  })

  it('sums each point’s incidents by category for location_counts', () => {
    const tally = new PointMonthTally(3)
    addRows(tally, [
      { locationId: 7, periodStart: 0, categoryId: 1, place: 'A' },
      { locationId: 7, periodStart: MONTH, categoryId: 3, place: 'B' },
      { locationId: 9, periodStart: 0, categoryId: 3, place: null },
    ])
    tally.commit()
    addRows(tally, [{ locationId: 7, periodStart: 2 * MONTH, categoryId: 3, place: 'A' }])
    tally.commit()
    const { locationIds, totals, counts } = tally.locationArrays()
    const byPoint = Object.fromEntries(locationIds.map((id, index) => [id, { total: totals[index], counts: counts.slice(index * 3, index * 3 + 3) }]))
    expect(byPoint).toEqual({ 7: { total: 3, counts: [1, 0, 2] }, 9: { total: 1, counts: [0, 0, 1] } })
  })

  it('gives up past its key limit, still counting rows, so that the run is counted in SQL', () => {
    const distinct = (count: number, from = 0): Row[] =>
      Array.from({ length: count }, (_, index) => ({ locationId: from + index, periodStart: 0, categoryId: 1, place: null }))
    const tally = new PointMonthTally(14, 10)
    addRows(tally, distinct(8))
    tally.rollback()
    addRows(tally, [...distinct(8, 100), ...distinct(8, 100)])
    tally.commit()
    expect(tally.overflowed).toBe(false) // a rolled-back file's keys do not count, and repeated keys count once
    expect(tally.pointMonthColumns().length).toBe(8)
    addRows(tally, distinct(3, 200))
    tally.commit()
    expect(tally.overflowed).toBe(true)
    expect(tally.rows).toBe(19)
    expect(tally.pointMonthColumns().length).toBe(0)
  })

  it('refuses a category id outside the ones it was made for', () => {
    const tally = new PointMonthTally(14)
    expect(() => addRows(tally, [{ locationId: 1, periodStart: 0, categoryId: 15, place: null }])).toThrow(/category id 15/)
    expect(() => addRows(tally, [{ locationId: 1, periodStart: 0, categoryId: 0, place: null }])).toThrow(/category id 0/)
  })
})
