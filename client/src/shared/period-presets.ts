import { formatMonth, shiftMonth } from '../../../server/src/lib/months'

/**
 * Period presets: the latest months of the data, whatever they are when the page is opened. A preset is kept as
 * itself (in the address, `period=last-3-months`), not as its months, so a shared link moves on when new data lands.
 */
export const PERIOD_PRESETS = ['last-month', 'last-3-months', 'last-12-months'] as const
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]

export const PRESET_MONTHS: Record<PeriodPreset, number> = { 'last-month': 1, 'last-3-months': 3, 'last-12-months': 12 }
export const PRESET_LABELS: Record<PeriodPreset, string> = {
  'last-month': 'Last month',
  'last-3-months': 'Last 3 months',
  'last-12-months': 'Last 12 months',
}

export function isPeriodPreset(value: unknown): value is PeriodPreset {
  return typeof value === 'string' && (PERIOD_PRESETS as readonly string[]).includes(value)
}

/** The months of all the data, YYYY-MM inclusive. */
export interface DataPeriod {
  from: string
  to: string
}

/** A choice of months: a preset, or from/to (null: the data's first or last month, so "all" follows new data too). */
export interface PeriodChoice {
  preset: PeriodPreset | null
  from: string | null
  to: string | null
}

/** A preset's months for this data: the latest N, or every month when the data holds fewer. */
export function presetMonths(preset: PeriodPreset, data: DataPeriod): DataPeriod {
  const from = shiftMonth(data.to, 1 - PRESET_MONTHS[preset])
  return { from: from > data.from ? from : data.from, to: data.to }
}

/**
 * The from/to the requests carry: a preset's months with open ends where they reach the data's ends (the request
 * follows the data as the preset does); null while a preset waits for the data's months. Other choices go as they are.
 */
export function requestRange(choice: PeriodChoice, data: DataPeriod | null): { from: string | null; to: string | null } | null {
  if (choice.preset === null) return { from: choice.from, to: choice.to }
  if (data === null) return null
  const { from } = presetMonths(choice.preset, data)
  return { from: from > data.from ? from : null, to: null }
}

/** The months the pickers show: the choice made concrete against the data; null until the data's months are known. */
export function shownRange(choice: PeriodChoice, data: DataPeriod | null): DataPeriod | null {
  if (data === null) return null
  if (choice.preset !== null) return presetMonths(choice.preset, data)
  return { from: choice.from ?? data.from, to: choice.to ?? data.to }
}

/** "Sep 2025 – Nov 2025", "Nov 2025". */
export function describeMonths(months: DataPeriod): string {
  return months.from === months.to ? formatMonth(months.from) : `${formatMonth(months.from)} – ${formatMonth(months.to)}`
}

/** What the choice means over time, for the line under the picker: a preset and "all" move with the data, a range stays. */
export function describeChoice(choice: PeriodChoice, data: DataPeriod | null): string {
  const shown = shownRange(choice, data)
  if (shown === null) return 'Finding the months of data…'
  const months = describeMonths(shown)
  if (choice.preset !== null) {
    const label = PRESET_LABELS[choice.preset].toLowerCase()
    return `${months}: the ${label} of data. Kept as \u201c${label}\u201d in the link, so it moves on when newer data is imported.`
  }
  if (choice.from === null && choice.to === null) return `${months}: all the data. The link takes in newer data when it is imported.`
  return `${months}: fixed months. The link keeps them whatever data is imported later.`
}
