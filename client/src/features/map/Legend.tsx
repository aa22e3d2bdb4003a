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
}

function lineColour([red, green, blue, alpha]: readonly number[]): string {
  return `rgba(${red}, ${green}, ${blue}, ${alpha / 255})`
}

export function Legend({ scale, resolution, selectedWardName, streetCoverage }: LegendProps) {
  return (
    <section className="legend" data-testid="legend" aria-labelledby="legend-title">
      <h2 id="legend-title" className="legend-title">
        Incidents per hexagon (res {resolution})
      </h2>
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
    </section>
  )
}
