import { queryString, type User } from '../../shared/api'

/** The users and audit API (server/src/features/{users,audit}): answers' shapes and request URLs. */

export interface AdminUser extends User {
  disabled: boolean
  createdAt: string
  lastLoginAt: string | null
}

export interface AuditEntry {
  id: number
  at: string
  actor: { id: number | null; email: string | null } | null
  action: string
  target: string | null
  ip: string | null
  details: Record<string, unknown> | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_change',
  'user.create',
  'user.update',
  'user.password_reset',
  'import.file',
  'harm_weights.update',
] as const

export interface AuditPage {
  items: AuditEntry[]
  nextCursor: string | null
}

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
