import './hex-detail.css'
import { useEffect, useId, useRef, useState } from 'react'
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts'
import { formatAreaKm2, formatCount } from '../../shared/format'
import { ErrorState, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { formatMonth } from '../../../../server/src/lib/months'
import { cellIncidentsUrl, hexDetailUrl, type HexDetail, type IncidentPage } from './hex-detail-api'
import { hexSummary, incidentsText, monthlySeries, wardShareText } from './hex-detail-format'

const CHART_WIDTH = 330
const CHART_HEIGHT = 120
const AXIS_TICK = { fontSize: 10, fill: '#374151' }
/** Places listed before "Show all". */
const PLACES_SHOWN = 8
const INCIDENTS_PAGE = 25

export interface HexDetailPanelProps {
  cell: string
  filters: { from: string | null; to: string | null; categories: readonly string[] }
  /** Staff see the incidents themselves; everyone who opens the map is staff today (councillors have ward reports). */
  showIncidents: boolean
  onClose(): void
}

/**
 * What is behind one hexagon the user clicked: its count in words, area, wards (their part of the cell), category
 * mix, monthly trend, police.uk places and, for staff, its incidents a page at a time. Not modal: the map stays
 * usable, and another click shows another cell. Escape or the close button closes it.
 */
export default function HexDetailPanel({ cell, filters, showIncidents, onClose }: HexDetailPanelProps) {
  const titleId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const detail = useApiQuery<HexDetail>(hexDetailUrl(cell, filters))

  useEffect(() => {
    headingRef.current?.focus()
  }, [cell])
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && !document.querySelector('dialog[open]')) onClose()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [onClose])

  const answer = detail.data && detail.dataUrl === hexDetailUrl(cell, filters) ? detail.data : undefined
  return (
    <aside className="hex-detail" aria-labelledby={titleId} data-testid="hex-detail" data-cell={cell}>
      <div className="hex-detail-header">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          What is behind this hexagon
        </h2>
        <button type="button" className="hex-detail-close" onClick={onClose} aria-label="Close (Esc)" data-testid="hex-detail-close">
          ×
        </button>
      </div>
      <p className="muted hex-detail-cell">H3 cell {cell}</p>
      {detail.error ? (
        <ErrorState title="Could not load this hexagon." error={detail.error} onRetry={detail.refetch} />
      ) : !answer ? (
        <LoadingState label="Loading this hexagon…" />
      ) : (
        <HexDetailBody detail={answer} filters={filters} showIncidents={showIncidents} />
      )}
    </aside>
  )
}

