/** Month starts a run may tally: far more than the decades police.uk covers. */
const PERIOD_LIMIT = 1 << 16
/**
 * Keys a run tallies before it gives up the tally: about 60 MB of maps (a million keys over 20,000 points and 36
 * monthly files measured 119 MB of heap). Cleveland's 35 months make 180,243. A run past it, a large force's years
 * say, is counted in SQL at the end instead, as before the tally.
 */
export const DEFAULT_TALLY_LIMIT = 500_000

/** One file's tally of one point: key (place, month and category packed into one number) → incidents. */
type PointCounts = Map<number, number>

/** A run's rows of point_month_counts, column by column, in month order. */
export interface PointMonthColumns {
  length: number
  locationIds: Int32Array
  /** Microseconds since 2000 (binary timestamptz). */
  periodStarts: Float64Array
  categoryIds: Int16Array
  locationTexts: (string | null)[]
  incidents: Int32Array
}

/**
 * The incidents an import run wrote, per map point, month start, category (incident_categories id) and place name,
 * tallied as rows go out: the run's rows of point_month_counts and, summed per point, its additions to
 * location_counts, without reading the incidents back. A file's tally counts once its transaction commits. Files'
 * tallies are kept apart rather than merged: point_month_counts may hold a key in several rows (queries add them
 * up), and a file of one month rarely shares a key with another file anyway.
 */
export class PointMonthTally {
  private readonly committed: Map<number, PointCounts>[] = []
  private pending = new Map<number, PointCounts>()
  private committedRows = 0
  private pendingRows = 0
  private readonly places: (string | null)[] = []
  private readonly placeIds = new Map<string | null, number>()
  private readonly periods: number[] = []
  private readonly periodIds = new Map<number, number>()
  /** One more than the largest category id: the packed key's last factor. */
  private readonly categoryLimit: number
  /** Keys held, committed and pending; an upper bound on rows, since a file's key may repeat another file's. */
  private keys = 0
  private committedKeys = 0
  private gaveUp = false

  /** `categoryCount`: the largest incident_categories id a row can have; `keyLimit`: see DEFAULT_TALLY_LIMIT. */
  constructor(
    readonly categoryCount: number,
    private readonly keyLimit = DEFAULT_TALLY_LIMIT,
  ) {
    this.categoryLimit = categoryCount + 1
  }

  /** True once the run has more keys than the tally keeps: its counts must then come from SQL. */
  get overflowed(): boolean {
    return this.gaveUp
  }

  /** The tally's number for a place name; look it up once per segment, not per row. */
  placeId(name: string | null): number {
    let id = this.placeIds.get(name)
    if (id === undefined) {
      id = this.places.push(name) - 1
      this.placeIds.set(name, id)
    }
    return id
  }

  /** The tally's number for a month start (microseconds since 2000). */
  periodId(start: number): number {
    let id = this.periodIds.get(start)
    if (id === undefined) {
      if (this.periods.length >= PERIOD_LIMIT) throw new Error(`an import run can tally at most ${PERIOD_LIMIT} months`)
      id = this.periods.push(start) - 1
      this.periodIds.set(start, id)
    }
    return id
  }

  /** The counts of one point in the file being written, to add rows to. */
  pointCounts(locationId: number): PointCounts {
    let counts = this.pending.get(locationId)
    if (counts === undefined) this.pending.set(locationId, (counts = new Map()))
    return counts
  }

  /** One incident at a point (`counts`, from pointCounts), with ids from placeId and periodId. */
  add(counts: PointCounts, placeId: number, periodId: number, categoryId: number): void {
    if (!(categoryId >= 1 && categoryId <= this.categoryCount)) throw new Error(`category id ${categoryId} is outside 1…${this.categoryCount}`)
    this.pendingRows++
    if (this.gaveUp) return
    const key = (placeId * PERIOD_LIMIT + periodId) * this.categoryLimit + categoryId
    const incidents = counts.get(key)
    if (incidents !== undefined) {
      counts.set(key, incidents + 1)
      return
    }
    counts.set(key, 1)
    if (++this.keys > this.keyLimit) this.giveUp()
  }

  commit(): void {
    if (this.pending.size > 0 && !this.gaveUp) this.committed.push(this.pending)
    this.committedRows += this.pendingRows
    this.committedKeys = this.keys
    this.pending = new Map()
    this.pendingRows = 0
  }

  rollback(): void {
    this.pending = new Map()
    this.pendingRows = 0
    this.keys = this.committedKeys
  }

  /** Frees what the tally holds; rows are still counted, so the end of the run knows they are the run's. */
  private giveUp(): void {
    this.gaveUp = true
    this.committed.length = 0
    for (const counts of this.pending.values()) counts.clear()
  }

  /** Rows of committed files tallied. */
  get rows(): number {
    return this.committedRows
  }

  /** The committed tally as point_month_counts rows, in month order (the table's pages then follow the months). */
  pointMonthColumns(): PointMonthColumns {
    let length = 0
    for (const file of this.committed) for (const counts of file.values()) length += counts.size
    // Counting sort by month: how many rows each month has, then where each month's rows start.
    const periodOrder = this.periods.map((start, id) => ({ start, id })).sort((a, b) => a.start - b.start)
    const rowsOfPeriod = new Int32Array(this.periods.length)
    for (const file of this.committed) for (const counts of file.values()) for (const key of counts.keys()) rowsOfPeriod[this.periodOf(key)]++
    const next = new Int32Array(this.periods.length)
    let at = 0
    for (const { id } of periodOrder) {
      next[id] = at
      at += rowsOfPeriod[id]
    }
    const columns: PointMonthColumns = {
      length,
      locationIds: new Int32Array(length),
      periodStarts: new Float64Array(length),
      categoryIds: new Int16Array(length),
      locationTexts: new Array<string | null>(length),
      incidents: new Int32Array(length),
    }
    for (const file of this.committed) {
      for (const [locationId, counts] of file) {
        for (const [key, incidents] of counts) {
          const periodId = this.periodOf(key)
          const row = next[periodId]++
          columns.locationIds[row] = locationId
          columns.periodStarts[row] = this.periods[periodId]
          columns.categoryIds[row] = key % this.categoryLimit
          columns.locationTexts[row] = this.places[Math.floor(key / this.categoryLimit / PERIOD_LIMIT)]
          columns.incidents[row] = incidents
        }
      }
    }
    return columns
  }

  /**
   * The committed tally per point for location_counts: points, their totals, and their counts by category id one
   * after another (`categoryCount` per point, id 1 first), for one query.
   */
  locationArrays(): { locationIds: number[]; totals: number[]; counts: number[] } {
    const byPoint = new Map<number, number[]>()
    for (const file of this.committed) {
      for (const [locationId, pointCounts] of file) {
        let byCategory = byPoint.get(locationId)
        if (byCategory === undefined) byPoint.set(locationId, (byCategory = new Array<number>(this.categoryLimit).fill(0)))
        for (const [key, incidents] of pointCounts) byCategory[key % this.categoryLimit] += incidents
      }
    }
    const locationIds: number[] = []
    const totals: number[] = []
    const counts: number[] = []
    for (const [locationId, byCategory] of byPoint) {
      let total = 0
      for (let categoryId = 1; categoryId <= this.categoryCount; categoryId++) {
        counts.push(byCategory[categoryId])
        total += byCategory[categoryId]
      }
      locationIds.push(locationId)
      totals.push(total)
    }
    return { locationIds, totals, counts }
  }

  private periodOf(key: number): number {
    return Math.floor(key / this.categoryLimit) % PERIOD_LIMIT
  }
}
