import { useState } from 'react'
import { formatMonth } from '../../../../server/src/lib/months'
import { CategoryOptions } from '../../shared/CategoryOptions'
import { EmptyState, ErrorState, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { formatReportCount } from '../ward-reports/ward-report'
import { coverageUrl, type CoverageAnswer } from './cctv-api'
import { CoverageCaveat } from './CctvTables'
import { describeCouncillorWard, formatShare } from './cctv-words'
import './cctv.css'

/**
 * CCTV coverage as a councillor may read it (issue 14, docs/access.md): their own wards only, one calendar month, the
 * incidents at points a working camera sees and those it does not, small counts protected as in ward reports. No map
 * and no cameras: a camera's position is not a ward figure. Read-only; the server enforces every part of this.
 */
export function CouncillorCoveragePage() {
  // Empty: the server's choice, the latest month of data; the answer's period then fills the picker.
  const [month, setMonth] = useState('')
  const [category, setCategory] = useState('')
  const coverage = useApiQuery<CoverageAnswer>(coverageUrl({ from: month, to: month, category }))
  const shown = coverage.data?.period?.from ?? month
  const wards = coverage.data?.councillorWards ?? []
  return (
    <div className="content cctv-page" data-testid="cctv-councillor-page">
      <div className="page-header">
        <h1>CCTV coverage in your wards</h1>
      </div>
      <p className="hint">
        How many of a month’s incidents happened where a working CCTV camera can see, in each of your wards. Counts under the threshold are shown as “&lt;3”
        and then no share is given, as in your ward reports.
      </p>
      <div className="task-filters">
        <label>
          Month
          <input type="month" value={shown} onChange={(event) => setMonth(event.target.value)} data-testid="cctv-councillor-month" />
        </label>
        <label>
          Category
          <select value={category} onChange={(event) => setCategory(event.target.value)} data-testid="cctv-councillor-category">
            <option value="">Every category</option>
            <CategoryOptions />
          </select>
        </label>
      </div>
      {coverage.error && <ErrorState title="Could not work out the coverage." error={coverage.error} onRetry={coverage.refetch} />}
      {!coverage.data && !coverage.error && <LoadingState label="Working out the coverage…" />}
      {coverage.data && !coverage.data.period && <EmptyState testId="cctv-councillor-empty">No incidents are held yet.</EmptyState>}
      {coverage.data && coverage.data.period && wards.length === 0 && (
        <EmptyState testId="cctv-councillor-empty">No wards are assigned to you yet: ask an administrator to add your wards.</EmptyState>
      )}
      {coverage.data?.period && wards.length > 0 && (
        <>
          <ul className="cctv-activity-words" data-testid="cctv-councillor-words">
            {wards.map((ward) => (
              <li key={ward.code} data-ward={ward.code}>
                {describeCouncillorWard(ward, coverage.data!.period!.from)}
              </li>
            ))}
          </ul>
          <div className="table-scroll">
            <table className="data-table" data-testid="cctv-councillor-table">
              <caption>
                CCTV coverage, {formatMonth(coverage.data.period.from)}
                {coverage.data.categories ? `, ${coverage.data.categories.join(', ')}` : ', every category'}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Ward</th>
                  <th scope="col">Working cameras</th>
                  <th scope="col">Incidents</th>
                  <th scope="col">In a camera’s view</th>
                  <th scope="col">Out of every view</th>
                  <th scope="col">Share in view</th>
                  <th scope="col">Share of harm in view</th>
                </tr>
              </thead>
              <tbody>
                {wards.map((ward) => (
                  <tr key={ward.code} data-testid="cctv-councillor-row" data-ward={ward.code}>
                    <th scope="row">{ward.name}</th>
                    <td>{ward.cameras}</td>
                    <td>{formatReportCount(ward.incidents)}</td>
                    <td>{formatReportCount(ward.coveredIncidents)}</td>
                    <td>{formatReportCount(ward.notCoveredIncidents)}</td>
                    <td>{ward.incidentShare === null ? 'not shown' : formatShare(ward.incidentShare)}</td>
                    <td>{ward.harmShare === null ? 'not shown' : formatShare(ward.harmShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CoverageCaveat caveats={coverage.data.caveats} />
        </>
      )}
    </div>
  )
}
