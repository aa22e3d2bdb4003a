import type pg from 'pg'
import { badRequest } from '../../lib/errors.js'
import { loadQuery } from '../../lib/sql-file.js'
import type { AreaSource, AreaSpec } from '../tasks/task-area.js'
import type { AreaPolygon } from '../tasks/schemas.js'
import type { TaskStatus } from '../tasks/task-status.js'
import type { Role } from '../users/roles.js'
import type { PopLogKind, PopStatus, SaraStage } from './pop-rules.js'
import type { Pop, PopDetail, PopLogEntry } from './schemas.js'

const popsQuery = loadQuery(import.meta.url, 'pops.sql')
const popLogQuery = loadQuery(import.meta.url, 'pop-log.sql')
const popTasksQuery = loadQuery(import.meta.url, 'pop-tasks.sql')
const lockPopQuery = loadQuery(import.meta.url, 'lock-pop.sql')
const insertPopQuery = loadQuery(import.meta.url, 'insert-pop.sql')
const setPopWardsQuery = loadQuery(import.meta.url, 'set-pop-wards.sql')
const updatePopQuery = loadQuery(import.meta.url, 'update-pop.sql')
const closePopQuery = loadQuery(import.meta.url, 'close-pop.sql')
const insertLogQuery = loadQuery(import.meta.url, 'insert-log.sql')
const ownerStateQuery = loadQuery(import.meta.url, 'owner-state.sql')
const teamsStateQuery = loadQuery(import.meta.url, 'teams-state.sql')
const openWardPopQuery = loadQuery(import.meta.url, 'open-ward-pop.sql')
const wardNameQuery = loadQuery(import.meta.url, 'ward-name.sql')

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

/**
 * Which POPs a role sees (docs/access.md): staff every POP in full; councillors the POPs whose area lies in one of
 * their wards, without the problem in words, the log (notes and decisions may name people or addresses), the linked
 * tasks (a linked task may lie outside their wards; they see their wards' tasks on their own) or the H3 cells.
 */
export type PopScope = 'all' | 'councillor'

export function popScope(role: Role): PopScope {
  return role === 'councillor' ? 'councillor' : 'all'
}

export interface PopViewer {
  id: number
  scope: PopScope
}

export interface PopFilters {
  status?: PopStatus
  ward?: string
  overdue?: boolean
}

interface Person {
  id: number
  name: string
  email: string
}

/** A row of pops.sql. */
interface PopRow {
  id: number
  title: string
  problem: string
  sara_stage: SaraStage
  review_on: string
  overdue: boolean
  status: PopStatus
  closed_reason: string | null
  version: number
  source: AreaSource
  cells: string[] | null
  cells_res: number | null
  source_ward: string | null
  area_km2: number
  geometry: NonNullable<Pop['area']['geometry']> | null
  created_at: Date
  updated_at: Date
  owner: Person
  partners: Pop['partners']
  wards: Pop['wards']
  tasks_by_status: { status: TaskStatus; count: number }[]
  created_by: Person | null
  updated_by: Person | null
}

function toPop(row: PopRow, scope: PopScope): Pop {
  const full = scope === 'all'
  return {
    id: row.id,
    title: row.title,
    ...(full ? { problem: row.problem } : {}),
    owner: row.owner,
    partners: row.partners,
    saraStage: row.sara_stage,
    reviewOn: row.review_on,
    overdue: row.overdue,
    status: row.status,
    closedReason: row.closed_reason,
    version: row.version,
    area: {
      source: row.source,
      areaKm2: row.area_km2,
      res: row.cells_res,
      ...(full ? { cells: row.cells } : {}),
      ward: row.source_ward,
      ...(row.geometry ? { geometry: row.geometry } : {}),
    },
    wards: row.wards,
    linkedTasks: { count: row.tasks_by_status.reduce((sum, entry) => sum + entry.count, 0), byStatus: row.tasks_by_status },
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
  }
}

export async function listPops(db: Queryable, viewer: PopViewer, filters: PopFilters = {}): Promise<Pop[]> {
  const values = [null, viewer.id, viewer.scope, filters.status ?? null, filters.ward ?? null, filters.overdue ?? null, false]
  return (await db.query<PopRow>({ ...popsQuery, values })).rows.map((row) => toPop(row, viewer.scope))
}

/** One POP with its outline, and for staff its log and linked tasks; null when there is none or not the viewer's. */
export async function getPop(db: Queryable, viewer: PopViewer, id: number): Promise<PopDetail | null> {
  const row = (await db.query<PopRow>({ ...popsQuery, values: [id, viewer.id, viewer.scope, null, null, null, true] })).rows[0]
  if (!row) return null
  const pop = toPop(row, viewer.scope)
  if (viewer.scope !== 'all') return pop
  const log = (await db.query<{ id: number; date: string; kind: PopLogKind; body: string; created_at: Date; author: Person | null }>({ ...popLogQuery, values: [id] })).rows
  const tasks = (await db.query<{ id: number; title: string; status: TaskStatus; start_date: string; end_date: string }>({ ...popTasksQuery, values: [id] })).rows
  return {
    ...pop,
    log: log.map((entry): PopLogEntry => ({ id: entry.id, date: entry.date, kind: entry.kind, body: entry.body, author: entry.author, createdAt: entry.created_at.toISOString() })),
    tasks: tasks.map((task) => ({ id: task.id, title: task.title, status: task.status, startDate: task.start_date, endDate: task.end_date })),
  }
}

