import type { DataFilters } from '../../shared/api'
import { useApiResource, type ApiResource } from '../../shared/use-api-resource'
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
export function useHotspotData(active: boolean, state: HotspotState, filters: DataFilters, limit: number, retryToken: number): HotspotData {
  const blocked = active ? hotspotBlock(state, filters) : null
  const run = active && blocked === null
  const params: HotspotParams = { res: state.res, k: state.k, councils: state.councils, fdr: state.fdr, halfLife: state.halfLife, measure: state.measure }
  const gistarRequest = run && state.layer === 'gistar' ? gistarUrl(params, filters) : null
  const emergingRequest = run && state.layer === 'emerging' ? emergingUrl(params, filters) : null
  const locationsUrl = run ? problemLocationsUrl(params, filters, limit) : null
  const gistar = useApiResource<GiStarAnswer>(gistarRequest, retryToken)
  const emerging = useApiResource<EmergingAnswer>(emergingRequest, retryToken)
  const locations = useApiResource<ProblemLocationsAnswer>(locationsUrl, retryToken)
  const topWards = useApiResource<TopWardsAnswer>(run ? topWardsUrl(params, filters) : null, retryToken)
  const concentration = useApiResource<ConcentrationAnswer>(run ? concentrationUrl(params, filters) : null, retryToken)
  const forecast = useApiResource<ForecastAnswer>(run ? forecastAccuracyUrl(params, filters) : null, retryToken)
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
