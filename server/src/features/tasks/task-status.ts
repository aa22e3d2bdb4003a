/**
 * A task's life, as a plain table with no imports so the client offers exactly the moves the server allows.
 *
 * proposed → tasked → in_progress → completed; any open status (proposed, tasked, in progress) → escalated to the
 * Problem Solving Group; any status but closed → closed, with an outcome. escalated → tasked: the PSG hands a problem
 * back to the JAG with a new plan, and the same task (its area, history and visits) carries on rather than a copy.
 * completed → closed: the JAG reviews a completed task and records what came of it.
 */
export const TASK_STATUSES = ['proposed', 'tasked', 'in_progress', 'completed', 'escalated', 'closed'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  proposed: 'Proposed',
  tasked: 'Tasked',
  in_progress: 'In progress',
  completed: 'Completed',
  escalated: 'Escalated to PSG',
  closed: 'Closed',
}

/** Statuses in which patrols are still expected (the JAG agenda's open tasks, the officer's list). */
export const OPEN_STATUSES: readonly TaskStatus[] = ['proposed', 'tasked', 'in_progress']

export const TASK_MOVES: Record<TaskStatus, readonly TaskStatus[]> = {
  proposed: ['tasked', 'escalated', 'closed'],
  tasked: ['in_progress', 'escalated', 'closed'],
  in_progress: ['completed', 'escalated', 'closed'],
  completed: ['closed'],
  escalated: ['tasked', 'closed'],
  closed: [],
}

export function canMove(from: TaskStatus, to: TaskStatus): boolean {
  return TASK_MOVES[from].includes(to)
}

/** Why a move is refused, naming the moves that are allowed from where the task is. */
export function refusedMoveMessage(from: TaskStatus, to: TaskStatus): string {
  const allowed = TASK_MOVES[from]
  const named = (status: TaskStatus) => `${status} (${TASK_STATUS_LABELS[status]})`
  const options = allowed.length === 0 ? `no move is allowed from ${named(from)}: a closed task is a record` : `allowed from ${named(from)}: ${allowed.map(named).join(', ')}`
  return `A task cannot move from ${named(from)} to ${named(to)}; ${options}.`
}
