import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import type { H3Resolution } from './h3-resolution'

export interface ClientConfig {
  basemapStyleUrl: string | null
  attribution: string
}

export interface Summary {
  total: number
  outsideArea: number
  /** Span of the whole data set, independent of the filters. */
  period: { from: string; to: string } | null
  /** Counts apply every filter except categories, so the list always shows every category. */
  categories: { category: string; count: number }[]
  months: { month: string; count: number }[]
}

export interface CouncilProperties {
  code: string
  name: string
}

export interface WardProperties {
  code: string
  name: string
  councilCode: string
  councilName: string
  count: number
  label_lon: number
  label_lat: number
}

export type WardFeature = Feature<Polygon | MultiPolygon, WardProperties>
export type WardCollection = FeatureCollection<Polygon | MultiPolygon, WardProperties>

export interface HexCell {
  h3: string
  count: number
}

export interface DataFilters {
  categories: readonly string[]
  from: string | null
  to: string | null
  ward: string | null
}

function query(entries: [string, string | null | undefined][]): string {
  const present = entries.filter((entry): entry is [string, string] => entry[1] != null && entry[1] !== '')
  if (present.length === 0) return ''
  return `?${present.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`
}

/** Server contract: comma-separated exact names; police.uk names contain no commas, so no escaping scheme is needed. */
function categoriesParam(categories: readonly string[]): string | null {
  return categories.length > 0 ? categories.join(',') : null
}

export const configUrl = '/api/config'
export const councilsUrl = '/api/councils'

export function summaryUrl(filters: DataFilters): string {
  return `/api/summary${query([
    ['from', filters.from],
    ['to', filters.to],
    ['categories', categoriesParam(filters.categories)],
    ['ward', filters.ward],
  ])}`
}

/** Ward counts ignore the ward filter so every ward's tooltip stays meaningful while one is selected. */
export function wardsUrl(filters: Omit<DataFilters, 'ward'>): string {
  return `/api/wards${query([
    ['from', filters.from],
    ['to', filters.to],
    ['categories', categoriesParam(filters.categories)],
  ])}`
}

export function hexesUrl(res: H3Resolution, filters: DataFilters): string {
  return `/api/hexes${query([
    ['res', String(res)],
    ['from', filters.from],
    ['to', filters.to],
    ['categories', categoriesParam(filters.categories)],
    ['ward', filters.ward],
  ])}`
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Prefers the server's own `message` (the contract's 4xx body) because it tells the user which filter was wrong. */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ApiError('Could not reach the Patrolmap server. Check your connection and try again.', null)
  }
  if (!response.ok) {
    let message = `The server answered ${response.status} ${response.statusText}`.trim()
    try {
      const body = (await response.json()) as { message?: unknown }
      if (typeof body.message === 'string' && body.message.trim() !== '') message = body.message
    } catch {
      // Non-JSON error pages (a proxy, say) keep the status-line message.
    }
    throw new ApiError(message, response.status)
  }
  return (await response.json()) as T
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}
