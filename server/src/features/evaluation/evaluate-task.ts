import { cellsToMultiPolygon, getResolution, isValidCell } from 'h3-js'
import type pg from 'pg'
import { badRequest, conflict, notFound } from '../../lib/errors.js'
import { formatMonth, monthsOf, shiftMonth } from '../../lib/months.js'
import { loadQuery } from '../../lib/sql-file.js'
import { categoryIds, monthBounds } from '../counts/count-bounds.js'
import type { Measure } from '../hotspots/measure.js'
import { countAreas, harmParts, type MonthRange } from './area-counts.js'
import { chooseControl, CONTROL_CELL_SPAN_METRES, CONTROL_RES, MAX_CONTROL_RATIO } from './control.js'
import { readWdd } from './read-wdd.js'
import { MAX_EVALUATION_MONTHS, type Evaluation } from './schemas.js'
import { wdd, wddHarm, type PrePost } from './wdd.js'

const evaluationTaskQuery = loadQuery(import.meta.url, 'evaluation-task.sql')
const controlCandidatesQuery = loadQuery(import.meta.url, 'control-candidates.sql')
const overlappingTasksQuery = loadQuery(import.meta.url, 'overlapping-tasks.sql')

type Queryable = Pick<pg.Pool, 'query'>
type MultiPolygon = Evaluation['areas']['treated']

export interface EvaluationOptions {
  /** Months in each period; default the task's own length. */
  months?: number
  bufferMetres: number
  /** 'auto', or the control as H3 cells. */
  control: 'auto' | string[]
  measure: Measure
}

interface TaskRow {
  id: number
  title: string
  status: string
  source: string
  start_date: string
  end_date: string
  start_month: string
  end_month: string
  geom: string
  categories: string[] | null
  councils: string[]
  area_geojson: MultiPolygon
  ring_geojson: MultiPolygon
}

export const MONTHS_ONLY_WORDS =
  'police.uk gives each incident\u2019s month only, so the periods are whole calendar months: the “after” period starts with the month the task started in.'

/**
 * The periods compared: `months` months from the task's start month on (the task's own length by default), and as many
 * just before it, both shortened to the months the data holds. Refused (409) when the data has no month on either side.
 */
export function choosePeriods(
  task: { startMonth: string; endMonth: string },
  dataMonths: readonly string[],
  asked: number | undefined,
): { before: MonthRange; after: MonthRange; months: number; notes: string[] } {
  if (dataMonths.length === 0) throw conflict('there is no data yet: import police.uk data before evaluating a task')
  const first = dataMonths[0]
  const last = dataMonths[dataMonths.length - 1]
  const span = `the data runs from ${formatMonth(first)} to ${formatMonth(last)}`
  const afterAvailable = monthsOf(task.startMonth, last).length
  const beforeAvailable = monthsOf(first, shiftMonth(task.startMonth, -1)).length
  if (afterAvailable === 0) {
    throw conflict(`the task started in ${formatMonth(task.startMonth)} and ${span}: there is no month from its start on to evaluate yet`)
  }
  if (beforeAvailable === 0) throw conflict(`the task started in ${formatMonth(task.startMonth)} and ${span}: there is no month before it to compare with`)
  const own = Math.min(MAX_EVALUATION_MONTHS, monthsOf(task.startMonth, task.endMonth).length)
  const wanted = asked ?? own
  const months = Math.min(wanted, afterAvailable, beforeAvailable)
  const notes: string[] = []
  if (months < wanted) {
    notes.push(
      `Shortened periods: ${wanted} months on each side were wanted but ${span}, so ${months} month${months === 1 ? '' : 's'} on each side are compared.`,
    )
  }
  const before = { from: shiftMonth(task.startMonth, -months), to: shiftMonth(task.startMonth, -1) }
  const after = { from: task.startMonth, to: shiftMonth(task.startMonth, months - 1) }
  const held = new Set(dataMonths)
  const missing = [...monthsOf(before.from, before.to), ...monthsOf(after.from, after.to)].filter((month) => !held.has(month))
  if (missing.length > 0) {
    notes.push(`Missing months: no data was loaded for ${missing.map(formatMonth).join(', ')}; those months count as none, which reads as a fall or a rise that did not happen.`)
  }
  return { before, after, months, notes }
}

/** The user's control cells, checked: valid H3 cells of one resolution from 6 to 11 (the map's). */
export function checkControlCells(cells: readonly string[]): string[] {
  const unique = [...new Set(cells)]
  for (const cell of unique) {
    if (!isValidCell(cell)) throw badRequest('control', `${cell} is not an H3 cell`)
  }
  const resolutions = new Set(unique.map(getResolution))
  if (resolutions.size > 1) throw badRequest('control', `the cells mix resolutions ${[...resolutions].sort().join(', ')}; give cells of one resolution`)
  const [res] = resolutions
  if (res < 6 || res > 11) throw badRequest('control', `resolution ${res} cells are not on the map; give cells of resolution 6 to 11`)
  return unique
}

function cellsGeometry(cells: readonly string[]): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: cellsToMultiPolygon([...cells], true) }
}

function geometryWkt(geometry: MultiPolygon): string {
  const ring = (points: number[][]) => `(${points.map(([lon, lat]) => `${lon} ${lat}`).join(', ')})`
  return `MULTIPOLYGON(${geometry.coordinates.map((polygon) => `(${polygon.map(ring).join(', ')})`).join(', ')})`
}

