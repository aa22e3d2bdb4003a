import { useId, useState, type ReactNode } from 'react'
import { posterUrl } from '../resident-reports/reports-api'
import { errorMessage } from '../../shared/api'
import { formatAreaKm2, formatCount } from '../../shared/format'
import { downloadText } from '../../shared/download'
import { formatChange, topWardsReading } from './chart-data'
import type { ConcentrationAnswer, ForecastAnswer, ProblemLocation, ProblemLocationsAnswer, TopWardsAnswer } from './hotspot-api'
import { EMERGING_CATEGORY_LABELS, HOTSPOT_CLASS_LABELS, HOTSPOT_CLASS_SHORT } from './hotspot-colours'
import { formatZ } from './hotspot-format'
import { formatMeasured, formatMeasureValue, measureHeading, measureNoun, measuredValue } from './measure'
import {
  busiestPointSummary,
  describeHotspotPeriod,
  exportFileName,
  locationCountSummary,
  formatRate,
  formatShare,
  problemLocationsCsv,
  problemLocationsGeoJson,
  scoreContributions,
  TREND_ARROWS,
  TREND_WORDS,
  trendDirection,
  trendSummary,
} from './problem-locations'
import { formatMonth } from '../../../../server/src/lib/months'
import type { ApiResource } from '../../shared/use-api-query'
import { comparisonMonths, describeChange, type Comparison } from '../../shared/period-change'
import { ConcentrationChart, ForecastChart } from './HotspotCharts'
import { navigate } from '../../app/navigation'
import { NEW_POP_PATH, NEW_TASK_PATH, storePendingArea, type AreaForm } from '../tasks/new-task-area'

export interface HotspotResultsProps {
  /** "ASB", "burglary"…: what the incidents are, for the readings. */
  subject: string
  categories: readonly string[]
  /** Why nothing was asked for (no category or council ticked), or null. */
  blocked: string | null
  locations: ApiResource<ProblemLocationsAnswer>
  topWards: ApiResource<TopWardsAnswer>
  concentration: ApiResource<ConcentrationAnswer>
  forecast: ApiResource<ForecastAnswer>
  selectedRank: number | null
  onSelect(location: ProblemLocation): void
  /** Asks for every location rather than the first page. */
  onShowAll(): void
  onRetry(): void
}

function SectionState({ resource, label, testId, onRetry, children }: {
  resource: ApiResource<unknown>
  label: string
  testId: string
  onRetry(): void
  children: ReactNode
}) {
  if (resource.error) {
    return (
      <div className="state state-error" role="alert" data-testid={`${testId}-error`}>
        <span>
          <strong>Could not load {label}.</strong> {errorMessage(resource.error)}
        </span>
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      </div>
    )
  }
  if (resource.data === undefined) {
    return (
      <div className="state state-loading" role="status" data-testid={`${testId}-loading`}>
        <span className="spinner" aria-hidden="true" />
        Loading {label}…
      </div>
    )
  }
  return <div className={resource.loading ? 'stale' : undefined} aria-busy={resource.loading}>{children}</div>
}

/**
 * The body of the Hotspots mode's right-hand panel: ranked problem locations, top wards and the two charts. Loaded
 * on its own (it brings recharts) the first time Hotspots mode opens.
 */
