import 'maplibre-gl/dist/maplibre-gl.css'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  configUrl,
  hexesUrl,
  summaryUrl,
  wardsUrl,
  type ClientConfig,
  type HexCell,
  type Summary,
  type WardCollection,
  type WardFeature,
} from '../../shared/api'
import { categoryOptions } from '../../shared/categories'
import { buildColourScale, maxCountOf } from './colour-scale'
import { publishDebug } from './debug-global'
import { fitCamera } from './fit-camera'
import { geometryBounds, unionBounds } from './geometry'
import { effectiveResolution } from './h3-resolution'
import { buildHexLayer } from './hex-layer'
import { clampRange, monthsBetween } from '../../shared/months'
import { useApiResource } from '../../shared/use-api-resource'
import { hasCamera, parseViewState, serialiseViewState, type Filters, type MapView as MapCamera } from './view-state-url'
import { councilEdges } from './council-edges'
import { buildCouncilEdgeLayer, buildWardAreaLayer, buildWardLabelLayer, buildWardOutlineLayer, wardsToLabel } from './ward-layers'
import { incidentSubject } from '../hotspots/chart-data'
import type { EmergingCell, GiStarCell, ProblemLocation } from '../hotspots/hotspot-api'
import { hasEmergingPatterns, hasSignificantCells } from '../hotspots/hotspot-colours'
import { describeEmergingCell, describeGistarCell } from '../hotspots/hotspot-format'
import {
  buildEmergingLayer,
  buildGistarLayer,
  buildHighlightLayers,
  EMERGING_LAYER_ID,
  GISTAR_LAYER_ID,
  type HighlightedLocation,
} from '../hotspots/hotspot-layers'
import { cellsGeometry } from '../hotspots/problem-locations'
import { knownCouncils, parseHotspotState, parseMapMode, serialiseHotspotState, type HotspotState, type MapMode } from '../hotspots/hotspot-url'
import { useHotspotData } from '../hotspots/use-hotspot-data'
import { describeHover, type TooltipContent } from './tooltip'
import { FilterPanel } from './FilterPanel'
import { HotspotControls, type CouncilOption } from '../hotspots/HotspotControls'
import { HotspotPanel } from '../hotspots/HotspotPanel'
import { Legend } from './Legend'
import { MapView, type MapHandle } from './MapView'
import { StatusMessages } from './StatusMessages'

const NO_CELLS: HexCell[] = []
const NO_WARDS: WardFeature[] = []
const NO_GISTAR: GiStarCell[] = []
const NO_EMERGING: EmergingCell[] = []
const URL_WRITE_DELAY_MS = 300
/** Must match --panel-width, --results-width and the narrow-screen breakpoint in styles.css. */
const PANEL_WIDTH_PX = 320
const RESULTS_WIDTH_PX = 400
/** The results panel folded down to its legend. */
const RESULTS_CLOSED_WIDTH_PX = 240
const NARROW_SCREEN_PX = 700
/** Problem locations listed at first; "Show all" asks for every one (the server's maximum). */
const LOCATIONS_PAGE = 20
const LOCATIONS_ALL = 200
/** What covers the map besides the panel: the legend (200 px + margins) on the right, the attribution below. */
const LEGEND_INSET_PX = 60
const FIT_MARGIN_PX = 16
const ATTRIBUTION_INSET_PX = 30

function useWindowWidth(): number {
  const [width, setWidth] = useState(() => window.innerWidth)
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth)
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  return width
}

interface RenderedHexes {
  kind: 'hexes'
  url: string
  cellCount: number
}

interface RenderedHotspots {
  kind: 'hotspots'
  url: string
  cellCount: number
  highlighted: string | null
}

interface SelectedLocation extends HighlightedLocation {
  /** The problem-locations request it came from: a new list clears the selection. */
  listUrl: string
  rank: number
  name: string
}

function councilOptions(wards: readonly WardFeature[]): CouncilOption[] {
  const byCode = new Map<string, string>()
  for (const ward of wards) byCode.set(ward.properties.councilCode, ward.properties.councilName)
  return [...byCode].map(([code, name]) => ({ code, name })).sort((left, right) => left.name.localeCompare(right.name, 'en-GB'))
}

function resolutionOfUrl(url: string | null): number | null {
  if (!url) return null
  const res = Number(new URL(url, 'http://local').searchParams.get('res'))
  return Number.isFinite(res) && res > 0 ? res : null
}

