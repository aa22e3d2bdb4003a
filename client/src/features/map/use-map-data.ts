import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useMemo, useState } from 'react'
import { configUrl, hexesUrl, summaryUrl, wardsUrl, type ClientConfig, type HexCell, type Summary, type WardCollection, type WardFeature } from './map-api'
import { monthsOf } from '../../../../server/src/lib/months'
import { requestRange, shownRange, type DataPeriod } from '../../shared/period-presets'
import { IMPORTED_DATA_STALE_MS, refetchFailed } from '../../shared/query-client'
import { useApiQuery, type ApiResource } from '../../shared/use-api-query'
import type { CouncilOption } from '../hotspots/HotspotControls'
import type { EmergingCell, GiStarCell } from '../hotspots/hotspot-api'
import { hasEmergingPatterns, hasSignificantCells } from '../hotspots/hotspot-colours'
import { knownCouncils, type HotspotState } from '../hotspots/hotspot-url'
import { useHotspotData, type HotspotData } from '../hotspots/use-hotspot-data'
import { effectiveResolution, type H3Resolution } from './h3-resolution'
import type { DataFilters } from './map-api'
import { isWeekFrame, type MapPageView } from './view-state-url'

const NO_CELLS: HexCell[] = []
const NO_WARDS: WardFeature[] = []
const NO_GISTAR: GiStarCell[] = []
const NO_EMERGING: EmergingCell[] = []
/** The map's data changes only when new data is imported. */
const CACHED = { staleTime: IMPORTED_DATA_STALE_MS }

export interface MapData {
  config: ApiResource<ClientConfig>
  summary: ApiResource<Summary>
  wards: ApiResource<WardCollection>
  /** The wards with their counts; all zero when no category is ticked. */
  wardFeatures: WardFeature[]
  /** The months of all the data; null until an answer gives them. */
  period: DataPeriod | null
  /** The filters as the requests carry them: a period preset made months; null while a preset waits for the data's months. */
  dataFilters: DataFilters | null
  months: string[]
  /** The months of the period chosen (a preset made months), which playback steps through; empty until known. */
  shownMonths: string[]
  /** The month (YYYY-MM) or week (its Monday, YYYY-MM-DD) playback shows, or null (no playback, or one the period does not hold). */
  frame: string | null
  resolution: H3Resolution
  /** The resolution of the hexagons on screen (the one asked for until an answer comes). */
  displayedResolution: H3Resolution
  hexRequestUrl: string | null
  cells: HexCell[]
  /** The hexagons on screen answer the current filters. */
  hexesCurrent: boolean
  councils: CouncilOption[]
  /** The Hotspots controls with councils the data does not have left out. */
  checkedHotspot: HotspotState
  hotspotData: HotspotData
  /** The hotspot layer on screen answers the current settings (or nothing is due). */
  layerCurrent: boolean
  gistarCells: GiStarCell[]
  emergingCells: EmergingCell[]
  hotspotEmpty: boolean
  error: Error | null
  loading: boolean
  /** "Try again": asks again for every request on screen that failed. */
  retry(): void
}

function councilOptions(wards: readonly WardFeature[]): CouncilOption[] {
  const byCode = new Map<string, string>()
  for (const ward of wards) byCode.set(ward.properties.councilCode, ward.properties.councilName)
  return [...byCode].map(([code, name]) => ({ code, name })).sort((left, right) => left.name.localeCompare(right.name, 'en-GB'))
}

function resolutionOfUrl(url: string | null): H3Resolution | null {
  if (!url) return null
  const res = Number(new URL(url, 'http://local').searchParams.get('res'))
  return Number.isFinite(res) && res > 0 ? (res as H3Resolution) : null
}

/**
 * Every request of the map page, and what the page reads from the answers. `started` is false until the map knows
 * where it opens: until then neither the hexagons nor the analysis are asked for.
 */
