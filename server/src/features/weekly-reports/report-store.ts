import crypto from 'node:crypto'
import type pg from 'pg'
import { loadQuery } from '../../lib/sql-file.js'
import { recordAudit, type AuditEntry } from '../audit/audit-log.js'
import { dataPeriodOf } from '../summary/data-period.js'
import { buildReport } from './build-report.js'
import { periodKind, periodLabel } from './periods.js'
import type { PublishedMeta, WeeklyReport } from './schemas.js'
import { describeChanges } from './changes.js'

const insertReportQuery = loadQuery(import.meta.url, 'insert-report.sql')
const reportMetaQuery = loadQuery(import.meta.url, 'report-meta.sql')
const reportVersionQuery = loadQuery(import.meta.url, 'report-version.sql')

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

export type PublishTrigger = 'on-demand' | 'schedule' | 'command-line'

export interface StoredReport extends PublishedMeta {
  /** The report's JSON exactly as published: served as it is, so its hash always matches. */
  snapshot: string
}

export const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex')

function metaOf(row: Record<string, unknown>): PublishedMeta {
  return {
    id: row.id as number,
    wardCode: row.ward_code as string,
    wardName: row.ward_name as string,
    period: row.period as string,
    periodKind: row.period_kind as 'week' | 'month',
    periodLabel: periodLabel(row.period as string),
    version: row.version as number,
    contentHash: row.content_hash as string,
    changes: row.changes as string | null,
    reason: row.reason as string | null,
    trigger: row.trigger as string,
    publishedAt: row.published_at as string,
  }
}

export async function listReports(db: Queryable, filter: { wards: string[] | null; ward?: string; period?: string }): Promise<PublishedMeta[]> {
  return (await db.query({ ...reportMetaQuery, values: [filter.wards, filter.ward ?? null, filter.period ?? null] })).rows.map(metaOf)
}

export async function getReport(db: Queryable, wardCode: string, period: string, version?: number): Promise<StoredReport | null> {
  const row = (await db.query({ ...reportVersionQuery, values: [wardCode, period, version ?? null] })).rows[0]
  return row ? { ...metaOf(row), snapshot: row.snapshot } : null
}

export interface PublishRequest {
  wardCode: string
  period: string
  monthsOnly: boolean
  suppressionThreshold: number
  trigger: PublishTrigger
  actor: AuditEntry['actor']
  ip?: string | null
  /** A new version even when one is published; refused when its figures equal the latest's. */
  reissue?: boolean
  reason?: string | null
  now?: Date
}

export type PublishOutcome =
  | { published: true; report: PublishedMeta }
  | { published: false; report: PublishedMeta; why: 'already-published' | 'unchanged' }

/** The figures, without the moment of publication: what two versions are compared on. */
function figures(report: WeeklyReport): string {
  return JSON.stringify({ ...report, publishedAt: null })
}

/**
 * Publishes a ward's report for a period. The first version goes in with INSERT … ON CONFLICT DO NOTHING, so two
 * schedulers racing (two server processes, or a server and the cron command) publish it once: the loser reads the
 * winner's. A re-issue takes a transaction-scoped advisory lock on the ward-period, so two re-issues number their
 * versions one after the other; it is refused when nothing changed. Each publication is audited in its transaction.
 */
export async function publishReport(pool: pg.Pool, request: PublishRequest): Promise<PublishOutcome> {
  // Read before the transaction's client is taken, and every read after through that client: the embedded database's
  // pool may hold one connection only.
  const span = await dataPeriodOf(pool).get(pool)
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query("SELECT pg_advisory_xact_lock(hashtext('weekly-report'), hashtext($1))", [`${request.wardCode}/${request.period}`])
    const latest = await getReport(client, request.wardCode, request.period)
    if (latest && !request.reissue) {
      await client.query('ROLLBACK')
      return { published: false, report: stripSnapshot(latest), why: 'already-published' }
    }
    const publishedAt = request.now ?? new Date()
    const report = await buildReport(client, {
      dataFromMonth: span?.from ?? null,
      wardCode: request.wardCode,
      period: request.period,
      publishedAt,
      suppressionThreshold: request.suppressionThreshold,
      monthsOnly: request.monthsOnly,
    })
    let changes: string | null = null
    if (latest) {
      const before = JSON.parse(latest.snapshot) as WeeklyReport
      if (figures(before) === figures(report)) {
        await client.query('ROLLBACK')
        return { published: false, report: stripSnapshot(latest), why: 'unchanged' }
      }
      changes = describeChanges(before, report)
    }
    const snapshot = JSON.stringify(report)
    const hash = sha256(snapshot)
    const version = (latest?.version ?? 0) + 1
    const inserted = await client.query({
      ...insertReportQuery,
      values: [request.wardCode, request.period, periodKind(request.period), version, snapshot, hash, changes, request.reason ?? null, request.actor?.id ?? null, request.trigger, publishedAt],
    })
    if (inserted.rowCount === 0) {
      // Published by a process that took no lock (none does today); theirs stands.
      await client.query('ROLLBACK')
      const theirs = await getReport(client, request.wardCode, request.period, version)
      return { published: false, report: stripSnapshot(theirs!), why: 'already-published' }
    }
    await recordAudit(client, {
      actor: request.actor,
      action: 'weekly_report.publish',
      target: `${request.wardCode}/${request.period}/v${version}`,
      ip: request.ip ?? null,
      details: { trigger: request.trigger, contentHash: hash, ...(changes ? { changes } : {}), ...(request.reason ? { reason: request.reason } : {}) },
    })
    await client.query('COMMIT')
    const stored = await getReport(client, request.wardCode, request.period, version)
    return { published: true, report: stripSnapshot(stored!) }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

function stripSnapshot(report: StoredReport): PublishedMeta {
  const { snapshot, ...meta } = report
  void snapshot
  return meta
}
