import { queryString } from '../../shared/api'
import type { AuditQuery } from '../../../../server/src/features/audit/schemas'

/** The users and audit API: answers' shapes are the server's (server/src/features/{users,audit}/schemas.ts), and request URLs. */

export type { AdminUser, NewUser, PasswordReset, UserChange, UserList } from '../../../../server/src/features/users/schemas'
export type { AuditEntry, AuditPage } from '../../../../server/src/features/audit/schemas'
export { AUDIT_ACTIONS } from '../../../../server/src/features/audit/audit-actions'

export const usersUrl = '/api/users'

/** The log's filters: the server's query (AuditQuery) without its paging, each one unset as null. */
export type AuditFilters = { [Name in Exclude<keyof AuditQuery, 'limit' | 'cursor'>]-?: NonNullable<AuditQuery[Name]> | null }

export function auditUrl(filters: AuditFilters, cursor: string | null = null, limit = 50): string {
  // Every parameter the server takes, under its name there: a renamed or added one fails the type check here.
  const query: { [Name in keyof AuditQuery]-?: string | null } = {
    action: filters.action,
    actor: filters.actor?.trim() || null,
    from: filters.from,
    to: filters.to,
    limit: String(limit),
    cursor,
  }
  return `/api/audit${queryString(Object.entries(query))}`
}
