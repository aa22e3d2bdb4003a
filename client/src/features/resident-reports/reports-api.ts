/**
 * Resident reports' API (server/src/features/resident-reports): the public form, its receipt, and the staff queue. The
 * categories, statuses and limits are the server's own lists, so the form offers exactly what the server accepts.
 */
import { ApiError, queryString } from '../../shared/api'

export type { FormAnswer, PublicWards, ReceiptAnswer, ReportDetail, ReportSummary, SubmitAnswer } from '../../../../server/src/features/resident-reports/schemas'
export { allowedDecisions, isPublicReportPath, receiptCodeOfPath, receiptPagePath, REPORT_LIMITS, REPORT_STATUSES, REPORTER_CATEGORIES, STATUS_WORDS, type ReportDecision, type ReportStatus } from '../../../../server/src/features/resident-reports/report-rules'
export { POLICE_UK_CATEGORIES } from '../../../../server/src/features/incidents/categories'

export const FORM_URL = '/api/reports/form'
/** A performance mark at the moment the form can be sent (scripts/bench/page-load.ts reads it by this name). */
export const FORM_USABLE_MARK = 'report-form-usable'
export const PUBLIC_WARDS_URL = '/api/reports/wards'
export const REPORTS_URL = '/api/reports'
export const receiptUrl = (code: string) => `/api/reports/receipt/${encodeURIComponent(code)}`
export const receiptMessagesUrl = (code: string) => `${receiptUrl(code)}/messages`
export const reportUrl = (id: number) => `${REPORTS_URL}/${id}`
export const reportPhotoUrl = (id: number, ordinal: number) => `${REPORTS_URL}/${id}/photos/${ordinal}`
export const decisionUrl = (id: number, decision: string) => `${REPORTS_URL}/${id}/${decision}`
export const reportMessagesUrl = (id: number) => `${REPORTS_URL}/${id}/messages`
export const reportListUrl = (status: string | null) => `${REPORTS_URL}${queryString([['status', status]])}`

export function posterUrl(size: 'A4' | 'A5', place: { lon?: number; lat?: number; ward?: string; name?: string }): string {
  return `/api/reports/poster${queryString([
    ['size', size],
    ['lon', place.lon?.toFixed(5)],
    ['lat', place.lat?.toFixed(5)],
    ['ward', place.ward],
    ['place', place.name],
  ])}`
}

export interface FormCentre {
  lon: number
  lat: number
  zoom: number
  ward: string | null
}

/** Where the form's map opens, from a poster's address (`?lon&lat&z`, or `?ward`): null when it names no point. */
export function formCentreOf(search: string): { point: FormCentre | null; ward: string | null } {
  const query = new URLSearchParams(search)
  const lon = Number(query.get('lon'))
  const lat = Number(query.get('lat'))
  const zoom = Number(query.get('z') ?? '16')
  const ward = query.get('ward')
  const validWard = ward !== null && /^[EWSN]\d{8}$/.test(ward) ? ward : null
  const hasPoint = query.has('lon') && query.has('lat') && Number.isFinite(lon) && Number.isFinite(lat) && lon >= -9 && lon <= 2.5 && lat >= 49 && lat <= 61
  return {
    point: hasPoint ? { lon, lat, zoom: Number.isFinite(zoom) && zoom >= 5 && zoom <= 19 ? zoom : 16, ward: validWard } : null,
    ward: validWard,
  }
}

/** Now as the form's date-and-time field wants it: UK local wall-clock time to the minute. */
export function localMinuteNow(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(now)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {})
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}

/**
 * Sends the form as multipart (the photos as files). Public: no session, no CSRF token. A refusal comes back as an
 * ApiError with the server's message, which names the field.
 */
export async function submitReport(form: FormData): Promise<{ receipt: string }> {
  let response: Response
  try {
    response = await fetch(REPORTS_URL, { method: 'POST', body: form, headers: { accept: 'application/json' } })
  } catch {
    throw new ApiError('Could not reach the server: check your connection and send the report again.', null)
  }
  const body = await response.json().catch(() => null)
  if (!response.ok) {
    const retry = Number(response.headers.get('retry-after'))
    throw new ApiError(body?.message ?? `The report could not be sent (${response.status}).`, response.status, body?.error ?? null, Number.isFinite(retry) && retry > 0 ? retry : null, body)
  }
  return body as { receipt: string }
}

/** Public JSON requests (form token, wards, receipt): no session involved, so no session handling either. */
export async function publicJson<T>(url: string, init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    signal: init.signal,
    headers: { accept: 'application/json', ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  })
  const body = await response.json().catch(() => null)
  if (!response.ok) throw new ApiError(body?.message ?? `Request failed (${response.status}).`, response.status, body?.error ?? null)
  return body as T
}

/** A field's name as the form labels it, from the server's message (`photo: at most 3 photos` → the photos field). */
export function fieldOfMessage(message: string): string | null {
  const match = /^(?:body\/)?([A-Za-z]+):/.exec(message)
  return match ? match[1] : null
}
