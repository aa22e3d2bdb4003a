import './ward-reports.css'
import { useId, useMemo, useState } from 'react'
import { wardReportsUrl, type Count, type WardReport, type WardReportWard } from './ward-report-api'
import { type User } from '../../shared/api'
import { formatMonth, monthsOf } from '../../../../server/src/lib/months'
import { IMPORTED_DATA_STALE_MS } from '../../shared/query-client'
import { useApiQuery } from '../../shared/use-api-query'
import { groupWardList, type WardRef } from '../../shared/ward-groups'
import {
  csvFileName,
  describePeriod,
  formatReportCount,
  isSuppressed,
  lowerBound,
  monthGrid,
  sortCategories,
  wardReportCsv,
} from './ward-report'
import { downloadText } from '../../shared/download'
import { MonthSelect } from '../../shared/MonthSelect'
import { WardTasks } from '../tasks/WardTasks'
import { EmptyState, ErrorState, LoadingState } from '../../shared/States'

const MONTH_INITIALS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const WHOLE_URL = wardReportsUrl({ from: null, to: null, ward: null })

interface Range {
  from: string | null
  to: string | null
}

export function WardReportsPage({ user }: { user: User }) {
  const id = useId()
  const [range, setRange] = useState<Range>({ from: null, to: null })
  const [ward, setWard] = useState<string | null>(null)
  const url = wardReportsUrl({ ...range, ward })
  const report = useApiQuery<WardReport>(url, { staleTime: IMPORTED_DATA_STALE_MS })

  // The answer with no range and no ward (the first one asked for, so the same query, asked for once) tells the
  // data's whole span and every ward this user may see; the pickers offer those, and stay disabled until it has come.
  const whole = useApiQuery<WardReport>(WHOLE_URL, { staleTime: IMPORTED_DATA_STALE_MS })
  const span = whole.data?.dataPeriod
  const wardOptions = useMemo<WardRef[]>(
    () => (whole.data?.wards ?? []).map(({ code, name, councilName }) => ({ code, name, councilName })),
    [whole.data],
  )

  const months = useMemo(() => (span ? monthsOf(span.from, span.to) : []), [span])
  const isCouncillor = user.role === 'councillor'
  // A councillor's report is one month, the latest by default (docs/access.md: fixed periods protect small counts).
  const fromValue = range.from ?? (isCouncillor ? span?.to : span?.from) ?? ''
  const toValue = range.to ?? span?.to ?? ''
  const councilGroups = useMemo(() => groupWardList(wardOptions), [wardOptions])
  const data = report.data
  const current = report.dataUrl === url

  return (
    <div className="content report-page">
      <header className="page-header">
        <div>
          <h1>Ward reports</h1>
          <p className="page-subtitle" data-testid="report-period">
            {data ? (
              <>
                {describePeriod(data.period)} · {data.wards.length} {data.wards.length === 1 ? 'ward' : 'wards'}
              </>
            ) : (
              '\u00a0'
            )}
          </p>
        </div>
        <div className="page-actions no-print">
          <button
            type="button"
            data-testid="export-csv"
            disabled={!data || data.wards.length === 0 || !current}
            onClick={() => data && downloadText(csvFileName(data), wardReportCsv(data), 'text/csv;charset=utf-8')}
          >
            Export CSV
          </button>
          <button type="button" disabled={!data || data.wards.length === 0} onClick={() => window.print()}>
            Print
          </button>
        </div>
      </header>

      <form className="toolbar no-print" aria-label="Report period and ward" onSubmit={(event) => event.preventDefault()}>
        {isCouncillor ? (
          <div className="month-row">
            <MonthSelect label="Month" testId="report-month" months={months} value={fromValue} onChange={(month) => setRange({ from: month, to: month })} />
          </div>
        ) : (
          <div className="month-row">
            <MonthSelect
              label="From"
              testId="report-from"
              months={months}
              value={fromValue}
              onChange={(month) => setRange({ from: month, to: toValue && month > toValue ? month : toValue || null })}
            />
            <MonthSelect
              label="To"
              testId="report-to"
              months={months}
              value={toValue}
              onChange={(month) => setRange({ from: fromValue && month < fromValue ? month : fromValue || null, to: month })}
            />
          </div>
        )}
        {wardOptions.length > 1 && (
          <div className="toolbar-field">
            <label htmlFor={`${id}-ward`}>Ward</label>
            <select id={`${id}-ward`} data-testid="report-ward" value={ward ?? ''} onChange={(event) => setWard(event.target.value || null)}>
              <option value="">{isCouncillor ? 'All my wards' : 'All wards'}</option>
              {councilGroups.map((group) => (
                <optgroup key={group.councilName} label={group.councilName}>
                  {group.wards.map((option) => (
                    <option key={option.code} value={option.code}>
                      {option.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        )}
        <div className="toolbar-status" aria-live="polite">
          {report.loading && data && <LoadingState label="Updating…" />}
        </div>
      </form>

      {report.error && <ErrorState title="Could not load the ward report." error={report.error} onRetry={report.refetch} />}
      {!data && report.loading && <LoadingState label="Loading the ward report…" />}

      {data && data.suppressed && data.wards.length > 0 && (
        <aside className="note" data-testid="suppression-note" aria-label="About small numbers">
          <strong>Small numbers are hidden.</strong> A count of fewer than {data.suppressionThreshold} is shown as “&lt;
          {data.suppressionThreshold}” to protect the privacy of the people involved, and reports cover one whole month
          at a time, so that no small count can be worked out by comparing periods.
          {hasLowerBound(data) &&
            ' Beside a hidden count, a total is shown only as “at least” the counts that are shown (“≥ 120”), since the exact total would give the hidden counts away by subtraction.'}
        </aside>
      )}

      {data && data.wards.length === 0 && (
        <EmptyState testId="no-wards">
          {isCouncillor
            ? 'No wards are assigned to you yet; ask an administrator.'
            : 'No ward boundaries have been imported yet, so there is nothing to report.'}
        </EmptyState>
      )}
      {data && data.wards.length > 0 && data.period === null && (
        <EmptyState>No incidents have been imported yet; the counts below are all zero.</EmptyState>
      )}

      {data && (
        <div className={`ward-reports${current ? '' : ' stale'}`} aria-busy={!current}>
          {data.wards.map((wardReport) => (
            <WardSection key={wardReport.code} ward={wardReport} threshold={data.suppressionThreshold} trendTo={isCouncillor ? data.period?.to ?? null : null} />
          ))}
        </div>
      )}
    </div>
  )
}

/** Whether any total is shown only as a lower bound (">=N"), so the note need explain it. */
function hasLowerBound(report: WardReport): boolean {
  return report.wards.some((ward) => lowerBound(ward.total) !== null || ward.months.some((entry) => lowerBound(entry.count) !== null))
}

/** `trendTo`: for a councillor, the report's month, which the month table and chart lead up to. */
function WardSection({ ward, threshold, trendTo }: { ward: WardReportWard; threshold: number; trendTo: string | null }) {
  const headingId = useId()
  const categories = useMemo(() => sortCategories(ward.categories), [ward.categories])
  const grid = useMemo(() => monthGrid(ward.months), [ward.months])
  return (
    <section className="ward-report" aria-labelledby={headingId} data-testid="ward-report" data-ward={ward.code}>
      <header className="ward-report-header">
        <div>
          <h2 id={headingId}>{ward.name}</h2>
          <p className="hint">
            {ward.councilName} · {ward.code}
          </p>
        </div>
        <p className="ward-total">
          <strong data-testid="ward-total">{formatReportCount(ward.total)}</strong>{' '}
          {ward.total === 1 ? 'incident' : 'incidents'}
        </p>
      </header>
      <div className="ward-report-body">
        <table className="data-table compact">
          <caption>By category</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col" className="numeric">
                Incidents
              </th>
            </tr>
          </thead>
          <tbody>
            {categories.length === 0 && (
              <tr>
                <td colSpan={2} className="muted">
                  No incidents in this period
                </td>
              </tr>
            )}
            {categories.map(({ category, count }) => (
              <tr key={category}>
                <th scope="row">{category}</th>
                <td className={`numeric${isSuppressed(count) ? ' suppressed' : ''}`}>{formatReportCount(count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="ward-months">
          <MonthChart months={ward.months} threshold={threshold} />
          <table className="data-table compact month-grid">
            <caption>{trendTo ? `Each month\u2019s total, up to ${formatMonth(trendTo)}` : 'By month'}</caption>
            <thead>
              <tr>
                <th scope="col">Year</th>
                {MONTH_INITIALS.map((month) => (
                  <th scope="col" key={month} className="numeric">
                    {month}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.map((row) => (
                <tr key={row.year}>
                  <th scope="row">{row.year}</th>
                  {row.cells.map((count, index) => (
                    <td key={index} className={`numeric${count !== null && isSuppressed(count) ? ' suppressed' : ''}`}>
                      {count === null ? '' : formatReportCount(count)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <WardTasks ward={ward.code} wardName={ward.name} />
    </section>
  )
}

const CHART_HEIGHT = 64
const BAR_GAP = 2

/**
 * Incidents per month as bars; the table beside it carries the same numbers for screen readers, so the chart is
 * hidden from them. A "<3" is a dashed outline of the threshold's height (the count is somewhere under it).
 */
function MonthChart({ months, threshold }: { months: { month: string; count: Count }[]; threshold: number }) {
  if (months.length < 2) return null
  const peak = Math.max(0, ...months.map(({ count }) => (typeof count === 'number' ? count : (lowerBound(count) ?? 0))))
  const max = Math.max(threshold, peak)
  const barWidth = 12
  const width = months.length * (barWidth + BAR_GAP)
  const scale = (value: number) => (value / max) * (CHART_HEIGHT - 2)
  return (
    <figure className="month-chart" aria-hidden="true">
      <svg viewBox={`0 0 ${width} ${CHART_HEIGHT}`} preserveAspectRatio="none" role="presentation" focusable="false">
        {months.map(({ month, count }, index) => {
          const x = index * (barWidth + BAR_GAP)
          if (typeof count === 'number') {
            const height = Math.max(count > 0 ? 1 : 0, scale(count))
            return (
              <rect key={month} className="bar" x={x} y={CHART_HEIGHT - height} width={barWidth} height={height}>
                <title>{`${formatMonth(month)}: ${count}`}</title>
              </rect>
            )
          }
          // "≥ N": a pale bar to N (the total is somewhere at or above it); "<3": a dashed outline of the threshold's height.
          const bound = lowerBound(count)
          if (bound !== null) {
            const height = Math.max(1, scale(bound))
            return (
              <rect key={month} className="bar bar-hidden" x={x} y={CHART_HEIGHT - height} width={barWidth} height={height}>
                <title>{`${formatMonth(month)}: at least ${bound}`}</title>
              </rect>
            )
          }
          const height = Math.max(2, scale(threshold))
          return (
            <rect key={month} className="bar bar-suppressed" x={x + 0.5} y={CHART_HEIGHT - height} width={barWidth - 1} height={height - 0.5}>
              <title>{`${formatMonth(month)}: ${count}`}</title>
            </rect>
          )
        })}
      </svg>
      <figcaption className="month-chart-axis">
        <span>{formatMonth(months[0].month)}</span>
        <span>{peak > 0 ? `highest ${peak.toLocaleString('en-GB')}` : ''}</span>
        <span>{formatMonth(months[months.length - 1].month)}</span>
      </figcaption>
    </figure>
  )
}