/** A POP's editable fields as stored, the area as it was given. */
export interface PopRecord {
  id: number
  version: number
  status: PopStatus
  title: string
  problem: string
  ownerId: number
  partnerTeamIds: number[]
  saraStage: SaraStage
  reviewOn: string
  area: { source: AreaSource; cells: string[] | null; res: number | null; ward: string | null; polygon: AreaPolygon | null }
}

export type PopFields = Omit<PopRecord, 'id' | 'version' | 'status' | 'area'>

/** The POP, locked until the caller's transaction ends; null when there is none. */
export async function lockPop(client: pg.PoolClient, id: number): Promise<PopRecord | null> {
  const row = (await client.query({ ...lockPopQuery, values: [id] })).rows[0]
  if (!row) return null
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    title: row.title,
    problem: row.problem,
    ownerId: row.owner_id,
    partnerTeamIds: row.partner_team_ids,
    saraStage: row.sara_stage,
    reviewOn: row.review_on,
    area: { source: row.source, cells: row.cells, res: row.cells_res, ward: row.source_ward, polygon: row.polygon },
  }
}

/** 400 unless the user exists, is enabled and is an inspector: a POP's owner runs it for the JAG. */
export async function checkOwner(db: Queryable, id: number): Promise<void> {
  const row = (await db.query<{ role: Role; disabled: boolean }>({ ...ownerStateQuery, values: [id] })).rows[0]
  if (!row) throw badRequest('ownerId', `no user has the id ${id}; a POP's owner must be an enabled inspector`)
  if (row.role !== 'inspector') throw badRequest('ownerId', `user ${id} has the ${row.role} role; a POP's owner must be an enabled inspector`)
  if (row.disabled) throw badRequest('ownerId', `user ${id} is disabled; a POP's owner must be an enabled inspector`)
}

/**
 * The partner teams, unique and sorted; 400 naming any that does not exist, or that is retired and not already a
 * partner (`current`): a POP keeps a team retired since, but no one is given one anew (as checkTeam does for tasks).
 */
export async function checkPartners(db: Queryable, ids: number[], current: readonly number[] = []): Promise<number[]> {
  const unique = [...new Set(ids)].sort((a, b) => a - b)
  if (unique.length === 0) return unique
  const found = new Map((await db.query<{ id: number; retired: boolean }>({ ...teamsStateQuery, values: [unique] })).rows.map((row) => [row.id, row.retired]))
  const missing = unique.filter((id) => !found.has(id))
  if (missing.length > 0) throw badRequest('partnerTeamIds', `no team has the id ${missing.join(', ')}`)
  const retired = unique.filter((id) => found.get(id) && !current.includes(id))
  if (retired.length > 0) throw badRequest('partnerTeamIds', `team ${retired.join(', ')} is retired`)
  return unique
}

/** The open POP a ward is registered as, if any. */
export async function openWardPop(db: Queryable, ward: string): Promise<number | null> {
  return (await db.query<{ id: number }>({ ...openWardPopQuery, values: [ward] })).rows[0]?.id ?? null
}

export async function wardName(db: Queryable, ward: string): Promise<{ name: string; councilName: string } | null> {
  const row = (await db.query<{ name: string; council_name: string }>({ ...wardNameQuery, values: [ward] })).rows[0]
  return row ? { name: row.name, councilName: row.council_name } : null
}

export async function insertPop(client: pg.PoolClient, fields: PopFields, area: AreaSpec, userId: number): Promise<number> {
  const values = [fields.title, fields.problem, fields.ownerId, fields.partnerTeamIds, fields.saraStage, fields.reviewOn, userId, area.source, area.geojson, area.cells, area.res, area.ward]
  const id = (await client.query<{ id: number }>({ ...insertPopQuery, values })).rows[0].id
  await client.query({ ...setPopWardsQuery, values: [id] })
  return id
}

export async function updatePop(client: pg.PoolClient, id: number, fields: PopFields, area: AreaSpec | null, userId: number): Promise<void> {
  const values = [
    id,
    fields.title,
    fields.problem,
    fields.ownerId,
    fields.partnerTeamIds,
    fields.saraStage,
    fields.reviewOn,
    area !== null,
    area?.geojson ?? null,
    area?.source ?? null,
    area?.cells ?? null,
    area?.ward ?? null,
    area?.res ?? null,
    userId,
  ]
  await client.query({ ...updatePopQuery, values })
  if (area !== null) await client.query({ ...setPopWardsQuery, values: [id] })
}

export async function closePop(client: pg.PoolClient, id: number, reason: string, userId: number): Promise<void> {
  await client.query({ ...closePopQuery, values: [id, reason, userId] })
}

export async function insertLogEntry(client: pg.PoolClient, popId: number, entry: { date: string; kind: PopLogKind; body: string }, userId: number): Promise<number> {
  return (await client.query<{ id: number }>({ ...insertLogQuery, values: [popId, entry.date, entry.kind, entry.body, userId] })).rows[0].id
}
