import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'
import type { AuditAction } from './audit-actions.js'

const insertAuditEntry = loadQuery(import.meta.url, 'insert-audit-entry.sql')

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
