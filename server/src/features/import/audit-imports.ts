import path from 'node:path'
import type pg from 'pg'
import { recordAudit, type AuditEntry } from '../audit/audit-log.js'
import type { ImportSummary } from './import-files.js'

/** One audit entry per file read, whatever became of it: who imported what is as much a record as what it added. */
export async function auditImports(pool: pg.Pool, summaries: ImportSummary[], actor: AuditEntry['actor'], via: string): Promise<void> {
  for (const summary of summaries) {
    await recordAudit(pool, {
      actor,
      action: 'import.file',
      target: summary.batchId === null ? null : `import_batch:${summary.batchId}`,
      details: {
        via,
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
}
