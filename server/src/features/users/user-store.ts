import type pg from 'pg'
import { badRequest } from '../../lib/errors.js'
import { loadQuery } from '../../lib/sql-file.js'
import { hashPassword, type ScryptCost } from './passwords.js'
import type { Role } from './roles.js'

const adminUsers = loadQuery(import.meta.url, 'admin-users.sql')
const userByEmail = loadQuery(import.meta.url, 'user-by-email.sql')
const passwordHashOf = loadQuery(import.meta.url, 'password-hash.sql')
const insertUser = loadQuery(import.meta.url, 'insert-user.sql')
const lockUser = loadQuery(import.meta.url, 'lock-user.sql')
const updateUser = loadQuery(import.meta.url, 'update-user.sql')
const setPasswordQuery = loadQuery(import.meta.url, 'set-password.sql')
const recordLoginQuery = loadQuery(import.meta.url, 'record-login.sql')
const clearWards = loadQuery(import.meta.url, 'clear-wards.sql')
const assignWards = loadQuery(import.meta.url, 'assign-wards.sql')
const unknownWards = loadQuery(import.meta.url, 'unknown-wards.sql')
const anyUser = loadQuery(import.meta.url, 'any-user.sql')

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

export interface AdminUser {
  id: number
  email: string
  name: string
  role: Role
  mustChangePassword: boolean
  disabled: boolean
  createdAt: string
  lastLoginAt: string | null
  wards: { code: string; name: string }[]
  team: { id: number; name: string } | null
}

/** Emails compare without case or surrounding space: people type them both ways. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** A row of admin-users.sql. */
interface AdminUserRow {
  id: number
  email: string
  name: string
  role: Role
  must_change_password: boolean
  disabled: boolean
  created_at: Date
  last_login_at: Date | null
  wards: { code: string; name: string }[]
  team: { id: number; name: string } | null
}

function toAdminUser(row: AdminUserRow): AdminUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    mustChangePassword: row.must_change_password,
    disabled: row.disabled,
    createdAt: new Date(row.created_at).toISOString(),
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at).toISOString() : null,
    wards: row.wards,
    team: row.team,
  }
}

export async function listUsers(db: Queryable): Promise<AdminUser[]> {
  return (await db.query({ ...adminUsers, values: [null] })).rows.map(toAdminUser)
}

export async function getUser(db: Queryable, id: number): Promise<AdminUser | null> {
  const row = (await db.query({ ...adminUsers, values: [id] })).rows[0]
  return row ? toAdminUser(row) : null
}

export async function findCredentials(db: Queryable, email: string): Promise<{ id: number; passwordHash: string; disabled: boolean } | null> {
  const row = (await db.query({ ...userByEmail, values: [email] })).rows[0]
  return row ? { id: row.id, passwordHash: row.password_hash, disabled: row.disabled } : null
}

export async function passwordHash(db: Queryable, id: number): Promise<string> {
  return (await db.query({ ...passwordHashOf, values: [id] })).rows[0].password_hash
}

export async function anyUserExists(db: Queryable): Promise<boolean> {
  return (await db.query(anyUser)).rows[0].any
}

export interface NewUser {
  email: string
  name: string
  role: Role
  password: string
  mustChangePassword: boolean
  wards?: readonly string[]
  /** The team of a patrol (officer or inspector); checked with checkTeam. */
  teamId?: number | null
  /** Tests only: a cheaper hash. */
  hashCost?: ScryptCost
}

/** The new user's id, or null when the email is taken. */
export async function createUser(db: Queryable, user: NewUser): Promise<number | null> {
  const hash = await hashPassword(user.password, user.hashCost)
  const row = (await db.query({ ...insertUser, values: [normaliseEmail(user.email), user.name, user.role, hash, user.mustChangePassword, user.teamId ?? null] })).rows[0]
  if (!row) return null
  if (user.wards?.length) await replaceWards(db, row.id, user.wards)
  return row.id
}

export async function lockUserRow(db: Queryable, id: number): Promise<boolean> {
  return ((await db.query({ ...lockUser, values: [id] })).rowCount ?? 0) > 0
}

/** `teamId` undefined keeps the team; null clears it. */
export async function updateUserFields(db: Queryable, id: number, fields: { name?: string; role?: Role; disabled?: boolean; teamId?: number | null }): Promise<void> {
  await db.query({ ...updateUser, values: [id, fields.name ?? null, fields.role ?? null, fields.disabled ?? null, fields.teamId !== undefined, fields.teamId ?? null] })
}

export async function replaceWards(db: Queryable, id: number, wards: readonly string[]): Promise<void> {
  const codes = [...new Set(wards)]
  const unknown = (await db.query({ ...unknownWards, values: [codes] })).rows.map((row) => row.code)
  if (unknown.length) throw badRequest('wards', `no ward has the code ${unknown.join(', ')}`)
  await db.query({ ...clearWards, values: [id] })
  if (codes.length) await db.query({ ...assignWards, values: [id, codes] })
}

export async function setPassword(db: Queryable, id: number, password: string, mustChange: boolean, hashCost?: ScryptCost): Promise<void> {
  await db.query({ ...setPasswordQuery, values: [id, await hashPassword(password, hashCost), mustChange] })
}

export async function recordLogin(db: Queryable, id: number): Promise<void> {
  await db.query({ ...recordLoginQuery, values: [id] })
}
