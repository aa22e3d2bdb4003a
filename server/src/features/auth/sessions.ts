import crypto from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'
import type { Role } from '../users/roles.js'

const sessionUser = loadQuery(import.meta.url, 'session-user.sql')
const insertSession = loadQuery(import.meta.url, 'insert-session.sql')
const deleteSession = loadQuery(import.meta.url, 'delete-session.sql')
const deleteOtherSessions = loadQuery(import.meta.url, 'delete-other-sessions.sql')
const pruneSessions = loadQuery(import.meta.url, 'prune-sessions.sql')

export const SESSION_COOKIE = 'pm_session'
export const CSRF_HEADER = 'x-csrf-token'

export interface SessionUser {
  id: number
  email: string
  name: string
  role: Role
  mustChangePassword: boolean
  /** Councillors' assigned wards; empty for other roles. */
  wards: { code: string; name: string }[]
}

export interface SessionSettings {
  sessionIdleMinutes: number
  sessionAbsoluteHours: number
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

/**
 * Idle expiry without a database write on every request (which would cost every map request a WAL flush):
 * last_seen_at is written only once it is `touchAfterSeconds` old, so it trails the session's last request by less
 * than that, and a session is refused once last_seen_at is `refuseAfterSeconds` (the idle limit plus that lag) old.
 * So a session ends between the idle limit and the limit plus the lag after its last request, never sooner: one used
 * at least once per idle window lives on, at every allowed limit. The lag is a tenth of the limit, at most a minute:
 * 6 s at SESSION_IDLE_MINUTES=1, a minute at the default 60.
 */
export function sessionIdleRule(idleMinutes: number): { touchAfterSeconds: number; refuseAfterSeconds: number } {
  const touchAfterSeconds = Math.min(60, idleMinutes * 6)
  return { touchAfterSeconds, refuseAfterSeconds: idleMinutes * 60 + touchAfterSeconds }
}

/** The cookie holds 256 random bits; the database only their SHA-256. */
export function hashToken(token: string): Buffer {
  return crypto.createHash('sha256').update(token).digest()
}

export async function findSessionUser(
  db: Queryable,
  token: string,
  idleMinutes: number,
): Promise<{ user: SessionUser; csrfToken: string; tokenHash: Buffer } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null
  const tokenHash = hashToken(token)
  const { touchAfterSeconds, refuseAfterSeconds } = sessionIdleRule(idleMinutes)
  const row = (await db.query({ ...sessionUser, values: [tokenHash, touchAfterSeconds, refuseAfterSeconds] })).rows[0]
  if (!row) return null
  return {
    tokenHash,
    csrfToken: row.csrf_token,
    user: { id: row.id, email: row.email, name: row.name, role: row.role, mustChangePassword: row.must_change_password, wards: row.wards },
  }
}

export async function startSession(
  db: Queryable,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: number,
  settings: SessionSettings,
): Promise<{ token: string; csrfToken: string }> {
  await db.query({ ...pruneSessions, values: [sessionIdleRule(settings.sessionIdleMinutes).refuseAfterSeconds] })
  const token = crypto.randomBytes(32).toString('base64url')
  const csrfToken = crypto.randomBytes(32).toString('base64url')
  const userAgent = (request.headers['user-agent'] ?? '').slice(0, 300) || null
  await db.query({ ...insertSession, values: [hashToken(token), userId, csrfToken, settings.sessionAbsoluteHours, request.ip, userAgent] })
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    // Behind TLS (directly, or a proxy saying so with TRUST_PROXY) the cookie never travels in clear.
    secure: request.protocol === 'https',
    maxAge: settings.sessionAbsoluteHours * 3600,
  })
  return { token, csrfToken }
}

export async function endSession(db: Queryable, reply: FastifyReply, tokenHash: Buffer): Promise<void> {
  await db.query({ ...deleteSession, values: [tokenHash] })
  reply.clearCookie(SESSION_COOKIE, { path: '/' })
}

/** After a password change or reset, or disabling: every session of the user but `keep` (null: all) ends. */
export async function endOtherSessions(db: Queryable, userId: number, keep: Buffer | null): Promise<void> {
  await db.query({ ...deleteOtherSessions, values: [userId, keep] })
}
