import type pg from 'pg'
import { badRequest } from '../../lib/errors.js'
import { loadQuery } from '../../lib/sql-file.js'
import { PATROL_ROLES } from '../users/roles.js'
import { keyTimesFromBits, keyTimesToBits, type KeyTimes } from './key-times.js'
import { MAX_AREA_KM2, type AreaSource, type AreaSpec } from './task-area.js'
import type { TaskStatus } from './task-status.js'
import { seesTaskDetail, type TaskScope } from './task-visibility.js'
import { weekDelivery } from './visit-store.js'
import type { AreaPolygon, PatrolOfficer, Task, TaskListItem } from './schemas.js'

const tasksQuery = loadQuery(import.meta.url, 'tasks.sql')
const checkAreaQuery = loadQuery(import.meta.url, 'check-area.sql')
const categoryIdsQuery = loadQuery(import.meta.url, 'category-ids.sql')
const patrolUsersQuery = loadQuery(import.meta.url, 'patrol-users.sql')
const patrolOfficersQuery = loadQuery(import.meta.url, 'patrol-officers.sql')
const meetingExistsQuery = loadQuery(import.meta.url, 'meeting-exists.sql')
const popExistsQuery = loadQuery(import.meta.url, 'pop-exists.sql')
const insertTaskQuery = loadQuery(import.meta.url, 'insert-task.sql')
const setTaskWardsQuery = loadQuery(import.meta.url, 'set-task-wards.sql')
const replaceTaskOfficersQuery = loadQuery(import.meta.url, 'replace-task-officers.sql')
const lockTaskQuery = loadQuery(import.meta.url, 'lock-task.sql')
const updateTaskQuery = loadQuery(import.meta.url, 'update-task.sql')
const setTaskStatusQuery = loadQuery(import.meta.url, 'set-task-status.sql')

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

export interface Viewer {
  id: number
  scope: TaskScope
}

export interface TaskFilters {
  statuses?: TaskStatus[]
  team?: number
  ward?: string
  mine?: boolean
  /** The Monday of the week whose delivery is shown; this week (UK time) by default. */
  weekStart?: string
}

interface Person {
  id: number
  name: string
  email: string
}

/** A row of tasks.sql. */
interface TaskRow {
  id: number
  title: string
  problem: string
  key_times: string
  status: TaskStatus
  outcome: string | null
  version: number
  dosage_visits_per_week: number
  dosage_minutes: number
  start_date: string
  end_date: string
  meeting_id: number | null
  pop_id: number | null
  source: AreaSource
  cells: string[] | null
  cells_res: number | null
  source_ward: string | null
  /** Null when the area's GeoJSON was not asked for. */
  geometry: Task['area']['geometry'] | null
  area_km2: number
  created_at: Date
  updated_at: Date
  categories: string[]
  lead_team: Task['leadTeam']
  officers: Person[]
  wards: Task['wards']
  created_by: Person | null
  updated_by: Person | null
  week_start: string
  week_visits: number
  week_minutes: number
  total_visits: number
  total_minutes: number
  outside_visits: number
}

function toTask(row: TaskRow, scope: TaskScope, withKeyTimes = true): TaskListItem {
  const detail = seesTaskDetail(scope)
  const councils = new Map(row.wards.map((ward) => [ward.councilCode, ward.councilName]))
  return {
    id: row.id,
    title: row.title,
    ...(detail ? { problem: row.problem } : {}),
    ...(detail && withKeyTimes ? { keyTimes: keyTimesFromBits(row.key_times) } : {}),
    categories: row.categories,
    leadTeam: row.lead_team,
    officers: row.officers,
    dosage: { visitsPerWeek: row.dosage_visits_per_week, minutesPerVisit: row.dosage_minutes },
    startDate: row.start_date,
    endDate: row.end_date,
    meetingId: row.meeting_id,
    popId: row.pop_id,
    status: row.status,
    outcome: row.outcome,
    version: row.version,
    area: {
      source: row.source,
      ...(row.geometry ? { geometry: row.geometry } : {}),
      areaKm2: row.area_km2,
      res: row.cells_res,
      ...(detail ? { cells: row.cells } : {}),
      ward: row.source_ward,
    },
    wards: row.wards,
    councils: [...councils].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code)),
    delivery: {
      thisWeek: weekDelivery(row.week_start, row.week_visits, row.week_minutes, { visitsPerWeek: row.dosage_visits_per_week, minutesPerVisit: row.dosage_minutes }),
      total: { visits: row.total_visits, minutes: row.total_minutes, visitsOutsideArea: row.outside_visits },
    },
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
  }
}

