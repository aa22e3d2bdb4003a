import { queryString } from '../../shared/api'

/** The users and audit API: answers' shapes are the server's (server/src/features/{users,audit}/schemas.ts), and request URLs. */

export type { AdminUser, NewUser, PasswordReset, UserChange, UserList } from '../../../../server/src/features/users/schemas'
export type { AuditEntry, AuditPage } from '../../../../server/src/features/audit/schemas'
export { AUDIT_ACTIONS } from '../../../../server/src/features/audit/audit-actions'

export const usersUrl = '/api/users'

export interface AuditFilters {
  action: string | null
  actor: string | null
  from: string | null
  to: string | null
}

export function auditUrl(filters: AuditFilters, cursor: string | null = null, limit = 50): string {
  return `/api/audit${queryString([
    ['action', filters.action],
    ['actor', filters.actor?.trim() || null],
    ['from', filters.from],
    ['to', filters.to],
    ['limit', String(limit)],
    ['cursor', cursor],
  ])}`
}
