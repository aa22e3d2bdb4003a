import type { EmergingCell, GiStarCell } from './hotspot-api'
import type { Measure } from './hotspot-url'
import { formatMeasured } from './measure'
import { EMERGING_CATEGORY_LABELS, HOTSPOT_CLASS_LABELS } from './hotspot-colours'

/** z to two decimals with a true minus sign: "3.88", "−1.20". */
export function formatZ(z: number): string {
  if (!Number.isFinite(z)) return '–'
  const text = Math.abs(z).toFixed(2)
  return z < 0 && text !== '0.00' ? `−${text}` : text
}

/** p-values as an analyst reads them: "< 0.001", "0.0123", "0.41", "1". */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '–'
  if (p < 0.001) return '< 0.001'
  if (p >= 0.995) return '1'
  return p < 0.1 ? p.toPrecision(3).replace(/0+$/, '') : p.toFixed(2)
}

export interface HotspotTooltip {
  title: string
  lines: string[]
  detail: string
}

export function describeGistarCell(cell: GiStarCell, fdr: boolean, measure: Measure): HotspotTooltip {
  return {
    title: HOTSPOT_CLASS_LABELS[cell.class] ?? cell.class,
    lines: [
      `${formatMeasured(cell.value, measure)} in the cell`,
      `z ${formatZ(cell.z)} · p ${formatP(cell.p)} · ${fdr ? 'FDR-adjusted' : 'class'} p ${formatP(cell.pAdjusted)}`,
    ],
    detail: `H3 cell ${cell.h3}`,
  }
}

/** An emerging cell's tooltip; `slices` counted in months, or in weeks on weekly slices. */
export function describeEmergingCell(cell: EmergingCell, slices: number, unit: 'month' | 'week' = 'month'): HotspotTooltip {
  const units = `${unit}${slices === 1 ? '' : 's'}`
  const significant = [
    cell.hotMonths > 0 ? `hot in ${cell.hotMonths} of ${slices} ${units}` : null,
    cell.coldMonths > 0 ? `cold in ${cell.coldMonths} of ${slices} ${units}` : null,
  ].filter((part): part is string => part !== null)
  return {
    title: EMERGING_CATEGORY_LABELS[cell.category],
    lines: [
      significant.join(', ') || `never significant in ${slices} ${units}`,
      `trend in z: ${cell.trend.direction === 'no trend' ? 'none' : cell.trend.direction} (Mann–Kendall z ${formatZ(cell.trend.z)}, p ${formatP(cell.trend.p)})`,
    ],
    detail: `H3 cell ${cell.h3}`,
  }
}
