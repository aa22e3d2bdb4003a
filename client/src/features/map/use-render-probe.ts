import { useCallback, useEffect, useMemo } from 'react'
import { publishDebug, TEST_HOOKS } from '../../shared/test-hooks'

/** What the map should show once drawn: the request its cells came from, for the end-to-end tests to wait on. */
export type RenderMarker =
  | { kind: 'hexes'; url: string; cellCount: number }
  | { kind: 'hotspots'; url: string; cellCount: number; highlighted: string | null }

export interface RenderProbe {
  /** Passed to MapView, which echoes it through onLayersRendered once deck.gl has drawn the layers. */
  renderMarker: RenderMarker | null
  onLayersRendered(marker: unknown): void
}

const NO_PROBE: RenderProbe = { renderMarker: null, onLayersRendered: () => {} }

/**
 * Tells the end-to-end tests (window.__patrolmap) when the layers for `marker` are on screen. Only in their build
 * (TEST_HOOKS); elsewhere it does nothing and MapView is given no marker.
 */
export function useRenderProbe(marker: RenderMarker | null): RenderProbe {
  const key = marker ? JSON.stringify(marker) : null
  // A stable object per distinct marker, so MapView sees a change only when what should be drawn changes.
  const renderMarker = useMemo<RenderMarker | null>(() => (key ? (JSON.parse(key) as RenderMarker) : null), [key])
  // Cleared on every change of what should be drawn; MapView reports back once deck.gl has drawn it.
  useEffect(() => {
    if (TEST_HOOKS) publishDebug({ hexesLoaded: false, hotspotsLoaded: false })
  }, [renderMarker])
  const onLayersRendered = useCallback((drawn: unknown) => {
    const rendered = drawn as RenderMarker | null
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
  const probe = useMemo(() => ({ renderMarker, onLayersRendered }), [renderMarker, onLayersRendered])
  return TEST_HOOKS ? probe : NO_PROBE
}
