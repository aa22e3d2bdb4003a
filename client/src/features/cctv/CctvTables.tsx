import { CategoryOptions } from '../../shared/CategoryOptions'
import { formatCount } from '../../shared/format'
import { HOTSPOT_CLASS_LEGEND } from '../hotspots/hotspot-colours'
import { EmptyState } from '../../shared/States'
import { ExportButtons } from './ExportButtons'
import { IllustrativeBadge } from './CameraPanel'
import {
  ASSUMED_CAVEAT,
  CAMERA_STATUS_LABELS,
  CAMERA_STATUSES,
  CAMERA_TYPE_LABELS,
  CAMERA_TYPES,
  COVERAGE_CAVEAT,
  type CameraFilters,
  type CameraList,
  type CameraStatus,
  type CameraType,
  type CoverageAnswer,
  type CoveragePeriod,
  type GapsAnswer,
} from './cctv-api'
import { gapsExport, wardCoverageExport } from './cctv-export'
import { describeCovered, formatHarm, formatShare } from './cctv-words'

function toggle<T>(values: readonly T[], value: T, on: boolean): T[] {
  return on ? [...values, value] : values.filter((item) => item !== value)
}

/** The caveat said beside every coverage figure. */
export function CoverageCaveat({ caveats }: { caveats?: readonly string[] }) {
  const said = caveats && caveats.length > 0 ? caveats : [COVERAGE_CAVEAT]
  return (
    <div className="cctv-caveat" data-testid="cctv-caveat">
      {said.map((caveat) => (
        <p key={caveat}>{caveat}</p>
      ))}
    </div>
  )
}

