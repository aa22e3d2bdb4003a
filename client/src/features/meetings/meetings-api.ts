/** The JAG meeting API (server/src/features/meetings): its answers' shapes are the server's own schemas. */
export type { Agenda, Meeting, MeetingList, Minutes, NewMeeting, TaskSheet } from '../../../../server/src/features/meetings/schemas'

export const MEETINGS_URL = '/api/meetings'

export const meetingUrl = (id: number) => `${MEETINGS_URL}/${id}`
export const agendaUrl = (id: number) => `${MEETINGS_URL}/${id}/agenda`
export const minutesUrl = (id: number) => `${MEETINGS_URL}/${id}/minutes`
export const taskSheetUrl = (id: number, team: number) => `${MEETINGS_URL}/${id}/task-sheets?team=${team}`
export const taskSheetPdfUrl = (id: number, team: number) => `${MEETINGS_URL}/${id}/task-sheets.pdf?team=${team}`
/** The print page (the PDF is made from it). */
export const taskSheetPagePath = (id: number, team: number) => `/task-sheet?meeting=${id}&team=${team}`

/** A query key of the meetings API: after a write every meeting answer on screen is asked for again. */
export function isMeetingQueryKey(key: readonly unknown[]): boolean {
  return typeof key[0] === 'string' && key[0].startsWith(MEETINGS_URL)
}

/** "Wednesday 26 November 2025" from YYYY-MM-DD (a calendar date: no time zone shifts it). */
export function formatDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`)
  return date.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
}

/** A share as a whole percentage: 0.4567 → "46%". */
export const percent = (share: number) => `${Math.round(share * 100)}%`

/** A positive integer from a query parameter, or null. */
export function idParam(search: string, name: string): number | null {
  const raw = new URLSearchParams(search).get(name)
  if (raw === null || !/^[1-9]\d{0,14}$/.test(raw)) return null
  return Number(raw)
}
