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
} from '../api'
import { categoryOptions } from '../categories'
import { buildColourScale, maxCountOf } from '../colour-scale'
import { publishDebug } from '../debug-global'
import { fitCamera } from '../fit-camera'
import { geometryBounds, unionBounds } from '../geometry'
import { effectiveResolution } from '../h3-resolution'
import { buildHexLayer } from '../hex-layer'
import { clampRange, monthsBetween } from '../months'
import { useApiResource } from '../use-api-resource'
import { hasCamera, parseViewState, serialiseViewState, type Filters, type MapView as MapCamera } from '../view-state-url'
import { councilEdges } from '../council-edges'
import { buildCouncilEdgeLayer, buildWardAreaLayer, buildWardLabelLayer, buildWardOutlineLayer, wardsToLabel } from '../ward-layers'
import { FilterPanel } from './FilterPanel'
import { Legend } from './Legend'
import { MapView, type MapHandle } from './MapView'
import { StatusMessages } from './StatusMessages'

const NO_CELLS: HexCell[] = []
const NO_WARDS: WardFeature[] = []
const URL_WRITE_DELAY_MS = 300
/** Must match --panel-width and the narrow-screen breakpoint in styles.css. */
const PANEL_WIDTH_PX = 320
const NARROW_SCREEN_PX = 700
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
  url: string
  cellCount: number
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
  const hexRequestUrl = noCategories || startView === null ? null : hexesUrl(resolution, filters)
  const hexes = useApiResource<HexCell[]>(hexRequestUrl, retryToken)

  // Cells from an earlier filter would be mistaken for the answer to the request that just failed.
  const cells = noCategories || hexes.error ? NO_CELLS : (hexes.data ?? NO_CELLS)
  const hexesCurrent =
    startView !== null && (noCategories || (hexes.dataUrl === hexRequestUrl && !hexes.loading && !hexes.error))

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
              right: wide ? LEGEND_INSET_PX : FIT_MARGIN_PX,
              bottom: ATTRIBUTION_INSET_PX,
              left: leftInset + FIT_MARGIN_PX,
            },
            leftInset,
          )
        : fallback
    setCamera(fitted)
    setStartView(fitted)
  }, [startView, wards.data, wards.error, initial, leftInset])

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
      const query = serialiseViewState({ ...camera, ...filters })
      const { pathname, hash } = window.location
      window.history.replaceState(window.history.state, '', `${pathname}?${query}${hash}`)
    }, URL_WRITE_DELAY_MS)
    return () => window.clearTimeout(timer)
  }, [camera, filters])

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
  const layers = useMemo(
    () => [
      buildWardAreaLayer(wardFeatures),
      buildHexLayer(cells, scale),
      buildCouncilEdgeLayer(councilPaths),
      buildWardOutlineLayer(wardFeatures, filters.ward),
      buildWardLabelLayer(labelledWards),
    ],
    [wardFeatures, cells, scale, councilPaths, filters.ward, labelledWards],
  )

  const renderMarker = useMemo<RenderedHexes | null>(
    () => (hexesCurrent ? { url: hexRequestUrl ?? '', cellCount: cells.length } : null),
    [hexesCurrent, hexRequestUrl, cells],
  )
  // Cleared on every change of what should be drawn; MapView reports back once deck.gl has drawn it.
  useEffect(() => {
    publishDebug({ hexesLoaded: false })
  }, [renderMarker])
  const onLayersRendered = useCallback((marker: unknown) => {
    const rendered = marker as RenderedHexes | null
    if (rendered) publishDebug({ hexesLoaded: true, lastHexesUrl: rendered.url, cellCount: rendered.cellCount })
  }, [])

  const updateFilters = useCallback(
    (update: Partial<Filters>) => {
      setFilters((previous) => ({ ...previous, ...update }))
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
  const error = config.error ?? summary.error ?? wards.error ?? hexes.error
  const loading = config.loading || summary.loading || wards.loading || hexes.loading || startView === null
  const displayedResolution = noCategories ? resolution : (resolutionOfUrl(hexes.dataUrl) ?? resolution)

  // The panel comes first in the DOM so keyboard users reach the filters before the map's own controls.
  return (
    <div className="app" ref={appRef}>
      <FilterPanel
        filters={filters}
        categoryOptions={categoryOptions(summary.data?.categories, filters.categories)}
        months={months}
        period={period}
        wards={wards.data?.features ?? NO_WARDS}
        total={noCategories ? 0 : (summary.data?.total ?? null)}
        outsideArea={noCategories ? null : (summary.data?.outsideArea ?? null)}
        autoResolution={effectiveResolution('auto', camera.zoom)}
        onChange={updateFilters}
        open={panelOpen}
        onToggle={() => setPanelOpen((open) => !open)}
      />
      <StatusMessages
        loading={loading}
        empty={hexesCurrent && cells.length === 0}
        error={error}
        onRetry={() => setRetryToken((token) => token + 1)}
      />
      {config.data && startView && (
        <MapView
          ref={mapHandle}
          config={config.data}
          initialView={startView}
          leftInset={leftInset}
          layers={layers}
          renderMarker={renderMarker}
          onLayersRendered={onLayersRendered}
          onViewChange={setCamera}
        />
      )}
      <Legend scale={scale} resolution={displayedResolution} selectedWardName={selectedWardName} />
    </div>
  )
}
