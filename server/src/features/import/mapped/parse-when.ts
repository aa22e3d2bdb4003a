// When an incident happened, from a log's date and time columns in the common UK forms, as an instant (its period's
// start, read as Europe/London wall time: london-time.ts says how the daylight-saving changes are resolved) and the
// precision the row gives it: minute when there is a time of day, day when only a date, month when only a month.
// Pure: no database, so the preview and the import read a value the same way.

import { DATE_FORMATS, type DateFormat } from './date-formats.js'
import { londonInstant, type WallTime } from './london-time.js'

export type Precision = 'minute' | 'day' | 'month'

/** How the date column is written (date-formats.ts). 'auto' tries each form in turn (the preview shows what each row became). */
export { DATE_FORMATS, type DateFormat }

/** Where the time of day is: in the date column, a column of its own (hh:mm[:ss] [AM|PM]), or hour and minute columns. */
export type TimeSource = { kind: 'in-date' } | { kind: 'column'; column: string } | { kind: 'hour-minute'; hourColumn: string; minuteColumn: string }

export interface When {
  instant: Date
  precision: Precision
}

export type WhenResult = { ok: true; when: When } | { ok: false; reason: string }

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

interface DatePart {
  year: number
  month: number
  day: number | null // null: month precision
  time: TimeOfDay | null
  /** ISO 8601 with Z or an offset: an exact instant, no wall time to resolve. */
  offsetMinutes?: number
}

interface TimeOfDay {
  hour: number
  minute: number
  second: number
}

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason })

/** Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999 (the pivot spreadsheets use). */
function fullYear(digits: string): number {
  const year = Number(digits)
  if (digits.length === 4) return year
  return year < 70 ? 2000 + year : 1900 + year
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** A time of day: `hh:mm`, `hh:mm:ss`, either with AM/PM (12-hour clock), or `hhmm` (24-hour, as many police logs). */
export function parseTimeOfDay(text: string): TimeOfDay | string {
  const trimmed = text.trim()
  const clock = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?\s*([AaPp]\.?[Mm]\.?)?$/.exec(trimmed) ?? /^(\d{2})(\d{2})()()$/.exec(trimmed)
  if (!clock) return `'${trimmed}' is not a time like 14:05, 14:05:30 or 02:05 PM`
  let hour = Number(clock[1])
  const minute = Number(clock[2])
  const second = clock[3] ? Number(clock[3]) : 0
  const meridiem = clock[4]?.replace(/\./g, '').toUpperCase()
  if (meridiem) {
    if (hour < 1 || hour > 12) return `'${trimmed}' has hour ${hour} on a 12-hour clock (1 to 12)`
    hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0)
  } else if (hour > 23) return `'${trimmed}' has hour ${hour} (0 to 23)`
  if (minute > 59) return `'${trimmed}' has minute ${minute} (0 to 59)`
  if (second > 59) return `'${trimmed}' has second ${second} (0 to 59)`
  return { hour, minute, second }
}

function withTime(date: Omit<DatePart, 'time'>, timeText: string | undefined): DatePart | string {
  if (timeText === undefined || timeText.trim() === '') return { ...date, time: null }
  const time = parseTimeOfDay(timeText)
  return typeof time === 'string' ? time : { ...date, time }
}

/** dd/mm/yyyy (or dd/mm/yy, dd-mm-yyyy, dd.mm.yyyy), an optional time after a space; mm/yyyy for a month. */
function dayFirst(text: string): DatePart | string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T]+(.+))?$/.exec(text)
  if (match) return withTime({ year: fullYear(match[3]), month: Number(match[2]), day: Number(match[1]) }, match[4])
  const month = /^(\d{1,2})\/(\d{4})$/.exec(text)
  if (month) return { year: Number(month[2]), month: Number(month[1]), day: null, time: null }
  return null
}

/** dd-Mon-yy or dd-Mon-yyyy (also with spaces: 05 Mar 2019), an optional time after a space; Mon-yy for a month. */
function dayMonthName(text: string): DatePart | string | null {
  const match = /^(\d{1,2})[- ]([A-Za-z]{3,9})[- ](\d{4}|\d{2})(?:[ T]+(.+))?$/.exec(text)
  if (match) {
    const month = MONTHS.indexOf(match[2].slice(0, 3).toLowerCase()) + 1
    if (month === 0) return `'${match[2]}' is not a month name`
    return withTime({ year: fullYear(match[3]), month, day: Number(match[1]) }, match[4])
  }
  const monthOnly = /^([A-Za-z]{3,9})[- ](\d{4}|\d{2})$/.exec(text)
  if (monthOnly) {
    const month = MONTHS.indexOf(monthOnly[1].slice(0, 3).toLowerCase()) + 1
    if (month > 0) return { year: fullYear(monthOnly[2]), month, day: null, time: null }
  }
  return null
}

/** ISO 8601: yyyy-mm, yyyy-mm-dd, yyyy-mm-ddThh:mm[:ss[.fff]] with an optional Z or ±hh:mm (then an exact instant). */
function iso(text: string): DatePart | string | null {
  const month = /^(\d{4})-(\d{2})$/.exec(text)
  if (month) return { year: Number(month[1]), month: Number(month[2]), day: null, time: null }
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text)
  if (!match) return null
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
  if (match[4] === undefined) return { ...date, time: null }
  const time = { hour: Number(match[4]), minute: Number(match[5]), second: match[6] ? Number(match[6]) : 0 }
  if (time.hour > 23 || time.minute > 59 || time.second > 59) return `'${text}' has a time out of range`
  const zone = match[7]
  if (zone === undefined) return { ...date, time }
  const offsetMinutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)))
  return { ...date, time, offsetMinutes }
}

