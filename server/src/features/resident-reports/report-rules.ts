/**
 * The residents' own categories, how each becomes a Patrolmap category, the statuses and the moves between them. A
 * plain module with no imports, so the public form, the moderation page and the server read the same lists.
 */

/** The categories the form offers, in the residents' words (issue 16), with the Patrolmap category each counts as. */
export const REPORTER_CATEGORIES = [
  { id: 'vandalism', label: 'Vandalism or graffiti', category: 'Criminal damage and arson' },
  { id: 'threats', label: 'Threats or verbal abuse', category: 'Public order' },
  { id: 'alcohol', label: 'Alcohol misuse (street drinking)', category: 'Anti-social behaviour' },
  { id: 'littering', label: 'Littering or fly-tipping', category: 'Anti-social behaviour' },
  { id: 'dog-fouling', label: 'Dog fouling', category: 'Anti-social behaviour' },
  { id: 'youth-nuisance', label: 'Youth nuisance', category: 'Anti-social behaviour' },
  { id: 'drugs', label: 'Drugs (dealing or use)', category: 'Drugs' },
  { id: 'noise', label: 'Noise', category: 'Anti-social behaviour' },
  { id: 'other', label: 'Something else', category: 'Anti-social behaviour' },
] as const

export type ReporterCategory = (typeof REPORTER_CATEGORIES)[number]['id']
export const REPORTER_CATEGORY_IDS = REPORTER_CATEGORIES.map((entry) => entry.id) as ReporterCategory[]

export function patrolmapCategoryOf(id: ReporterCategory): string {
  return REPORTER_CATEGORIES.find((entry) => entry.id === id)!.category
}

export const REPORT_STATUSES = ['new', 'accepted', 'merged', 'rejected', 'withdrawn'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]

/** What the reporter reads on the receipt for each status. */
export const STATUS_WORDS: Record<ReportStatus, string> = {
  new: 'Received: waiting to be looked at',
  accepted: 'Accepted: recorded as an incident',
  merged: 'Accepted: joined with another report of the same problem',
  rejected: 'Not taken forward',
  withdrawn: 'Withdrawn after it was accepted',
}

export type ReportDecision = 'accept' | 'merge' | 'reject' | 'withdraw' | 'correct'

/** The status each decision needs before it and leaves after it; anything else is refused (409) naming the allowed. */
export const DECISIONS: Record<ReportDecision, { from: readonly ReportStatus[]; to: ReportStatus }> = {
  accept: { from: ['new'], to: 'accepted' },
  merge: { from: ['new'], to: 'merged' },
  reject: { from: ['new'], to: 'rejected' },
  withdraw: { from: ['accepted'], to: 'withdrawn' },
  // Category, pin or time put right after acceptance: the report stays accepted, its incident changes with it.
  correct: { from: ['accepted'], to: 'accepted' },
}

export function allowedDecisions(status: ReportStatus): ReportDecision[] {
  return (Object.keys(DECISIONS) as ReportDecision[]).filter((decision) => DECISIONS[decision].from.includes(status))
}

/** Limits the form and the server share. */
export const REPORT_LIMITS = {
  photos: 3,
  photoBytes: 8 * 1024 * 1024,
  descriptionChars: 4000,
  placeChars: 200,
  messageChars: 2000,
  /** The longest side of a stored photo: plenty to see a problem, small enough for a slow phone connection. */
  photoPixels: 1600,
} as const

/** The form's address for a place, as a poster's QR code opens it (the client reads the same parameters). */
export function reportFormPath(place: { lon?: number; lat?: number; zoom?: number; ward?: string }): string {
  const query = new URLSearchParams()
  if (place.lon !== undefined && place.lat !== undefined) {
    query.set('lon', place.lon.toFixed(5))
    query.set('lat', place.lat.toFixed(5))
  }
  if (place.zoom !== undefined) query.set('z', String(place.zoom))
  if (place.ward) query.set('ward', place.ward)
  const text = query.toString()
  return text ? `/report?${text}` : '/report'
}

/** The receipt page's path for a code, and the code a path holds (null for any other path). */
export const receiptPagePath = (code: string) => `/report/receipt/${code}`
export function receiptCodeOfPath(pathname: string): string | null {
  const match = /^\/report\/receipt\/([0-9A-Za-z-]{24,40})\/?$/.exec(pathname)
  return match ? match[1] : null
}

/**
 * The public pages: the form and a receipt. They need no sign-in (the staff's pages are under other paths), and the
 * server answers them with the client's public entry (report.html), which carries none of the staff's app.
 */
export function isPublicReportPath(pathname: string): boolean {
  return /^\/report\/?$/.test(pathname) || receiptCodeOfPath(pathname) !== null
}
