import 'maplibre-gl/dist/maplibre-gl.css'
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson'
import { LngLatBounds, Map as MapLibreMap, NavigationControl, ScaleControl, type GeoJSONSource } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import '../map/maplibre-setup'
import { buildOfflineStyle } from '../map/offline-style'

export const TASK_AREA_COLOUR = '#1d4ed8'

/** Another area drawn with the task's (an evaluation's ring and control): outlined in its own colour, under the task. */
export interface MapArea {
  id: string
  geometry: MultiPolygon
  colour: string
  dashed?: boolean
}

const NO_AREAS: readonly MapArea[] = []

function boundsOf(geometries: readonly MultiPolygon[]): LngLatBounds {
  const bounds = new LngLatBounds()
  for (const geometry of geometries) for (const polygon of geometry.coordinates) for (const position of polygon[0]) bounds.extend([position[0], position[1]])
  return bounds
}

/**
 * A small map of one task's area on the offline basemap (no request leaves for the internet, and an officer, who may
 * not read the ward shapes, asks for nothing more than the task). Fitted to the area, pannable and zoomable.
 */
const NOTHING_PICKED: FeatureCollection = { type: 'FeatureCollection', features: [] }
const PICKED_COLOUR = '#7c3aed'

const pickedData = (picked: MultiPolygon | null | undefined): Feature | FeatureCollection =>
  picked ? { type: 'Feature', properties: {}, geometry: picked } : NOTHING_PICKED

export default function TaskAreaMap({ geometry, label, areas = NO_AREAS, forPrint = false, onReady, picked, onPick }: {
  geometry: MultiPolygon
  label: string
  /** Drawn too, and the map fitted to them all. */
  areas?: readonly MapArea[]
  /** On a print page (the task sheet): no controls, and a canvas kept after drawing so the browser can print it. */
  forPrint?: boolean
  /** Called once the map has drawn the area on its streets (or failed to): a print page waits for every map. */
  onReady?(): void
  /** Cells being picked (an evaluation's own control): drawn over the rest, updated without redrawing the map. */
  picked?: MultiPolygon | null
  /** While picking: a click on the map, where it landed. */
  onPick?(at: { lng: number; lat: number }): void
}) {
  const containerRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const readyRef = useRef(onReady)
  const pickRef = useRef(onPick)
  const pickedRef = useRef(picked)
  useEffect(() => {
    readyRef.current = onReady
    pickRef.current = onPick
    pickedRef.current = picked
  }, [onReady, onPick, picked])
  const picking = onPick !== undefined

  useEffect(() => {
    const source = mapRef.current?.getSource<GeoJSONSource>('picked')
    source?.setData(pickedData(picked))
  }, [picked])

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const map = new MapLibreMap({
      container,
      style: buildOfflineStyle(window.location.origin),
      bounds: boundsOf([geometry, ...areas.map((area) => area.geometry)]),
      fitBoundsOptions: { padding: 24, maxZoom: 17 },
      // OpenStreetMap's credit, folded into an (i) on screen, written out on paper.
      attributionControl: { compact: !forPrint },
      dragRotate: false,
      pitchWithRotate: false,
      maxPitch: 0,
      ...(forPrint ? { interactive: false, fadeDuration: 0, canvasContextAttributes: { preserveDrawingBuffer: true } } : {}),
    })
    map.touchZoomRotate.disableRotation()
    if (!forPrint) map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left')
    let told = false
    const tell = () => {
      if (told) return
      told = true
      readyRef.current?.()
    }
    // A tile that fails to load leaves the map without it, not unfinished: the sheet still prints.
    map.on('error', () => map.once('idle', tell))
    map.once('style.load', () => {
      map.once('idle', tell)
      for (const area of areas) {
        map.addSource(area.id, { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: area.geometry } })
        map.addLayer({ id: `${area.id}-fill`, type: 'fill', source: area.id, paint: { 'fill-color': area.colour, 'fill-opacity': 0.08 } })
        map.addLayer({ id: `${area.id}-line`, type: 'line', source: area.id, paint: { 'line-color': area.colour, 'line-width': 2, ...(area.dashed ? { 'line-dasharray': [3, 2] } : {}) } })
      }
      map.addSource('task-area', { type: 'geojson', data: { type: 'Feature', properties: {}, geometry } })
      map.addLayer({ id: 'task-area-fill', type: 'fill', source: 'task-area', paint: { 'fill-color': TASK_AREA_COLOUR, 'fill-opacity': 0.2 } })
      map.addLayer({ id: 'task-area-line', type: 'line', source: 'task-area', paint: { 'line-color': TASK_AREA_COLOUR, 'line-width': 2.5 } })
      map.addSource('picked', { type: 'geojson', data: pickedData(pickedRef.current) })
      map.addLayer({ id: 'picked-fill', type: 'fill', source: 'picked', paint: { 'fill-color': PICKED_COLOUR, 'fill-opacity': 0.25 } })
      map.addLayer({ id: 'picked-line', type: 'line', source: 'picked', paint: { 'line-color': PICKED_COLOUR, 'line-width': 2 } })
    })
    map.on('click', (event) => pickRef.current?.({ lng: event.lngLat.lng, lat: event.lngLat.lat }))
    mapRef.current = map
    return () => {
      mapRef.current = null
      map.remove()
    }
  }, [geometry, areas, forPrint])

  return <div ref={containerRef} className={picking ? 'task-area-map picking' : 'task-area-map'} role="img" aria-label={label} data-testid="task-area-map" />
}
