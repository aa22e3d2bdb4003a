import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'

const insertAuditEntry = loadQuery(import.meta.url, 'insert-audit-entry.sql')

export type AuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'auth.password_change'
  | 'user.create'
  | 'user.update'
  | 'user.password_reset'
  | 'import.file'
  | 'harm_weights.update'

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_change',
  'user.create',
  'user.update',
  'user.password_reset',
  'import.file',
  'harm_weights.update',
]

export interface AuditEntry {
  /** Null for the system itself (the demo load, a command-line import). */
  actor: { id: number | null; email: string | null } | null
  action: AuditAction
  target?: string | null
  ip?: string | null
  details?: Record<string, unknown> | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

/** Written in the caller's transaction where there is one, so a change and its record commit or roll back together. */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  const json = (value: Record<string, unknown> | null | undefined) => (value == null ? null : JSON.stringify(value))
  await db.query({
    ...insertAuditEntry,
    values: [
      entry.actor?.id ?? null,
      entry.actor?.email ?? null,
      entry.action,
      entry.target ?? null,
      entry.ip ?? null,
      json(entry.details),
      json(entry.before),
      json(entry.after),
    ],
  })
}
