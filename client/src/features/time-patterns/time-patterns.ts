// The time patterns page's pure parts: its view in the address bar, the demand URL, the grid's colours and CSV, and
// the window's words. No React here, so each is tested on its own.
import type { DemandAnswer, TimedSource } from '../../../../server/src/features/time-patterns/schemas'
import { csvField, formatCount } from '../../shared/format'

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const

export interface PatternView {
  source: string | null
  ward: string | null
  category: string | null
  from: string | null
  to: string | null
  /** The window's first hour (0–23) and the hour it ends at, exclusive (1–24; before `windowFrom` it wraps). */
  windowFrom: number
  windowTo: number
}

export const DEFAULT_VIEW: PatternView = { source: null, ward: null, category: null, from: null, to: null, windowFrom: 0, windowTo: 7 }

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const WARD = /^[EWSN]\d{8}$/

function hourIn(text: string | null, min: number, max: number, fallback: number): number {
  if (text === null || !/^\d{1,2}$/.test(text)) return fallback
  const hour = Number(text)
  return hour >= min && hour <= max ? hour : fallback
}

/** The view a query string names; anything unreadable falls back to the default, never an error. */
export function viewOfSearch(search: string): PatternView {
  const query = new URLSearchParams(search)
  const text = (name: string) => {
    const value = query.get(name)
    return value === null || value.trim() === '' ? null : value
  }
  const from = text('from')
  const to = text('to')
  const ward = text('ward')
  return {
    source: text('source'),
    ward: ward !== null && WARD.test(ward) ? ward : null,
    category: text('category'),
    from: from !== null && MONTH.test(from) ? from : null,
    to: to !== null && MONTH.test(to) ? to : null,
    windowFrom: hourIn(text('wf'), 0, 23, DEFAULT_VIEW.windowFrom),
    windowTo: hourIn(text('wt'), 1, 24, DEFAULT_VIEW.windowTo),
  }
}

/** The filter's parameters that are set, for the page's address and the API's request (which names categories its own way). */
function filterQuery(view: PatternView, categoryName: 'category' | 'categories'): URLSearchParams {
  const query = new URLSearchParams()
  for (const [name, value] of [['source', view.source], ['ward', view.ward], [categoryName, view.category], ['from', view.from], ['to', view.to]] as const) {
    if (value) query.set(name, value)
  }
  return query
}

/** The query string of a view, leaving out what is the default, so a shared link stays short. */
export function searchOfView(view: PatternView): string {
  const query = filterQuery(view, 'category')
  if (view.windowFrom !== DEFAULT_VIEW.windowFrom) query.set('wf', String(view.windowFrom))
  if (view.windowTo !== DEFAULT_VIEW.windowTo) query.set('wt', String(view.windowTo))
  const text = query.toString()
  return text ? `?${text}` : ''
}

export function demandUrl(view: PatternView): string {
  const query = filterQuery(view, 'categories')
  query.set('windowFrom', String(view.windowFrom))
  query.set('windowTo', String(view.windowTo))
  return `/api/time-patterns/demand?${query.toString()}`
}

/** "00:00", "07:00", "24:00" for the end of the day. */
export const clock = (hour: number) => `${String(hour).padStart(2, '0')}:00`

/** Whether an hour is inside the window [from, to), wrapping past midnight when `to` is not after `from`. */
export function inWindow(hour: number, from: number, to: number): boolean {
  const end = to % 24
  if (from === end) return true // the whole day (0–24)
  return from < end ? hour >= from && hour < end : hour >= from || hour < end
}

/** The window in words with its figure: "1,234 of 5,000 incidents (24.7%) were between 00:00 and 07:00". */
export function windowWords(answer: DemandAnswer): string {
  const { window } = answer
  const span = `between ${clock(window.from)} and ${clock(window.to)}`
  if (window.share === null) return `No incident with a time of day, so no share ${span}.`
  const percent = (100 * window.share).toLocaleString('en-GB', { maximumFractionDigits: 1 })
  return `${formatCount(window.incidents)} of ${formatCount(answer.incidents)} incidents with a time of day (${percent}%) were ${span}, UK time, any day of the week.`
}

/** What the grid leaves out, in words, or null when it leaves nothing out. */
export function leftOutWords(answer: DemandAnswer): string | null {
  if (answer.leftOut === 0) return null
  return `${formatCount(answer.leftOut)} incident${answer.leftOut === 1 ? '' : 's'} in this filter ${answer.leftOut === 1 ? 'has' : 'have'} no time of day (known only to the day or the month, as police.uk's are) and ${answer.leftOut === 1 ? 'is' : 'are'} not in the grid.`
}

/** Eight steps of one hue, light to dark; 0 is its own (white) so an empty hour never reads as a little. */
export const GRID_COLOURS = ['#ffffff', '#fff5eb', '#fee6ce', '#fdd0a2', '#fdae6b', '#fd8d3c', '#f16913', '#d94801', '#8c2d04'] as const

/** The colour step (0: none; 1–8) of a count on a linear scale up to the grid's largest. */
export function colourStep(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0
  return Math.min(8, Math.max(1, Math.ceil((8 * count) / max)))
}

/** The legend's steps: the counts each colour stands for, "1–12", "13–25", … up to the largest. */
export function legendSteps(max: number): { colour: string; label: string }[] {
  if (max <= 0) return [{ colour: GRID_COLOURS[0], label: 'none' }]
  const steps: { colour: string; label: string }[] = [{ colour: GRID_COLOURS[0], label: 'none' }]
  let low = 1
  for (let step = 1; step <= 8 && low <= max; step++) {
    const high = Math.floor((step * max) / 8)
    if (high < low) continue
    steps.push({ colour: GRID_COLOURS[step], label: low === high ? formatCount(low) : `${formatCount(low)}–${formatCount(high)}` })
    low = high + 1
  }
  return steps
}

/** The grid as CSV: a row per weekday, a column per hour, the filter written above it. */
export function gridCsv(answer: DemandAnswer, filter: string): string {
  const lines = [
    [csvField(`Incidents by weekday and hour of day (UK time): ${filter}`)].join(','),
    ['weekday', ...Array.from({ length: 24 }, (_, hour) => clock(hour)), 'total'].map(csvField).join(','),
    ...answer.grid.map((day, at) => [WEEKDAYS[at], ...day, day.reduce((sum, n) => sum + n, 0)].map(csvField).join(',')),
    ['total', ...Array.from({ length: 24 }, (_, hour) => answer.grid.reduce((sum, day) => sum + day[hour], 0)), answer.incidents].map(csvField).join(','),
    csvField(`Left out (no time of day): ${answer.leftOut}`),
  ]
  return `${lines.join('\r\n')}\r\n`
}

/** How a source is named in pickers: illustrative ones say so. */
export function sourceLabel(source: Pick<TimedSource, 'source' | 'illustrative'>): string {
  return source.illustrative && !/illustrative/i.test(source.source) ? `${source.source} (illustrative)` : source.source
}

/** The months from a source span's first to its last (YYYY-MM), for the period pickers. */
export function spanMonths(sources: Pick<TimedSource, 'firstDay' | 'lastDay'>[]): { first: string; last: string } | null {
  if (sources.length === 0) return null
  const first = sources.map((source) => source.firstDay.slice(0, 7)).sort()[0]
  const last = sources.map((source) => source.lastDay.slice(0, 7)).sort().at(-1) as string
  return { first, last }
}
