import { useId } from 'react'
import { formatCount } from '../../shared/format'
import { rgbCss } from '../map/colour-scale'
import type { EmergingAnswer, GiStarAnswer } from './hotspot-api'
import { emergingLegend, gistarLegend, hasColdPatterns, HOTSPOT_FILL_ALPHA, type LegendEntry } from './hotspot-colours'
import { HIGHLIGHT_LINE_COLOUR } from './hotspot-layers'
import type { HotspotLayerId, Slices } from './hotspot-url'
import { formatDay } from '../../shared/dates'
import { StreetCoverageItem } from '../map/StreetCoverageItem'
import { TaskAreaLegend } from '../tasks/TaskAreaLegend'
import { COUNCIL_LINE_COLOUR, WARD_LINE_COLOUR } from '../map/ward-layers'

interface HotspotLegendProps {
  layer: HotspotLayerId
  onLayerChange(layer: HotspotLayerId): void
  /** Emerging hot spots month by month or week by week. */
  slices: Slices
  onSlicesChange(slices: Slices): void
  gistar: GiStarAnswer | undefined
  emerging: EmergingAnswer | undefined
  /** The selected problem location ("2. On or near …"), when its outline is on the map. */
  highlightedName: string | null
  /** The offline basemap is showing: say where its streets stop. */
  streetCoverage: boolean
  /** Task areas on the map: their shading needs its key here too. */
  taskAreaCount: number
}

function lineColour([red, green, blue, alpha]: readonly number[]): string {
  return `rgba(${red}, ${green}, ${blue}, ${alpha / 255})`
}

/** Two columns filled top to bottom, so hot classes read down the first and cold ones down the second. */
function Entries({ entries, testId }: { entries: LegendEntry[]; testId: string }) {
  return (
    <ul className="legend-grid" data-testid={testId} style={{ gridTemplateRows: `repeat(${Math.ceil(entries.length / 2)}, auto)` }}>
      {entries.map((entry) => (
        <li key={entry.id} data-class={entry.id} title={entry.description}>
          <span
            className={`legend-swatch${entry.colour ? '' : ' legend-swatch-empty'}`}
            style={entry.colour ? { background: rgbCss(entry.colour, HOTSPOT_FILL_ALPHA / 255) } : undefined}
            aria-hidden="true"
          />
          <span className="legend-label">{entry.label}</span>
          <span className="legend-count">
            {formatCount(entry.count)}
            <span className="visually-hidden"> cells</span>
          </span>
        </li>
      ))}
    </ul>
  )
}

/** What weekly slices cover and leave out, in words; months need no note (every incident has one). */
function WeeksNote({ emerging }: { emerging: EmergingAnswer }) {
  if (emerging.slices !== 'week' || !emerging.weeks) return <>Months suit police.uk data, which gives a month and no day.</>
  const { first, last, leftOut } = emerging.weeks
  const left = leftOut > 0 ? ` ${formatCount(leftOut)} ${leftOut === 1 ? 'incident' : 'incidents'} left out: known to the month only (police.uk), in a part-week at either end, or without a map point.` : ''
  if (!first || !last) return <>No whole week of incidents with a date in this period: only timed logs give days.{left}</>
  return (
    <>
      Whole weeks (Monday to Sunday) from {formatDay(first)} to the week of {formatDay(last)}, on incidents with a date.{left}
    </>
  )
}

/** Which hotspot layer the map shows (one at a time), and its legend: classes with their cell counts, and the lines. */
export function HotspotLegend({ layer, onLayerChange, slices, onSlicesChange, gistar, emerging, highlightedName, streetCoverage, taskAreaCount }: HotspotLegendProps) {
  const id = useId()
  const emergingEntries = emergingLegend(emerging?.categoryCounts)
  return (
    <section className="hotspot-legend" data-testid="hotspot-legend" aria-labelledby={`${id}-title`}>
      <fieldset className="layer-switch">
        <legend id={`${id}-title`}>Map layer</legend>
        <label>
          <input type="radio" name={`${id}-layer`} data-testid="layer-gistar" checked={layer === 'gistar'} onChange={() => onLayerChange('gistar')} />
          Gi* hot spots
        </label>
        <label>
          <input type="radio" name={`${id}-layer`} data-testid="layer-emerging" checked={layer === 'emerging'} onChange={() => onLayerChange('emerging')} />
          Emerging hot spots
        </label>
      </fieldset>

      {layer === 'gistar' ? (
        <>
          <p className="legend-subtitle">
            Gi* class by confidence{gistar ? ` of ${gistar.measure === 'harm' ? 'harm' : 'incidents'} (res ${gistar.res}, k ${gistar.k}${gistar.fdr ? ', FDR' : ', no FDR'})` : ''}; numbers are cells
          </p>
          <Entries entries={gistarLegend(gistar?.classCounts)} testId="legend-gistar" />
        </>
      ) : (
        <>
          <div className="field legend-field">
            <label htmlFor={`${id}-slices`}>Gi* taken</label>
            <select id={`${id}-slices`} data-testid="emerging-slices" value={slices} aria-describedby={`${id}-slices-hint`} onChange={(event) => onSlicesChange(event.target.value as Slices)}>
              <option value="month">month by month</option>
              <option value="week">week by week (timed logs)</option>
            </select>
          </div>
          <p className="hint" id={`${id}-slices-hint`} data-testid="emerging-slices-hint">
            {emerging && <WeeksNote emerging={emerging} />}
          </p>
          <p className="legend-subtitle">
            Pattern of {emerging?.slices === 'week' ? 'weekly' : 'monthly'} Gi*
            {emerging ? ` of ${emerging.measure === 'harm' ? 'harm' : 'incidents'} over ${emerging.months} ${emerging.slices}${emerging.months === 1 ? '' : 's'}` : ''}; numbers are cells
            {hasColdPatterns(emerging?.categoryCounts) ? '' : '; no cold spot patterns'}
          </p>
          <Entries entries={emergingEntries} testId="legend-emerging" />
          <details className="legend-definitions">
            <summary>What the patterns mean</summary>
            <dl>
              {emergingEntries
                .filter((entry) => entry.id !== 'none')
                .map((entry) => (
                  <div key={entry.id}>
                    <dt>{entry.label}</dt>
                    <dd>{entry.description}</dd>
                  </div>
                ))}
            </dl>
          </details>
        </>
      )}

      <ul className="legend-lines legend-lines-inline">
        <li>
          <span className="legend-line" style={{ borderColor: lineColour(WARD_LINE_COLOUR) }} aria-hidden="true" />
          Ward
        </li>
        <li>
          <span className="legend-line legend-line-thick" style={{ borderColor: lineColour(COUNCIL_LINE_COLOUR) }} aria-hidden="true" />
          Council
        </li>
        {highlightedName && (
          <li data-testid="legend-selected">
            <span className="legend-line legend-line-thick" style={{ borderColor: lineColour(HIGHLIGHT_LINE_COLOUR) }} aria-hidden="true" />
            Selected: {highlightedName}
          </li>
        )}
        {streetCoverage && <StreetCoverageItem />}
      </ul>
      {taskAreaCount > 0 && <TaskAreaLegend count={taskAreaCount} />}
    </section>
  )
}