export function App() {
  const initial = useMemo(() => parseViewState(window.location.search), [])
  const [filters, setFilters] = useState<Filters>(() => ({
    categories: initial.categories,
    from: initial.from,
    to: initial.to,
    ward: initial.ward,
    res: initial.res,
  }))
  const [mode, setMode] = useState<MapMode>(() => parseMapMode(window.location.search))
  const [hotspot, setHotspot] = useState<HotspotState>(() => parseHotspotState(window.location.search))
  const [locationLimit, setLocationLimit] = useState(LOCATIONS_PAGE)
  const [selected, setSelected] = useState<SelectedLocation | null>(null)
  // On a phone the analysis would cover the whole map: it starts folded down to its legend there.
  const [resultsOpen, setResultsOpen] = useState(() => window.innerWidth > NARROW_SCREEN_PX)
  const hotspotMode = mode === 'hotspots'
  const [camera, setCamera] = useState<MapCamera>(() => ({ lat: initial.lat, lon: initial.lon, zoom: initial.zoom }))
  // A shared link opens where it points; otherwise the map opens on the whole partnership area, fitted to this
  // window once the ward shapes are in. Until then neither the map nor the hexagons are asked for.
  const [startView, setStartView] = useState<MapCamera | null>(() =>
    hasCamera(window.location.search) ? { lat: initial.lat, lon: initial.lon, zoom: initial.zoom } : null,
  )
  const appRef = useRef<HTMLDivElement>(null)
  const [retryToken, setRetryToken] = useState(0)
  const [panelOpen, setPanelOpen] = useState(true)
  const windowWidth = useWindowWidth()
  // On wide screens the panel floats over the map's left edge; padding keeps the map's centre in the visible part.
  const leftInset = panelOpen && windowWidth > NARROW_SCREEN_PX ? PANEL_WIDTH_PX + 20 : 0
  // In Hotspots mode the results panel covers the right-hand side of the map the same way.
  const rightInset =
    hotspotMode && windowWidth > NARROW_SCREEN_PX ? (resultsOpen ? RESULTS_WIDTH_PX : RESULTS_CLOSED_WIDTH_PX) + 20 : 0
  const mapHandle = useRef<MapHandle>(null)

  const resolution = effectiveResolution(filters.res, camera.zoom)
  const noCategories = filters.categories.length === 0

  const config = useApiResource<ClientConfig>(configUrl, retryToken)
  // The summary's category counts ignore the category filter, so it is still worth asking when none are ticked.
  const summary = useApiResource<Summary>(summaryUrl(filters), retryToken)
  const wards = useApiResource<WardCollection>(
    wardsUrl({ categories: filters.categories, from: filters.from, to: filters.to }),
    retryToken,
  )
  // With no categories ticked nothing can match, and the server reads a missing list as "all", so do not ask.
  const hexRequestUrl = noCategories || startView === null || hotspotMode ? null : hexesUrl(resolution, filters)
  const hexes = useApiResource<HexCell[]>(hexRequestUrl, retryToken)

  // Cells from an earlier filter would be mistaken for the answer to the request that just failed.
  const cells = noCategories || hexes.error ? NO_CELLS : (hexes.data ?? NO_CELLS)
  const hexesCurrent =
    startView !== null && !hotspotMode && (noCategories || (hexes.dataUrl === hexRequestUrl && !hexes.loading && !hexes.error))

  // Councils named in the address are checked against the wards' councils before anything is asked for.
  const councils = useMemo(() => councilOptions(wards.data?.features ?? NO_WARDS), [wards.data])
  const councilsChecked = hotspot.councils === null || wards.data !== undefined || wards.error !== null
  const checkedHotspot = useMemo(
    () => (wards.data && hotspot.councils?.length ? { ...hotspot, councils: knownCouncils(hotspot.councils, councils) } : hotspot),
    [hotspot, wards.data, councils],
  )
  const hotspotData = useHotspotData(hotspotMode && councilsChecked, checkedHotspot, filters, locationLimit, retryToken)
  const layerResource = hotspot.layer === 'gistar' ? hotspotData.gistar : hotspotData.emerging
  const layerCurrent =
    hotspotMode &&
    startView !== null &&
    (hotspotData.blocked !== null ||
      (layerResource.dataUrl === hotspotData.layerUrl && !layerResource.loading && !layerResource.error))
  const gistarCells = hotspotMode && hotspot.layer === 'gistar' && !hotspotData.blocked && !hotspotData.gistar.error
    ? (hotspotData.gistar.data?.cells ?? NO_GISTAR)
    : NO_GISTAR
  const emergingCells = hotspotMode && hotspot.layer === 'emerging' && !hotspotData.blocked && !hotspotData.emerging.error
    ? (hotspotData.emerging.data?.cells ?? NO_EMERGING)
    : NO_EMERGING
  const highlighted = selected && selected.listUrl === hotspotData.locations.dataUrl && hotspotMode ? selected : null

  useEffect(() => {
    if (startView !== null) return
    const fallback = { lat: initial.lat, lon: initial.lon, zoom: initial.zoom }
    if (wards.error) {
      setStartView(fallback)
      return
    }
    if (!wards.data) return
    const bounds = unionBounds(wards.data.features.map((feature) => feature.geometry))
    const box = appRef.current?.getBoundingClientRect()
    const wide = window.innerWidth > NARROW_SCREEN_PX
    const fitted =
      bounds && box && box.width > 0 && box.height > 0
        ? fitCamera(
            bounds,
            { width: box.width, height: box.height },
            {
              top: FIT_MARGIN_PX,
              // In Hotspots mode the legend is in the results panel, so nothing else covers the map's right.
              right: wide ? (hotspotMode ? rightInset + FIT_MARGIN_PX : LEGEND_INSET_PX) : FIT_MARGIN_PX,
              bottom: ATTRIBUTION_INSET_PX,
              left: leftInset + FIT_MARGIN_PX,
            },
            { left: leftInset, right: rightInset },
          )
        : fallback
    setCamera(fitted)
    setStartView(fitted)
  }, [startView, wards.data, wards.error, initial, leftInset, rightInset, hotspotMode])

  const wardFeatures = useMemo(() => {
    const features = wards.data?.features ?? NO_WARDS
    if (!noCategories) return features
    return features.map((feature) => ({ ...feature, properties: { ...feature.properties, count: 0 } }))
  }, [wards.data, noCategories])

  const period = summary.data?.period ?? null
  const months = useMemo(() => (period ? monthsBetween(period.from, period.to) : []), [period])

  // An old or hand-edited link can name months or a ward the data does not have; fall back rather than show nothing.
  useEffect(() => {
    const clamped = clampRange(filters.from, filters.to, period)
    if (clamped.from !== filters.from || clamped.to !== filters.to) {
      setFilters((previous) => ({ ...previous, ...clamped }))
    }
  }, [period, filters.from, filters.to])
  useEffect(() => {
    if (!wards.data || filters.ward === null) return
    if (!wards.data.features.some((feature) => feature.properties.code === filters.ward)) {
      setFilters((previous) => ({ ...previous, ward: null }))
    }
  }, [wards.data, filters.ward])

  useEffect(() => {
    const timer = window.setTimeout(() => {
      const hotspotQuery = serialiseHotspotState(mode, hotspot)
      const query = `${serialiseViewState({ ...camera, ...filters })}${hotspotQuery ? `&${hotspotQuery}` : ''}`
      const { pathname, hash } = window.location
      window.history.replaceState(window.history.state, '', `${pathname}?${query}${hash}`)
    }, URL_WRITE_DELAY_MS)
    return () => window.clearTimeout(timer)
  }, [camera, filters, mode, hotspot])

  // Tenths of a zoom level are finer than anyone can see a label move, and spare needless re-placement.
  const labelZoom = Math.round(camera.zoom * 10) / 10
  const labelledWards = useMemo(
    () => wardsToLabel(wardFeatures, labelZoom, filters.ward),
    [wardFeatures, labelZoom, filters.ward],
  )

  const scale = useMemo(() => buildColourScale(maxCountOf(cells)), [cells])
  // Shapes do not change with the filters, only counts do: derive the boundaries once per set of wards.
  const wardShapesKey = wards.data?.features.map((feature) => feature.properties.code).join(',') ?? ''
  const councilPaths = useMemo(() => councilEdges(wards.data?.features ?? NO_WARDS), [wardShapesKey])
  const dataLayer = useMemo(() => {
    if (!hotspotMode) return buildHexLayer(cells, scale)
    return hotspot.layer === 'gistar' ? buildGistarLayer(gistarCells) : buildEmergingLayer(emergingCells)
  }, [hotspotMode, hotspot.layer, cells, scale, gistarCells, emergingCells])
  const highlightLayers = useMemo(() => buildHighlightLayers(highlighted), [highlighted])
  const layers = useMemo(
    () => [
      buildWardAreaLayer(wardFeatures),
      dataLayer,
      buildCouncilEdgeLayer(councilPaths),
      buildWardOutlineLayer(wardFeatures, filters.ward),
      ...highlightLayers,
      buildWardLabelLayer(labelledWards),
    ],
    [wardFeatures, dataLayer, councilPaths, filters.ward, highlightLayers, labelledWards],
  )

  const highlightedName = highlighted ? `${highlighted.rank}. ${highlighted.name}` : null
  const hotspotCellCount = hotspot.layer === 'gistar' ? gistarCells.length : emergingCells.length
  const renderMarker = useMemo<RenderedHexes | RenderedHotspots | null>(() => {
    if (hotspotMode) {
      return layerCurrent
        ? { kind: 'hotspots', url: hotspotData.layerUrl ?? '', cellCount: hotspotCellCount, highlighted: highlightedName }
        : null
    }
    return hexesCurrent ? { kind: 'hexes', url: hexRequestUrl ?? '', cellCount: cells.length } : null
  }, [hotspotMode, layerCurrent, hotspotData.layerUrl, hotspotCellCount, highlightedName, hexesCurrent, hexRequestUrl, cells])
  // Cleared on every change of what should be drawn; MapView reports back once deck.gl has drawn it.
  useEffect(() => {
    publishDebug({ hexesLoaded: false, hotspotsLoaded: false })
  }, [renderMarker])
  const onLayersRendered = useCallback((marker: unknown) => {
    const rendered = marker as RenderedHexes | RenderedHotspots | null
    if (rendered?.kind === 'hexes') publishDebug({ hexesLoaded: true, lastHexesUrl: rendered.url, cellCount: rendered.cellCount })
    if (rendered?.kind === 'hotspots') {
      publishDebug({
        hotspotsLoaded: true,
        lastHotspotsUrl: rendered.url,
        hotspotCellCount: rendered.cellCount,
        highlightedLocation: rendered.highlighted,
      })
    }
  }, [])

  // Tooltips for the hotspot layers need the answer's settings (FDR, number of months).
  const gistarFdr = hotspotData.gistar.data?.fdr ?? hotspot.fdr
  const gistarMeasure = hotspotData.gistar.data?.measure ?? hotspot.measure
  const emergingMonths = hotspotData.emerging.data?.months ?? 0
  const describe = useCallback(
    (layerId: string | undefined, object: unknown): TooltipContent | null => {
      if (object && typeof object === 'object') {
        if (layerId === GISTAR_LAYER_ID) return describeGistarCell(object as GiStarCell, gistarFdr, gistarMeasure)
        if (layerId === EMERGING_LAYER_ID) return describeEmergingCell(object as EmergingCell, emergingMonths)
      }
      return describeHover(layerId, object)
    },
    [gistarFdr, gistarMeasure, emergingMonths],
  )

  const changeMode = useCallback((next: MapMode) => {
    setMode(next)
    if (next === 'incidents') setSelected(null)
  }, [])
  const updateHotspot = useCallback((update: Partial<HotspotState>) => {
    setHotspot((previous) => ({ ...previous, ...update }))
    setLocationLimit(LOCATIONS_PAGE)
  }, [])
  const selectLocation = useCallback(
    (location: ProblemLocation) => {
      const listUrl = hotspotData.locations.dataUrl
      if (!listUrl) return
      setSelected({ key: `${listUrl}#${location.rank}`, listUrl, rank: location.rank, name: location.name, cells: location.cells })
      const bounds = geometryBounds(cellsGeometry(location.cells))
      if (bounds) mapHandle.current?.flyTo(location.centre, bounds)
    },
    [hotspotData.locations.dataUrl],
  )
  // Likewise a link naming a council the data does not have: keep the known ones, or every council if none is.
  useEffect(() => {
    if (wards.data && hotspot.councils?.length && String(checkedHotspot.councils) !== String(hotspot.councils)) {
      setHotspot((previous) => ({ ...previous, councils: checkedHotspot.councils }))
    }
  }, [wards.data, hotspot.councils, checkedHotspot.councils])

  const updateFilters = useCallback(
    (update: Partial<Filters>) => {
      setFilters((previous) => ({ ...previous, ...update }))
      setLocationLimit(LOCATIONS_PAGE)
      if (update.ward) {
        const feature = wards.data?.features.find((candidate) => candidate.properties.code === update.ward)
        const bounds = feature ? geometryBounds(feature.geometry) : null
        if (bounds) mapHandle.current?.fitBounds(bounds)
      }
    },
    [wards.data],
  )

  const selectedWardName =
    wardFeatures.find((feature) => feature.properties.code === filters.ward)?.properties.name ?? null
  const hotspotLayerError = hotspotMode ? (layerResource.error ?? hotspotData.locations.error) : null
  const error = config.error ?? summary.error ?? wards.error ?? hexes.error ?? hotspotLayerError
  const hotspotLoading = hotspotMode && (layerResource.loading || hotspotData.locations.loading)
  const loading = config.loading || summary.loading || wards.loading || hexes.loading || hotspotLoading || startView === null
  const displayedResolution = noCategories ? resolution : (resolutionOfUrl(hexes.dataUrl) ?? resolution)
  const hotspotEmpty =
    hotspotMode && layerCurrent && hotspotData.blocked === null
      ? hotspot.layer === 'gistar'
        ? !hasSignificantCells(hotspotData.gistar.data?.classCounts)
        : !hasEmergingPatterns(hotspotData.emerging.data?.categoryCounts)
      : false
  const emptyMessage = hotspotMode
    ? (hotspotData.blocked ??
      (hotspot.layer === 'gistar' ? 'No significant hot spots for this filter' : 'No emerging hot or cold spots for this filter'))
    : undefined

  // The panel comes first in the DOM so keyboard users reach the filters before the map's own controls.
  return (
    <div className={`app${hotspotMode ? ` app-hotspots${resultsOpen ? ' app-results-open' : ' app-results-closed'}` : ''}`} ref={appRef}>
      <FilterPanel
        filters={filters}
        categoryOptions={categoryOptions(summary.data?.categories, filters.categories)}
        months={months}
        period={period}
        wards={wards.data?.features ?? NO_WARDS}
        total={noCategories ? 0 : (summary.data?.total ?? null)}
        outsideArea={noCategories ? null : (summary.data?.outsideArea ?? null)}
        withoutLocation={noCategories ? null : (summary.data?.withoutLocation ?? null)}
        autoResolution={effectiveResolution('auto', camera.zoom)}
        onChange={updateFilters}
        open={panelOpen}
        onToggle={() => setPanelOpen((open) => !open)}
        mode={mode}
        onModeChange={changeMode}
        hotspotControls={<HotspotControls state={hotspot} councils={councils} categoryCount={filters.categories.length} onChange={updateHotspot} />}
      />
      <StatusMessages
        loading={loading}
        empty={hotspotMode ? hotspotData.blocked !== null || hotspotEmpty : hexesCurrent && cells.length === 0}
        emptyMessage={emptyMessage}
        errorTitle={hotspotMode ? 'Could not load the hot spots.' : undefined}
        error={error}
        onRetry={() => setRetryToken((token) => token + 1)}
      />
      {config.data && startView && (
        <MapView
          ref={mapHandle}
          config={config.data}
          initialView={startView}
          leftInset={leftInset}
          rightInset={rightInset}
          layers={layers}
          describe={describe}
          renderMarker={renderMarker}
          onLayersRendered={onLayersRendered}
          onViewChange={setCamera}
        />
      )}
      {hotspotMode ? (
        <HotspotPanel
          layer={hotspot.layer}
          onLayerChange={(layer) => updateHotspot({ layer })}
          gistar={hotspotData.gistar.data}
          emerging={hotspotData.emerging.data}
          highlightedName={highlightedName}
          open={resultsOpen}
          onToggle={() => setResultsOpen((open) => !open)}
          subject={incidentSubject(filters.categories, hotspot.measure)}
          categories={filters.categories}
          dataFrom={period?.from ?? null}
          blocked={hotspotData.blocked}
          locations={hotspotData.locations}
          topWards={hotspotData.topWards}
          concentration={hotspotData.concentration}
          forecast={hotspotData.forecast}
          selectedRank={highlighted?.rank ?? null}
          onSelect={selectLocation}
          onShowAll={() => setLocationLimit(LOCATIONS_ALL)}
          onRetry={() => setRetryToken((token) => token + 1)}
        />
      ) : (
        <Legend scale={scale} resolution={displayedResolution} selectedWardName={selectedWardName} />
      )}
    </div>
  )
}
