import type { AuditEntry } from './admin-api'
import { AUDIT_ACTIONS, type AuditAction } from '../../../../server/src/features/audit/audit-actions'

/** One field an audited change touched, ready to print. */
export interface AuditChange {
  field: string
  /** Rendered as "field: before → after", or for lists "field: +added, −removed". */
  text: string
}

/** Values as an administrator reads them: yes/no, "—" for nothing, lists joined. */
export function formatAuditValue(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'string') return value === '' ? '""' : value
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(formatAuditValue).join(', ')
  return JSON.stringify(value)
}

function comparable(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value.map((item) => JSON.stringify(item)).sort())
  return JSON.stringify(value ?? null)
}

function isPrimitiveList(value: unknown): value is (string | number | boolean)[] {
  return Array.isArray(value) && value.every((item) => ['string', 'number', 'boolean'].includes(typeof item))
}

/** Only the fields that differ between `before` and `after`, in the order the record lists them. */
export function auditChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditChange[] {
  const old = before ?? {}
  const now = after ?? {}
  const fields = [...new Set([...Object.keys(old), ...Object.keys(now)])]
  const changes: AuditChange[] = []
  for (const field of fields) {
    const from = old[field]
    const to = now[field]
    if (comparable(from) === comparable(to)) continue
    const listOrNothing = (value: unknown) => value == null || isPrimitiveList(value)
    if (listOrNothing(from) && listOrNothing(to) && (isPrimitiveList(from) || isPrimitiveList(to))) {
      const was = new Set(isPrimitiveList(from) ? from.map(String) : [])
      const is = new Set(isPrimitiveList(to) ? to.map(String) : [])
      const added = [...is].filter((item) => !was.has(item)).map((item) => `+${item}`)
      const removed = [...was].filter((item) => !is.has(item)).map((item) => `\u2212${item}`)
      changes.push({ field, text: `${field}: ${[...added, ...removed].join(', ')}` })
      continue
    }
    changes.push({ field, text: `${field}: ${formatAuditValue(from)} \u2192 ${formatAuditValue(to)}` })
  }
  return changes
}

/** "reason: wrong password; file: 2024-01.csv.gz" */
export function formatDetails(details: Record<string, unknown> | null): string {
  if (!details) return ''
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${formatAuditValue(value)}`)
    .join('; ')
}

/**
 * What the Details column shows for one entry: the diff for an update, the new record for a creation, the details
 * otherwise. Each string is one line.
 */
export function describeAuditEntry(entry: Pick<AuditEntry, 'action' | 'details' | 'before' | 'after'>): string[] {
  const lines: string[] = []
  if (entry.before || entry.after) {
    if (entry.before) {
      const changes = auditChanges(entry.before, entry.after)
      lines.push(...(changes.length > 0 ? changes.map((change) => change.text) : ['no change']))
    } else if (entry.after) {
      lines.push(...Object.entries(entry.after).map(([key, value]) => `${key}: ${formatAuditValue(value)}`))
    }
  }
  const details = formatDetails(entry.details)
  if (details) lines.push(details)
  return lines
}

/** Every action the server records has its wording: a new one without it fails the type check. */
export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  'auth.login': 'Signed in',
  'auth.login_failed': 'Sign-in failed',
  'auth.logout': 'Signed out',
  'auth.password_change': 'Changed password',
  'auth.password_change_failed': 'Password change failed',
  'user.create': 'Created user',
  'user.update': 'Updated user',
  'user.password_reset': 'Reset password',
  'import.file': 'Imported file',
  'harm_weights.update': 'Changed harm weights',
  'team.create': 'Added team',
  'team.update': 'Updated team',
  'task.create': 'Created task',
  'task.update': 'Edited task',
  'task.status': 'Moved task',
  'task.visit': 'Recorded patrol visit',
  'pop.create': 'Registered POP',
  'pop.update': 'Edited POP',
  'pop.close': 'Closed POP',
  'pop.log': 'Added to POP log',
  'meeting.create': 'Recorded JAG meeting',
  'meeting.update': 'Edited JAG meeting',
  'import_profile.create': 'Saved import profile',
  'import_profile.update': 'Changed import profile',
  'camera.create': 'Added CCTV camera',
  'camera.update': 'Edited CCTV camera',
  'camera.move': 'Moved CCTV camera',
  'camera.retire': 'Retired CCTV camera',
  'camera.redeploy': 'Redeployed CCTV camera',
  'camera.activity': 'Recorded CCTV camera activity',
  'cctv.import': 'Imported CCTV file',
  'cctv.defaults': 'Changed CCTV camera defaults',
  'weekly_report.publish': 'Published a weekly ward report',
  'weekly_report.download': 'Opened or downloaded a weekly ward report',
  'weekly_report.email_retry': 'Tried a weekly report e-mail again',
  'ward_contact.update': 'Set a ward contact',
  'ward_contact.delete': 'Removed a ward contact',
  'report.submit': 'Resident report received',
  'report.accept': 'Accepted a resident report',
  'report.merge': 'Merged a resident report',
  'report.reject': 'Rejected a resident report',
  'report.withdraw': 'Withdrew an accepted resident report',
  'report.correct': 'Corrected an accepted resident report',
  'report.message': 'Message on a resident report',
  'report.erase': 'Erased personal data past the retention period',
}

/** An entry's action in words; one this list does not name (an entry older than a rename, say) as it was recorded. */
export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTIONS.find((name) => name === action)
  return known ? AUDIT_ACTION_LABELS[known] : action
}
