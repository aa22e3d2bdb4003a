import type { Polygon } from 'geojson'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import { navigate } from '../../app/navigation'
import { NEW_TASK_PATH, storePendingArea } from './new-task-area'
import './tasks.css'

type Stop = () => void

/**
 * Draws a polygon on the map with terra-draw (a maintained drawing library with a MapLibre adapter) and opens the
 * new-task form with it as the area. terra-draw is loaded only when drawing starts. The server checks the shape
 * (valid, over a ward we hold) and says what is wrong, rather than the client repairing what was drawn.
 */
export function DrawTaskArea({ getMap }: { getMap(): MapLibreMap | null }) {
  const [state, setState] = useState<'idle' | 'loading' | 'drawing'>('idle')
  const [error, setError] = useState<string | null>(null)
  const stopRef = useRef<Stop | null>(null)

  useEffect(() => () => stopRef.current?.(), [])

  const cancel = () => {
    stopRef.current?.()
    stopRef.current = null
    setState('idle')
  }

  const start = async () => {
    const map = getMap()
    if (!map) return
    setError(null)
    setState('loading')
    try {
      const [{ TerraDraw, TerraDrawPolygonMode }, { TerraDrawMapLibreGLAdapter }] = await Promise.all([import('terra-draw'), import('terra-draw-maplibre-gl-adapter')])
      const draw = new TerraDraw({ adapter: new TerraDrawMapLibreGLAdapter({ map }), modes: [new TerraDrawPolygonMode()] })
      draw.start()
      draw.setMode('polygon')
      stopRef.current = () => draw.stop()
      // Only now does a click on the map add a corner.
      setState('drawing')
      draw.on('finish', (id) => {
        const feature = draw.getSnapshotFeature(id)
        if (feature?.geometry.type !== 'Polygon') return
        storePendingArea(window.sessionStorage, {
          area: { source: 'polygon', polygon: feature.geometry as Polygon },
          title: '',
          label: `a polygon drawn on the map (${(feature.geometry as Polygon).coordinates[0].length - 1} corners)`,
        })
        cancel()
        navigate(NEW_TASK_PATH)
      })
    } catch (failure) {
      setState('idle')
      setError(failure instanceof Error ? failure.message : String(failure))
    }
  }

  return (
    <div className="draw-task-area" data-testid="draw-task-area">
      {state === 'loading' && <span role="status">Loading the drawing tools…</span>}
      {state === 'drawing' && (
        <>
          <span role="status">Click to add corners; click the first corner or press Enter to finish.</span>
          <button type="button" onClick={cancel} data-testid="draw-cancel">
            Cancel
          </button>
        </>
      )}
      {state === 'idle' && (
        <button type="button" onClick={() => void start()} data-testid="draw-start">
          Draw a task area
        </button>
      )}
      {error && <span role="alert">Drawing failed: {error}</span>}
    </div>
  )
}
