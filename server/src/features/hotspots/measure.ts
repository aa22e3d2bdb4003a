/**
 * What an analysis adds up per cell, ward or month: incidents, or their harm (each incident weighted by its
 * category's harm weight, from the harm_weights table). Every hotspot analysis takes either.
 */
export const MEASURES = ['count', 'harm'] as const
export type Measure = (typeof MEASURES)[number]

/** The value a row of the hotspot SQL (which gives both `incidents` and `harm`) has on the measure. */
export function measured(row: { incidents: number; harm: number }, measure: Measure): number {
  return measure === 'harm' ? row.harm : row.incidents
}
