import type { FastifyInstance, FastifyRequest } from 'fastify'
import type pg from 'pg'
import { cellsToMultiPolygon } from 'h3-js'
import { badRequest, serviceBusy } from '../../lib/errors.js'
import { shiftMonth } from '../../lib/months.js'
import { loadQuery } from '../../lib/sql-file.js'
import { monthBounds } from '../counts/count-bounds.js'
import type { ProblemLocationsAnswer } from '../hotspots/schemas.js'
import type { DataSpan } from '../summary/data-period.js'
import type { TaskListItem } from '../tasks/schemas.js'
import { listTasks, type Viewer } from '../tasks/task-store.js'
import { OPEN_STATUSES } from '../tasks/task-status.js'
import type { Agenda, AgendaQuery, Meeting } from './schemas.js'
import type { Static } from 'typebox'

const locationCoverQuery = loadQuery(import.meta.url, 'location-cover.sql')
const incidentsSinceQuery = loadQuery(import.meta.url, 'incidents-since.sql')
const popsDueQuery = loadQuery(import.meta.url, 'pops-due.sql')
const escalationsQuery = loadQuery(import.meta.url, 'escalations.sql')

/** The agenda's default problem locations: anti-social behaviour, what a JAG most often tasks patrols against. */
export const DEFAULT_AGENDA_CATEGORY = 'Anti-social behaviour'
/** A location is covered when one open task's area holds at least this share of the location's area. */
export const COVER_SHARE = 0.5
/** Ranked locations read to find `limit` uncovered ones: covered ones are skipped, so more are asked for. */
const LOCATIONS_READ = 60
export const COVER_RULE =
  'Left out when one open task (proposed, tasked or in progress) has at least half of the location\u2019s area inside its own.'

/** YYYY-MM-DD plus days, on the calendar (no time zone: dates only). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** The Monday of the last whole Monday–Sunday week before the day: the week the JAG reviews delivery for. */
export function lastFullWeekStart(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7 // Monday 0
  return addDays(day, -weekday - 7)
}

/** The categories asked for: none given, anti-social behaviour; "all", every category (null). */
export function agendaCategories(raw: string | undefined): string[] | null {
  if (raw === undefined || raw.trim() === '') return [DEFAULT_AGENDA_CATEGORY]
  if (raw.trim().toLowerCase() === 'all') return null
  return [...new Set(raw.split(',').map((name) => name.trim()).filter((name) => name !== ''))]
}

type LocationsAnswer = Static<typeof ProblemLocationsAnswer>

/**
 * The ranked problem locations exactly as Hotspots shows them: the same route, asked in-process with the caller's own
 * session (agenda readers are all staff, who may read it), so the ranking, the analysis cache and the bound on
 * analysis threads are the hotspot feature's own, not a second computation that could drift from it.
 */
async function rankedLocations(app: FastifyInstance, request: FastifyRequest, period: { from: string; to: string }, categories: string[] | null): Promise<LocationsAnswer> {
  const search = new URLSearchParams({ from: period.from, to: period.to, limit: String(LOCATIONS_READ) })
  if (categories) search.set('categories', categories.join(','))
  const response = await app.inject({ method: 'GET', url: `/api/hotspots/problem-locations?${search}`, headers: { cookie: request.headers.cookie ?? '' } })
  if (response.statusCode === 503) throw serviceBusy(`The problem locations could not be worked out now: ${response.json().message}`)
  // The agenda sets the period itself: a refusal can only be of the categories the caller gave (unknown names).
  if (response.statusCode === 400) throw badRequest('categories', String(response.json().message).replace(/^categories: /, ''))
  if (response.statusCode !== 200) throw new Error(`problem-locations answered ${response.statusCode}: ${response.body.slice(0, 300)}`)
  return response.json()
}

/** (1) The ranked locations no open task covers (COVER_RULE), `limit` of them, and those left out with the task covering each. */
async function uncoveredLocations(pool: pg.Pool, locations: LocationsAnswer | null, limit: number): Promise<Pick<Agenda['locations'], 'items' | 'covered'>> {
  const ranked = locations?.locations ?? []
  const res = locations?.res ?? 9
  const shapes = ranked.map((location) => ({ rank: location.rank, geometry: JSON.stringify({ type: 'MultiPolygon', coordinates: cellsToMultiPolygon(location.cells, true) }) }))
  const cover = new Map<number, { task_id: number | null; title: string | null; share: number | null }>()
  if (shapes.length > 0) {
    for (const row of (await pool.query({ ...locationCoverQuery, values: [JSON.stringify(shapes), OPEN_STATUSES] })).rows) cover.set(row.rank, row)
  }
  const covered: Agenda['locations']['covered'] = []
  const items: Agenda['locations']['items'] = []
  for (const location of ranked) {
    const best = cover.get(location.rank)
    const share = best?.share ?? 0
    if (best?.task_id != null && share >= COVER_SHARE) {
      covered.push({ rank: location.rank, name: location.name, taskId: best.task_id, taskTitle: best.title!, share })
      continue
    }
    if (items.length >= limit) continue
    items.push({
      rank: location.rank,
      name: location.name,
      ward: location.ward,
      res,
      cells: location.cells,
      areaKm2: location.areaKm2,
      incidents: location.incidents,
      previous: location.previous?.incidents ?? null,
      bestCover: best?.task_id != null ? { taskId: best.task_id, title: best.title!, share } : null,
    })
  }
  return { items, covered }
}