function HexDetailBody({ detail, filters, showIncidents }: { detail: HexDetail; filters: HexDetailPanelProps['filters']; showIncidents: boolean }) {
  const [allPlaces, setAllPlaces] = useState(false)
  const places = allPlaces ? detail.places : detail.places.slice(0, PLACES_SHOWN)
  return (
    <div className="hex-detail-body">
      <p className="hex-detail-summary" data-testid="hex-detail-summary">
        {hexSummary(detail)}
      </p>
      <p className="muted">Area {formatAreaKm2(detail.areaKm2)} (resolution {detail.res})</p>
      {detail.incidents > 0 && (
        <>
          <h3>Ward</h3>
          <ul className="hex-detail-list" data-testid="hex-detail-wards">
            {detail.wards.map((ward) => (
              <li key={ward.code ?? 'none'}>{wardShareText(ward, detail.incidents)}</li>
            ))}
          </ul>

          <h3>What happened</h3>
          <table className="data-table compact" data-testid="hex-detail-categories">
            <caption className="visually-hidden">Incidents in this hexagon by category</caption>
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col" className="numeric">
                  Incidents
                </th>
                <th scope="col" className="numeric">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.categories.map((entry) => (
                <tr key={entry.category}>
                  <th scope="row">{entry.category}</th>
                  <td className="numeric">{formatCount(entry.incidents)}</td>
                  <td className="numeric">{Math.round((100 * entry.incidents) / detail.incidents)}%</td>
                </tr>
              ))}
            </tbody>
          </table>

          <h3>Month by month</h3>
          <BarChart
            width={CHART_WIDTH}
            height={CHART_HEIGHT}
            data={monthlySeries(detail)}
            margin={{ top: 4, right: 4, bottom: 0, left: -18 }}
            role="img"
            title="Incidents in this hexagon, month by month"
            accessibilityLayer={false}
          >
            <CartesianGrid stroke="#e5e7eb" vertical={false} />
            <XAxis dataKey="label" tick={AXIS_TICK} interval="preserveStartEnd" minTickGap={16} />
            <YAxis tick={AXIS_TICK} allowDecimals={false} />
            <Tooltip formatter={(value) => [formatCount(Number(value)), 'Incidents']} />
            <Bar dataKey="incidents" fill="#b45309" isAnimationActive={false} />
          </BarChart>

          <h3>Places (police.uk map points)</h3>
          <ul className="hex-detail-list" data-testid="hex-detail-places">
            {places.map((entry) => (
              <li key={entry.place ?? ''}>
                {entry.place ?? 'No place name'} <span className="muted">({formatCount(entry.incidents)})</span>
              </li>
            ))}
          </ul>
          {detail.places.length > PLACES_SHOWN && (
            <button type="button" className="link-button" onClick={() => setAllPlaces((value) => !value)}>
              {allPlaces ? 'Show fewer places' : `Show all ${detail.places.length} places`}
            </button>
          )}

          {showIncidents && <IncidentList cell={detail.cell} filters={filters} total={detail.incidents} />}
        </>
      )}
    </div>
  )
}

function IncidentList({ cell, filters, total }: { cell: string; filters: HexDetailPanelProps['filters']; total: number }) {
  const [open, setOpen] = useState(false)
  const [cursors, setCursors] = useState<(string | null)[]>([null])
  return (
    <>
      <h3>Incidents</h3>
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((value) => !value)} data-testid="hex-detail-incidents-toggle">
        {open ? 'Hide the incidents' : `List the ${incidentsText(total)}`}
      </button>
      {open && (
        <table className="data-table compact hex-detail-incidents" data-testid="hex-detail-incidents">
          <caption className="visually-hidden">The incidents in this hexagon</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Category</th>
              <th scope="col">Place</th>
            </tr>
          </thead>
          {cursors.map((cursor, index) => (
            <IncidentRows
              key={cursor ?? 'first'}
              url={cellIncidentsUrl(cell, filters, INCIDENTS_PAGE, cursor)}
              last={index === cursors.length - 1}
              onMore={(next) => setCursors((previous) => [...previous, next])}
            />
          ))}
        </table>
      )}
    </>
  )
}

function IncidentRows({ url, last, onMore }: { url: string; last: boolean; onMore(cursor: string): void }) {
  const page = useApiQuery<IncidentPage>(url)
  if (page.error) {
    return (
      <tbody>
        <tr>
          <td colSpan={3}>
            <ErrorState title="Could not load the incidents." error={page.error} onRetry={page.refetch} />
          </td>
        </tr>
      </tbody>
    )
  }
  if (!page.data || page.dataUrl !== url) {
    return (
      <tbody>
        <tr>
          <td colSpan={3}>
            <LoadingState label="Loading incidents…" />
          </td>
        </tr>
      </tbody>
    )
  }
  const { items, nextCursor } = page.data
  return (
    <tbody>
      {items.map((incident) => (
        <tr key={incident.id} data-testid="hex-detail-incident">
          <td>{formatMonth(incident.month)}</td>
          <td>{incident.category}</td>
          <td>{incident.location ?? ''}</td>
        </tr>
      ))}
      {last && nextCursor && (
        <tr>
          <td colSpan={3}>
            <button type="button" className="link-button" onClick={() => onMore(nextCursor)} data-testid="hex-detail-incidents-more">
              Show more incidents
            </button>
          </td>
        </tr>
      )}
    </tbody>
  )
}
