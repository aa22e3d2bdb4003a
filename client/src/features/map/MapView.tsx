import { MapboxOverlay } from '@deck.gl/mapbox'
import type { LayersList } from '@deck.gl/core'
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { FeatureCollection } from 'geojson'
import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  type ErrorEvent,
  type GeoJSONSource,
} from 'maplibre-gl'
import { useEffect, useEffectEvent, useImperativeHandle, useRef, useState, type Ref } from 'react'
import { type ClientConfig } from './map-api'
import { ApiError } from '../../shared/api'
import { publishDebug, TEST_HOOKS } from '../../shared/test-hooks'
import { IMPORTED_DATA_STALE_MS } from '../../shared/query-client'
import { fetchApiData } from '../../shared/use-api-query'
import type { Bounds } from './geometry'
import './maplibre-setup'
import { buildOfflineStyle, OFFLINE_LAND_SOURCE, OFFLINE_LAND_URL } from './offline-style'
import { buildHatchImage, NO_STREETS_PATTERN } from './street-coverage'
import { describeHover, tooltipPlacement, type TooltipContent } from './tooltip'
import type { MapView as MapCamera } from './view-state-url'


/** A remote style that has neither loaded nor failed by now is treated as unreachable. */
export const STYLE_LOAD_TIMEOUT_MS = 8000

export type Basemap = 'remote' | 'offline'

/** A problem location of one small cell is still shown with its streets around it. */
const FLY_TO_MAX_ZOOM = 15.5

export interface MapHandle {
  fitBounds(bounds: Bounds): void
  /** Flies to `centre` at the zoom that shows `bounds` whole (clear of the panels), no closer than street level. */
  flyTo(centre: { lon: number; lat: number }, bounds: Bounds): void
  /** Moves at once to a camera brought back by Back or Forward. */
  jumpTo(camera: MapCamera): void
  /** The MapLibre map, for tools that attach to it (drawing a task area); null before it exists. */
  getMap(): MapLibreMap | null
}

interface MapViewProps {
  config: ClientConfig
  initialView: MapCamera
  /** Pixels of map hidden behind the filter panel on the left. */
  leftInset: number
  /** Pixels of map hidden behind a panel on the right (the Hotspots results); 0 when there is none. */
  rightInset?: number
  layers: LayersList
  /** Identifies the data behind `layers`; echoed through `onLayersRendered` once deck.gl has drawn it. */
  renderMarker: unknown
  onLayersRendered(marker: unknown): void
  onViewChange(view: MapCamera): void
  onBasemapChange?(basemap: Basemap): void
  /** Tooltip wording for what is under the pointer; describeHover (incident hexagons and wards) by default. */
  describe?(layerId: string | undefined, object: unknown): TooltipContent | null
  /** A click on the map: the layer and object under the pointer, if any. */
  onPick?(layerId: string | undefined, object: unknown): void
  ref?: Ref<MapHandle>
}

interface HoverState {
  content: TooltipContent
  x: number
  y: number
  width: number
  height: number
}

function cameraOf(map: MapLibreMap): MapCamera {
  const centre = map.getCenter()
  return { lat: centre.lat, lon: centre.lng, zoom: map.getZoom() }
}

/**
 * Fills the offline basemap's land once its style has loaded, with the ward shapes from the query cache (asked for
 * only when not there yet). A 401 is the session ending, which apiRequest reports and the sign-in page explains.
 * The hatch over wards without street data is added first: the style has no sprite, and an image added only when
 * MapLibre finds it missing was drawn on some wards and not others.
 */
function fillOfflineLand(map: MapLibreMap, queryClient: QueryClient): void {
  let removed = false
  map.once('remove', () => {
    removed = true
  })
  map.once('style.load', () => {
    if (!map.hasImage(NO_STREETS_PATTERN)) map.addImage(NO_STREETS_PATTERN, buildHatchImage())
    fetchApiData<FeatureCollection>(queryClient, OFFLINE_LAND_URL, { staleTime: IMPORTED_DATA_STALE_MS }).then(
      (land) => {
        // The page may have gone (and the map with it) while the shapes came.
        if (!removed) (map.getSource(OFFLINE_LAND_SOURCE) as GeoJSONSource | undefined)?.setData(land)
      },
      (error: unknown) => {
        if (!(error instanceof ApiError && error.status === 401)) console.error(error)
      },
    )
  })
}

