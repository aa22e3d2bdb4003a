import { twoSidedP } from '../../lib/normal.js'
import type { Measure } from '../hotspots/measure.js'
import type { PrePost, WddResult } from './wdd.js'

/**
 * The WDD in the words a JAG reads: what changed in the task area against the control, whether displacement or a
 * diffusion of benefit shows in the ring around it, whether the change is beyond chance, and what the figures cannot
 * say here. The result is read as wdd()/wddHarm() give it with time and area weights of 1, the way an evaluation with
 * equal periods runs it, so its estimates are incidents (or harm) over a period.
 */

/** Before and after in each area the evaluation counted. */
export interface AreaValues {
  treated: PrePost
  control: PrePost
  /** The ring around the task area (null: none counted). */
  buffer: PrePost | null
  /** The ring around the control area, when there is one. */
  controlBuffer?: PrePost | null
}

export interface WddReadingContext {
  measure: Measure
  /** Incidents in each area. The small-number check reads these whatever the measure. */
  counts: AreaValues
  /** Harm in each area; needed when the measure is harm. */
  harm?: AreaValues
  /** The ring's width. */
  bufferMetres: number
  /** Months in each of the two periods compared. */
  periodMonths: number
  /** The data gives each incident's month only (police.uk), not its day or time. */
  monthsOnly: boolean
  /** Titles of other tasks in the same places (task area, ring or control) during the months compared. */
  overlappingTasks: readonly string[]
  /** The area was chosen because its counts were high (a ranked problem location). */
  pickedForHighCounts?: boolean
}

export interface WddReading {
  /** Whether the task area and ring together had fewer or more than the control's change would give. */
  direction: 'fewer' | 'more' | 'same'
  /** The highest of 95 and 90 at which the total change is beyond chance (two-sided); null: neither. */
  beyondChanceAt: 95 | 90 | null
  /** What happened and whether it is beyond chance, in reading order. */
  findings: string[]
  /** What the figures cannot say here. */
  limits: string[]
}

/** Below this many incidents in any one area and period the normal approximation behind z and p is rough. */
export const SMALL_COUNT = 10
/** Periods shorter than this many months on each side are called short. */
export const SHORT_PERIOD_MONTHS = 3
/** A control whose before count is more than this many times the task area's (or less than its inverse) is called unlike. */
const UNLIKE_CONTROL_RATIO = 2

const MINUS = '\u2212'

export function readWdd(result: WddResult, context: WddReadingContext): WddReading {
  const values = context.measure === 'harm' ? context.harm : context.counts
  if (values === undefined) throw new RangeError('readWdd: harm in each area is needed to read a harm result')
  const noun = context.measure === 'harm' ? 'harm' : 'incidents'
  const ring = `the ${formatNumber(context.bufferMetres)} m ring`
  const beyondChanceAt = result.p < 0.05 ? 95 : result.p < 0.1 ? 90 : null
  const interval = `${formatPercent(1 - result.alpha)} interval ${formatSigned(result.lowCi)} to ${formatSigned(result.highCi)}`
  const test = `${interval}; z = ${formatFixed(result.z, 2)}, ${formatP(result.p)}`

  const findings = [
    `In the task area, ${describeChange(noun, values.treated)}; in the control area, ${describeChange(noun, values.control, true)}.`,
  ]
  const local = `Against the control, the task area had ${compared(result.estLocal, noun, 'if it had changed as the control did')}`
  if (values.buffer === null) {
    findings.push(`${local} (${test}).`)
  } else {
    findings.push(
      `${local}.`,
      `In ${ring} around it, ${describeChange(noun, values.buffer, true)}` +
        (values.controlBuffer ? `; in the ring around the control, ${describeChange(noun, values.controlBuffer, true)}.` : '.'),
      readRing(result, ring),
      `Task area and ring together: ${compared(result.estTotal, noun, 'the control\'s change would give')} (${test}).`,
    )
  }
  findings.push(readChance(result, beyondChanceAt))

  return {
    direction: result.estTotal < 0 ? 'fewer' : result.estTotal > 0 ? 'more' : 'same',
    beyondChanceAt,
    findings,
    limits: readLimits(context, ring),
  }
}

/** Displacement or diffusion of benefit: the ring's own change, judged at 90% and only beside a fall in the area. */
function readRing(result: WddResult, ring: string): string {
  const p = twoSidedP(result.seDisplace === 0 ? 0 : result.estDisplace / result.seDisplace)
  if (p >= 0.1 || result.estDisplace === 0) {
    return `The change in ${ring} is within what chance alone could give (${formatP(p)}): no clear sign of displacement or of a diffusion of benefit.`
  }
  const way = result.estDisplace > 0 ? 'rise' : 'fall'
  if (result.estLocal >= 0) {
    return `The ${way} in ${ring} is beyond chance (${formatP(p)}), but with no fall in the task area against the control it is not displacement or a spread of its effect.`
  }
  return result.estDisplace > 0
    ? `The rise in ${ring} is beyond chance (${formatP(p)}): some incidents may have moved there from the task area (displacement).`
    : `The fall in ${ring} is beyond chance (${formatP(p)}): the benefit may have spread beyond the task area (a diffusion of benefit).`
}

function readChance(result: WddResult, beyondChanceAt: 95 | 90 | null): string {
  if (beyondChanceAt === 95) return 'That change is beyond chance at the 95% level.'
  if (beyondChanceAt === 90) return 'That change is beyond chance at the 90% level, but not at 95%.'
  return (
    'That change is within what chance alone could give (not beyond chance at 90%): the figures neither show that ' +
    `the task worked nor that it did not${result.seTotal === 0 ? ' (nothing was counted)' : ''}.`
  )
}

