import { STREET_COVERAGE_NOTE } from './street-coverage'

/** The legend's line for the hatch over wards the street tiles do not cover; only while the offline basemap shows. */
export function StreetCoverageItem() {
  return (
    <li data-testid="legend-street-coverage">
      <span className="legend-swatch legend-hatch" aria-hidden="true" />
      {STREET_COVERAGE_NOTE}
    </li>
  )
}
