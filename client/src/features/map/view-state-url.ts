import { DEFAULT_CATEGORIES, KNOWN_CATEGORIES } from '../../shared/categories'
import { parseHotspotState, parseMapMode, serialiseHotspotState, type HotspotState, type MapMode } from '../hotspots/hotspot-url'
import { isH3Resolution, type ResolutionChoice } from './h3-resolution'
import { isMonth } from '../../../../server/src/lib/months'
import { isPeriodPreset, type PeriodPreset } from '../../shared/period-presets'

export interface MapView {
  lat: number
  lon: number
  zoom: number
}

export interface Filters {
  categories: string[]
  /** The latest months of the data (shared/period-presets.ts); from and to are null with one. */
  preset: PeriodPreset | null
  /** null means "from the start of the data", so a shared link keeps following new data. */
  from: string | null
  to: string | null
  /** ONS ward code, or null for all wards. */
  ward: string | null
  res: ResolutionChoice
  /**
   * Playback: the one month the map shows, stepping through the period's months (the period itself stays as chosen,
   * so closing the playback returns to it). Null or absent: no playback.
   */
  frame?: string | null
}

export interface ViewState extends MapView, Filters {}

/** Where the map opens when the ward shapes cannot be loaded to fit the view to (see fitCamera); central Cleveland. */
export const DEFAULT_MAP_VIEW: MapView = { lat: 54.58, lon: -1.23, zoom: 10.5 }

export function defaultViewState(): ViewState {
  return {
    ...DEFAULT_MAP_VIEW,
    categories: [...DEFAULT_CATEGORIES],
    preset: null,
    from: null,
    to: null,
    ward: null,
    res: 'auto',
    frame: null,
  }
}

const WARD_CODE_PATTERN = /^[EWSN]\d{8}$/

function parseNumberInRange(raw: string | null, min: number, max: number): number | null {
  if (raw === null || raw.trim() === '') return null
  const value = Number(raw)
  return Number.isFinite(value) && value >= min && value <= max ? value : null
}

function parseCategories(raw: string | null): string[] | null {
  if (raw === null) return null
  // An explicitly empty list is a real state (the user pressed "None"), distinct from no parameter at all.
  if (raw.trim() === '') return []
  const known = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => KNOWN_CATEGORIES.includes(name))
  return known.length > 0 ? [...new Set(known)] : null
}

/** Whether the address names a place to look at (a shared view); otherwise the map fits the whole area. */
export function hasCamera(search: string): boolean {
  const params = new URLSearchParams(search)
  return parseNumberInRange(params.get('lat'), -85, 85) !== null && parseNumberInRange(params.get('lon'), -180, 180) !== null
}

/** Reads a query string; anything missing or malformed falls back to its default independently of the rest. */
export function parseViewState(search: string): ViewState {
  const params = new URLSearchParams(search)
  const defaults = defaultViewState()

  // A preset wins over months named beside it: it is what the link was made to keep.
  const rawPreset = params.get('period')
  const preset = isPeriodPreset(rawPreset) ? rawPreset : null
  let from = preset === null && isMonth(params.get('from')) ? params.get('from') : null
  let to = preset === null && isMonth(params.get('to')) ? params.get('to') : null
  if (from !== null && to !== null && from > to) {
    from = null
    to = null
  }

  const rawRes = params.get('res')
  const numericRes = rawRes === null ? NaN : Number(rawRes)
  const res: ResolutionChoice = isH3Resolution(numericRes) ? numericRes : 'auto'

  const ward = params.get('ward')

  return {
    lat: parseNumberInRange(params.get('lat'), -85, 85) ?? defaults.lat,
    lon: parseNumberInRange(params.get('lon'), -180, 180) ?? defaults.lon,
    zoom: parseNumberInRange(params.get('zoom'), 0, 22) ?? defaults.zoom,
    categories: parseCategories(params.get('categories')) ?? defaults.categories,
    preset,
    from,
    to,
    ward: ward !== null && WARD_CODE_PATTERN.test(ward) ? ward : null,
    res,
    frame: isMonth(params.get('frame')) || isWeekFrame(params.get('frame')) ? params.get('frame') : null,
  }
}

/** A playback frame that is a week: its Monday, YYYY-MM-DD (a month frame is YYYY-MM). */
export function isWeekFrame(value: string | null | undefined): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  // Parsed back to itself, so 31 February (which Date rolls on to 3 March, a Monday) is not a week.
  const day = new Date(`${value}T12:00:00Z`)
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value && day.getUTCDay() === 1
}

function round(value: number, places: number): number {
  const factor = 10 ** places
  return Math.round(value * factor) / factor
}

/**
 * Writes a query string (without "?"). Five decimal places of lat/lon is about a metre, plenty for a shared link;
 * the commas between categories are left readable because no police.uk category contains one.
 */
export function serialiseViewState(state: ViewState): string {
  const parts: [string, string][] = [
    ['lat', String(round(state.lat, 5))],
    ['lon', String(round(state.lon, 5))],
    ['zoom', String(round(state.zoom, 2))],
    ['categories', state.categories.map(encodeURIComponent).join(',')],
  ]
  if (state.preset) parts.push(['period', state.preset])
  if (state.from) parts.push(['from', state.from])
  if (state.to) parts.push(['to', state.to])
  if (state.ward) parts.push(['ward', state.ward])
  parts.push(['res', String(state.res)])
  if (state.frame) parts.push(['frame', state.frame])
  return parts.map(([key, value]) => `${key}=${key === 'categories' ? value : encodeURIComponent(value)}`).join('&')
}

/** Everything the map page keeps in its address: the camera, the filters, the mode and the Hotspots controls. */
export interface MapPageView {
  camera: MapView
  filters: Filters
  mode: MapMode
  hotspot: HotspotState
}

export function parseMapPageView(search: string): MapPageView {
  const { lat, lon, zoom, ...filters } = parseViewState(search)
  return { camera: { lat, lon, zoom }, filters, mode: parseMapMode(search), hotspot: parseHotspotState(search) }
}

/** The query string (without "?"): the view's parts, then the Hotspots mode's (none on the Incidents map). */
export function serialiseMapPageView(view: MapPageView): string {
  const hotspotQuery = serialiseHotspotState(view.mode, view.hotspot)
  return `${serialiseViewState({ ...view.camera, ...view.filters })}${hotspotQuery ? `&${hotspotQuery}` : ''}`
}
