import type { DataFilters } from '../map/map-api'
import { IMPORTED_DATA_STALE_MS } from '../../shared/query-client'
import { useApiQuery, type ApiResource } from '../../shared/use-api-query'
import {
  concentrationUrl,
  emergingUrl,
  forecastAccuracyUrl,
  gistarUrl,
  problemLocationsUrl,
  topWardsUrl,
  type ConcentrationAnswer,
  type EmergingAnswer,
  type ForecastAnswer,
  type GiStarAnswer,
  type HotspotParams,
  type ProblemLocationsAnswer,
  type TopWardsAnswer,
} from './hotspot-api'
import type { HotspotState } from './hotspot-url'

export interface HotspotData {
  /** Why nothing is asked for, in words for the page; null when the requests are made. */
  blocked: string | null
  layerUrl: string | null
  gistar: ApiResource<GiStarAnswer>
  emerging: ApiResource<EmergingAnswer>
  locationsUrl: string | null
  locations: ApiResource<ProblemLocationsAnswer>
  topWards: ApiResource<TopWardsAnswer>
  concentration: ApiResource<ConcentrationAnswer>
  forecast: ApiResource<ForecastAnswer>
}

/** Why the Hotspots analysis cannot run for these settings, or null when it can. */
export function hotspotBlock(state: HotspotState, filters: DataFilters): string | null {
  if (filters.categories.length === 0) return 'Tick at least one category to look for hot spots.'
  if (state.councils !== null && state.councils.length === 0) return 'Tick at least one council: the study area is made of them.'
  return null
}

/**
 * Every request of the Hotspots mode. Nothing is asked for outside that mode (so the Incidents map and, above all,
 * users who may not see the analysis never call these endpoints), and only the map layer on show is fetched.
 */
export function useHotspotData(active: boolean, state: HotspotState, filters: DataFilters, limit: number): HotspotData {
  const blocked = active ? hotspotBlock(state, filters) : null
  const run = active && blocked === null
  const params: HotspotParams = { res: state.res, k: state.k, councils: state.councils, fdr: state.fdr, halfLife: state.halfLife, measure: state.measure, slices: state.slices }
  const gistarRequest = run && state.layer === 'gistar' ? gistarUrl(params, filters) : null
  const emergingRequest = run && state.layer === 'emerging' ? emergingUrl(params, filters) : null
  const locationsUrl = run ? problemLocationsUrl(params, filters, limit) : null
  // The analyses change only with new data or new harm weights (a save there invalidates them).
  const cached = { staleTime: IMPORTED_DATA_STALE_MS }
  const gistar = useApiQuery<GiStarAnswer>(gistarRequest, cached)
  const emerging = useApiQuery<EmergingAnswer>(emergingRequest, cached)
  const locations = useApiQuery<ProblemLocationsAnswer>(locationsUrl, cached)
  const topWards = useApiQuery<TopWardsAnswer>(run ? topWardsUrl(params, filters) : null, cached)
  const concentration = useApiQuery<ConcentrationAnswer>(run ? concentrationUrl(params, filters) : null, cached)
  const forecast = useApiQuery<ForecastAnswer>(run ? forecastAccuracyUrl(params, filters) : null, cached)
  return {
    blocked,
    layerUrl: gistarRequest ?? emergingRequest,
    gistar,
    emerging,
    locationsUrl,
    locations,
    topWards,
    concentration,
    forecast,
  }
}
