import 'maplibre-gl/dist/maplibre-gl.css'
import type { Feature, FeatureCollection, Geometry, Point, Polygon } from 'geojson'
import { cellToBoundary } from 'h3-js'
import { LngLatBounds, Map as MapLibreMap, NavigationControl, ScaleControl, type GeoJSONSource, type MapLayerMouseEvent, type MapLayerTouchEvent, type MapMouseEvent } from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import '../map/maplibre-setup'
import { buildOfflineStyle } from '../map/offline-style'
import { TEST_HOOKS } from '../../shared/test-hooks'
import type { Camera, GapsAnswer, PlacementAnswer } from './cctv-api'
import { COVERAGE_COLOUR, GAP_COLOUR, SITE_COLOUR, STATUS_RINGS, TYPE_COLOURS } from './cctv-colours'
import { bearingFromDrag, fovFromDrag, handlePositions, wedgeOf, wedgeRing, type LonLat, type WedgeParameters } from './cctv-geometry'

export interface LayerToggles {
  wedges: boolean
  coverage: boolean
  gaps: boolean
}

/** The selected camera's view while its handles are dragged (or its fields typed): drawn before the server answers. */
export interface ViewDraft extends WedgeParameters {
  id: number
  position: LonLat
}

/** browse: select, drag; place: a click places a new camera; sites: a click marks a candidate site; redeploy: a click is the selected camera's new site. */
export type MapMode = 'browse' | 'place' | 'sites' | 'redeploy'

export interface CctvMapProps {
  cameras: readonly Camera[]
  selectedId: number | null
  /** Analysts and admins: the selected camera can be dragged, and its wedge turned and widened with its handles. */
  editable: boolean
  draft: ViewDraft | null
  mode: MapMode
  layers: LayerToggles
  gaps: GapsAnswer | undefined
  sites: readonly LonLat[]
  placement: PlacementAnswer | undefined
  onSelect(id: number | null): void
  /** A click in place, sites or redeploy mode. */
  onPick(point: LonLat): void
  onMove(id: number, point: LonLat): void
  /** A handle dragged: the new bearing or field of view; `done` when the pointer is let go. */
  onViewDrag(change: { bearingDeg?: number; fovDeg?: number; position?: LonLat }, done: boolean): void
}

/** What the end-to-end tests wait on and where they drag (compiled only into the e2e build). */
export interface CctvDebug {
  project(lon: number, lat: number): { x: number; y: number }
  /** Camera id → the bearing of the wedge now drawn, once the map has drawn it. */
  drawnBearings: Record<number, number>
  /** Camera id → the range (m) of the view now drawn, once the map has drawn it. */
  drawnRanges: Record<number, number>
  handles: { bearing: LonLat; fov: LonLat } | null
  idle: boolean
  /** Puts a place in the middle of the map at a zoom (the tests' starting view). */
  centre(lon: number, lat: number, zoom: number): void
  /** The cameras whose view wedges are on screen now. */
  renderedViewIds(): number[]
}

declare global {
  interface Window {
    __patrolmapCctv?: CctvDebug
  }
}

function collection(features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features }
}

function viewFeatures(cameras: readonly Camera[], draft: ViewDraft | null): Feature[] {
  return cameras.flatMap((camera): Feature[] => {
    const properties = { id: camera.id, type: camera.type, status: camera.status }
    // While dragging, the client's wedge stands in for the server's view (which also allows for buildings).
    if (draft && draft.id === camera.id) {
      return [{ type: 'Feature', properties: { ...properties, draft: true }, geometry: { type: 'Polygon', coordinates: [wedgeRing(draft.position, draft)] } }]
    }
    if (camera.viewGeometry) return [{ type: 'Feature', properties, geometry: camera.viewGeometry as Geometry }]
    if (camera.status === 'removed') return []
    return [{ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [wedgeRing(camera.position, wedgeOf(camera))] } }]
  })
}

function cameraFeatures(cameras: readonly Camera[], selectedId: number | null, draft: ViewDraft | null): Feature<Point>[] {
  return cameras.map((camera) => {
    const position = draft && draft.id === camera.id ? draft.position : camera.position
    return {
      type: 'Feature',
      id: camera.id,
      properties: { id: camera.id, type: camera.type, status: camera.status, selected: camera.id === selectedId, illustrative: camera.illustrative },
      geometry: { type: 'Point', coordinates: [position.lon, position.lat] },
    }
  })
}