/**
 * Starts with the configured remote style and swaps to the self-contained offline style if that style errors or
 * stalls before loading. Later errors (a missing tile, say) are left to MapLibre: the basemap is already usable.
 */
function watchForStyleFailure(map: MapLibreMap, styleUrl: string, queryClient: QueryClient, onFallback: () => void): () => void {
  let settled = false
  const fallBack = (reason: string) => {
    if (settled) return
    settled = true
    console.warn(`Basemap style ${styleUrl} unavailable (${reason}); using the offline basemap.`)
    map.setStyle(buildOfflineStyle(window.location.origin), { diff: false })
    fillOfflineLand(map, queryClient)
    onFallback()
  }
  const timer = window.setTimeout(() => fallBack('timed out'), STYLE_LOAD_TIMEOUT_MS)
  const onStyleLoad = () => {
    settled = true
    window.clearTimeout(timer)
  }
  const onError = (event: { error?: { message?: string } }) => {
    if (!settled) fallBack(event.error?.message ?? 'error')
  }
  map.once('style.load', onStyleLoad)
  map.on('error', onError)
  return () => {
    window.clearTimeout(timer)
    map.off('style.load', onStyleLoad)
    map.off('error', onError)
  }
}

export function MapView({
  ref,
  config,
  initialView,
  leftInset,
  rightInset = 0,
  layers,
  renderMarker,
  onLayersRendered,
  onViewChange,
  onBasemapChange,
  describe = describeHover,
  onPick,
}: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const overlayRef = useRef<MapboxOverlay | null>(null)
  const pendingMarkerRef = useRef<{ marker: unknown } | null>(null)
  const drawnLayersRef = useRef<LayersList | null>(null)
  const [hover, setHover] = useState<HoverState | null>(null)
  // The map, created once, reads the props through these when it starts and when it calls back: always the latest.
  const startingProps = useEffectEvent(() => ({ initialView, leftInset, rightInset, layers, renderMarker }))
  const hoverOver = useEffectEvent((layerId: string | undefined, object: unknown, x: number, y: number, container: HTMLElement) => {
    const content = describe(layerId, object)
    // A panel over the right of the map is an edge too: the tooltip flips before running under it.
    const width = container.clientWidth - rightInset
    setHover(content ? { content, x, y, width, height: container.clientHeight } : null)
  })
  const picked = useEffectEvent((layerId: string | undefined, object: unknown) => onPick?.(layerId, object))
  const layersRendered = useEffectEvent((marker: unknown) => onLayersRendered(marker))
  const viewChanged = useEffectEvent((camera: MapCamera) => onViewChange(camera))
  const basemapChanged = useEffectEvent((basemap: Basemap) => onBasemapChange?.(basemap))

  useImperativeHandle(
    ref,
    () => ({
      fitBounds(bounds) {
        mapRef.current?.fitBounds(bounds, { padding: 60, maxZoom: 14, duration: 800 })
      },
      jumpTo(camera) {
        mapRef.current?.jumpTo({ center: [camera.lon, camera.lat], zoom: camera.zoom })
      },
      getMap() {
        return mapRef.current
      },
      flyTo(centre, bounds) {
        const map = mapRef.current
        if (!map) return
        const fitted = map.cameraForBounds(bounds, { padding: 80, maxZoom: FLY_TO_MAX_ZOOM })
        const zoom = Math.min(fitted?.zoom ?? FLY_TO_MAX_ZOOM, FLY_TO_MAX_ZOOM)
        const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false
        map.flyTo({ center: [centre.lon, centre.lat], zoom, duration: reducedMotion ? 0 : 1200, essential: false })
      },
    }),
    [],
  )

  const { basemapStyleUrl, attribution } = config
  const queryClient = useQueryClient()

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const start = startingProps()
    const { initialView } = start
    const map = new MapLibreMap({
      container,
      style: basemapStyleUrl ?? buildOfflineStyle(window.location.origin),
      center: [initialView.lon, initialView.lat],
      zoom: initialView.zoom,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      // Mapping incidents is a 2D task; tilt would only distort hexagon areas.
      maxPitch: 0,
    })
    map.setPadding({ top: 0, right: start.rightInset, bottom: 0, left: start.leftInset })
    map.touchZoomRotate.disableRotation()
    map.keyboard.disableRotation()
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right')
    map.addControl(new AttributionControl({ compact: false, customAttribution: attribution }), 'bottom-right')

    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: start.layers,
      onHover: (info) => hoverOver(info.layer?.id, info.object, info.x, info.y, map.getContainer()),
      onClick: (info) => picked(info.layer?.id, info.object),
      onAfterRender: () => {
        const pending = pendingMarkerRef.current
        if (pending) {
          pendingMarkerRef.current = null
          layersRendered(pending.marker)
        }
      },
    })
    map.addControl(overlay)
    pendingMarkerRef.current = { marker: start.renderMarker }
    drawnLayersRef.current = start.layers

    const onMoveEnd = () => viewChanged(cameraOf(map))
    map.on('moveend', onMoveEnd)
    // With a listener of its own MapLibre no longer logs errors itself, so this one does. A tile that could not be
    // fetched (refused 401 because the session ended, which the app's sign-in page says; cut off; the network) leaves
    // a gap the next draw may fill: a warning, not an error.
    const onError = (event: ErrorEvent) => {
      const error = event.error as { status?: number; name?: string; message?: string } | undefined
      if (error?.status === 401 || error?.name === 'AbortError' || error?.message === 'Failed to fetch') console.warn('Map tile not loaded:', error?.message ?? error)
      else console.error(event.error)
    }
    map.on('error', onError)
    if (TEST_HOOKS) {
      publishDebug({
        renderedBasemapFeatures: (layerId) =>
          map.getLayer(layerId) ? map.queryRenderedFeatures({ layers: [layerId] }).map((feature) => feature.properties) : [],
      })
    }

    basemapChanged(basemapStyleUrl ? 'remote' : 'offline')
    const stopWatching = basemapStyleUrl
      ? watchForStyleFailure(map, basemapStyleUrl, queryClient, () => basemapChanged('offline'))
      : () => {}
    if (!basemapStyleUrl) fillOfflineLand(map, queryClient)

    mapRef.current = map
    overlayRef.current = overlay
    if (TEST_HOOKS) {
      publishDebug({
        project: (lon, lat) => {
          const point = map.project([lon, lat])
          return { x: point.x, y: point.y }
        },
      })
    }
    return () => {
      stopWatching()
      map.off('moveend', onMoveEnd)
      map.off('error', onError)
      overlay.finalize()
      map.remove()
      mapRef.current = null
      overlayRef.current = null
    }
  }, [basemapStyleUrl, attribution, queryClient])

  useEffect(() => {
    const map = mapRef.current
    if (!map) return
    const padding = map.getPadding()
    if (padding.left === leftInset && padding.right === rightInset) return
    map.easeTo({ padding: { top: 0, right: rightInset, bottom: 0, left: leftInset }, duration: 300 })
  }, [leftInset, rightInset])

  useEffect(() => {
    const overlay = overlayRef.current
    if (!overlay) return
    if (drawnLayersRef.current !== layers) {
      drawnLayersRef.current = layers
      pendingMarkerRef.current = { marker: renderMarker }
      overlay.setProps({ layers })
      return
    }
    if (pendingMarkerRef.current) {
      // A draw is still due (the first one, say); this marker rides along with it.
      pendingMarkerRef.current = { marker: renderMarker }
      return
    }
    // Same layers and nothing pending: deck.gl will not redraw, so no onAfterRender is coming, and what the
    // marker describes is already on screen.
    const frame = requestAnimationFrame(() => layersRendered(renderMarker))
    return () => cancelAnimationFrame(frame)
  }, [layers, renderMarker])

  const placement = hover ? tooltipPlacement(hover.x, hover.y, hover.width, hover.height) : null
  return (
    <div className="map-wrapper">
      <div ref={containerRef} className="map" data-testid="map" role="region" aria-label="Hotspot map" />
      {hover && placement && (
        <div className="map-tooltip" role="tooltip" data-testid="tooltip" style={placement}>
          <div className="map-tooltip-title">{hover.content.title}</div>
          {hover.content.lines?.map((line) => (
            <div key={line} className="map-tooltip-line">
              {line}
            </div>
          ))}
          {hover.content.detail && <div className="map-tooltip-detail">{hover.content.detail}</div>}
        </div>
      )}
    </div>
  )
}