/**
 * The tasks the viewer may see that the filters keep. `withKeyTimes: false` leaves each task's 7 × 24 key-times grid out:
 * the API's list does, as the grid was 40% of a 1,000-task answer and only one task's page shows it. `withGeometry:
 * false` leaves each area's GeoJSON out (SQL does not write it): the rest of a 1,000-task answer was as large again, and
 * only a map draws it.
 */
export async function listTasks(db: Queryable, viewer: Viewer, filters?: TaskFilters, options?: { withKeyTimes?: boolean; withGeometry?: true }): Promise<Task[]>
export async function listTasks(db: Queryable, viewer: Viewer, filters: TaskFilters, options: { withKeyTimes?: boolean; withGeometry: boolean }): Promise<TaskListItem[]>
export async function listTasks(
  db: Queryable,
  viewer: Viewer,
  filters: TaskFilters = {},
  { withKeyTimes = true, withGeometry = true }: { withKeyTimes?: boolean; withGeometry?: boolean } = {},
): Promise<TaskListItem[]> {
  const values = [null, viewer.id, viewer.scope, filters.statuses ?? null, filters.team ?? null, filters.ward ?? null, filters.mine ?? false, filters.weekStart ?? null, withGeometry]
  return (await db.query<TaskRow>({ ...tasksQuery, values })).rows.map((row) => toTask(row, viewer.scope, withKeyTimes))
}

/** One task as the viewer may see it; null when it does not exist or is not theirs to see. */
export async function getTask(db: Queryable, viewer: Viewer, id: number, weekStart?: string): Promise<Task | null> {
  const values = [id, viewer.id, viewer.scope, null, null, null, false, weekStart ?? null, true]
  const row = (await db.query<TaskRow>({ ...tasksQuery, values })).rows[0]
  // Asked with its geometry ($9), so the area has it.
  return row ? (toTask(row, viewer.scope) as Task) : null
}

/** A task's editable fields as stored, the area as it was given. */
export interface TaskRecord {
  id: number
  version: number
  status: TaskStatus
  outcome: string | null
  title: string
  problem: string
  categoryIds: number[]
  /** The categories' names, in the order of their ids: what the API and the audit trail show. */
  categories: string[]
  keyTimes: KeyTimes
  leadTeamId: number | null
  officerIds: number[]
  visitsPerWeek: number
  minutesPerVisit: number
  startDate: string
  endDate: string
  meetingId: number | null
  popId: number | null
  area: { source: AreaSource; cells: string[] | null; res: number | null; ward: string | null; polygon: AreaPolygon | null }
}

export type TaskFields = Omit<TaskRecord, 'id' | 'version' | 'status' | 'outcome' | 'area'>

/** The task, locked until the caller's transaction ends; null when there is none. */
export async function lockTask(client: pg.PoolClient, id: number): Promise<TaskRecord | null> {
  const row = (await client.query({ ...lockTaskQuery, values: [id] })).rows[0]
  if (!row) return null
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    outcome: row.outcome,
    title: row.title,
    problem: row.problem,
    categoryIds: row.category_ids,
    categories: row.categories,
    keyTimes: keyTimesFromBits(row.key_times),
    leadTeamId: row.lead_team_id,
    officerIds: row.officer_ids,
    visitsPerWeek: row.dosage_visits_per_week,
    minutesPerVisit: row.dosage_minutes,
    startDate: row.start_date,
    endDate: row.end_date,
    meetingId: row.meeting_id,
    popId: row.pop_id,
    area: { source: row.source, cells: row.cells, res: row.cells_res, ward: row.source_ward, polygon: row.polygon },
  }
}

/** The categories named, as ids and names in the order of their ids; 400 naming any that is not a category. */
export async function categoriesNamed(db: Queryable, names: string[]): Promise<{ categoryIds: number[]; categories: string[] }> {
  const unique = [...new Set(names)]
  const found = new Map((await db.query<{ name: string; id: number }>({ ...categoryIdsQuery, values: [unique] })).rows.map((row) => [row.name, row.id]))
  const unknown = unique.filter((name) => !found.has(name))
  if (unknown.length > 0) throw badRequest('categories', `no category is named ${unknown.map((name) => JSON.stringify(name)).join(', ')}`)
  const ordered = unique.sort((a, b) => found.get(a)! - found.get(b)!)
  return { categoryIds: ordered.map((name) => found.get(name)!), categories: ordered }
}