export default function HotspotResults(props: HotspotResultsProps) {
  const { blocked, locations, topWards, concentration, forecast, subject } = props
  const bodyId = useId()
  return (
    <>
      {blocked ? (
        <div className="state state-empty" role="status" data-testid="hotspots-blocked">
          {blocked}
        </div>
      ) : (
        <>
          <section aria-labelledby={`${bodyId}-locations`} className="results-section">
            <h2 id={`${bodyId}-locations`}>
              Problem locations
              {locations.data?.period.from && (
                <span className="section-subtitle" data-testid="results-period">
                  {' '}
                  · {subject} · {describeHotspotPeriod(locations.data.period)}
                </span>
              )}
            </h2>
            <SectionState resource={locations} label="the problem locations" testId="locations" onRetry={props.onRetry}>
              {locations.data && (
                <LocationList
                  answer={locations.data}
                  categories={props.categories}
                  selectedRank={props.selectedRank}
                  onSelect={props.onSelect}
                  onShowAll={props.onShowAll}
                />
              )}
            </SectionState>
          </section>

          <section className="results-section" aria-labelledby={`${bodyId}-wards`}>
            <h2 id={`${bodyId}-wards`}>Top wards</h2>
            <SectionState resource={topWards} label="the top wards" testId="top-wards" onRetry={props.onRetry}>
              {topWards.data && <TopWards answer={topWards.data} subject={subject} />}
            </SectionState>
          </section>

          <section className="results-section" aria-labelledby={`${bodyId}-concentration`}>
            <h2 id={`${bodyId}-concentration`}>Concentration</h2>
            <SectionState resource={concentration} label="the concentration" testId="concentration" onRetry={props.onRetry}>
              {concentration.data && <ConcentrationChart answer={concentration.data} subject={subject} />}
            </SectionState>
          </section>

          <section className="results-section" aria-labelledby={`${bodyId}-forecast`}>
            <h2 id={`${bodyId}-forecast`}>Forecast accuracy</h2>
            <SectionState resource={forecast} label="the forecast accuracy" testId="forecast" onRetry={props.onRetry}>
              {forecast.data && <ForecastChart answer={forecast.data} subject={subject} />}
            </SectionState>
          </section>
        </>
      )}
    </>
  )
}

