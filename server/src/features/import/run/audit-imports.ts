import path from 'node:path'
import type pg from 'pg'
import { recordAudit, type AuditEntry } from '../../audit/audit-log.js'
import type { ImportSummary } from './summary.js'

/** Who is importing and how, for the audit entry of each file. */
export interface ImportAudit {
  actor: AuditEntry['actor']
  via: string
}

/**
 * The audit entry of one file read, whatever became of it: who imported what is as much a record as what it added.
 * A committed file's entry is written in the file's own transaction (through its client), the others' as soon as the
 * file is settled, so that a run that crashes or is killed leaves no committed file out of the trail.
 */
export async function auditImport(db: Pick<pg.Pool | pg.PoolClient, 'query'>, summary: ImportSummary, audit: ImportAudit): Promise<void> {
  await recordAudit(db, {
    actor: audit.actor,
    action: 'import.file',
    target: summary.batchId === null ? null : `import_batch:${summary.batchId}`,
    details: {
      via: audit.via,
      file: path.basename(summary.file),
      kind: summary.kind,
      status: summary.status,
      rowsRead: summary.rowsRead,
      rowsAdded: summary.rowsAdded,
      rowsRejected: summary.rowsRejected,
      message: summary.message,
    },
  })
}
