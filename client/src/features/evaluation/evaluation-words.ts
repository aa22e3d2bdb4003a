import type { Evaluation, WddFigures } from '../../../../server/src/features/evaluation/schemas'

/** Plain words beside every WDD figure (docs/evaluation.md): what the number says, and whether chance could give it. */

export type MeasureName = Evaluation['measure']

const MINUS = '\u2212'

function amount(value: number, measure: MeasureName): string {
  const rounded = measure === 'harm' ? Math.round(Math.abs(value)).toLocaleString('en-GB') : formatNumber(Math.abs(value))
  return measure === 'harm' ? `${rounded} harm points` : `${rounded} incident${rounded === '1' ? '' : 's'}`
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toFixed(1)
}

/** "p = 0.04", "p < 0.001". */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001'
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`
}

/** How likely chance alone is to give the change, in words: the same levels as the server's reading. */
export function chanceWords(p: number): string {
  if (p < 0.05) return 'unlikely to be chance alone'
  if (p < 0.1) return 'possibly more than chance (at the 90% level only)'
  return 'could well be chance alone'
}

/** "a fall of 12 incidents beyond the control's trend; p = 0.04, unlikely to be chance alone". */
export function totalWords(result: WddFigures, measure: MeasureName): string {
  const change =
    result.estTotal === 0
      ? 'no change beyond the control\u2019s trend'
      : `a ${result.estTotal < 0 ? 'fall' : 'rise'} of ${amount(result.estTotal, measure)} beyond the control\u2019s trend`
  return `${change}; ${formatP(result.p)}, ${chanceWords(result.p)}`
}

/** The task area's own part: "12 fewer incidents than the control's change would give". */
export function localWords(result: WddFigures, measure: MeasureName): string {
  if (result.estLocal === 0) return 'the same as the control\u2019s change would give'
  return `${amount(result.estLocal, measure)} ${result.estLocal < 0 ? 'fewer' : 'more'} than the control\u2019s change would give`
}

/** The ring's part: a rise beside a fall in the area may be displacement; a fall, a spread of the benefit. */
export function ringWords(result: WddFigures, measure: MeasureName): string {
  if (result.estDisplace === 0) return 'no change in the ring'
  const way = result.estDisplace > 0 ? 'rise' : 'fall'
  const meaning = result.estLocal < 0 ? (result.estDisplace > 0 ? ' (possible displacement)' : ' (possible spread of the benefit)') : ''
  return `a ${way} of ${amount(result.estDisplace, measure)} in the ring${meaning}`
}

/** A signed figure with a real minus sign: "−12", "+3.5". */
export function signed(value: number, digits = 0): string {
  const text = Math.abs(value).toFixed(digits)
  if (Number(text) === 0) return text
  return `${value < 0 ? MINUS : '+'}${text}`
}

/** A fraction as a signed percentage: −0.123 → "−12%"; null (nothing before) → "no earlier count". */
export function percentChange(fraction: number | null): string {
  if (fraction === null) return 'no earlier count'
  return `${signed(fraction * 100)}%`
}

export interface EvaluationChoice {
  months: number | null
  bufferMetres: number
  measure: MeasureName
  /** The control as H3 cells the user picked on the map; null: chosen automatically. */
  control?: readonly string[] | null
}

/** The evaluation's request for the choices made (months null: the task's own length). */
export function evaluationUrl(taskId: number, choice: EvaluationChoice): string {
  const query = new URLSearchParams({ bufferMetres: String(choice.bufferMetres), measure: choice.measure })
  if (choice.months !== null) query.set('months', String(choice.months))
  if (choice.control && choice.control.length > 0) query.set('control', [...choice.control].sort().join(','))
  return `/api/evaluation/tasks/${taskId}?${query}`
}

/** The chart's rows: one per month, the measure's value in each area. */
export function chartRows(evaluation: Evaluation, measure: MeasureName) {
  return evaluation.series.map((month) => ({
    month: month.month,
    period: month.period,
    target: measure === 'harm' ? Math.round(month.treatedHarm) : month.treated,
    ring: measure === 'harm' ? Math.round(month.bufferHarm) : month.buffer,
    control: measure === 'harm' ? Math.round(month.controlHarm) : month.control,
  }))
}
