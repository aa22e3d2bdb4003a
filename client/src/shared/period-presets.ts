import { shiftMonth } from '../../../server/src/lib/months'

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

/** The period picker's choices: a preset, every month, or months picked by hand. */
export type PeriodOption = PeriodPreset | 'all' | 'custom'

export const PERIOD_OPTION_LABELS: Record<PeriodOption, string> = { ...PRESET_LABELS, all: 'All months', custom: 'Custom months' }

export function periodOptionOf(choice: PeriodChoice): PeriodOption {
  if (choice.preset !== null) return choice.preset
  return choice.from === null && choice.to === null ? 'all' : 'custom'
}

/**
 * The choice an option makes. "Custom" fixes the months on show, for the pickers to change; any other option drops them.
 */
export function choiceOf(option: PeriodOption, current: PeriodChoice, data: DataPeriod | null): PeriodChoice {
  if (option === 'all') return { preset: null, from: null, to: null }
  if (option !== 'custom') return { preset: option, from: null, to: null }
  if (periodOptionOf(current) === 'custom') return current
  const shown = shownRange(current, data)
  return { preset: null, from: shown?.from ?? null, to: shown?.to ?? null }
}

/** Under the picker, for a preset only: that it is kept as itself, so it moves on with new data (a range stays put). */
export function describePreset(choice: PeriodChoice): string | null {
  return choice.preset === null ? null : 'Moves on with new data, in shared links too.'
}
