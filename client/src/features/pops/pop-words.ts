/** A POP's figures in plain words, for the register's table, the detail view and the CSV. */
import { TASK_STATUS_LABELS } from '../tasks/tasks-api'
import type { Pop } from './pops-api'

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

const days = (count: number) => `${count} ${count === 1 ? 'day' : 'days'}`

/** "Review overdue by 3 days", "Review due today", "Review in 12 days"; a closed POP is not reviewed. */
export function describeReview(pop: Pick<Pop, 'status' | 'reviewOn'>, today: string): string {
  if (pop.status === 'closed') return 'Closed: no review'
  const left = daysBetween(today, pop.reviewOn)
  if (left < 0) return `Review overdue by ${days(-left)}`
  if (left === 0) return 'Review due today'
  return `Review in ${days(left)}`
}

/** "3 linked tasks: 2 proposed, 1 tasked"; "No linked tasks". */
export function describeLinkedTasks(linked: Pop['linkedTasks']): string {
  if (linked.count === 0) return 'No linked tasks'
  const parts = linked.byStatus.map((entry) => `${entry.count} ${TASK_STATUS_LABELS[entry.status].toLowerCase()}`)
  return `${linked.count} linked ${linked.count === 1 ? 'task' : 'tasks'}: ${parts.join(', ')}`
}

export function popWardNames(pop: Pick<Pop, 'wards'>): string {
  return pop.wards.length === 0 ? 'no ward' : pop.wards.map((ward) => ward.name).join(', ')
}
