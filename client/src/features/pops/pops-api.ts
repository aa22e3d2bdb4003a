/**
 * The POP register's API (server/src/features/pops): the answers' shapes and the rules (SARA stages, log kinds) are
 * the server's own, so the client offers exactly what the server accepts.
 */
import { queryString } from '../../shared/api'

export type { NewPop, NewPopLogEntry, Pop, PopChange, PopClose, PopConflict, PopDetail, PopFromWard, PopList, PopLogEntry } from '../../../../server/src/features/pops/schemas'
export { addDays, DEFAULT_REVIEW_DAYS, POP_LOG_KINDS, SARA_STAGE_LABELS, SARA_STAGES, type PopLogKind, type SaraStage } from '../../../../server/src/features/pops/pop-rules'

export const POPS_URL = '/api/pops'
export const POP_FROM_WARD_URL = '/api/pops/from-ward'

/** open: every open POP; overdue: open POPs past their review date; closed; all. */
export type PopFilter = 'open' | 'overdue' | 'closed' | 'all'

export function popListUrl(filter: PopFilter, ward: string | null = null): string {
  return `${POPS_URL}${queryString([
    ['status', filter === 'open' || filter === 'overdue' ? 'open' : filter === 'closed' ? 'closed' : null],
    ['overdue', filter === 'overdue' ? 'true' : null],
    ['ward', ward],
  ])}`
}

export const popUrl = (id: number) => `${POPS_URL}/${id}`
export const popCloseUrl = (id: number) => `${POPS_URL}/${id}/close`
export const popLogUrl = (id: number) => `${POPS_URL}/${id}/log`

/** A query key of the POP API (or the tasks', whose POP picker and linked tasks change with it). */
export function isPopQueryKey(key: readonly unknown[]): boolean {
  return typeof key[0] === 'string' && key[0].startsWith(POPS_URL)
}

/** The POP a URL's `?pop=` names, or null. */
export function popIdOf(search: string): number | null {
  const value = new URLSearchParams(search).get('pop')
  if (value === null || !/^[1-9]\d{0,15}$/.test(value)) return null
  return Number(value)
}

/** Every open POP, for the task editor's POP picker. */
export const OPEN_POPS_URL = popListUrl('open')
