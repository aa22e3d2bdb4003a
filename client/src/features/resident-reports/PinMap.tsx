import 'maplibre-gl/dist/maplibre-gl.css'
import { LngLatBounds, Map as MapLibreMap, Marker, NavigationControl, type GeoJSONSource } from 'maplibre-gl'
import type { FeatureCollection } from 'geojson'
import { useEffect, useRef } from 'react'
import '../map/maplibre-setup'
import { buildOfflineStyle, OFFLINE_LAND_SOURCE } from '../map/offline-style'
import { buildHatchImage, NO_STREETS_PATTERN } from '../map/street-coverage'
import { PLACE_FONT } from '../map/street-layers'
import { publishDebug } from '../../shared/test-hooks'
import type { PublicWards } from './reports-api'

import type { Pin } from './ward-at'

/** What the map and the pin say to screen readers: how to use them from the keyboard. */
const MAP_LABEL = 'Map of where it happened: tap or click to put the pin there; with a keyboard, move the map with the arrow keys and press Enter to put the pin in the middle'
const PIN_LABEL = 'The pin: drag it, or move it with the arrow keys (Shift for bigger steps)'

/**
 * The form's map: the offline basemap (nothing fetched from the internet), the council's wards outlined and named so
 * the reporter sees which ward the pin is in, and a pin placed by a tap or a click and moved by dragging. Centred on a
 * poster's point or ward, else on the wards. From the keyboard: the map takes the focus, its arrow keys pan it (MapLibre's
 * own), a cross marks its middle while it has the focus, and Enter or Space puts the pin there; the pin then takes the
 * focus and moves with the arrow keys (MapLibre's keyboard drag). Use my location and the typed place are beside it,
 * so the map is a help, not the only way.
 */
export default function PinMap({ wards, pin, centre, onPin }: {
  wards: PublicWards
  pin: Pin | null
  centre: { lon: number; lat: number; zoom: number } | null
  onPin(pin: Pin): void
}) {
  const containerRef = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const markerRef = useRef<Marker | null>(null)
  const onPinRef = useRef(onPin)
  useEffect(() => {
    onPinRef.current = onPin
  }, [onPin])

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const bounds = new LngLatBounds()
    for (const feature of wards.features) bounds.extend([feature.properties.lon, feature.properties.lat])
    const map = new MapLibreMap({
      container,
      style: buildOfflineStyle(window.location.origin),
      ...(centre ? { center: [centre.lon, centre.lat] as [number, number], zoom: centre.zoom } : bounds.isEmpty() ? { center: [-1.3, 54.57] as [number, number], zoom: 11 } : { bounds, fitBoundsOptions: { padding: 20 } }),
      attributionControl: { compact: true },
      dragRotate: false,
      pitchWithRotate: false,
      maxPitch: 0,
      locale: { 'Map.Title': MAP_LABEL },
    })
    map.touchZoomRotate.disableRotation()
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right')
    map.once('style.load', () => {
      // Wards the street tiles do not cover are hatched, as on the staff's map.
      if (!map.hasImage(NO_STREETS_PATTERN)) map.addImage(NO_STREETS_PATTERN, buildHatchImage())
      ;(map.getSource(OFFLINE_LAND_SOURCE) as GeoJSONSource).setData(wards as FeatureCollection)
      map.addLayer({ id: 'report-ward-lines', type: 'line', source: OFFLINE_LAND_SOURCE, paint: { 'line-color': '#1d70b8', 'line-width': 1.5 } })
      map.addLayer({
        id: 'report-ward-names',
        type: 'symbol',
        source: OFFLINE_LAND_SOURCE,
        layout: { 'text-field': ['get', 'name'], 'text-font': PLACE_FONT, 'text-size': 12, 'symbol-placement': 'point' },
        paint: { 'text-color': '#0b0c0c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      })
    })
    // Said on the page for whoever waits on the map's first full frame (the slow-connection bench, the tests).
    map.once('load', () => container.setAttribute('data-map-loaded', 'true'))
    // Enter or Space on the focused map: the pin at its middle, where the cross is.
    map.getCanvas().addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return
      event.preventDefault()
      const middle = map.getCenter()
      onPinRef.current({ lon: middle.lng, lat: middle.lat })
    })
    map.on('click', (event) => onPinRef.current({ lon: event.lngLat.lng, lat: event.lngLat.lat }))
    mapRef.current = map
    publishDebug({ pinMap: { centre: () => ({ lon: map.getCenter().lng, lat: map.getCenter().lat }), moving: () => map.isMoving() } })
    return () => {
      map.remove()
      mapRef.current = null
      markerRef.current = null
    }
    // The map is made once per set of wards; the centre is where it opens, not something it follows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wards])

  useEffect(() => {
    const map = mapRef.current
    if (!map) return
    if (!pin) {
      markerRef.current?.remove()
      markerRef.current = null
      return
    }
    if (!markerRef.current) {
      const marker = new Marker({ draggable: true, color: '#d4351c' }).setLngLat([pin.lon, pin.lat])
      marker.getElement().setAttribute('aria-label', PIN_LABEL)
      marker.addTo(map)
      marker.on('dragend', () => {
        const at = marker.getLngLat()
        onPinRef.current({ lon: at.lng, lat: at.lat })
      })
      markerRef.current = marker
    } else {
      markerRef.current.setLngLat([pin.lon, pin.lat])
    }
    if (!map.getBounds().contains([pin.lon, pin.lat])) map.easeTo({ center: [pin.lon, pin.lat], zoom: Math.max(map.getZoom(), 16) })
  }, [pin])

  return (
    <div
      ref={containerRef}
      className="report-pin-map"
      // The application role lets a screen reader pass the arrow keys to the map; its canvas says how to use them.
      role="application"
      aria-label="Map of where it happened"
      data-testid="report-pin-map"
    />
  )
}
