/**
 * The tasking API (server/src/features/tasks, teams): the answers' shapes and the rules (statuses, key times, visit
 * actions) are the server's own, import-free modules, so the client offers exactly what the server accepts.
 */
import { queryString } from '../../shared/api'
import type { TaskStatus } from '../../../../server/src/features/tasks/task-status'

export type { AreaInput, NewTask, NewVisit, PatrolOfficer, PatrolOfficerList, StaleTask, Task, TaskChange, TaskList, TaskListItem, Visit, VisitList, WeekDelivery } from '../../../../server/src/features/tasks/schemas'
export type { Team, TeamList } from '../../../../server/src/features/teams/schemas'
export { OPEN_STATUSES, TASK_MOVES, TASK_STATUS_LABELS, TASK_STATUSES, type TaskStatus } from '../../../../server/src/features/tasks/task-status'
export { DAY_NAMES, DAYS, describeKeyTimes, emptyKeyTimes, HOURS, type KeyTimes } from '../../../../server/src/features/tasks/key-times'
export { VISIT_ACTION_LABELS, VISIT_ACTION_NOUNS, VISIT_ACTIONS, type VisitAction } from '../../../../server/src/features/tasks/visit-actions'

export const TASKS_URL = '/api/tasks'
/**
 * How long a task answer shown beside other data (map areas, a ward report's tasks) is reused: tasks change by writes
 * in this app, and each write asks again for every task answer (isTaskQueryKey).
 */
export const TASKS_STALE_MS = 5 * 60_000
export const TEAMS_URL = '/api/teams'
/** Who may be named on a task (taskers only). */
export const PATROL_OFFICERS_URL = '/api/tasks/officers'

export interface TaskFilters {
  statuses: readonly TaskStatus[]
  team: number | null
  ward: string | null
}

export function taskListUrl(filters: TaskFilters): string {
  return `${TASKS_URL}${queryString([
    ['status', filters.statuses.join(',')],
    ['team', filters.team === null ? null : String(filters.team)],
    ['ward', filters.ward],
  ])}`
}

export function taskUrl(id: number): string {
  return `${TASKS_URL}/${id}`
}

export function taskStatusUrl(id: number): string {
  return `${TASKS_URL}/${id}/status`
}

export function taskVisitsUrl(id: number): string {
  return `${TASKS_URL}/${id}/visits`
}

/** A query key of the tasking API: after a write every task answer on screen is asked for again. */
export function isTaskQueryKey(key: readonly unknown[]): boolean {
  return typeof key[0] === 'string' && key[0].startsWith(TASKS_URL)
}
