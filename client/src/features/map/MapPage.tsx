import 'maplibre-gl/dist/maplibre-gl.css'
import './map.css'
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { WardFeature } from './map-api'
import { categoryOptions } from '../../shared/categories'
import { clampRange } from '../../shared/month-range'
import { incidentSubject } from '../hotspots/chart-data'
import type { EmergingCell, GiStarCell, ProblemLocation } from '../hotspots/hotspot-api'
import { describeEmergingCell, describeGistarCell } from '../hotspots/hotspot-format'
import { EMERGING_LAYER_ID, GISTAR_LAYER_ID, type HighlightedLocation } from '../hotspots/hotspot-layers'
import type { HotspotState, MapMode } from '../hotspots/hotspot-url'
import { cellsGeometry } from '../hotspots/problem-locations'
import { HotspotControls } from '../hotspots/HotspotControls'
import { HotspotPanel } from '../hotspots/HotspotPanel'
import { FilterPanel } from './FilterPanel'
import { fitCamera } from './fit-camera'
import { geometryBounds, unionBounds } from './geometry'
import { effectiveResolution } from './h3-resolution'
import { Legend } from './Legend'
import { Playback } from './Playback'
import { MapView, type Basemap, type MapHandle } from './MapView'
import { StatusMessages } from './StatusMessages'
import { describeHover, type TooltipContent } from './tooltip'
import { clickedCell } from './clicked-cell'
import { useMapData } from './use-map-data'
import { useMapLayers } from './use-map-layers'
import { useRenderProbe } from './use-render-probe'
import { useViewState } from './use-view-state'
import { isWeekFrame, type Filters, type MapPageView, type MapView as MapCamera } from './view-state-url'
import { DrawTaskArea } from '../tasks/DrawTaskArea'
import { EMPTY_SELECTION, toggleCell, type CellSelection } from '../tasks/cell-selection'
import { PickTaskCells } from '../tasks/PickTaskCells'
import { MAP_TASKS_URL } from '../tasks/task-area-layer'
import { TASKS_STALE_MS, type Task, type TaskList } from '../tasks/tasks-api'
import { useApiQuery } from '../../shared/use-api-query'

/** Must match --panel-width, --results-width and the narrow-screen breakpoint in map.css. */
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

// The detail panel brings recharts: loaded the first time a hexagon is clicked.
const HexDetailPanel = lazy(() => import('../hex-detail/HexDetailPanel'))

function useWindowWidth(): number {
  const [width, setWidth] = useState(() => window.innerWidth)
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth)
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  return width
}

const NO_WARDS: WardFeature[] = []

interface SelectedLocation extends HighlightedLocation {
  /** The problem-locations request it came from: a new list clears the selection. */
  listUrl: string
  rank: number
  name: string
}

const NO_TASKS: readonly Task[] = []

