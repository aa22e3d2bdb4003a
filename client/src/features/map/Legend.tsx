import { TaskAreaLegend } from '../tasks/TaskAreaLegend'
import { rgbCss, type ColourScale } from './colour-scale'
import { HEX_FILL_ALPHA } from './hex-layer'
import { StreetCoverageItem } from './StreetCoverageItem'
import { COUNCIL_LINE_COLOUR, SELECTED_WARD_LINE_COLOUR, WARD_LINE_COLOUR } from './ward-layers'

interface LegendProps {
  scale: ColourScale
  resolution: number
  selectedWardName: string | null
  /** The offline basemap is showing: say where its streets stop. */
  streetCoverage: boolean
  /** Task areas on the map: their entry is shown when there are any. */
  taskAreaCount?: number
  /** Playback is on, month by month or week by week: one colour scale for every frame (its caption says so). */
  playback?: 'month' | 'week' | null
}

function lineColour([red, green, blue, alpha]: readonly number[]): string {
  return `rgba(${red}, ${green}, ${blue}, ${alpha / 255})`
}

export function Legend({ scale, resolution, selectedWardName, streetCoverage, taskAreaCount = 0, playback = null }: LegendProps) {
  return (
    <section className="legend" data-testid="legend" aria-labelledby="legend-title">
      <h2 id="legend-title" className="legend-title">
        Incidents per hexagon (res {resolution})
      </h2>
      {playback && (
        <p className="hint" data-testid="legend-playback">
          {playback === 'week'
            ? 'One whole week (Monday to Sunday) at a time, on one scale for every week of the playback: incidents with a date only (timed logs; police.uk gives months).'
            : 'One month at a time, on one scale for every month of the playback.'}
        </p>
      )}
      <ul className="legend-classes">
        {scale.classes.map((entry) => (
          <li key={entry.label}>
            <span
              className="legend-swatch"
              style={{ background: rgbCss(entry.colour, HEX_FILL_ALPHA / 255) }}
              aria-hidden="true"
            />
            {entry.label}
          </li>
        ))}
      </ul>
      <ul className="legend-lines">
        <li>
          <span className="legend-line" style={{ borderColor: lineColour(WARD_LINE_COLOUR) }} aria-hidden="true" />
          Ward boundary
        </li>
        {selectedWardName && (
          <li>
            <span
              className="legend-line legend-line-thick"
              style={{ borderColor: lineColour(SELECTED_WARD_LINE_COLOUR) }}
              aria-hidden="true"
            />
            Selected ward: {selectedWardName}
          </li>
        )}
        <li>
          <span className="legend-line legend-line-thick" style={{ borderColor: lineColour(COUNCIL_LINE_COLOUR) }} aria-hidden="true" />
          Council boundary
        </li>
        {streetCoverage && <StreetCoverageItem />}
      </ul>
      {taskAreaCount > 0 && <TaskAreaLegend count={taskAreaCount} />}
    </section>
  )
}
