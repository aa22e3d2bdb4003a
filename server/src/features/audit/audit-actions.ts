/** Everything the audit trail records, as a plain list: the log's filter (client) offers the same names. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_change',
  'auth.password_change_failed',
  'user.create',
  'user.update',
  'user.password_reset',
  'import.file',
  'harm_weights.update',
  'team.create',
  'team.update',
  'task.create',
  'task.update',
  'task.status',
  'task.visit',
  'meeting.create',
  'meeting.update',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