/** The map page: the filter panel, the map with its layers, and the legend or, in Hotspots mode, the analysis. */
export function MapPage() {
  const mapHandle = useRef<MapHandle>(null)
  // Back or Forward brought another view: the map moves to its camera (the data follows the restored filters).
  const restoreCamera = useCallback((restored: MapPageView) => mapHandle.current?.jumpTo(restored.camera), [])
  const { view, sharedCamera, change, correct } = useViewState(restoreCamera)
  const { filters, mode, hotspot, camera } = view
  const hotspotMode = mode === 'hotspots'
  const [locationLimit, setLocationLimit] = useState(LOCATIONS_PAGE)
  const [selected, setSelected] = useState<SelectedLocation | null>(null)
  const [detailCell, setDetailCell] = useState<string | null>(null)
  const closeDetail = useCallback(() => setDetailCell(null), [])
  // Picking hexagons for a task area: while on, a click on a hexagon adds or removes it instead of opening its detail.
  const [cellPick, setCellPick] = useState<CellSelection | null>(null)
  const picking = cellPick !== null
  const pick = useCallback(
    (layerId: string | undefined, object: unknown) => {
      const cell = clickedCell(layerId, object)
      if (!cell) return
      if (picking) setCellPick((selection) => toggleCell(selection ?? EMPTY_SELECTION, cell))
      else setDetailCell(cell)
    },
    [picking],
  )
  const startPicking = useCallback(() => {
    setDetailCell(null)
    setCellPick(EMPTY_SELECTION)
  }, [])
  const stopPicking = useCallback(() => setCellPick(null), [])
  // On a phone the analysis would cover the whole map: it starts folded down to its legend there.
  const [resultsOpen, setResultsOpen] = useState(() => window.innerWidth > NARROW_SCREEN_PX)
  // A shared link opens where it points; otherwise the map opens on the whole partnership area, fitted to this
  // window once the ward shapes are in. Until then neither the map nor the hexagons are asked for.
  const [startView, setStartView] = useState<MapCamera | null>(() => (sharedCamera ? camera : null))
  const appRef = useRef<HTMLDivElement>(null)
  const [panelOpen, setPanelOpen] = useState(true)
  // The offline basemap's streets stop at the Tees; the legend says so while it shows.
  const [basemap, setBasemap] = useState<Basemap | null>(null)
  const windowWidth = useWindowWidth()
  // On wide screens the panel floats over the map's left edge; padding keeps the map's centre in the visible part.
  const leftInset = panelOpen && windowWidth > NARROW_SCREEN_PX ? PANEL_WIDTH_PX + 20 : 0
  // In Hotspots mode the results panel covers the right-hand side of the map the same way.
  const rightInset =
    hotspotMode && windowWidth > NARROW_SCREEN_PX ? (resultsOpen ? RESULTS_WIDTH_PX : RESULTS_CLOSED_WIDTH_PX) + 20 : 0

  const data = useMapData(view, startView !== null, locationLimit)
  const { wards, summary, hotspotData, period } = data
  const highlightedLocation = selected && selected.listUrl === hotspotData.locations.dataUrl && hotspotMode ? selected : null
  const pickedCells = cellPick?.cells
  const pickedOutline = useMemo(() => (pickedCells?.length ? { key: `picked:${pickedCells.join(',')}`, cells: pickedCells } : null), [pickedCells])
  const noCategories = filters.categories.length === 0

  // The start is decided once, measured against the page as laid out: fitted to the ward shapes when they are in,
  // else (no shapes to be had, or no room measured) the camera as it stands.
  useEffect(() => {
    if (startView !== null || (!wards.data && !wards.error)) return
    const fallback = camera
    const bounds = wards.data && !wards.error ? unionBounds(wards.data.features.map((feature) => feature.geometry)) : null
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
    if (!wards.error) correct((previous) => ({ ...previous, camera: fitted }))
    setStartView(fitted)
  }, [startView, wards.data, wards.error, camera, leftInset, rightInset, hotspotMode, correct])

  // An old or hand-edited link can name months or a ward the data does not have; fall back rather than show nothing.
  useEffect(() => {
    const clamped = clampRange(filters.from, filters.to, period)
    if (clamped.from !== filters.from || clamped.to !== filters.to) {
      correct((previous) => ({ ...previous, filters: { ...previous.filters, ...clamped } }))
    }
  }, [period, filters.from, filters.to, correct])
  useEffect(() => {
    if (!wards.data || filters.ward === null) return
    if (!wards.data.features.some((feature) => feature.properties.code === filters.ward)) {
      correct((previous) => ({ ...previous, filters: { ...previous.filters, ward: null } }))
    }
  }, [wards.data, filters.ward, correct])
  // Likewise a link naming a council the data does not have: keep the known ones, or every council if none is.
  const checkedCouncils = data.checkedHotspot.councils
  useEffect(() => {
    if (wards.data && hotspot.councils?.length && String(checkedCouncils) !== String(hotspot.councils)) {
      correct((previous) => ({ ...previous, hotspot: { ...previous.hotspot, councils: checkedCouncils } }))
    }
  }, [wards.data, hotspot.councils, checkedCouncils, correct])

  // Playback: the month shown moves through the period; its colour scale is every month's (set once they are in).
  const [playbackMax, setPlaybackMax] = useState<number | null>(null)
  const moveFrame = useCallback(
    (month: string | null, how: 'open' | 'step' | 'close') => {
      const update = (previous: MapPageView) => ({ ...previous, filters: { ...previous.filters, frame: month } })
      // Opening and closing are a person's changes (Back undoes them); each step rewrites the same entry.
      if (how === 'step') correct(update)
      else change(update)
    },
    [change, correct],
  )

  const mapTasks = useApiQuery<TaskList>(MAP_TASKS_URL, { staleTime: TASKS_STALE_MS })
  const taskAreas = mapTasks.data?.items ?? NO_TASKS

  const { layers, scale } = useMapLayers({
    hotspotLayer: hotspotMode ? hotspot.layer : null,
    cells: data.cells,
    gistarCells: data.gistarCells,
    emergingCells: data.emergingCells,
    wardFeatures: data.wardFeatures,
    selectedWard: filters.ward,
    // The hexagons being picked for a task, outlined as a selected problem location is.
    highlighted: pickedOutline ?? highlightedLocation,
    taskAreas,
    zoom: camera.zoom,
    scaleMax: data.frame ? playbackMax : null,
  })

  const highlightedName = highlightedLocation ? `${highlightedLocation.rank}. ${highlightedLocation.name}` : null
  const hotspotCellCount = hotspot.layer === 'gistar' ? data.gistarCells.length : data.emergingCells.length
  const probe = useRenderProbe(
    hotspotMode
      ? data.layerCurrent
        ? { kind: 'hotspots', url: hotspotData.layerUrl ?? '', cellCount: hotspotCellCount, highlighted: highlightedName }
        : null
      : data.hexesCurrent
        ? { kind: 'hexes', url: data.hexRequestUrl ?? '', cellCount: data.cells.length }
        : null,
  )

  // Tooltips for the hotspot layers need the answer's settings (FDR, number of months).
  const gistarFdr = hotspotData.gistar.data?.fdr ?? hotspot.fdr
  const gistarMeasure = hotspotData.gistar.data?.measure ?? hotspot.measure
  const emergingMonths = hotspotData.emerging.data?.months ?? 0
  const emergingUnit = hotspotData.emerging.data?.slices ?? 'month'
  // The wards' change against the period before, in their tooltips; none when no category is ticked (all count 0).
  const wardComparison = noCategories ? undefined : (wards.data?.comparison ?? null)
  const describe = useCallback(
    (layerId: string | undefined, object: unknown): TooltipContent | null => {
      if (object && typeof object === 'object') {
        if (layerId === GISTAR_LAYER_ID) return describeGistarCell(object as GiStarCell, gistarFdr, gistarMeasure)
        if (layerId === EMERGING_LAYER_ID) return describeEmergingCell(object as EmergingCell, emergingMonths, emergingUnit)
      }
      return describeHover(layerId, object, wardComparison)
    },
    [gistarFdr, gistarMeasure, emergingMonths, emergingUnit, wardComparison],
  )

  const changeMode = useCallback(
    (next: MapMode) => {
      change((previous) => ({ ...previous, mode: next }))
      if (next === 'incidents') setSelected(null)
    },
    [change],
  )
  const updateHotspot = useCallback(
    (update: Partial<HotspotState>) => {
      change((previous) => ({ ...previous, hotspot: { ...previous.hotspot, ...update } }))
      setLocationLimit(LOCATIONS_PAGE)
    },
    [change],
  )
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
  const updateFilters = useCallback(
    (update: Partial<Filters>) => {
      change((previous) => ({ ...previous, filters: { ...previous.filters, ...update } }))
      setLocationLimit(LOCATIONS_PAGE)
      if (update.ward) {
        const feature = wards.data?.features.find((candidate) => candidate.properties.code === update.ward)
        const bounds = feature ? geometryBounds(feature.geometry) : null
        if (bounds) mapHandle.current?.fitBounds(bounds)
      }
    },
    [wards.data, change],
  )
  const moveCamera = useCallback((moved: MapCamera) => correct((previous) => ({ ...previous, camera: moved })), [correct])

  const selectedWardName = data.wardFeatures.find((feature) => feature.properties.code === filters.ward)?.properties.name ?? null
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
        months={data.months}
        period={period}
        wards={wards.data?.features ?? NO_WARDS}
        total={noCategories ? 0 : (summary.data?.total ?? null)}
        previousTotal={summary.data?.previousTotal ?? null}
        comparison={summary.data?.comparison ?? null}
        outsideArea={noCategories ? null : (summary.data?.outsideArea ?? null)}
        withoutLocation={noCategories ? null : (summary.data?.withoutLocation ?? null)}
        autoResolution={effectiveResolution('auto', camera.zoom)}
        onChange={updateFilters}
        open={panelOpen}
        onToggle={() => setPanelOpen((open) => !open)}
        mode={mode}
        onModeChange={changeMode}
        hotspotControls={
          <HotspotControls state={hotspot} councils={data.councils} categoryCount={filters.categories.length} onChange={updateHotspot} />
        }
      />
      <StatusMessages
        loading={data.loading}
        empty={hotspotMode ? hotspotData.blocked !== null || data.hotspotEmpty : data.hexesCurrent && data.cells.length === 0}
        emptyMessage={emptyMessage}
        errorTitle={hotspotMode ? 'Could not load the hot spots.' : undefined}
        error={data.error}
        onRetry={data.retry}
      />
      {data.config.data && startView && (
        <MapView
          ref={mapHandle}
          config={data.config.data}
          initialView={startView}
          leftInset={leftInset}
          rightInset={rightInset}
          layers={layers}
          describe={describe}
          onPick={pick}
          renderMarker={probe.renderMarker}
          onLayersRendered={probe.onLayersRendered}
          onViewChange={moveCamera}
          onBasemapChange={setBasemap}
        />
      )}
      {detailCell && (
        <Suspense fallback={null}>
          <HexDetailPanel
            cell={detailCell}
            filters={filters}
            showIncidents
            onClose={closeDetail}
          />
        </Suspense>
      )}
      {data.config.data && startView && (
        // Map controls like the zoom buttons (maplibregl-ctrl), so what reads the map's pixels leaves them out as it does those.
        <div className="task-area-tools maplibregl-ctrl" data-testid="task-area-tools">
          {!picking && <DrawTaskArea getMap={() => mapHandle.current?.getMap() ?? null} />}
          <PickTaskCells selection={cellPick} onStart={startPicking} onStop={stopPicking} />
        </div>
      )}
      {data.config.data && startView && !hotspotMode && !noCategories && (
        <Playback
          months={data.shownMonths}
          frame={data.frame}
          resolution={data.resolution}
          categories={filters.categories}
          ward={filters.ward}
          onFrame={moveFrame}
          onScaleMax={setPlaybackMax}
        />
      )}
      {hotspotMode ? (
        <HotspotPanel
          layer={hotspot.layer}
          onLayerChange={(layer) => updateHotspot({ layer })}
          slices={hotspot.slices}
          onSlicesChange={(slices) => updateHotspot({ slices })}
          gistar={hotspotData.gistar.data}
          emerging={hotspotData.emerging.data}
          highlightedName={highlightedName}
          streetCoverage={basemap === 'offline'}
          taskAreaCount={taskAreas.length}
          open={resultsOpen}
          onToggle={() => setResultsOpen((open) => !open)}
          subject={incidentSubject(filters.categories, hotspot.measure)}
          categories={filters.categories}
          blocked={hotspotData.blocked}
          locations={hotspotData.locations}
          topWards={hotspotData.topWards}
          concentration={hotspotData.concentration}
          forecast={hotspotData.forecast}
          selectedRank={highlightedLocation?.rank ?? null}
          onSelect={selectLocation}
          onShowAll={() => setLocationLimit(LOCATIONS_ALL)}
          onRetry={data.retry}
        />
      ) : (
        <Legend
          scale={scale}
          resolution={data.displayedResolution}
          selectedWardName={selectedWardName}
          streetCoverage={basemap === 'offline'}
          taskAreaCount={taskAreas.length}
          playback={data.frame === null ? null : isWeekFrame(data.frame) ? 'week' : 'month'}
        />
      )}
    </div>
  )
}
