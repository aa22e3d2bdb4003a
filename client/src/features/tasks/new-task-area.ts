/**
 * Handing an area to a create form (a task's or a POP's) from elsewhere in the app (a ranked problem location's row,
 * the map, a meeting's agenda): the area waits in sessionStorage, so a reload of the form keeps it and another tab does
 * not see it; each form has its own key, so neither takes the other's.
 */
import type { AreaInput } from './task-form'

/** The form the area waits for. */
export type AreaForm = 'task' | 'pop'

const keyOf = (form: AreaForm) => `patrolmap:new-${form}-area`

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
export const NEW_POP_PATH = '/pops?new=area'

export function storePendingArea(store: Pick<Storage, 'setItem'>, pending: PendingArea, form: AreaForm = 'task'): void {
  store.setItem(keyOf(form), JSON.stringify(pending))
}

export function readPendingArea(store: Pick<Storage, 'getItem'>, form: AreaForm = 'task'): PendingArea | null {
  const raw = store.getItem(keyOf(form))
  if (raw === null) return null
  try {
    const pending = JSON.parse(raw) as PendingArea
    return pending && typeof pending.area === 'object' && typeof pending.title === 'string' ? pending : null
  } catch {
    return null
  }
}

export function clearPendingArea(store: Pick<Storage, 'removeItem'>, form: AreaForm = 'task'): void {
  store.removeItem(keyOf(form))
}
