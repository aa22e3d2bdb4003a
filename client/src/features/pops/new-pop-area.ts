/**
 * Handing an area to the POP form from elsewhere (a ranked problem location's "Register as POP"): it waits in
 * sessionStorage as a task's area does (tasks/new-task-area.ts), under its own key so neither form takes the other's.
 */
import type { PendingArea } from '../tasks/new-task-area'

const KEY = 'patrolmap:new-pop-area'

export const NEW_POP_PATH = '/pops?new=area'

export function storePendingPopArea(store: Pick<Storage, 'setItem'>, pending: PendingArea): void {
  store.setItem(KEY, JSON.stringify(pending))
}

export function readPendingPopArea(store: Pick<Storage, 'getItem'>): PendingArea | null {
  const raw = store.getItem(KEY)
  if (raw === null) return null
  try {
    const pending = JSON.parse(raw) as PendingArea
    return pending && typeof pending.area === 'object' && typeof pending.title === 'string' ? pending : null
  } catch {
    return null
  }
}

export function clearPendingPopArea(store: Pick<Storage, 'removeItem'>): void {
  store.removeItem(KEY)
}
