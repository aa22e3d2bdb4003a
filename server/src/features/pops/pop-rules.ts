/**
 * The POP register's plain rules, import-free so the client offers exactly what the server accepts: the SARA stages
 * (scanning, analysis, response, assessment: the problem-solving model POPs are worked through), the kinds of log
 * entry, and the default review date.
 */
export const SARA_STAGES = ['scanning', 'analysis', 'response', 'assessment'] as const
export type SaraStage = (typeof SARA_STAGES)[number]

export const SARA_STAGE_LABELS: Readonly<Record<SaraStage, string>> = {
  scanning: 'Scanning: naming the problem',
  analysis: 'Analysis: why it happens here',
  response: 'Response: what the partners do',
  assessment: 'Assessment: did it work',
}

export const POP_STATUSES = ['open', 'closed'] as const
export type PopStatus = (typeof POP_STATUSES)[number]

export const POP_LOG_KINDS = ['note', 'decision'] as const
export type PopLogKind = (typeof POP_LOG_KINDS)[number]

/**
 * A POP registered without a review date is reviewed four weeks on: the JAG reviews its POPs monthly (the agenda's
 * "POPs due for review"), so four weeks brings a new POP to the next-but-one meeting at the latest.
 */
export const DEFAULT_REVIEW_DAYS = 28

/** `day` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** Overdue: still open and its review date is before today (UK). A review due today is due, not overdue. */
export function isOverdue(status: PopStatus, reviewOn: string, today: string): boolean {
  return status === 'open' && reviewOn < today
}