/**
 * Excel's serial date: days since 1899-12-30 (Excel counts a 29 February 1900 that never was, so serials from 61 on
 * line up with that epoch; earlier ones are a day out and refused), the fraction the time of day as wall time.
 */
function excelSerial(text: string): DatePart | string | null {
  if (!/^\d+(\.\d+)?$/.test(text)) return null
  const serial = Number(text)
  if (serial < 61 || serial > 2_958_465) return `Excel serial ${text} is outside 1 March 1900 to 31 December 9999`
  const days = Math.floor(serial)
  const date = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000)
  const base = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
  if (days === serial) return { ...base, time: null }
  // To the nearest second: a serial's fraction rarely lands on one exactly (0.5833333 for 14:00).
  const seconds = Math.round((serial - days) * 86_400)
  if (seconds >= 86_400) return { ...base, time: { hour: 23, minute: 59, second: 59 } }
  return { ...base, time: { hour: Math.floor(seconds / 3600), minute: Math.floor((seconds % 3600) / 60), second: seconds % 60 } }
}

const READERS: Record<Exclude<DateFormat, 'auto'>, (text: string) => DatePart | string | null> = {
  'dd/mm/yyyy': dayFirst,
  'dd-Mon-yy': dayMonthName,
  iso8601: iso,
  'excel-serial': excelSerial,
}

const EXAMPLES: Record<Exclude<DateFormat, 'auto'>, string> = {
  'dd/mm/yyyy': 'a date like 31/12/2019 or 31/12/2019 11:30:00 PM',
  'dd-Mon-yy': 'a date like 31-Dec-19',
  iso8601: 'an ISO 8601 date like 2019-12-31 or 2019-12-31T23:30',
  'excel-serial': 'an Excel serial date like 43830.979',
}

function readDate(text: string, format: DateFormat): DatePart | string {
  const formats = format === 'auto' ? (Object.keys(READERS) as Exclude<DateFormat, 'auto'>[]) : [format]
  for (const form of formats) {
    const read = READERS[form](text)
    if (read !== null) return read
  }
  return `'${text}' is not ${format === 'auto' ? 'a date in any supported form (dd/mm/yyyy, dd-Mon-yy, ISO 8601, Excel serial)' : EXAMPLES[format]}`
}

export interface WhenInput {
  date: string | undefined
  /** The time column's text, for TimeSource 'column'. */
  time?: string | undefined
  hour?: string | undefined
  minute?: string | undefined
}

/**
 * The instant and precision of a row's date and time. An empty time (column or hour) leaves the row at day precision
 * rather than rejecting it: a log that lost one row's time still knows its day.
 */
export function parseWhen(input: WhenInput, format: DateFormat, timeSource: TimeSource): WhenResult {
  const dateText = input.date?.trim() ?? ''
  if (dateText === '') return fail('the date is missing')
  let part = readDate(dateText, format)
  if (typeof part === 'string') return fail(part)
  if (timeSource.kind !== 'in-date') {
    if (part.time !== null) return fail(`'${dateText}' has a time of day, but the time is set to come from ${timeSource.kind === 'column' ? 'its own column' : 'hour and minute columns'}`)
    if (part.day === null) return fail(`'${dateText}' is a month, not a date, so it cannot take a time of day`)
    if (timeSource.kind === 'column') {
      const timed = withTime(part, input.time)
      if (typeof timed === 'string') return fail(timed)
      part = timed
    } else {
      const hourText = input.hour?.trim() ?? ''
      const minuteText = input.minute?.trim() ?? ''
      if (hourText !== '' || minuteText !== '') {
        if (!/^\d{1,2}$/.test(hourText) || Number(hourText) > 23) return fail(`hour '${hourText}' is not a whole hour from 0 to 23`)
        if (!/^\d{1,2}$/.test(minuteText || '0') || Number(minuteText) > 59) return fail(`minute '${minuteText}' is not a whole minute from 0 to 59`)
        part = { ...part, time: { hour: Number(hourText), minute: Number(minuteText || '0'), second: 0 } }
      }
    }
  }
  const { year, month, day, time } = part
  if (month < 1 || month > 12) return fail(`'${dateText}' has month ${month} (1 to 12)`)
  if (year < 1900 || year > 2100) return fail(`'${dateText}' has year ${year} (1900 to 2100)`)
  if (day !== null && (day < 1 || day > daysIn(year, month))) return fail(`'${dateText}' has day ${day}, and that month has ${daysIn(year, month)}`)
  if (part.offsetMinutes !== undefined && time !== null && day !== null) {
    const instant = Date.UTC(year, month - 1, day, time.hour, time.minute, time.second) - part.offsetMinutes * 60_000
    return { ok: true, when: { instant: new Date(instant), precision: 'minute' } }
  }
  const wall: WallTime = { year, month, day: day ?? 1, hour: time?.hour ?? 0, minute: time?.minute ?? 0, second: time?.second ?? 0 }
  return { ok: true, when: { instant: londonInstant(wall), precision: day === null ? 'month' : time === null ? 'day' : 'minute' } }
}
