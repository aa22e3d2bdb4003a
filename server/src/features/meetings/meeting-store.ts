import type pg from 'pg'
import { badRequest } from '../../lib/errors.js'
import { loadQuery } from '../../lib/sql-file.js'
import type { Meeting } from './schemas.js'

const meetingsQuery = loadQuery(import.meta.url, 'meetings.sql')
const insertMeetingQuery = loadQuery(import.meta.url, 'insert-meeting.sql')
const lockMeetingQuery = loadQuery(import.meta.url, 'lock-meeting.sql')
const updateMeetingQuery = loadQuery(import.meta.url, 'update-meeting.sql')
const knownTeamsQuery = loadQuery(import.meta.url, 'known-teams.sql')

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

interface MeetingRow {
  id: number
  held_on: string
  title: string
  chair: string
  notes: string
  others_present: string[]
  version: number
  created_at: Date
  updated_at: Date
  teams: Meeting['teams']
  task_count: number
  created_by: Meeting['createdBy']
  updated_by: Meeting['updatedBy']
}

function toMeeting(row: MeetingRow): Meeting {
  return {
    id: row.id,
    heldOn: row.held_on,
    title: row.title,
    chair: row.chair,
    notes: row.notes,
    teams: row.teams,
    othersPresent: row.others_present,
    taskCount: row.task_count,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by,
  }
}

export async function listMeetings(db: Queryable): Promise<Meeting[]> {
  return (await db.query<MeetingRow>({ ...meetingsQuery, values: [null] })).rows.map(toMeeting)
}

export async function getMeeting(db: Queryable, id: number): Promise<Meeting | null> {
  const row = (await db.query<MeetingRow>({ ...meetingsQuery, values: [id] })).rows[0]
  return row ? toMeeting(row) : null
}

/** A meeting's editable fields as stored: what an edit starts from and the audit trail compares. */
export interface MeetingFields {
  heldOn: string
  title: string
  chair: string
  notes: string
  teamIds: number[]
  othersPresent: string[]
}

export async function lockMeeting(client: pg.PoolClient, id: number): Promise<(MeetingFields & { version: number }) | null> {
  const row = (await client.query({ ...lockMeetingQuery, values: [id] })).rows[0]
  if (!row) return null
  return { version: row.version, heldOn: row.held_on, title: row.title, chair: row.chair, notes: row.notes, teamIds: row.team_ids, othersPresent: row.others_present }
}

/** The team ids, unique and sorted; 400 naming any that is no team (foreign keys checked before the write). */
export async function checkTeams(db: Queryable, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)].sort((a, b) => a - b)
  if (unique.length === 0) return unique
  const found = new Set((await db.query<{ id: number }>({ ...knownTeamsQuery, values: [unique] })).rows.map((row) => row.id))
  const unknown = unique.filter((id) => !found.has(id))
  if (unknown.length > 0) throw badRequest('teamIds', `${unknown.join(', ')}: no team has that id`)
  return unique
}

const values = (fields: MeetingFields) => [fields.heldOn, fields.title, fields.chair, fields.notes, fields.teamIds, fields.othersPresent]

export async function insertMeeting(client: pg.PoolClient, fields: MeetingFields, userId: number): Promise<number> {
  return (await client.query<{ id: number }>({ ...insertMeetingQuery, values: [...values(fields), userId] })).rows[0].id
}

export async function updateMeeting(client: pg.PoolClient, id: number, fields: MeetingFields, userId: number): Promise<void> {
  await client.query({ ...updateMeetingQuery, values: [id, ...values(fields), userId] })
}
