import { useId, useMemo } from 'react'
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { DemandAnswer, TimedSourceList } from '../../../../server/src/features/time-patterns/schemas'
import { monthsOf } from '../../../../server/src/lib/months'
import { navigate, useSearch } from '../../app/navigation'
import { wardListUrl, type WardListAnswer } from '../../shared/api'
import { CategoryOptions } from '../../shared/CategoryOptions'
import { downloadText } from '../../shared/download'
import { formatCount } from '../../shared/format'
import { MonthSelect } from '../../shared/MonthSelect'
import { IMPORTED_DATA_STALE_MS } from '../../shared/query-client'
import { EmptyState, ErrorState, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import {
  clock, colourStep, demandUrl, GRID_COLOURS, gridCsv, inWindow, leftOutWords, legendSteps, searchOfView, sourceLabel, spanMonths, viewOfSearch,
  WEEKDAYS, windowWords, type PatternView,
} from './time-patterns'
import { RepeatLocations } from './RepeatLocations'
import './time-patterns.css'

const SOURCES_URL = '/api/time-patterns/sources'
const HOURS = Array.from({ length: 24 }, (_, hour) => hour)

/**
 * Time patterns (issue 15): when incidents happen, by weekday and hour of UK local time, from the logs that record a
 * time (police.uk gives months only), with the share in a chosen window (e.g. 00:00–07:00, the figure that moved the
 * seeds' partnership's shifts) and a weekly trend. The address bar holds the view, so a link shares it.
 */
export function TimePatternsPage() {
  const id = useId()
  const search = useSearch()
  const view = useMemo(() => viewOfSearch(search), [search])
  const setView = (change: Partial<PatternView>) => navigate(`/time-patterns${searchOfView({ ...view, ...change })}`, { replace: true })
  const sources = useApiQuery<TimedSourceList>(SOURCES_URL, { staleTime: IMPORTED_DATA_STALE_MS })
  const wards = useApiQuery<WardListAnswer>(wardListUrl, { staleTime: IMPORTED_DATA_STALE_MS })
  const answer = useApiQuery<DemandAnswer>(demandUrl(view))
  const data = answer.data

  const chosen = sources.data?.items.find((item) => item.source === view.source) ?? null
  const timed = sources.data?.items.filter((item) => item.toTheMinute + item.toTheDay > 0) ?? []
  const span = spanMonths(chosen ? [chosen] : timed)
  const months = span ? monthsOf(span.first, span.last) : []
  const from = view.from ?? span?.first ?? ''
  const to = view.to ?? span?.last ?? ''
  const illustrative = chosen ? chosen.illustrative : view.source === null && timed.some((item) => item.illustrative)
  const wardName = wards.data?.items.find((ward) => ward.code === view.ward)?.name ?? view.ward
  const filterWords = [
    chosen ? sourceLabel(chosen) : 'all sources',
    view.ward ? `ward ${wardName}` : 'every ward',
    view.category ?? 'every category',
    view.from || view.to ? `${from} to ${to}` : 'the whole period',
  ].join('; ')
  const max = data ? Math.max(0, ...data.grid.flat()) : 0

  return (
    <div className="content time-patterns-page">
      <h1>Time patterns</h1>
      <p className="hint">
        When incidents happen, by weekday and hour of day (UK time), from the logs that record a time. police.uk gives months only, so its
        incidents are counted apart and not in the grid.
      </p>
      <div className="time-patterns-filters" role="group" aria-labelledby={`${id}-filters`}>
        <span id={`${id}-filters`} className="visually-hidden">
          Filter
        </span>
        <label>
          Source
          <select data-testid="patterns-source" value={view.source ?? ''} onChange={(event) => setView({ source: event.target.value || null, from: null, to: null })}>
            <option value="">All sources</option>
            {sources.data?.items.map((item) => (
              <option key={item.source} value={item.source}>
                {sourceLabel(item)} — {formatCount(item.toTheMinute)} with a time
              </option>
            ))}
          </select>
        </label>
        <label>
          Ward
          <select data-testid="patterns-ward" value={view.ward ?? ''} onChange={(event) => setView({ ward: event.target.value || null })}>
            <option value="">Every ward</option>
            {wards.data?.items.map((ward) => (
              <option key={ward.code} value={ward.code}>
                {ward.name} ({ward.councilName})
              </option>
            ))}
          </select>
        </label>
        <label>
          Category
          <select data-testid="patterns-category" value={view.category ?? ''} onChange={(event) => setView({ category: event.target.value || null })}>
            <option value="">Every category</option>
            <CategoryOptions />
          </select>
        </label>
        <MonthSelect label="From" testId="patterns-from" months={months} value={from} onChange={(month) => setView({ from: month, to: to < month ? month : to })} />
        <MonthSelect label="To" testId="patterns-to" months={months} value={to} onChange={(month) => setView({ from: from > month ? month : from, to: month })} />
        <label>
          Window from
          <select data-testid="patterns-window-from" value={view.windowFrom} onChange={(event) => setView({ windowFrom: Number(event.target.value) })}>
            {HOURS.map((hour) => (
              <option key={hour} value={hour}>
                {clock(hour)}
              </option>
            ))}
          </select>
        </label>
        <label>
          to
          <select data-testid="patterns-window-to" value={view.windowTo} onChange={(event) => setView({ windowTo: Number(event.target.value) })}>
            {HOURS.map((hour) => (
              <option key={hour + 1} value={hour + 1}>
                {clock(hour + 1)}
              </option>
            ))}
          </select>
        </label>
        {data && (
          <button type="button" data-testid="patterns-csv" onClick={() => downloadText('time-patterns.csv', gridCsv(data, filterWords), 'text/csv;charset=utf-8')}>
            Download CSV
          </button>
        )}
      </div>
      {illustrative && (
        <p className="illustrative-note" data-testid="patterns-illustrative">
          {chosen ? 'This source is illustrative: made up to show how the page works, not real reports.' : 'All sources include an illustrative log: made up to show how the page works, not real reports. Choose a source to see one log alone.'}
        </p>
      )}
      {answer.error ? (
        <ErrorState title="The time patterns could not be loaded:" error={answer.error} onRetry={answer.refetch} />
      ) : !data ? (
        <LoadingState label="Counting incidents by hour…" />
      ) : (
        <div aria-busy={answer.loading}>
          <p className="patterns-window" data-testid="patterns-window">
            {windowWords(data)}
          </p>
          {leftOutWords(data) && (
            <p className="hint" data-testid="patterns-left-out">
              {leftOutWords(data)}
            </p>
          )}
          {data.incidents === 0 ? (
            <EmptyState testId="patterns-empty">
              No incident in this filter has a time of day. Choose a timed source (a council or police log imported through a profile) or widen the filter.
            </EmptyState>
          ) : (
            <DemandGrid answer={data} max={max} />
          )}
          <WeeklyTrend weeks={data.weeks} />
        </div>
      )}
      <RepeatLocations source={view.source} ward={view.ward} category={view.category} />
    </div>
  )
}

function DemandGrid({ answer, max }: { answer: DemandAnswer; max: number }) {
  const { window } = answer
  return (
    <figure className="demand-grid">
      <div className="table-scroll">
        <table data-testid="patterns-grid" aria-describedby="patterns-grid-caption">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Weekday</span>
              </th>
              {HOURS.map((hour) => (
                <th key={hour} scope="col" className={inWindow(hour, window.from, window.to) ? 'in-window' : undefined}>
                  {String(hour).padStart(2, '0')}
                </th>
              ))}
              <th scope="col">All day</th>
            </tr>
          </thead>
          <tbody>
            {answer.grid.map((day, weekday) => (
              <tr key={weekday}>
                <th scope="row">{WEEKDAYS[weekday].slice(0, 3)}</th>
                {day.map((count, hour) => {
                  const step = colourStep(count, max)
                  return (
                    <td
                      key={hour}
                      className={`grid-cell${step >= 6 ? ' dark' : ''}${inWindow(hour, window.from, window.to) ? ' in-window' : ''}`}
                      style={{ background: GRID_COLOURS[step] }}
                      title={`${WEEKDAYS[weekday]} ${clock(hour)}–${clock(hour + 1)}: ${formatCount(count)}`}
                    >
                      {count > 0 ? formatCount(count) : ''}
                    </td>
                  )
                })}
                <td className="number">{formatCount(day.reduce((sum, n) => sum + n, 0))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <figcaption id="patterns-grid-caption">
        <span className="hint">Incidents per weekday and hour, UK time (hours start at the column&rsquo;s label; outlined: the window). Colour:</span>
        <ul className="grid-legend" data-testid="patterns-legend" aria-label="Colour legend: incidents per hour">
          {legendSteps(max).map((step) => (
            <li key={step.label}>
              <span className="swatch" style={{ background: step.colour }} aria-hidden="true" />
              {step.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  )
}

function WeeklyTrend({ weeks }: { weeks: DemandAnswer['weeks'] }) {
  if (weeks.length < 2) return null
  return (
    <figure className="weekly-trend" aria-label="Incidents per week" data-testid="patterns-weekly">
      <h2>Week by week</h2>
      <ResponsiveContainer width="100%" height={220}>
      <LineChart data={weeks} margin={{ top: 6, right: 12, bottom: 6, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#e5e7eb" />
        <XAxis dataKey="week" tick={{ fontSize: 10 }} minTickGap={24} />
        <YAxis tick={{ fontSize: 10 }} width={40} allowDecimals={false} />
        <Tooltip labelFormatter={(week) => `Week of Monday ${String(week)}`} formatter={(value) => [formatCount(Number(value)), 'incidents']} />
        <Line type="linear" dataKey="incidents" stroke="#c2410c" dot={false} isAnimationActive={false} />
      </LineChart>
      </ResponsiveContainer>
      <figcaption className="hint">
        Incidents per week (Monday to Sunday, UK time) from rows known to the day or the minute; {weeks.length} weeks from {weeks[0].week} to {weeks.at(-1)?.week}.
      </figcaption>
    </figure>
  )
}
