import { formatCount } from '../../shared/format'
import type { Measure } from './hotspot-url'

/**
 * Words and numbers for what an analysis adds up. Counts are whole; harm sums carry the weights' decimals, so they
 * are shown like a rate: whole from 10 up, one decimal below.
 */
export function formatMeasureValue(value: number, measure: Measure): string {
  if (!Number.isFinite(value)) return '–'
  if (measure === 'count' || Math.abs(value) >= 10) return formatCount(Math.round(value))
  return value.toLocaleString('en-GB', { maximumFractionDigits: 1 })
}

/** "1 incident", "1,234 incidents", "harm 12,345". */
export function formatMeasured(value: number, measure: Measure): string {
  if (measure === 'harm') return `harm ${formatMeasureValue(value, measure)}`
  return `${formatCount(value)} ${value === 1 ? 'incident' : 'incidents'}`
}

/** A column heading: "Incidents" or "Harm". */
export function measureHeading(measure: Measure): string {
  return measure === 'harm' ? 'Harm' : 'Incidents'
}

/** For phrases such as "share of incidents" / "share of harm". */
export function measureNoun(measure: Measure): string {
  return measure === 'harm' ? 'harm' : 'incidents'
}

/** The value on the measure of anything the API describes with both incidents and harm. */
export function measuredValue(item: { incidents: number; harm: number }, measure: Measure): number {
  return measure === 'harm' ? item.harm : item.incidents
}
