/**
 * Handing an area to the create form from elsewhere in the app (a ranked problem location's row, later the map):
 * the area waits in sessionStorage, so a reload of the form keeps it and another tab does not see it.
 */
import type { AreaInput } from './task-form'

const KEY = 'patrolmap:new-task-area'

export interface PendingArea {
  area: AreaInput
  /** A suggested title: the place's name. */
  title: string
  /** Where the area came from, in words: "problem location #3, 12 cells". */
  label: string
  /** The JAG meeting tasking it, when it comes from a meeting's agenda. */
  meetingId?: number
}

export const NEW_TASK_PATH = '/tasks?new=area'

export function storePendingArea(store: Pick<Storage, 'setItem'>, pending: PendingArea): void {
  store.setItem(KEY, JSON.stringify(pending))
}

export function readPendingArea(store: Pick<Storage, 'getItem'>): PendingArea | null {
  const raw = store.getItem(KEY)
  if (raw === null) return null
  try {
    const pending = JSON.parse(raw) as PendingArea
    return pending && typeof pending.area === 'object' && typeof pending.title === 'string' ? pending : null
  } catch {
    return null
  }
}

export function clearPendingArea(store: Pick<Storage, 'removeItem'>): void {
  store.removeItem(KEY)
}