/** (2) Open tasks: delivery in the last full week (the tasks feature's own SQL), incidents since tasked. */
async function openTaskItems(pool: pg.Pool, openTasks: TaskListItem[], span: DataSpan): Promise<Agenda['openTasks']['items']> {
  const since = new Map<number, { from_month: string; incidents: number }>()
  if (span && openTasks.length > 0) {
    const [, end] = await monthBounds(pool, null, span.to)
    for (const row of (await pool.query({ ...incidentsSinceQuery, values: [openTasks.map((task) => task.id), end] })).rows) since.set(row.id, row)
  }
  return openTasks.map((task) => {
    const counted = since.get(task.id)
    const incidentsSince = span && counted && counted.from_month <= span.to ? { from: counted.from_month, to: span.to, incidents: counted.incidents } : null
    return { task, week: task.delivery.thisWeek, incidentsSince }
  })
}

/** (4) Escalated to the PSG, with when and why from the audit trail. */
async function escalatedItems(pool: pg.Pool, escalatedTasks: TaskListItem[]): Promise<Agenda['escalated']> {
  const escalations = new Map<string, { at: Date; reason: string | null }>()
  if (escalatedTasks.length > 0) {
    for (const row of (await pool.query({ ...escalationsQuery, values: [escalatedTasks.map((task) => `task:${task.id}`)] })).rows) escalations.set(row.target, row)
  }
  return escalatedTasks.map((task) => {
    const found = escalations.get(`task:${task.id}`)
    return { task, escalatedAt: found ? found.at.toISOString() : null, reason: found?.reason ?? null }
  })
}

export async function buildAgenda(app: FastifyInstance, request: FastifyRequest, viewer: Viewer, meeting: Meeting, query: AgendaQuery): Promise<Agenda> {
  const pool = app.pg.pool
  const categories = agendaCategories(query.categories)
  const span = await app.dataPeriod.get()
  // The last `months` months of the data, as the period presets count them (no earlier than the data's first month).
  const first = span ? shiftMonth(span.to, -(query.months - 1)) : null
  const period = span && first ? { from: first < span.from ? span.from : first, to: span.to } : null
  const weekStart = lastFullWeekStart(meeting.heldOn)
  const dueBy = addDays(meeting.heldOn, 7)
  // Without their areas' GeoJSON: the agenda draws no map. Each part's queries follow its own first answer, all four
  // parts at once (one after another they were the sum of their times).
  const tasksOnly = { withGeometry: false }

  const [locations, openItems, escalated, pops] = await Promise.all([
    (period ? rankedLocations(app, request, period, categories) : Promise.resolve(null)).then(async (ranked) => ({ ranked, ...(await uncoveredLocations(pool, ranked, query.limit)) })),
    listTasks(pool, viewer, { statuses: [...OPEN_STATUSES], weekStart }, tasksOnly).then((tasks) => openTaskItems(pool, tasks, span)),
    listTasks(pool, viewer, { statuses: ['escalated'] }, tasksOnly).then((tasks) => escalatedItems(pool, tasks)),
    pool.query({ ...popsDueQuery, values: [dueBy, meeting.heldOn] }),
  ])

  return {
    meeting,
    locations: {
      period: period ?? { from: '', to: '' },
      categories,
      coverRule: COVER_RULE,
      items: locations.items,
      covered: locations.covered,
      caveats: locations.ranked?.caveats ?? [],
    },
    openTasks: { weekStart, items: openItems },
    pops: {
      dueBy,
      items: pops.rows.map((row) => ({
        id: row.id,
        title: row.title,
        owner: row.owner,
        saraStage: row.sara_stage,
        reviewOn: row.review_on,
        overdue: row.overdue,
        daysOverdue: row.days_overdue,
        wards: row.wards,
        linkedTasks: row.linked_tasks,
      })),
    },
    escalated,
  }
}
