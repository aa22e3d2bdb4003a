import type pg from 'pg'
import { badRequest } from '../../lib/errors.js'
import { loadQuery } from '../../lib/sql-file.js'
import type { Agency } from './agencies.js'
import type { Team } from './schemas.js'

const listTeamsQuery = loadQuery(import.meta.url, 'list-teams.sql')
const insertTeamQuery = loadQuery(import.meta.url, 'insert-team.sql')
const lockTeamQuery = loadQuery(import.meta.url, 'lock-team.sql')
const updateTeamQuery = loadQuery(import.meta.url, 'update-team.sql')
const teamStateQuery = loadQuery(import.meta.url, 'team-state.sql')

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

export async function listTeams(db: Queryable): Promise<Team[]> {
  return (await db.query<Team>({ ...listTeamsQuery, values: [null] })).rows
}

export async function getTeam(db: Queryable, id: number): Promise<Team | null> {
  return (await db.query<Team>({ ...listTeamsQuery, values: [id] })).rows[0] ?? null
}

/** The new team's id, or null when another team has the name. */
export async function insertTeam(db: Queryable, team: { name: string; agency: Agency }): Promise<number | null> {
  return (await db.query<{ id: number }>({ ...insertTeamQuery, values: [team.name, team.agency] })).rows[0]?.id ?? null
}

export async function lockTeam(client: pg.PoolClient, id: number): Promise<Team | null> {
  return (await client.query<Team>({ ...lockTeamQuery, values: [id] })).rows[0] ?? null
}

export async function updateTeam(client: pg.PoolClient, id: number, change: { name?: string; agency?: Agency; retired?: boolean }): Promise<void> {
  await client.query({ ...updateTeamQuery, values: [id, change.name ?? null, change.agency ?? null, change.retired ?? null] })
}

/**
 * 400 naming `field` unless the team exists and is not retired; a task or user that already has a retired team keeps
 * it (`current`), but no one is given one anew. Undefined and null (no team) pass.
 */
export async function checkTeam(db: Queryable, field: string, id: number | null | undefined, current: number | null = null): Promise<void> {
  if (id === undefined || id === null) return
  const row = (await db.query<{ retired: boolean }>({ ...teamStateQuery, values: [id] })).rows[0]
  if (!row) throw badRequest(field, `no team has the id ${id}`)
  if (row.retired && id !== current) throw badRequest(field, `team ${id} is retired`)
}
