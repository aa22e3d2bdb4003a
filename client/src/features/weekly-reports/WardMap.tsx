import { cellToBoundary } from 'h3-js'
import { BAND_COLOURS, outlinePositions, outlineRings, projectBox, type WeeklyReport } from './weekly-reports-api'

/**
 * The ward on its own, drawn as SVG (no tiles to wait for, so the print page and its PDF always have it): the outline,
 * the incidents per H3 cell on the report's fixed colour bands (cells under the suppression threshold are not in the
 * report at all), and the top problem locations numbered as in their table.
 */
export function WardMap({ report, width = 640 }: { report: WeeklyReport; width?: number }) {
  const positions = outlinePositions(report.map.outline)
  if (positions.length === 0) return <p>No outline is recorded for this ward.</p>
  const projection = projectBox(positions, width)
  const path = (ring: readonly (readonly number[])[]) => `M${ring.map(([lon, lat]) => projection.point(lon, lat).map((value) => value.toFixed(1)).join(',')).join('L')}Z`
  const outline = outlineRings(report.map.outline).map(path).join(' ')
  const clipId = `ward-clip-${report.ward.code}`
  return (
    <figure className="ward-map" data-testid="weekly-map">
      <svg width={projection.width} height={projection.height} viewBox={`0 0 ${projection.width} ${projection.height}`} role="img" aria-label={`Map of ${report.ward.name}`}>
        <defs>
          {/* Cells are drawn inside the ward only: its incidents are, and a cell's part beyond the outline would not be. */}
          <clipPath id={clipId}>
            <path d={outline} fillRule="evenodd" />
          </clipPath>
        </defs>
        <rect width={projection.width} height={projection.height} fill="#f7f7f5" />
        <g clipPath={`url(#${clipId})`}>
        {report.map.cells.map((cell) => (
          <path
            key={cell.cell}
            d={path(cellToBoundary(cell.cell).map(([lat, lon]) => [lon, lat]))}
            fill={BAND_COLOURS[cell.band] ?? BAND_COLOURS[BAND_COLOURS.length - 1]}
            fillOpacity={0.85}
            stroke="#fff"
            strokeWidth={0.5}
          />
        ))}
        </g>
        <path d={outline} fill="none" stroke="#1d3557" strokeWidth={2} fillRule="evenodd" />
        {report.locations.map((place, index) => {
          const [x, y] = projection.point(place.lon, place.lat)
          return (
            <g key={place.name}>
              <circle cx={x} cy={y} r={9} fill="#1d3557" stroke="#fff" strokeWidth={1.5} />
              <text x={x} y={y + 4} textAnchor="middle" fontSize={11} fill="#fff" fontWeight="bold">
                {index + 1}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption>
        <span>Incidents per area this {report.period.kind}:</span>
        {report.map.bands.map((band, index) => (
          <span key={band.label} className="band">
            <span className="swatch" style={{ background: BAND_COLOURS[index] }} /> {index === 0 ? `${report.suppressionThreshold} to ${band.to}` : band.label}
          </span>
        ))}
        <span>; areas with fewer than {report.suppressionThreshold} are not shaded; numbers mark the top locations.</span>
      </figcaption>
    </figure>
  )
}