function readLimits(context: WddReadingContext, ring: string): string[] {
  const limits: string[] = []
  const small = smallCounts(context.counts, ring)
  if (small.length > 0) {
    limits.push(
      `Small numbers: ${joinWords(small)}. Under about ${SMALL_COUNT}, the normal approximation behind z and p is ` +
        'rough, and a few incidents either way change the reading.',
    )
  }
  if (context.periodMonths < SHORT_PERIOD_MONTHS) {
    limits.push(
      `Short periods: ${months(context.periodMonths)} before and ${months(context.periodMonths)} after. One month's ` +
        `swings, the weather and holidays can look like an effect; ${SHORT_PERIOD_MONTHS} months or more on each side read more safely.`,
    )
  }
  if (context.monthsOnly) {
    limits.push(
      'Months only: the data gives each incident\'s month, not its day or time, so the periods are whole calendar ' +
        'months (they may start before or end after the task\'s dates), and whether incidents fell at the key times ' +
        'patrolled cannot be seen.',
    )
  }
  if (context.overlappingTasks.length > 0) {
    const [first, ...others] = context.overlappingTasks
    const named = others.length === 0 ? `Another task (${first}) ran` : `${context.overlappingTasks.length} other tasks (${context.overlappingTasks.join('; ')}) ran`
    limits.push(`${named} in these places over the same months: the change cannot be put down to this task alone.`)
  }
  const [treatedBefore] = context.counts.treated
  const [controlBefore] = context.counts.control
  const ratio = controlBefore / treatedBefore
  if (treatedBefore > 0 && controlBefore > 0 && (ratio > UNLIKE_CONTROL_RATIO || ratio < 1 / UNLIKE_CONTROL_RATIO)) {
    limits.push(
      `Unlike control: the control area had ${ratio < 1 ? formatFixed(ratio, 2) : formatNumber(ratio, 1)} times as many incidents before as ` +
        'the task area. The WDD compares changes in numbers, not in rates, so a control of a different size can ' +
        'overstate or understate the effect; a control with a similar count before reads more safely.',
    )
  }
  if (context.pickedForHighCounts) {
    limits.push(
      'Picked for high counts: places are tasked because their counts were high, and high counts tend to fall back ' +
        'on their own (regression to the mean); a control with similar counts before allows for this only in part.',
    )
  }
  if (context.measure === 'harm') {
    limits.push('Harm: one serious incident moves the harm figure a lot; read it beside the counts.')
  }
  return limits
}

/** The areas and periods with fewer than SMALL_COUNT incidents, as words. */
function smallCounts(counts: AreaValues, ring: string): string[] {
  const areas: Array<[string, PrePost | null | undefined]> = [
    ['the task area', counts.treated],
    ['the control area', counts.control],
    [ring, counts.buffer],
    ['the control\'s ring', counts.controlBuffer],
  ]
  const small: string[] = []
  for (const [name, pair] of areas) {
    if (!pair) continue
    const periods = (['before', 'after'] as const).filter((_, i) => pair[i] < SMALL_COUNT)
    if (periods.length === 2) small.push(`${name} had ${pair[0]} before and ${pair[1]} after`)
    else if (periods.length === 1) small.push(`${name} had ${pair[periods[0] === 'before' ? 0 : 1]} ${periods[0]}`)
  }
  return small
}

/** "fell from 40 to 22 (−18, −45%)", "rose from 0 to 3", "stayed at 12". */
function describeChange(noun: string, [before, after]: PrePost, pronoun = false): string {
  const subject = pronoun ? (noun === 'harm' ? 'it' : 'they') : noun
  if (before === after) return `${subject} stayed at ${formatNumber(before)}`
  const verb = after < before ? 'fell' : 'rose'
  const percent = before > 0 ? `, ${formatSigned((100 * (after - before)) / before, 0)}%` : ''
  return `${subject} ${verb} from ${formatNumber(before)} to ${formatNumber(after)} (${formatSigned(after - before)}${percent})`
}

/** "21 fewer incidents than …", "3.5 more harm than …", "as many incidents as …": an estimate against a clause. */
function compared(estimate: number, noun: string, clause: string): string {
  if (estimate === 0) return `${noun === 'harm' ? 'as much harm' : `as many ${noun}`} as ${clause}`
  const size = formatNumber(Math.abs(estimate))
  const word = noun === 'harm' ? (estimate < 0 ? 'less' : 'more') : estimate < 0 ? 'fewer' : 'more'
  return `${size} ${word} ${noun} than ${clause}`
}

function months(count: number): string {
  return count === 1 ? '1 month' : `${count} months`
}

function joinWords(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

/** en-GB grouping; whole numbers from 10 up, one decimal below (intervals and weighted estimates are rarely whole). */
function formatNumber(value: number, digits = Math.abs(value) >= 10 ? 0 : 1): string {
  return value.toLocaleString('en-GB', { maximumFractionDigits: digits })
}

function formatSigned(value: number, digits?: number): string {
  const text = formatNumber(Math.abs(value), digits)
  if (text === '0') return '0'
  return `${value < 0 ? MINUS : '+'}${text}`
}

function formatFixed(value: number, digits: number): string {
  const text = value.toFixed(digits)
  return text.startsWith('-') ? `${MINUS}${text.slice(1)}` : text
}

function formatPercent(share: number): string {
  return `${formatNumber(100 * share, 1)}%`
}

function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001'
  return `p = ${p < 0.1 ? p.toFixed(3) : p.toFixed(2)}`
}