function LocationList({ answer, categories, selectedRank, onSelect, onShowAll }: {
  answer: ProblemLocationsAnswer
  categories: readonly string[]
  selectedRank: number | null
  onSelect(location: ProblemLocation): void
  onShowAll(): void
}) {
  const id = useId()
  const count = answer.locations.length
  return (
    <>
      <div className="results-actions">
        <p className="hint" data-testid="locations-count" aria-live="polite">
          {answer.total === 0
            ? 'No problem locations'
            : `${count < answer.total ? `Top ${count} of ${answer.total} problem locations` : `${answer.total} problem ${answer.total === 1 ? 'location' : 'locations'}`}, ranked by score`}
        </p>
        <div className="button-row">
          <button
            type="button"
            data-testid="export-locations-csv"
            disabled={count === 0}
            onClick={() => downloadText(exportFileName(answer, 'csv'), problemLocationsCsv(answer, categories), 'text/csv;charset=utf-8')}
          >
            Export CSV
          </button>
          <button
            type="button"
            data-testid="export-locations-geojson"
            disabled={count === 0}
            onClick={() =>
              downloadText(
                exportFileName(answer, 'geojson'),
                `${JSON.stringify(problemLocationsGeoJson(answer, categories))}\n`,
                'application/geo+json',
              )
            }
          >
            Export GeoJSON
          </button>
        </div>
      </div>
      {count === 0 ? (
        <div className="state state-empty" role="status" data-testid="locations-empty">
          No significant hot spots for this filter, so no problem locations to rank.
        </div>
      ) : (
        <ol className="location-list" aria-label="Problem locations, highest score first" data-testid="location-list">
          {answer.locations.map((location) => (
            <LocationRow
              key={`${location.rank} ${location.name}`}
              location={location}
              period={answer.period}
              maxAreaKm2={answer.maxAreaKm2}
              comparison={answer.comparison}
              res={answer.res}
              selected={location.rank === selectedRank}
              onSelect={onSelect}
              describedBy={`${id}-hint`}
            />
          ))}
        </ol>
      )}
      <p className="visually-hidden" id={`${id}-hint`}>
        Press Enter to show this location on the map.
      </p>
      {count < answer.total && (
        <p className="show-all">
          <button type="button" data-testid="locations-show-all" onClick={onShowAll}>
            Show all {answer.total}
          </button>
        </p>
      )}
      {answer.caveats.length > 0 && (
        <div className="caveats" data-testid="caveats">
          <h3>Caveats</h3>
          <ul>
            {answer.caveats.map((caveat) => (
              <li key={caveat}>{caveat}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  )
}

/**
 * Opens the new-task form (a patrol) or the new-POP form (sustained problem solving) with this location's cells as
 * the area and its name as the title.
 */
function openFormFor(location: ProblemLocation, res: number, form: AreaForm): void {
  const cells = location.cells.length
  storePendingArea(
    window.sessionStorage,
    {
      area: { source: 'problem-location', res, cells: [...location.cells] },
      title: location.name,
      label: `problem location #${location.rank}, ${location.name} (${cells} ${cells === 1 ? 'cell' : 'cells'})`,
    },
    form,
  )
  navigate(form === 'task' ? NEW_TASK_PATH : NEW_POP_PATH)
}

function LocationRow({ location, period, maxAreaKm2, comparison, res, selected, onSelect, describedBy }: {
  location: ProblemLocation
  maxAreaKm2: number
  period: { from: string; to: string }
  comparison: Comparison | null
  res: number
  selected: boolean
  onSelect(location: ProblemLocation): void
  describedBy: string
}) {
  const id = useId()
  const [expanded, setExpanded] = useState(false)
  const { components } = location
  const direction = trendDirection(components.trend)
  const busiest = components.busiestPoint
  return (
    <li
      className={`location${selected ? ' location-selected' : ''}`}
      data-testid="location-row"
      data-rank={location.rank}
      data-name={location.name}
    >
      <button
        type="button"
        className="location-main"
        data-testid="location-select"
        aria-pressed={selected}
        aria-describedby={describedBy}
        onClick={() => onSelect(location)}
      >
        <span className="location-rank" aria-label={`Rank ${location.rank}`}>
          {location.rank}
        </span>
        <span className="location-text">
          <span className="location-title">
            <span className="location-name" data-testid="location-name">
              {location.name}
            </span>
            <span className="location-score" title={`Recency-weighted ${measureNoun(components.measure)}`}>
              score {formatCount(Math.round(location.score))}
            </span>
          </span>
          <span className="location-meta" data-testid="location-count">
            {locationCountSummary(location, period)}
            {components.measure === 'harm' ? ` · ${formatMeasured(location.harm, 'harm')}` : ''} · area {formatAreaKm2(location.areaKm2)}
          </span>
          <span className="location-meta" data-testid="location-trend">
            <span className={`trend trend-${direction}`}>
              <span aria-hidden="true">{TREND_ARROWS[direction]}</span>
              <span className="visually-hidden">{TREND_WORDS[direction]}:</span> {trendSummary(components.trend, components.measure === 'harm' ? 'harm' : '')}
            </span>
          </span>
          <span className="location-meta">
            <span className={`class-badge class-${components.class}`}>{HOTSPOT_CLASS_SHORT[components.class]}</span>{' '}
            {EMERGING_CATEGORY_LABELS[components.emerging]} · {busiestPointSummary(busiest)} ({formatShare(busiest.share)})
          </span>
          <span className="location-meta" data-testid="location-change" title={comparison ? `Its cells, ${comparisonMonths(comparison)}` : undefined}>
            {describeChange(
              components.measure === 'harm' ? location.harm : location.incidents,
              location.previous && (components.measure === 'harm' ? location.previous.harm : location.previous.incidents),
              comparison,
            )}
          </span>
        </span>
      </button>
      <button
        type="button"
        className="link-button location-expand"
        data-testid="location-expand"
        aria-expanded={expanded}
        aria-controls={`${id}-components`}
        onClick={() => setExpanded((value) => !value)}
      >
        {expanded ? 'Hide' : 'Show'} how the score is made<span className="visually-hidden"> for {location.name}</span>
      </button>
      <button type="button" className="link-button location-task" data-testid="location-task" onClick={() => openFormFor(location, res, 'task')}>
        Task a patrol<span className="visually-hidden"> to {location.name}</span>
      </button>
      <button type="button" className="link-button location-task" data-testid="location-pop" onClick={() => openFormFor(location, res, 'pop')}>
        Register as POP<span className="visually-hidden">: {location.name}</span>
      </button>
      {/* A QR poster opening the public report form here: for street furniture at the problem location. */}
      <a className="link-button location-task" data-testid="location-poster" href={posterUrl('A4', { lon: location.centre.lon, lat: location.centre.lat, name: location.name })} target="_blank" rel="noreferrer">
        Report poster<span className="visually-hidden"> for {location.name}</span>
      </a>
      <div id={`${id}-components`} className="location-components" hidden={!expanded} data-testid="location-components">
        {expanded && <ScoreComponents location={location} periodTo={period.to} maxAreaKm2={maxAreaKm2} />}
      </div>
    </li>
  )
}

function ScoreComponents({ location, periodTo, maxAreaKm2 }: { location: ProblemLocation; periodTo: string; maxAreaKm2: number }) {
  const { components } = location
  const { trend, busiestPoint } = components
  const { measure } = components
  const contributions = scoreContributions(components.months, periodTo, components.halfLifeMonths, measure)
  const total = contributions.reduce((sum, entry) => sum + entry.weighted, 0)
  return (
    <>
      <table className="data-table compact score-table">
        <caption>
          Score {formatRate(location.score)}: each month’s {measureNoun(measure)} weighted by 0.5^(months ago / {components.halfLifeMonths})
        </caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col" className="numeric">
              {measureHeading(measure)}
            </th>
            <th scope="col" className="numeric">
              Weight
            </th>
            <th scope="col" className="numeric">
              Counts as
            </th>
          </tr>
        </thead>
        <tbody>
          {contributions.map((entry) => (
            <tr key={entry.month}>
              <th scope="row">{formatMonth(entry.month)}</th>
              <td className="numeric">{formatMeasureValue(entry.value, measure)}</td>
              <td className="numeric">{entry.weight.toFixed(2)}</td>
              <td className="numeric">{entry.weighted.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="numeric">{formatMeasureValue(measuredValue(location, measure), measure)}</td>
            <td />
            <td className="numeric">{total.toFixed(1)}</td>
          </tr>
        </tfoot>
      </table>
      <dl className="components-list">
        <dt>Trend</dt>
        <dd>
          {trendSummary(trend, measureNoun(measure))}
          {trend.difference !== null && `: ${trend.difference >= 0 ? '+' : '−'}${formatRate(Math.abs(trend.difference))} a month.`}
        </dd>
        <dt>Area</dt>
        <dd>
          {formatAreaKm2(location.areaKm2)} ({location.cells.length} {location.cells.length === 1 ? 'cell' : 'cells'}); a location is at most{' '}
          {formatAreaKm2(maxAreaKm2)}, a beat walked in one visit.
        </dd>
        <dt>Ward</dt>
        <dd>
          Most of its incidents are in {location.ward?.name ?? 'no ward'}; the figures here are the location’s own, a part of that ward’s.
        </dd>
        <dt>Gi*</dt>
        <dd>
          {HOTSPOT_CLASS_LABELS[components.class]}; z up to {formatZ(components.maxZ)}, mean {formatZ(components.meanZ)} over its{' '}
          {location.cells.length} {location.cells.length === 1 ? 'cell' : 'cells'}.
        </dd>
        <dt>Emerging</dt>
        <dd>{EMERGING_CATEGORY_LABELS[components.emerging]} (the pattern most of its cells share).</dd>
        <dt>Busiest point</dt>
        <dd>
          {formatCount(busiestPoint.incidents)} of {formatCount(location.incidents)} incidents ({formatShare(busiestPoint.share)}) share one
          police.uk map point{busiestPoint.place ? `, ${busiestPoint.place}` : ''}.
        </dd>
      </dl>
    </>
  )
}

function TopWards({ answer, subject }: { answer: TopWardsAnswer; subject: string }) {
  const { measure, comparison } = answer
  const before = comparison ? describeHotspotPeriod(comparison.period) : 'no earlier data'
  return (
    <>
      <p className="chart-reading" data-testid="top-wards-reading">
        {topWardsReading(answer, subject)}
      </p>
      {answer.wards.length > 0 && (
        <div className="table-scroll">
          <table className="data-table compact" data-testid="top-wards-table">
            <caption className="visually-hidden">
              Wards with the most {subject}, {describeHotspotPeriod(answer.period)}, against {before}
            </caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Ward</th>
                <th scope="col" className="numeric">
                  {measureHeading(measure)} in the ward
                </th>
                <th scope="col" className="numeric" title={before}>
                  The period before
                </th>
                <th scope="col" className="numeric">
                  Change
                </th>
              </tr>
            </thead>
            <tbody>
              {answer.wards.map((ward) => (
                <tr key={ward.code} data-testid="top-ward-row">
                  <td>{ward.rank}</td>
                  <th scope="row">
                    {ward.name}
                    <span className="muted"> · {ward.councilName}</span>
                  </th>
                  <td className="numeric">{formatMeasureValue(measure === 'harm' ? ward.harm : ward.incidents, measure)}</td>
                  <td className="numeric">{ward.previous === null ? '–' : formatMeasureValue((measure === 'harm' ? ward.previousHarm : ward.previous) ?? 0, measure)}</td>
                  <td className="numeric">{formatChange(ward)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