function handleFeatures(camera: Camera | undefined, draft: ViewDraft | null, editable: boolean): Feature<Point>[] {
  if (!camera || !editable || camera.status === 'removed' || camera.type === 'drone') return []
  const view = draft && draft.id === camera.id ? draft : { ...wedgeOf(camera), position: camera.position }
  const handles = handlePositions(view.position, view)
  const out: Feature<Point>[] = [{ type: 'Feature', properties: { handle: 'bearing' }, geometry: { type: 'Point', coordinates: [handles.bearing.lon, handles.bearing.lat] } }]
  // A PTZ sees all round: only its resting bearing means anything.
  if (camera.type !== 'ptz') out.push({ type: 'Feature', properties: { handle: 'fov' }, geometry: { type: 'Point', coordinates: [handles.fov.lon, handles.fov.lat] } })
  return out
}

function gapFeatures(gaps: GapsAnswer | undefined): Feature[] {
  if (!gaps) return []
  const cells: Feature<Polygon>[] = gaps.cells.map((cell) => {
    const ring = cellToBoundary(cell.h3, true)
    return { type: 'Feature', properties: { kind: 'cell', rank: cell.rank }, geometry: { type: 'Polygon', coordinates: [ring] } }
  })
  const locations: Feature<Point>[] = gaps.locations.map((location) => ({
    type: 'Feature',
    properties: { kind: 'location', rank: location.rank },
    geometry: { type: 'Point', coordinates: [location.centre.lon, location.centre.lat] },
  }))
  return [...cells, ...locations]
}

function siteFeatures(sites: readonly LonLat[], placement: PlacementAnswer | undefined): Feature<Point>[] {
  return [
    ...sites.map((site): Feature<Point> => ({ type: 'Feature', properties: { kind: 'site' }, geometry: { type: 'Point', coordinates: [site.lon, site.lat] } })),
    ...(placement?.picks ?? []).map((pick): Feature<Point> => ({ type: 'Feature', properties: { kind: 'pick', rank: pick.rank }, geometry: { type: 'Point', coordinates: [pick.site.lon, pick.site.lat] } })),
  ]
}

const STOCKTON: [number, number] = [-1.3117, 54.5646]

/**
 * The CCTV page's own map (the main map stays light): camera points by type and status, their views as wedges, the
 * working cameras' views filled as the coverage layer, the gap cells and locations, candidate sites and placement
 * picks. Editing is plain MapLibre pointer events: a camera point or a handle pressed stops the map panning and
 * follows the pointer until let go.
 */
