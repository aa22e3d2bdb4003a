import type { Role } from '../users/roles.js'

/**
 * Which tasks a role sees, and how much of each (docs/access.md):
 * - staff (admin, analyst, inspector): every task, in full;
 * - officers: the tasks that name them or that their team leads, in full (they patrol them);
 * - councillors: the tasks whose area lies in one of their wards (the wards are in tasks.sql), without the problem in
 *   words (it may name people or addresses), the key times (when patrols come is operational) or the H3 cells (cells
 *   are never shown to councillors); status, dosage delivered, outcome and named officers are theirs to see.
 */
export type TaskScope = 'all' | 'officer' | 'councillor'

export function taskScope(role: Role): TaskScope {
  if (role === 'officer') return 'officer'
  if (role === 'councillor') return 'councillor'
  return 'all'
}

export function seesTaskDetail(scope: TaskScope): boolean {
  return scope !== 'councillor'
}
