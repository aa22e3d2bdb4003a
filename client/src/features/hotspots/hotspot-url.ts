import type { Measure } from '../../../../server/src/features/hotspots/measure'
import { isH3Resolution, type H3Resolution } from '../map/h3-resolution'

/**
 * The map page's mode and the Hotspots mode's own controls, as they appear in the address, so a link reopens the
 * same analysis. The shared filters (categories, months, ward) and the camera stay in view-state-url.ts.
 */
export type MapMode = 'incidents' | 'hotspots'
export type HotspotLayerId = 'gistar' | 'emerging'
/** Emerging hot spots month by month, or week by week on the incidents timed logs give a day for. */
export type Slices = 'month' | 'week'
/** What the analysis adds up: incidents, or their harm (each weighted by its category's harm weight). */
export type { Measure } from '../../../../server/src/features/hotspots/measure'

export const HALF_LIFE_CHOICES = [1, 2, 3, 4, 6, 9, 12, 18, 24] as const
export const NEIGHBOURHOOD_CHOICES = [1, 2, 3] as const
export type Neighbourhood = (typeof NEIGHBOURHOOD_CHOICES)[number]

export interface HotspotState {
  layer: HotspotLayerId
  res: H3Resolution
  k: Neighbourhood
  /** Council (LAD) codes; null means every council. */
  councils: string[] | null
  fdr: boolean
  /** Months for an incident's weight in a problem location's score to halve. */
  halfLife: number
  measure: Measure
  slices: Slices
}

export const DEFAULT_HOTSPOT_STATE: HotspotState = {
  layer: 'gistar',
  res: 9,
  k: 1,
  councils: null,
  fdr: true,
  halfLife: 6,
  measure: 'count',
  slices: 'month',
}

const COUNCIL_CODE = /^[EWSN]\d{8}$/
/** The server's limits for halfLife. */
const HALF_LIFE_MIN = 0.5
const HALF_LIFE_MAX = 120

export function parseMapMode(search: string): MapMode {
  return new URLSearchParams(search).get('mode') === 'hotspots' ? 'hotspots' : 'incidents'
}

function parseCouncils(raw: string | null): string[] | null {
  if (raw === null) return null
  const codes = [...new Set(raw.split(',').map((code) => code.trim()).filter((code) => COUNCIL_CODE.test(code)))]
  return codes.length > 0 ? codes.sort() : null
}

/** Reads the Hotspots controls; anything missing or malformed falls back to its default on its own. */
export function parseHotspotState(search: string): HotspotState {
  const params = new URLSearchParams(search)
  const defaults = DEFAULT_HOTSPOT_STATE
  const res = Number(params.get('hres'))
  const k = Number(params.get('k'))
  const halfLifeRaw = params.get('halfLife')
  const halfLife = halfLifeRaw === null || halfLifeRaw.trim() === '' ? NaN : Number(halfLifeRaw)
  const fdr = params.get('fdr')
  return {
    layer: params.get('layer') === 'emerging' ? 'emerging' : 'gistar',
    res: isH3Resolution(res) ? res : defaults.res,
    k: (NEIGHBOURHOOD_CHOICES as readonly number[]).includes(k) ? (k as Neighbourhood) : defaults.k,
    councils: parseCouncils(params.get('lad')),
    fdr: fdr === '0' || fdr === 'false' ? false : fdr === '1' || fdr === 'true' ? true : defaults.fdr,
    halfLife: Number.isFinite(halfLife) && halfLife >= HALF_LIFE_MIN && halfLife <= HALF_LIFE_MAX ? halfLife : defaults.halfLife,
    measure: params.get('measure') === 'harm' ? 'harm' : 'count',
    slices: params.get('slices') === 'week' ? 'week' : 'month',
  }
}

/**
 * The query-string parts for the mode, to append to the view's (without "?" or a leading "&"); '' on the
 * Incidents map, whose links stay as they were.
 */
export function serialiseHotspotState(mode: MapMode, state: HotspotState): string {
  if (mode !== 'hotspots') return ''
  const parts: [string, string][] = [
    ['mode', 'hotspots'],
    ['layer', state.layer],
    ['hres', String(state.res)],
    ['k', String(state.k)],
  ]
  if (state.councils && state.councils.length > 0) parts.push(['lad', [...state.councils].sort().join(',')])
  parts.push(['fdr', state.fdr ? '1' : '0'])
  parts.push(['halfLife', String(state.halfLife)])
  // Counts are the default: links made before harm weighting existed read the same.
  if (state.measure === 'harm') parts.push(['measure', 'harm'])
  // Months are the default, as for the links made before weekly slices.
  if (state.slices === 'week') parts.push(['slices', 'week'])
  return parts.map(([key, value]) => `${key}=${key === 'lad' ? value : encodeURIComponent(value)}`).join('&')
}

/** The half-life choices offered, with the current value among them when a link brought an unusual one. */
export function halfLifeOptions(current: number): number[] {
  const options: number[] = [...HALF_LIFE_CHOICES]
  if (!options.includes(current)) options.push(current)
  return options.sort((left, right) => left - right)
}

/**
 * The chosen councils that exist (an old or hand-edited link can name others): null, meaning every council, when
 * none of them exists or all of them are chosen.
 */
export function knownCouncils(chosen: readonly string[] | null, available: readonly { code: string }[]): string[] | null {
  if (chosen === null) return null
  const known = chosen.filter((code) => available.some((council) => council.code === code))
  return known.length > 0 && known.length < available.length ? known : null
}