export function useMapData(view: MapPageView, started: boolean, locationLimit: number): MapData {
  const { filters, mode, hotspot, camera } = view
  const hotspotMode = mode === 'hotspots'
  const resolution = effectiveResolution(filters.res, camera.zoom)
  const noCategories = filters.categories.length === 0

  const config = useApiQuery<ClientConfig>(configUrl, CACHED)
  // A period preset is the latest months of the data, so its months wait for the data's: the last known (any summary
  // gives them), or, on a link opened with a preset, those of the summary of every month, asked for first.
  const [period, setPeriod] = useState<DataPeriod | null>(null)
  const range = requestRange(filters, period)
  // Playback shows one month, or one week, of the period at a time (a frame outside it, from an old link, is ignored).
  // A week's hexagons are its timed incidents; the summary and wards stay the whole period's (they count months).
  const shown = shownRange(filters, period)
  const frameMonth = filters.frame?.slice(0, 7)
  const frame = !hotspotMode && filters.frame && frameMonth && shown && frameMonth >= shown.from && frameMonth <= shown.to ? filters.frame : null
  const week = frame && isWeekFrame(frame) ? frame : null
  const dataFilters = range && { categories: filters.categories, ward: filters.ward, ...(frame && !week ? { from: frame, to: frame } : range) }
  const periodSummary = useApiQuery<Summary>(range ? null : summaryUrl({ ...filters, from: null, to: null }), CACHED)
  // The summary's category counts ignore the category filter, so it is still worth asking when none are ticked.
  const summary = useApiQuery<Summary>(dataFilters && summaryUrl(dataFilters), CACHED)
  const answeredPeriod = summary.data?.period ?? periodSummary.data?.period ?? null
  if (answeredPeriod && (answeredPeriod.from !== period?.from || answeredPeriod.to !== period?.to)) setPeriod(answeredPeriod)
  const wards = useApiQuery<WardCollection>(dataFilters && wardsUrl(dataFilters), CACHED)
  // With no categories ticked nothing can match, and the server reads a missing list as "all", so do not ask.
  const hexRequestUrl = noCategories || !started || hotspotMode || !dataFilters ? null : hexesUrl(resolution, dataFilters, week)
  const hexes = useApiQuery<HexCell[]>(hexRequestUrl, CACHED)

  // Cells from an earlier filter would be mistaken for the answer to the request that just failed.
  const cells = noCategories || hexes.error ? NO_CELLS : (hexes.data ?? NO_CELLS)
  const hexesCurrent = started && !hotspotMode && (noCategories || (hexes.dataUrl === hexRequestUrl && !hexes.loading && !hexes.error))

  // Councils named in the address are checked against the wards' councils before anything is asked for.
  const councils = useMemo(() => councilOptions(wards.data?.features ?? NO_WARDS), [wards.data])
  const councilsChecked = hotspot.councils === null || wards.data !== undefined || wards.error !== null
  const checkedHotspot = useMemo(
    () => (wards.data && hotspot.councils?.length ? { ...hotspot, councils: knownCouncils(hotspot.councils, councils) } : hotspot),
    [hotspot, wards.data, councils],
  )
  const hotspotData = useHotspotData(hotspotMode && councilsChecked && dataFilters !== null, checkedHotspot, dataFilters ?? filters, locationLimit)
  const layerResource = hotspot.layer === 'gistar' ? hotspotData.gistar : hotspotData.emerging
  const layerCurrent =
    hotspotMode &&
    started &&
    (hotspotData.blocked !== null || (layerResource.dataUrl === hotspotData.layerUrl && !layerResource.loading && !layerResource.error))
  const gistarCells =
    hotspotMode && hotspot.layer === 'gistar' && !hotspotData.blocked && !hotspotData.gistar.error
      ? (hotspotData.gistar.data?.cells ?? NO_GISTAR)
      : NO_GISTAR
  const emergingCells =
    hotspotMode && hotspot.layer === 'emerging' && !hotspotData.blocked && !hotspotData.emerging.error
      ? (hotspotData.emerging.data?.cells ?? NO_EMERGING)
      : NO_EMERGING

  const wardFeatures = useMemo(() => {
    const features = wards.data?.features ?? NO_WARDS
    if (!noCategories) return features
    return features.map((feature) => ({ ...feature, properties: { ...feature.properties, count: 0 } }))
  }, [wards.data, noCategories])

  const months = useMemo(() => (period ? monthsOf(period.from, period.to) : []), [period])
  const shownFrom = shown?.from ?? null
  const shownTo = shown?.to ?? null
  const shownMonths = useMemo(() => (shownFrom && shownTo ? monthsOf(shownFrom, shownTo) : []), [shownFrom, shownTo])

  const hotspotLayerError = hotspotMode ? (layerResource.error ?? hotspotData.locations.error) : null
  const error = config.error ?? periodSummary.error ?? summary.error ?? wards.error ?? hexes.error ?? hotspotLayerError
  const hotspotLoading = hotspotMode && (layerResource.loading || hotspotData.locations.loading)
  const loading = config.loading || periodSummary.loading || !dataFilters || summary.loading || wards.loading || hexes.loading || hotspotLoading || !started
  const displayedResolution = noCategories ? resolution : (resolutionOfUrl(hexes.dataUrl) ?? resolution)
  const hotspotEmpty =
    hotspotMode && layerCurrent && hotspotData.blocked === null
      ? hotspot.layer === 'gistar'
        ? !hasSignificantCells(hotspotData.gistar.data?.classCounts)
        : !hasEmergingPatterns(hotspotData.emerging.data?.categoryCounts)
      : false

  const queryClient = useQueryClient()
  const retry = useCallback(() => {
    void refetchFailed(queryClient)
  }, [queryClient])

  return {
    config,
    summary,
    wards,
    wardFeatures,
    period,
    dataFilters,
    months,
    shownMonths,
    frame,
    resolution,
    displayedResolution,
    hexRequestUrl,
    cells,
    hexesCurrent,
    councils,
    checkedHotspot,
    hotspotData,
    layerCurrent,
    gistarCells,
    emergingCells,
    hotspotEmpty,
    error,
    loading,
    retry,
  }
}