/** 400 unless every user given is enabled and may patrol (inspector or officer). */
/** Everyone a task may name (enabled inspectors and officers), for the task form's picker. */
export async function listPatrolOfficers(db: Queryable): Promise<PatrolOfficer[]> {
  return (await db.query<PatrolOfficer>({ ...patrolOfficersQuery, values: [PATROL_ROLES] })).rows
}

export async function checkOfficers(db: Queryable, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)].sort((a, b) => a - b)
  if (unique.length === 0) return unique
  const found = new Set((await db.query<{ id: number }>({ ...patrolUsersQuery, values: [unique, PATROL_ROLES] })).rows.map((row) => row.id))
  const refused = unique.filter((id) => !found.has(id))
  if (refused.length > 0) throw badRequest('officerIds', `${refused.join(', ')}: no enabled user with the ${PATROL_ROLES.join(' or ')} role has that id`)
  return unique
}

export async function checkMeeting(db: Queryable, id: number | null): Promise<void> {
  if (id === null) return
  if (!(await db.query<{ found: boolean }>({ ...meetingExistsQuery, values: [id] })).rows[0].found) throw badRequest('meetingId', `no JAG meeting has the id ${id}`)
}

/** 400 unless the POP exists: checked before the write, so the foreign key never turns a wrong id into a 500. */
export async function checkPop(db: Queryable, id: number | null): Promise<void> {
  if (id === null) return
  if (!(await db.query<{ found: boolean }>({ ...popExistsQuery, values: [id] })).rows[0].found) throw badRequest('popId', `POP ${id} does not exist`)
}

const INVALID_GEOJSON = /geojson|geometry|ring|polygon|coordinate/i

/** 400 naming the area's fault: no such ward, not a valid polygon, outside every ward held, too large. */
export async function checkArea(db: Queryable, area: AreaSpec): Promise<void> {
  const field = area.source === 'polygon' ? 'area.polygon' : area.source === 'ward' ? 'area.ward' : 'area.cells'
  let row: { found: boolean; valid: boolean; reason: string; km2: number; in_wards: boolean }
  try {
    row = (await db.query({ ...checkAreaQuery, values: [area.geojson, area.ward] })).rows[0]
  } catch (error) {
    const message = (error as Error).message
    if (INVALID_GEOJSON.test(message)) throw badRequest(field, `is not a valid polygon (${message})`)
    throw error
  }
  if (!row.found) throw badRequest(field, `no ward has the code ${area.ward}`)
  if (!row.valid) throw badRequest(field, `is not a valid polygon: ${row.reason}`)
  if (!row.in_wards) throw badRequest(field, 'lies outside every ward held')
  if (area.source !== 'ward' && row.km2 > MAX_AREA_KM2) {
    throw badRequest(field, `covers ${row.km2.toFixed(1)} km²; a task area drawn or made from cells may cover at most ${MAX_AREA_KM2} km²`)
  }
}

function fieldValues(fields: TaskFields): unknown[] {
  return [
    fields.title,
    fields.problem,
    fields.categoryIds,
    keyTimesToBits(fields.keyTimes),
    fields.leadTeamId,
    fields.visitsPerWeek,
    fields.minutesPerVisit,
    fields.startDate,
    fields.endDate,
    fields.meetingId,
    fields.popId,
  ]
}

export async function insertTask(client: pg.PoolClient, fields: TaskFields, area: AreaSpec, userId: number): Promise<number> {
  const values = [...fieldValues(fields), userId, area.source, area.geojson, area.cells, area.res, area.ward]
  const id = (await client.query<{ id: number }>({ ...insertTaskQuery, values })).rows[0].id
  await client.query({ ...setTaskWardsQuery, values: [id] })
  await client.query({ ...replaceTaskOfficersQuery, values: [id, fields.officerIds] })
  return id
}

export async function updateTask(client: pg.PoolClient, id: number, fields: TaskFields, area: AreaSpec | null, userId: number): Promise<void> {
  const values = [id, ...fieldValues(fields), area !== null, area?.geojson ?? null, area?.source ?? null, area?.cells ?? null, area?.ward ?? null, area?.res ?? null, userId]
  await client.query({ ...updateTaskQuery, values })
  if (area !== null) await client.query({ ...setTaskWardsQuery, values: [id] })
  await client.query({ ...replaceTaskOfficersQuery, values: [id, fields.officerIds] })
}

export async function setTaskStatus(client: pg.PoolClient, id: number, to: TaskStatus, outcome: string | null, userId: number): Promise<void> {
  await client.query({ ...setTaskStatusQuery, values: [id, to, outcome, userId] })
}