export default function CctvMap(props: CctvMapProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const [loaded, setLoaded] = useState(false)
  const propsRef = useRef(props)
  useEffect(() => {
    propsRef.current = props
  })
  const fittedRef = useRef(false)

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const map = new MapLibreMap({
      container,
      style: buildOfflineStyle(window.location.origin),
      center: STOCKTON,
      zoom: 14,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      maxPitch: 0,
    })
    mapRef.current = map
    map.touchZoomRotate.disableRotation()
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left')
    const empty = collection([])
    map.once('style.load', () => {
      for (const id of ['cctv-gaps', 'cctv-views', 'cctv-cameras', 'cctv-handles', 'cctv-sites']) map.addSource(id, { type: 'geojson', data: empty })
      map.addLayer({ id: 'cctv-gap-cells', type: 'fill', source: 'cctv-gaps', filter: ['==', ['get', 'kind'], 'cell'], paint: { 'fill-color': GAP_COLOUR, 'fill-opacity': 0.3, 'fill-outline-color': GAP_COLOUR } })
      map.addLayer({
        id: 'cctv-gap-locations',
        type: 'circle',
        source: 'cctv-gaps',
        filter: ['==', ['get', 'kind'], 'location'],
        paint: { 'circle-radius': 6, 'circle-color': '#ffffff', 'circle-stroke-color': GAP_COLOUR, 'circle-stroke-width': 3 },
      })
      map.addLayer({
        id: 'cctv-coverage',
        type: 'fill',
        source: 'cctv-views',
        filter: ['==', ['get', 'status'], 'working'],
        paint: { 'fill-color': COVERAGE_COLOUR, 'fill-opacity': 0.22 },
      })
      const typeColour = ['match', ['get', 'type'], 'fixed', TYPE_COLOURS.fixed, 'ptz', TYPE_COLOURS.ptz, 'redeployable', TYPE_COLOURS.redeployable, TYPE_COLOURS.drone] as unknown as string
      map.addLayer({
        id: 'cctv-wedges',
        type: 'line',
        source: 'cctv-views',
        paint: { 'line-color': typeColour, 'line-width': 1.5, 'line-opacity': ['case', ['==', ['get', 'status'], 'working'], 0.9, 0.45] as unknown as number },
      })
      map.addLayer({
        id: 'cctv-wedges-off',
        type: 'line',
        source: 'cctv-views',
        filter: ['!=', ['get', 'status'], 'working'],
        paint: { 'line-color': '#6b7280', 'line-width': 1.5, 'line-dasharray': [2, 2] },
      })
      map.addLayer({
        id: 'cctv-camera-points',
        type: 'circle',
        source: 'cctv-cameras',
        paint: {
          'circle-radius': ['case', ['get', 'selected'], 9, 6] as unknown as number,
          'circle-color': ['case', ['==', ['get', 'status'], 'removed'], '#d1d5db', typeColour] as unknown as string,
          'circle-stroke-color': ['match', ['get', 'status'], 'working', STATUS_RINGS.working, 'faulty', STATUS_RINGS.faulty, STATUS_RINGS.removed] as unknown as string,
          'circle-stroke-width': ['case', ['get', 'selected'], 4, ['==', ['get', 'status'], 'working'], 1.5, 3] as unknown as number,
        },
      })
      map.addLayer({ id: 'cctv-sites', type: 'circle', source: 'cctv-sites', paint: { 'circle-radius': ['case', ['==', ['get', 'kind'], 'pick'], 8, 5] as unknown as number, 'circle-color': ['case', ['==', ['get', 'kind'], 'pick'], '#facc15', '#ffffff'] as unknown as string, 'circle-stroke-color': SITE_COLOUR, 'circle-stroke-width': 2 } })
      map.addLayer({ id: 'cctv-handles', type: 'circle', source: 'cctv-handles', paint: { 'circle-radius': 8, 'circle-color': '#ffffff', 'circle-stroke-color': '#111827', 'circle-stroke-width': 3 } })
      setLoaded(true)
    })

    // Clicks: a camera selects it; elsewhere, in place or sites mode, the point goes to the page.
    map.on('click', (event: MapMouseEvent) => {
      const current = propsRef.current
      if (current.mode !== 'browse') {
        current.onPick({ lon: event.lngLat.lng, lat: event.lngLat.lat })
        return
      }
      // A press on a handle that did not move is no click on the map.
      if (map.queryRenderedFeatures(event.point, { layers: ['cctv-handles'] }).length > 0) return
      const hit = map.queryRenderedFeatures(event.point, { layers: ['cctv-camera-points'] })[0]
      current.onSelect(hit ? Number(hit.properties.id) : null)
    })
    for (const layer of ['cctv-camera-points', 'cctv-handles']) {
      map.on('mouseenter', layer, () => {
        map.getCanvas().style.cursor = propsRef.current.editable ? 'grab' : 'pointer'
      })
      map.on('mouseleave', layer, () => {
        map.getCanvas().style.cursor = ''
      })
    }

    // Dragging: a press on the selected camera moves it; on a handle, turns or widens its view.
    const startDrag = (event: MapLayerMouseEvent | MapLayerTouchEvent, what: 'camera' | 'bearing' | 'fov') => {
      const current = propsRef.current
      const camera = current.cameras.find((item) => item.id === current.selectedId)
      if (!camera || !current.editable || current.mode !== 'browse') return
      if (what === 'camera' && Number(event.features?.[0]?.properties.id) !== camera.id) return
      event.preventDefault() // no panning for this gesture
      const origin = current.draft?.id === camera.id ? current.draft.position : camera.position
      let last: LonLat = origin
      const follow = (moveEvent: MapMouseEvent | MapLayerTouchEvent) => {
        const point = { lon: moveEvent.lngLat.lng, lat: moveEvent.lngLat.lat }
        last = point
        const now = propsRef.current
        if (what === 'camera') {
          now.onViewDrag({ position: point }, false)
          return
        }
        const bearing = now.draft?.id === camera.id ? now.draft.bearingDeg : camera.view.bearingDeg
        const value = what === 'bearing' ? bearingFromDrag(origin, point) : fovFromDrag(origin, bearing, point)
        if (value !== null) now.onViewDrag(what === 'bearing' ? { bearingDeg: value } : { fovDeg: value }, false)
      }
      const finish = () => {
        map.off('mousemove', follow)
        map.off('touchmove', follow)
        const now = propsRef.current
        if (what === 'camera') {
          if (last !== origin) now.onMove(camera.id, last)
          else now.onViewDrag({}, true)
        } else {
          now.onViewDrag({}, true)
        }
      }
      map.on('mousemove', follow)
      map.on('touchmove', follow)
      map.once('mouseup', finish)
      map.once('touchend', finish)
    }
    map.on('mousedown', 'cctv-camera-points', (event) => startDrag(event, 'camera'))
    map.on('touchstart', 'cctv-camera-points', (event) => startDrag(event, 'camera'))
    const handleDrag = (event: MapLayerMouseEvent | MapLayerTouchEvent) => startDrag(event, event.features?.[0]?.properties.handle === 'fov' ? 'fov' : 'bearing')
    map.on('mousedown', 'cctv-handles', handleDrag)
    map.on('touchstart', 'cctv-handles', handleDrag)

    if (TEST_HOOKS) {
      window.__patrolmapCctv = {
        project: (lon, lat) => {
          const point = map.project([lon, lat])
          return { x: point.x, y: point.y }
        },
        drawnBearings: {},
        drawnRanges: {},
        handles: null,
        idle: false,
        centre: (lon, lat, zoom) => map.jumpTo({ center: [lon, lat], zoom }),
        renderedViewIds: () => [...new Set(map.queryRenderedFeatures({ layers: ['cctv-wedges'] }).map((feature) => Number(feature.properties.id)))],
      }
    }
    return () => {
      map.remove()
      mapRef.current = null
      setLoaded(false)
    }
  }, [])

  const { cameras, selectedId, draft, editable, gaps, sites, placement, layers } = props
  const selected = cameras.find((camera) => camera.id === selectedId)

  useEffect(() => {
    const map = mapRef.current
    if (!map || !loaded) return
    map.getSource<GeoJSONSource>('cctv-views')?.setData(collection(viewFeatures(cameras, draft)))
    map.getSource<GeoJSONSource>('cctv-cameras')?.setData(collection(cameraFeatures(cameras, selectedId, draft)))
    map.getSource<GeoJSONSource>('cctv-handles')?.setData(collection(handleFeatures(selected, draft, editable)))
    map.getSource<GeoJSONSource>('cctv-gaps')?.setData(collection(gapFeatures(gaps)))
    map.getSource<GeoJSONSource>('cctv-sites')?.setData(collection(siteFeatures(sites, placement)))
    if (TEST_HOOKS && window.__patrolmapCctv) {
      const debug = window.__patrolmapCctv
      const bearings = Object.fromEntries(cameras.map((camera) => [camera.id, draft?.id === camera.id ? draft.bearingDeg : camera.view.bearingDeg]))
      const ranges = Object.fromEntries(cameras.map((camera) => [camera.id, camera.view.rangeM]))
      debug.idle = false
      const view = selected && (draft?.id === selected.id ? draft : { ...wedgeOf(selected), position: selected.position })
      debug.handles = view ? handlePositions(view.position, view) : null
      map.once('idle', () => {
        debug.drawnBearings = bearings
        debug.drawnRanges = ranges
        debug.idle = true
      })
      map.triggerRepaint()
    }
  }, [loaded, cameras, selectedId, selected, draft, editable, gaps, sites, placement])

  useEffect(() => {
    const map = mapRef.current
    if (!map || !loaded) return
    const visibility = (on: boolean) => (on ? 'visible' : 'none')
    map.setLayoutProperty('cctv-wedges', 'visibility', visibility(layers.wedges))
    map.setLayoutProperty('cctv-wedges-off', 'visibility', visibility(layers.wedges))
    map.setLayoutProperty('cctv-coverage', 'visibility', visibility(layers.coverage))
    map.setLayoutProperty('cctv-gap-cells', 'visibility', visibility(layers.gaps))
    map.setLayoutProperty('cctv-gap-locations', 'visibility', visibility(layers.gaps))
  }, [loaded, layers.wedges, layers.coverage, layers.gaps])

  // Fitted once to the cameras first listed, then left where the analyst puts it.
  useEffect(() => {
    const map = mapRef.current
    if (!map || !loaded || fittedRef.current || cameras.length === 0) return
    fittedRef.current = true
    const bounds = new LngLatBounds()
    for (const camera of cameras) bounds.extend([camera.position.lon, camera.position.lat])
    map.fitBounds(bounds, { padding: 40, maxZoom: 16, duration: 0 })
  }, [loaded, cameras])

  // The selected camera is brought into view when chosen from the list.
  useEffect(() => {
    const map = mapRef.current
    if (!map || !loaded || !selected) return
    const { lon, lat } = selected.position
    if (!map.getBounds().contains([lon, lat])) map.easeTo({ center: [lon, lat], duration: 0 })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when another camera is chosen, not on each edit
  }, [loaded, selected?.id])

  // MapLibre adds its own classes to the element it draws in: React must never rewrite that element's className.
  return (
    <div className={`cctv-map-frame${props.mode !== 'browse' ? ' cctv-map-picking' : ''}`}>
      <div
        ref={containerRef}
        className="cctv-map"
        role="application"
        aria-label="CCTV map: cameras, their views, coverage and gaps. Every change made here can also be typed in the camera panel."
        data-testid="cctv-map"
      />
    </div>
  )
}
