import { CAMERA_STATUS_LABELS, CAMERA_STATUSES, CAMERA_TYPE_LABELS, CAMERA_TYPES } from './cctv-api'
import { COVERAGE_COLOUR, GAP_COLOUR, STATUS_RINGS, TYPE_COLOURS } from './cctv-colours'
import type { LayerToggles } from './CctvMap'

/** The map's legend, each layer with a switch: cameras by type and status, view wedges, coverage, gaps, sites. */
export function CctvLegend({ layers, onChange }: { layers: LayerToggles; onChange(layers: LayerToggles): void }) {
  const toggle = (key: keyof LayerToggles, label: string, swatch: React.ReactNode) => (
    <li>
      <label className="cctv-check">
        <input type="checkbox" checked={layers[key]} onChange={(event) => onChange({ ...layers, [key]: event.target.checked })} data-testid={`cctv-layer-${key}`} />
        {swatch}
        {label}
      </label>
    </li>
  )
  return (
    <div className="cctv-legend" data-testid="cctv-legend">
      <h3 className="visually-hidden">Legend</h3>
      <ul aria-label="Camera types">
        {CAMERA_TYPES.map((type) => (
          <li key={type}>
            <span className="cctv-dot" style={{ background: TYPE_COLOURS[type] }} aria-hidden="true" />
            {CAMERA_TYPE_LABELS[type]}
          </li>
        ))}
      </ul>
      <ul aria-label="Camera status (the ring)">
        {CAMERA_STATUSES.map((status) => (
          <li key={status}>
            <span className="cctv-dot" style={{ background: status === 'removed' ? '#d1d5db' : '#6b7280', boxShadow: `0 0 0 3px ${STATUS_RINGS[status]}` }} aria-hidden="true" />
            {CAMERA_STATUS_LABELS[status]}
          </li>
        ))}
      </ul>
      <ul aria-label="Layers">
        {toggle('wedges', 'View wedges (dashed: not working)', <span className="legend-line" style={{ borderColor: TYPE_COLOURS.fixed }} aria-hidden="true" />)}
        {toggle('coverage', 'Coverage: what working cameras see', <span className="legend-swatch" style={{ background: COVERAGE_COLOUR, opacity: 0.4 }} aria-hidden="true" />)}
        {toggle('gaps', 'Gaps: hot cells and problem locations out of view', <span className="legend-swatch" style={{ background: GAP_COLOUR, opacity: 0.5 }} aria-hidden="true" />)}
        <li>
          <span className="cctv-dot" style={{ background: '#facc15', boxShadow: '0 0 0 2px #111827' }} aria-hidden="true" />
          Placement picks (white: candidate sites you marked)
        </li>
      </ul>
    </div>
  )
}
