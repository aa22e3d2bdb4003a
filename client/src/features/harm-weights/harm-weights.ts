import type { HarmWeight, HarmWeightChange } from './harm-weights-api'
import type { Role } from '../../shared/api'

/** The server's limit (MAX_HARM_WEIGHT in server/src/features/harm-weights/default-weights.ts). */
export const MAX_HARM_WEIGHT = 100_000
/** The server's limit on the reason kept in the audit trail. */
export const MAX_REASON_LENGTH = 500
/**
 * Weights are shown to two decimals; allowing more would let a saved weight differ from what the page shows. The
 * bundled defaults have at most two (the ONS medians end in .5 or .25 at most).
 */
export const MAX_DECIMALS = 2

/** PUT /api/harm-weights is for analysts and admins; inspectors may read the weights but not change them. */
export function canEditHarmWeights(role: Role): boolean {
  return role === 'admin' || role === 'analyst'
}

const WEIGHT_FORMAT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: MAX_DECIMALS })

/** "1,234.5": grouped, at most two decimals, no trailing zeros. */
export function formatWeight(weight: number): string {
  return WEIGHT_FORMAT.format(weight)
}

/** The text a weight's input starts from: plain digits, no grouping, since a number input cannot take commas. */
export function inputTextOf(weight: number): string {
  return String(weight)
}

export type WeightParse = { ok: true; weight: number } | { ok: false; problem: string }

/**
 * An input's text as a weight, or why it cannot be one. `badInput` is the number input's own flag: the browser gives
 * such an input's value as '' ("1e", "-"), which must not read as "left empty".
 */
export function parseWeight(text: string, badInput = false): WeightParse {
  const trimmed = text.trim()
  if (badInput) return { ok: false, problem: `Enter a number from 0 to ${formatWeight(MAX_HARM_WEIGHT)}.` }
  if (trimmed === '') return { ok: false, problem: `Enter a weight from 0 to ${formatWeight(MAX_HARM_WEIGHT)}.` }
  // Number() would also take '0x10', 'Infinity' and ' '; a weight is written in plain decimals.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) {
    return { ok: false, problem: `Enter a number from 0 to ${formatWeight(MAX_HARM_WEIGHT)}.` }
  }
  const weight = Number(trimmed)
  if (!Number.isFinite(weight)) return { ok: false, problem: `Enter a number from 0 to ${formatWeight(MAX_HARM_WEIGHT)}.` }
  if (weight < 0) return { ok: false, problem: 'A weight cannot be negative; use 0 to leave the category out of harm.' }
  if (weight > MAX_HARM_WEIGHT) return { ok: false, problem: `A weight can be at most ${formatWeight(MAX_HARM_WEIGHT)}.` }
  if (Math.round(weight * 10 ** MAX_DECIMALS) / 10 ** MAX_DECIMALS !== weight) {
    return { ok: false, problem: `Use at most ${MAX_DECIMALS} decimal places.` }
  }
  // -0 would be sent as 0 anyway (JSON), but compare and show it as 0 here too.
  return { ok: true, weight: weight === 0 ? 0 : weight }
}

export interface WeightDraft {
  text: string
  badInput: boolean
}

export type Drafts = Readonly<Record<string, WeightDraft>>

export function draftsOf(weights: readonly HarmWeight[]): Record<string, WeightDraft> {
  return Object.fromEntries(weights.map((row) => [row.category, { text: inputTextOf(row.weight), badInput: false }]))
}

export interface SavePlan {
  /** The rows to send: valid, and different from the stored weight. */
  changes: HarmWeightChange[]
  /** Problems by category, for rows whose input is not a weight. */
  problems: Record<string, string>
  /** Something to save or to fix: Save is offered only then. */
  dirty: boolean
}

/**
 * What Save would send. Only rows that differ from the stored weight go, so the audit trail's before/after names
 * exactly what was meant to change. A row whose text reads as its stored weight ("5.0" for 5) is unchanged.
 */
export function planSave(weights: readonly HarmWeight[], drafts: Drafts): SavePlan {
  const changes: HarmWeightChange[] = []
  const problems: Record<string, string> = {}
  for (const row of weights) {
    const draft = drafts[row.category]
    // Untouched: even a stored weight this page would not accept (more decimals, set through the API) stays as it is.
    if (!draft || (draft.text === inputTextOf(row.weight) && !draft.badInput)) continue
    const parsed = parseWeight(draft.text, draft.badInput)
    if (!parsed.ok) problems[row.category] = parsed.problem
    else if (parsed.weight !== row.weight) changes.push({ category: row.category, weight: parsed.weight })
  }
  return { changes, problems, dirty: changes.length > 0 || Object.keys(problems).length > 0 }
}

/** Whether an input already reads as the category's default, so its Reset has nothing to do. */
export function isAtDefault(row: HarmWeight, draft: WeightDraft | undefined): boolean {
  if (!draft) return row.weight === row.defaultWeight
  const parsed = parseWeight(draft.text, draft.badInput)
  return parsed.ok && parsed.weight === row.defaultWeight
}

export function savedMessage(changed: number): string {
  return `Saved: ${changed} ${changed === 1 ? 'weight' : 'weights'} changed.`
}

/** Schema messages compare like code ("must be <= 100000"); say it in words, with the number as the page shows it. */
function plainComparison(text: string): string {
  return text
    .replace(/must be <= (\d+(?:\.\d+)?)/, (_, limit: string) => `must be at most ${formatWeight(Number(limit))}`)
    .replace(/must be >= (\d+(?:\.\d+)?)/, (_, limit: string) => `must be at least ${formatWeight(Number(limit))}`)
}

/**
 * The server names the field at fault by its path in the body ("body/weights/0/weight must be <= 100000",
 * "weights: no category is named …"); people know the category, so name that instead. Several problems come joined
 * by "; ".
 */
export function describeSaveError(message: string, sent: readonly HarmWeightChange[]): string {
  return message
    .split('; ')
    .map((part) => {
      const weight = /^body\/weights\/(\d+)\/weight\b\s*(.*)$/s.exec(part)
      if (weight) {
        const category = sent[Number(weight[1])]?.category
        return category ? `The weight of ${category} ${plainComparison(weight[2])}.` : part
      }
      const reason = /^body\/reason\b\s*(.*)$/s.exec(part)
      if (reason) return `The reason ${reason[1]}.`
      const field = /^weights: (.+)$/s.exec(part)
      if (field) return `${field[1].charAt(0).toUpperCase()}${field[1].slice(1)}.`
      return part
    })
    .join(' ')
}
