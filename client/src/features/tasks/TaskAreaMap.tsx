import 'maplibre-gl/dist/maplibre-gl.css'
import type { MultiPolygon } from 'geojson'
import { LngLatBounds, Map as MapLibreMap, NavigationControl, ScaleControl } from 'maplibre-gl'
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
export default function TaskAreaMap({ geometry, label, areas = NO_AREAS, forPrint = false, onReady }: {
  geometry: MultiPolygon
  label: string
  /** Drawn too, and the map fitted to them all. */
  areas?: readonly MapArea[]
  /** On a print page (the task sheet): no controls, and a canvas kept after drawing so the browser can print it. */
  forPrint?: boolean
  /** Called once the map has drawn the area on its streets (or failed to): a print page waits for every map. */
  onReady?(): void
}) {
  const containerRef = useRef<HTMLDivElement>(null)
  const readyRef = useRef(onReady)
  useEffect(() => {
    readyRef.current = onReady
  }, [onReady])

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
    })
    return () => map.remove()
  }, [geometry, areas, forPrint])

  return <div ref={containerRef} className="task-area-map" role="img" aria-label={label} data-testid="task-area-map" />
}
