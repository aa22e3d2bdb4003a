import type { Task, WeekDelivery } from './tasks-api'

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`

/**
 * This week's dosage in plain words, delivered against target: "2 of 3 visits, 30 of 45 minutes this week". With no
 * visits asked for, what was done: "no target; 1 visit, 15 minutes this week".
 */
export function describeDosage(dosage: Task['dosage'], week: Pick<WeekDelivery, 'visits' | 'minutes'>): string {
  const targetMinutes = dosage.visitsPerWeek * dosage.minutesPerVisit
  if (dosage.visitsPerWeek === 0) return `no target; ${plural(week.visits, 'visit')}, ${plural(week.minutes, 'minute')} this week`
  return `${week.visits} of ${plural(dosage.visitsPerWeek, 'visit')}, ${week.minutes} of ${plural(targetMinutes, 'minute')} this week`
}

/** The target in words: "3 visits a week × 15 minutes". */
export function describeTarget(dosage: Task['dosage']): string {
  return `${plural(dosage.visitsPerWeek, 'visit')} a week × ${plural(dosage.minutesPerVisit, 'minute')}`
}

/**
 * Share of this week's dosage delivered, 0–1 (capped: more than asked is still "delivered"), the lesser of visits
 * and minutes so a single long visit does not read as three; null when nothing was asked for.
 */
export function deliveredShare(week: Pick<WeekDelivery, 'visitShare' | 'minuteShare'>): number | null {
  const shares = [week.visitShare, week.minuteShare].filter((share): share is number => share !== null)
  if (shares.length === 0) return null
  return Math.min(1, ...shares)
}