export function CameraFiltersBar({ filters, onChange, period, onPeriod }: { filters: CameraFilters; onChange(filters: CameraFilters): void; period: CoveragePeriod; onPeriod(period: CoveragePeriod): void }) {
  return (
    <div className="task-filters cctv-filters" data-testid="cctv-filters">
      <fieldset>
        <legend>Type</legend>
        {CAMERA_TYPES.map((type: CameraType) => (
          <label key={type} className="cctv-check">
            <input type="checkbox" checked={filters.types.includes(type)} onChange={(event) => onChange({ ...filters, types: toggle(filters.types, type, event.target.checked) })} data-testid={`cctv-filter-type-${type}`} />
            {CAMERA_TYPE_LABELS[type].replace(/ camera$/, '')}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Status</legend>
        {CAMERA_STATUSES.map((status: CameraStatus) => (
          <label key={status} className="cctv-check">
            <input
              type="checkbox"
              checked={filters.statuses.includes(status)}
              onChange={(event) => onChange({ ...filters, statuses: toggle(filters.statuses, status, event.target.checked) })}
              data-testid={`cctv-filter-status-${status}`}
            />
            {CAMERA_STATUS_LABELS[status]}
          </label>
        ))}
      </fieldset>
      <label>
        Owner
        <input value={filters.owner} onChange={(event) => onChange({ ...filters, owner: event.target.value })} maxLength={200} data-testid="cctv-filter-owner" />
      </label>
      <label>
        Search
        <input type="search" value={filters.q} onChange={(event) => onChange({ ...filters, q: event.target.value })} maxLength={200} placeholder="Reference, name or place" data-testid="cctv-filter-q" />
      </label>
      <label>
        Real or illustrative
        <select
          value={filters.illustrative === null ? '' : String(filters.illustrative)}
          onChange={(event) => onChange({ ...filters, illustrative: event.target.value === '' ? null : event.target.value === 'true' })}
          data-testid="cctv-filter-illustrative"
        >
          <option value="">Both</option>
          <option value="false">Real cameras only</option>
          <option value="true">Illustrative only</option>
        </select>
      </label>
      <label className="cctv-check">
        <input type="checkbox" checked={filters.assumed} onChange={(event) => onChange({ ...filters, assumed: event.target.checked })} data-testid="cctv-filter-assumed" />
        Only cameras on assumed values
      </label>
      <label>
        Incidents from
        <input type="month" value={period.from} onChange={(event) => onPeriod({ ...period, from: event.target.value })} data-testid="cctv-period-from" />
      </label>
      <label>
        to
        <input type="month" value={period.to} onChange={(event) => onPeriod({ ...period, to: event.target.value })} data-testid="cctv-period-to" />
      </label>
      <label>
        Category
        <select value={period.category ?? ''} onChange={(event) => onPeriod({ ...period, category: event.target.value })} data-testid="cctv-category">
          <option value="">Every category</option>
          <CategoryOptions />
        </select>
      </label>
    </div>
  )
}

export function CameraTable({ list, coverage, selectedId, onSelect }: { list: CameraList; coverage: CoverageAnswer | undefined; selectedId: number | null; onSelect(id: number): void }) {
  if (list.items.length === 0) return <EmptyState testId="cctv-cameras-empty">No cameras match these filters.</EmptyState>
  const sees = new Map(coverage?.cameras.map((camera) => [camera.id, camera]))
  return (
    <>
      <p className="hint" data-testid="cctv-camera-count">
        {list.total > list.items.length ? `The first ${formatCount(list.items.length)} of ${formatCount(list.total)} cameras.` : `${formatCount(list.total)} camera${list.total === 1 ? '' : 's'}.`}{' '}
        “Sees” counts incidents at map points inside the camera’s view in the period.
      </p>
      <div className="table-scroll">
        <table className="data-table cctv-camera-table" data-testid="cctv-camera-table">
          <caption className="visually-hidden">Cameras</caption>
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Name and place</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">Owner</th>
              <th scope="col">Ward</th>
              <th scope="col">Sees (incidents, harm)</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((camera) => {
              const figures = sees.get(camera.id)
              return (
                <tr key={camera.id} className={camera.id === selectedId ? 'selected' : undefined} data-testid="cctv-camera-row" data-camera-id={camera.id}>
                  <td>
                    <button type="button" className="link-button" onClick={() => onSelect(camera.id)} aria-pressed={camera.id === selectedId}>
                      {camera.reference}
                    </button>
                  </td>
                  <td>
                    {camera.name}
                    {camera.location ? ` · ${camera.location}` : ''} {camera.illustrative && <IllustrativeBadge />}
                  </td>
                  <td>
                    {CAMERA_TYPE_LABELS[camera.type]}
                    {camera.anyAssumed && (
                      <span className="cctv-badge cctv-badge-assumed" title="Some view values are the type's defaults">
                        assumed
                      </span>
                    )}
                  </td>
                  <td>{CAMERA_STATUS_LABELS[camera.status]}</td>
                  <td>{camera.owner}</td>
                  <td>{camera.ward?.name ?? '—'}</td>
                  <td data-testid="cctv-camera-row-sees">{camera.status !== 'working' ? 'not working' : figures ? `${formatCount(figures.incidents)}, harm ${formatHarm(figures.harm)}` : coverage ? 'none' : '…'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <CoverageCaveat caveats={coverage?.caveats} />
    </>
  )
}

export function CoverageSummary({ coverage }: { coverage: CoverageAnswer }) {
  const { overall } = coverage
  return (
    <div className="cctv-summary" data-testid="cctv-coverage-summary">
      <p>
        {coverage.period ? `${coverage.period.from} to ${coverage.period.to}` : 'No incidents held'}
        {coverage.categories ? `, ${coverage.categories.join(', ')}` : ', every category'}: {formatCount(coverage.workingCameras)} working camera
        {coverage.workingCameras === 1 ? '' : 's'}.
      </p>
      {overall && (
        <p className="cctv-headline" data-testid="cctv-coverage-overall">
          Inside a working camera’s view: {describeCovered(overall.coveredIncidents, overall.incidents, overall.incidentShare)}, and{' '}
          <strong data-testid="cctv-coverage-harm-share">{formatShare(overall.harmShare)}</strong> of their harm ({formatHarm(overall.coveredHarm)} of{' '}
          {formatHarm(overall.harm)}).
        </p>
      )}
      <CoverageCaveat caveats={coverage.caveats} />
      {coverage.assumedCameras > 0 && (
        <p className="cctv-caveat">
          {ASSUMED_CAVEAT} ({formatCount(coverage.assumedCameras)} working camera{coverage.assumedCameras === 1 ? '' : 's'}.)
        </p>
      )}
    </div>
  )
}

export function WardCoverageTable({ coverage }: { coverage: CoverageAnswer }) {
  return (
    <>
      <div className="cctv-table-head">
        <h3>Coverage per ward</h3>
        <ExportButtons what="ward-coverage" label="Wards" build={coverage.wards.length > 0 ? () => wardCoverageExport(coverage) : null} testId="cctv-export-wards" />
      </div>
      {coverage.wards.length === 0 ? (
        <EmptyState testId="cctv-wards-empty">No ward has incidents or cameras in this period.</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="cctv-ward-table">
            <caption className="visually-hidden">Coverage per ward, most harm first</caption>
            <thead>
              <tr>
                <th scope="col">Ward</th>
                <th scope="col">Working cameras</th>
                <th scope="col">Incidents in view</th>
                <th scope="col">Harm in view</th>
              </tr>
            </thead>
            <tbody>
              {coverage.wards.map((ward) => (
                <tr key={ward.code} data-testid="cctv-ward-row" data-ward={ward.code}>
                  <th scope="row">
                    {ward.name} <span className="hint">({ward.councilName})</span>
                  </th>
                  <td>{formatCount(ward.cameras)}</td>
                  <td>{describeCovered(ward.coveredIncidents, ward.incidents, ward.incidentShare)}</td>
                  <td>
                    {formatShare(ward.harmShare)} ({formatHarm(ward.coveredHarm)} of {formatHarm(ward.harm)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CoverageCaveat caveats={coverage.caveats} />
    </>
  )
}

export function GapTables({ gaps }: { gaps: GapsAnswer }) {
  const none = gaps.cells.length === 0 && gaps.locations.length === 0
  return (
    <>
      <div className="cctv-table-head">
        <p className="hint">Significant hot spots (Gi* on harm) and problem locations, ranked by the harm at map points outside every working camera’s view.</p>
        <ExportButtons what="gaps" label="Gaps" build={none ? null : () => gapsExport(gaps)} testId="cctv-export-gaps" />
      </div>
      {none && <EmptyState testId="cctv-gaps-empty">No hot spot has harm outside every working camera’s view in this period.</EmptyState>}
      {gaps.cells.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="cctv-gap-cells">
            <caption>Hot cells out of view</caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Cell (centre)</th>
                <th scope="col">Hot spot</th>
                <th scope="col">Outside every view</th>
              </tr>
            </thead>
            <tbody>
              {gaps.cells.map((cell) => (
                <tr key={cell.h3}>
                  <td>{cell.rank}</td>
                  <td>
                    {cell.centre.lat.toFixed(5)}, {cell.centre.lon.toFixed(5)}
                  </td>
                  <td>{HOTSPOT_CLASS_LEGEND[cell.class]} confidence</td>
                  <td>
                    {formatCount(cell.uncoveredIncidents)} of {formatCount(cell.incidents)} incidents, harm {formatHarm(cell.uncoveredHarm)} of {formatHarm(cell.harm)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {gaps.locations.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="cctv-gap-locations">
            <caption>Problem locations out of view</caption>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Place</th>
                <th scope="col">Outside every view</th>
              </tr>
            </thead>
            <tbody>
              {gaps.locations.map((location) => (
                <tr key={`${location.rank}-${location.name}`}>
                  <td>{location.rank}</td>
                  <td>
                    {location.name}
                    {location.ward ? ` (${location.ward.name})` : ''} <span className="hint">problem location {location.problemRank} by harm</span>
                  </td>
                  <td>
                    {formatCount(location.uncoveredIncidents)} of {formatCount(location.incidents)} incidents; {formatShare(location.uncoveredShare)} of its harm (
                    {formatHarm(location.uncoveredHarm)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CoverageCaveat caveats={gaps.caveats} />
    </>
  )
}