const regions = (values: { treated: PrePost; buffer: PrePost; control: PrePost }) => ({
  treated: [...values.treated],
  buffer: [...values.buffer],
  control: [...values.control],
})

const percentTrend = (trend: number) => `${trend > 0 ? '+' : trend < 0 ? '\u2212' : ''}${Math.abs(Math.round(trend * 100))}% a month`

/**
 * One task's evaluation: incidents in its area, the ring around it and a control, in equal periods before and from its
 * start, the WDD on counts and on harm, the reading in words and the limits (docs/evaluation.md).
 */
export async function evaluateTask(db: Queryable, dataMonths: readonly string[], taskId: number, options: EvaluationOptions): Promise<Evaluation> {
  const { rows } = await db.query<TaskRow>({ ...evaluationTaskQuery, values: [taskId, options.bufferMetres] })
  const task = rows[0]
  if (!task) throw notFound(`id: no task has the id ${taskId}`)
  const { before, after, months, notes } = choosePeriods({ startMonth: task.start_month, endMonth: task.end_month }, dataMonths, options.months)

  let control: Evaluation['control']
  if (options.control === 'auto') {
    const [beforeStart, beforeEnd] = await monthBounds(db, before.from, before.to)
    const candidates = await db.query<{ cell: string | null; month: string; incidents: number }>({
      ...controlCandidatesQuery,
      values: [task.geom, options.bufferMetres + CONTROL_CELL_SPAN_METRES, task.councils, beforeStart, beforeEnd, await categoryIds(db, task.categories)],
    })
    const beforeMonths = monthsOf(before.from, before.to)
    const index = new Map(beforeMonths.map((month, i) => [month, i]))
    const target = beforeMonths.map(() => 0)
    const cells = new Map<string, number[]>()
    for (const row of candidates.rows) {
      let series = target
      if (row.cell !== null) {
        series = cells.get(row.cell) ?? beforeMonths.map(() => 0)
        cells.set(row.cell, series)
      }
      series[index.get(row.month)!] += row.incidents
    }
    const choice = chooseControl(target, cells)
    if (choice === null) {
      throw conflict(
        'control: no cell of the task\u2019s council beyond the ring had incidents before the task; choose the control cells yourself',
      )
    }
    control = {
      mode: 'auto',
      cells: choice.cells,
      rule:
        `${choice.cells.length} res-${CONTROL_RES} H3 cell${choice.cells.length === 1 ? '' : 's'} of the same council, wholly beyond the ` +
        `${options.bufferMetres} m ring, whose month-by-month trend before the task was closest to the task area\u2019s ` +
        `(theirs ${percentTrend(choice.trend)}, the task area\u2019s ${percentTrend(choice.targetTrend)}), added until they had as many ` +
        `incidents before as the task area (${choice.before} against ${target.reduce((a, b) => a + b, 0)}; never more than ${MAX_CONTROL_RATIO}×).`,
      trend: choice.trend,
      targetTrend: choice.targetTrend,
    }
  } else {
    control = { mode: 'cells', cells: [...options.control], rule: `${options.control.length} H3 cell${options.control.length === 1 ? '' : 's'} chosen by the user.`, trend: null, targetTrend: null }
  }
  const controlGeometry = cellsGeometry(control.cells)
  const controlWkt = geometryWkt(controlGeometry)

  const counted = await countAreas(db, { area: task.geom, control: controlWkt, bufferMetres: options.bufferMetres, before, after, categories: task.categories })
  const overlapping = (await db.query<{ id: number; title: string }>({ ...overlappingTasksQuery, values: [task.id, task.geom, options.bufferMetres, controlWkt, before.from, after.to] })).rows

  const countResult = wdd({ treated: counted.counts.treated, control: counted.counts.control, displacementTreated: counted.counts.buffer })
  const parts = harmParts(counted.categories)
  // No incident anywhere: the harm WDD is the count one's zeros (wddHarm needs at least one category).
  const harmResult = parts.length > 0 ? wddHarm(parts) : wdd({ treated: [0, 0], control: [0, 0] })
  const reading = readWdd(options.measure === 'harm' ? harmResult : countResult, {
    measure: options.measure,
    counts: counted.counts,
    harm: counted.harm,
    bufferMetres: options.bufferMetres,
    periodMonths: months,
    monthsOnly: true,
    overlappingTasks: overlapping.map((other) => `#${other.id} ${other.title}`),
    pickedForHighCounts: task.source === 'problem-location',
  })

  return {
    task: { id: task.id, title: task.title, status: task.status, startDate: task.start_date, endDate: task.end_date },
    months,
    monthsOnly: true,
    periodWords: MONTHS_ONLY_WORDS,
    before,
    after,
    bufferMetres: options.bufferMetres,
    measure: options.measure,
    categories: task.categories,
    control,
    areas: { treated: task.area_geojson, buffer: task.ring_geojson, control: controlGeometry },
    counts: regions(counted.counts),
    harm: regions(counted.harm),
    series: counted.series,
    wdd: { count: countResult, harm: harmResult },
    reading: { direction: reading.direction, beyondChanceAt: reading.beyondChanceAt, findings: reading.findings },
    caveats: [...notes, ...reading.limits],
    overlappingTasks: overlapping,
  }
}
