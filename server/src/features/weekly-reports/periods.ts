/**
 * A weekly report's period: an ISO week (`2026-W48`, Monday to Sunday, UK time) or, where a ward's data are dated to
 * the month only, a calendar month (`2025-11`). Import-free, so the client names periods the same way.
 */
import { isMonth, formatMonth, shiftMonth } from '../../lib/months.js'

export type PeriodKind = 'week' | 'month'

const WEEK_PATTERN = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/
const DAY_MS = 86_400_000

export function isIsoWeek(value: unknown): value is string {
  if (typeof value !== 'string') return false
  const match = WEEK_PATTERN.exec(value)
  return match !== null && Number(match[2]) <= weeksInYear(Number(match[1]))
}

export function isPeriod(value: unknown): value is string {
  return isIsoWeek(value) || isMonth(value)
}

export function periodKind(period: string): PeriodKind {
  return period.includes('-W') ? 'week' : 'month'
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (calendar arithmetic only: no time zone enters). */
function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** 0 for Monday … 6 for Sunday. */
function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7 // 1970-01-01 was a Thursday
}

function weeksInYear(year: number): number {
  // A year has 53 ISO weeks when 28 December falls in week 53, i.e. when its Thursday-week is the year's 53rd.
  const dec28 = dayNumber(`${String(year).padStart(4, '0')}-12-28`)
  const thursday = dec28 - weekday(dec28) + 3
  const jan1 = dayNumber(`${String(year).padStart(4, '0')}-01-01`)
  return Math.floor((thursday - jan1) / 7) + 1
}

/** The ISO week a date falls in: the week belongs to the year its Thursday is in. */
export function weekOfDate(date: string): string {
  const day = dayNumber(date)
  const thursday = day - weekday(day) + 3
  const year = Number(dateOf(thursday).slice(0, 4))
  const week = Math.floor((thursday - dayNumber(`${year}-01-01`)) / 7) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** The Monday a week starts on. */
export function weekStart(week: string): string {
  const jan4 = dayNumber(`${week.slice(0, 4)}-01-04`) // always in week 1
  const monday1 = jan4 - weekday(jan4)
  return dateOf(monday1 + (Number(week.slice(6)) - 1) * 7)
}

/** The period `by` periods after this one (before it when negative). */
export function shiftPeriod(period: string, by: number): string {
  if (periodKind(period) === 'month') return shiftMonth(period, by)
  return weekOfDate(dateOf(dayNumber(weekStart(period)) + by * 7))
}

/** The local dates a period covers: from `start` up to but not including `end` (UK calendar days). */
export function periodDates(period: string): { start: string; end: string } {
  if (periodKind(period) === 'month') return { start: `${period}-01`, end: `${shiftMonth(period, 1)}-01` }
  const start = weekStart(period)
  return { start, end: dateOf(dayNumber(start) + 7) }
}

/** The week before the one holding `today` (YYYY-MM-DD): the last complete week, the one a weekly run reports. */
export function lastCompleteWeek(today: string): string {
  return weekOfDate(dateOf(dayNumber(today) - 7))
}

const DAY_LABEL = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' })

/** "week of 23 Nov 2026 (2026-W48)" or "Nov 2025". */
export function periodLabel(period: string): string {
  if (periodKind(period) === 'month') return formatMonth(period)
  const { start, end } = periodDates(period)
  const last = new Date((dayNumber(end) - 1) * DAY_MS)
  return `${DAY_LABEL.format(new Date(dayNumber(start) * DAY_MS))} to ${DAY_LABEL.format(last)} (${period})`
}

/** Today's date in the UK, whatever the machine's zone. */
export function londonDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant)
}
