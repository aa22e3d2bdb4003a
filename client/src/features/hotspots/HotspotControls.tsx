import './hotspots.css'
import { useId } from 'react'
import { H3_RESOLUTIONS, type H3Resolution } from '../map/h3-resolution'
import { halfLifeOptions, NEIGHBOURHOOD_CHOICES, type HotspotState, type Measure, type Neighbourhood } from './hotspot-url'
import { followLink } from '../../app/navigation'
import { CELL_WIDTH } from '../map/FilterPanel'

export interface CouncilOption {
  code: string
  name: string
}

interface HotspotControlsProps {
  state: HotspotState
  councils: readonly CouncilOption[]
  /** Categories ticked: with one, harm is a multiple of the count and changes no ranking. */
  categoryCount: number
  onChange(update: Partial<HotspotState>): void
}

/** Cells in a gridDisk of radius k: 1 + 3k(k + 1). */
const neighbourhoodCells = (k: number) => 1 + 3 * k * (k + 1)

/** The Hotspots mode's own settings, in the filter panel under the shared filters. */
export function HotspotControls({ state, councils, categoryCount, onChange }: HotspotControlsProps) {
  const id = useId()
  const chosen = (code: string) => state.councils === null || state.councils.includes(code)

  function toggleCouncil(code: string, checked: boolean) {
    const next = councils.map((council) => council.code).filter((candidate) => (candidate === code ? checked : chosen(candidate)))
    onChange({ councils: next.length === councils.length ? null : next })
  }

  return (
    <div className="hotspot-controls" data-testid="hotspot-controls">
      <div className="field">
        <label htmlFor={`${id}-measure`}>Add up</label>
        <select
          id={`${id}-measure`}
          data-testid="hotspot-measure"
          aria-describedby={`${id}-measure-hint`}
          value={state.measure}
          onChange={(event) => onChange({ measure: event.target.value as Measure })}
        >
          <option value="count">Incidents</option>
          <option value="harm">Harm (weighted by category)</option>
        </select>
      </div>
      <p className="hint field-hint" id={`${id}-measure-hint`} data-testid="hotspot-measure-hint">
        {state.measure === 'harm' ? (
          <>
            Each incident counts its category’s harm weight (by default from the ONS Crime Severity Score).{' '}
            {categoryCount === 1 && 'With one category ticked, hot spots and ranks are the same as on counts. '}
            <a href="/harm-weights" onClick={followLink}>
              See or change the weights
            </a>
          </>
        ) : (
          'Every incident counts the same, whatever its category.'
        )}
      </p>
      <div className="control-row">
        <div className="field">
          <label htmlFor={`${id}-res`}>Cell size (H3 res)</label>
          <select
            id={`${id}-res`}
            data-testid="hotspot-res"
            value={String(state.res)}
            onChange={(event) => onChange({ res: Number(event.target.value) as H3Resolution })}
          >
            {H3_RESOLUTIONS.map((resolution) => (
              <option key={resolution} value={String(resolution)}>
                {resolution} (~{CELL_WIDTH[resolution]})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-k`}>Neighbourhood</label>
          <select
            id={`${id}-k`}
            data-testid="hotspot-k"
            aria-describedby={`${id}-k-hint`}
            value={String(state.k)}
            onChange={(event) => onChange({ k: Number(event.target.value) as Neighbourhood })}
          >
            {NEIGHBOURHOOD_CHOICES.map((k) => (
              <option key={k} value={String(k)}>
                k = {k} ({neighbourhoodCells(k)} cells)
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="hint field-hint" id={`${id}-k-hint`}>
        Each cell is compared with its neighbours up to {state.k} {state.k === 1 ? 'ring' : 'rings'} away, itself included.
      </p>

      <div className="field" role="group" aria-labelledby={`${id}-councils`}>
        <span className="field-title" id={`${id}-councils`}>
          Councils (study area)
        </span>
        <ul className="council-list">
          {councils.map((council) => (
            <li key={council.code}>
              <label>
                <input
                  type="checkbox"
                  data-testid={`hotspot-council-${council.code}`}
                  checked={chosen(council.code)}
                  onChange={(event) => toggleCouncil(council.code, event.target.checked)}
                />
                {council.name}
              </label>
            </li>
          ))}
        </ul>
      </div>

      <div className="control-row">
        <div className="field checkbox-field">
          <label>
            <input
              type="checkbox"
              data-testid="hotspot-fdr"
              checked={state.fdr}
              aria-describedby={`${id}-fdr-hint`}
              onChange={(event) => onChange({ fdr: event.target.checked })}
            />
            FDR correction
          </label>
        </div>
        <div className="field">
          <label htmlFor={`${id}-half-life`}>Score half-life</label>
          <select
            id={`${id}-half-life`}
            data-testid="hotspot-half-life"
            value={String(state.halfLife)}
            onChange={(event) => onChange({ halfLife: Number(event.target.value) })}
          >
            {halfLifeOptions(state.halfLife).map((months) => (
              <option key={months} value={String(months)}>
                {months} {months === 1 ? 'month' : 'months'}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="hint field-hint" id={`${id}-fdr-hint`}>
        {state.fdr
          ? 'Confidence levels allow for testing every cell at once (Benjamini–Hochberg), so few are hot by chance.'
          : 'Off: each cell is tested alone, so some cells will show as hot by chance.'}
      </p>
    </div>
  )
}
