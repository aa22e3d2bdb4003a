import './hotspots.css'
import { lazy, Suspense, useId } from 'react'
import type { EmergingAnswer, GiStarAnswer } from './hotspot-api'
import type { HotspotLayerId, Slices } from './hotspot-url'
import type { HotspotResultsProps } from './HotspotResults'
import { HotspotLegend } from './HotspotLegend'
import { LoadingState } from '../../shared/States'

// The analysis (lists and charts) brings recharts: loaded the first time Hotspots mode is opened.
const HotspotResults = lazy(() => import('./HotspotResults'))

interface HotspotPanelProps extends HotspotResultsProps {
  open: boolean
  onToggle(): void
  layer: HotspotLayerId
  onLayerChange(layer: HotspotLayerId): void
  slices: Slices
  onSlicesChange(slices: Slices): void
  gistar: GiStarAnswer | undefined
  emerging: EmergingAnswer | undefined
  highlightedName: string | null
  streetCoverage: boolean
  /** Task areas on the map (shaded by dosage delivered), for the legend. */
  taskAreaCount: number
}

/**
 * Hotspots mode's right-hand panel: the map layer switch and its legend on top, always shown, and the analysis
 * under it, which "Hide analysis" folds away to give the map more room.
 */
export function HotspotPanel(props: HotspotPanelProps) {
  const { open, onToggle, layer, onLayerChange, slices, onSlicesChange, gistar, emerging, highlightedName, streetCoverage, taskAreaCount, ...results } = props
  const bodyId = useId()
  return (
    <aside className={`results-panel${open ? '' : ' results-panel-closed'}`} aria-label="Hotspot analysis" data-testid="hotspot-results">
      <div className="results-top">
        <HotspotLegend layer={layer} onLayerChange={onLayerChange} slices={slices} onSlicesChange={onSlicesChange} gistar={gistar} emerging={emerging} highlightedName={highlightedName} streetCoverage={streetCoverage} taskAreaCount={taskAreaCount} />
        <button type="button" className="panel-toggle" aria-expanded={open} aria-controls={bodyId} onClick={onToggle}>
          {open ? 'Hide analysis' : 'Show analysis'}
        </button>
      </div>
      <div id={bodyId} className="panel-body results-body" hidden={!open}>
        <Suspense fallback={<LoadingState label="Loading the analysis…" />}>
          <HotspotResults {...results} />
        </Suspense>
      </div>
    </aside>
  )
}
