import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'
import type { NewVisit, Task, Visit, WeekDelivery } from './schemas.js'
import { VISIT_ACTIONS } from './visit-actions.js'

const insertVisitQuery = loadQuery(import.meta.url, 'insert-visit.sql')
const visitByKeyQuery = loadQuery(import.meta.url, 'visit-by-key.sql')
const addVisitOfficersQuery = loadQuery(import.meta.url, 'add-visit-officers.sql')
const visitsQuery = loadQuery(import.meta.url, 'visits.sql')
const taskWeeksQuery = loadQuery(import.meta.url, 'task-weeks.sql')
const londonTodayQuery = loadQuery(import.meta.url, 'london-today.sql')

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

/** Every kind of action, 0 where the visit gave none: the same shape for every visit. */
export function actionCounts(given: NewVisit['actions']): Record<string, number> {
  return Object.fromEntries(VISIT_ACTIONS.map((kind) => [kind, given?.[kind] ?? 0]))
}

/** The visit an idempotency key already recorded, if any. */
export async function visitByKey(db: Queryable, key: string): Promise<{ id: number; taskId: number } | null> {
  const row = (await db.query<{ id: number; task_id: number }>({ ...visitByKeyQuery, values: [key] })).rows[0]
  return row ? { id: row.id, taskId: row.task_id } : null
}

/** The new visit's id, or null when its key was recorded meanwhile. */
export async function insertVisit(client: pg.PoolClient, taskId: number, visit: NewVisit, officerIds: number[], userId: number): Promise<number | null> {
  const values = [
    taskId,
    visit.idempotencyKey,
    visit.date,
    visit.startTime,
    visit.minutes,
    JSON.stringify(actionCounts(visit.actions)),
    visit.notes ?? '',
    visit.location?.lon ?? null,
    visit.location?.lat ?? null,
    userId,
  ]
  const id = (await client.query<{ id: number }>({ ...insertVisitQuery, values })).rows[0]?.id ?? null
  if (id !== null) await client.query({ ...addVisitOfficersQuery, values: [id, officerIds] })
  return id
}

interface VisitRow {
  id: number
  task_id: number
  date: string
  start_time: string
  minutes: number
  actions: Record<string, number>
  notes: string
  lon: number | null
  lat: number | null
  outside_area: boolean | null
  recorded_at: Date
  recorded_by: Visit['recordedBy']
  officers: Visit['officers']
}

function toVisit(row: VisitRow): Visit {
  return {
    id: row.id,
    taskId: row.task_id,
    date: row.date,
    startTime: row.start_time,
    minutes: row.minutes,
    officers: row.officers,
    actions: row.actions,
    notes: row.notes,
    location: row.lon === null || row.lat === null ? null : { lon: row.lon, lat: row.lat },
    outsideArea: row.outside_area,
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by,
  }
}

export async function listVisits(db: Queryable, taskId: number): Promise<Visit[]> {
  return (await db.query<VisitRow>({ ...visitsQuery, values: [taskId, null] })).rows.map(toVisit)
}

export async function getVisit(db: Queryable, taskId: number, visitId: number): Promise<Visit> {
  return toVisit((await db.query<VisitRow>({ ...visitsQuery, values: [taskId, visitId] })).rows[0])
}

/** Today's date in the UK (YYYY-MM-DD): visits are dated as the officer's calendar reads. */
export async function londonToday(db: Queryable): Promise<string> {
  return (await db.query<{ today: string }>(londonTodayQuery)).rows[0].today
}

/** Shares of the week's target delivered; null where the target is nothing. */
export function weekDelivery(weekStart: string, visits: number, minutes: number, dosage: Task['dosage']): WeekDelivery {
  const minuteTarget = dosage.visitsPerWeek * dosage.minutesPerVisit
  return {
    weekStart,
    visits,
    minutes,
    visitShare: dosage.visitsPerWeek > 0 ? visits / dosage.visitsPerWeek : null,
    minuteShare: minuteTarget > 0 ? minutes / minuteTarget : null,
  }
}

/** The task with its delivery in every week from its start to its end or this week, whichever is first. */
export async function withWeeks(db: Queryable, task: Task, today: string): Promise<Task> {
  const rows = (await db.query<{ week_start: string; visits: number; minutes: number }>({ ...taskWeeksQuery, values: [task.id, today] })).rows
  const weeks = rows.map((row) => weekDelivery(row.week_start, row.visits, row.minutes, task.dosage))
  return { ...task, delivery: { ...task.delivery, weeks } }
}
