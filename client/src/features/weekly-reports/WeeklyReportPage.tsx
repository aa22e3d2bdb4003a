import { useEffect } from 'react'
import { followLink, useSearch } from '../../app/navigation'
import { ErrorState, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { TrendChart } from './TrendChart'
import { WardMap } from './WardMap'
import { CONTACT_LABELS, countWords, sentence, reportCsvUrl, reportPdfUrl, reportUrl, type ReportAnswer } from './weekly-reports-api'
import './weekly-reports.css'

const STATUS_WORDS: Record<string, string> = {
  tasked: 'tasked', in_progress: 'in progress', completed: 'completed', escalated: 'escalated to the PSG', closed: 'closed',
}

/**
 * One published report, A4 (print CSS): what the councillor reads, prints, and what the PDF is made from. Everything
 * on it comes from the published snapshot, so it reads the same every time it is opened. `data-print-ready` tells
 * the PDF renderer the page is drawn (the map and chart are SVG, drawn with the data).
 */
export function WeeklyReportPage() {
  const search = new URLSearchParams(useSearch())
  const ward = search.get('ward')
  const period = search.get('period')
  const versionText = search.get('version')
  const version = versionText && /^\d+$/.test(versionText) ? Number(versionText) : null
  const answer = useApiQuery<ReportAnswer>(ward && period ? reportUrl(ward, period, version) : null)
  const data = answer.data
  useEffect(() => {
    if (data) document.title = `Weekly report — ${data.report.ward.name} — ${data.report.period.label}`
  }, [data])
  if (!ward || !period) return <ErrorState title="No report here." error={new Error('The address must name a ward and a period.')} />
  const ready = answer.error !== null || data !== undefined
  return (
    <div className="content weekly-report" data-testid="weekly-report" data-print-ready={ready ? 'true' : 'false'}>
      {answer.error && <ErrorState title="Could not open this report." error={answer.error} onRetry={answer.refetch} />}
      {!data && !answer.error && <LoadingState label="Loading the report…" />}
      {data && <Report answer={data} />}
    </div>
  )
}

function Report({ answer }: { answer: ReportAnswer }) {
  const { meta, report } = answer
  const unit = report.period.kind
  return (
    <>
      <p className="no-print button-row">
        <a href="/weekly-reports" onClick={followLink}>
          ← All reports
        </a>
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        <a className="button-link" href={reportPdfUrl(meta.wardCode, meta.period, meta.version)} download data-testid="weekly-pdf">
          Download PDF
        </a>
        <a className="button-link" href={reportCsvUrl(meta.wardCode, meta.period, meta.version)} download data-testid="weekly-csv">
          Download CSV
        </a>
      </p>
      <header className="report-head">
        <h1>
          {report.ward.name}: {unit === 'week' ? 'weekly' : 'monthly'} ward report
        </h1>
        <p>
          {report.ward.councilName} · {report.period.label}
          {report.period.monthsOnly ? ' (a month: this ward’s records are dated to the month only)' : ''}
        </p>
        <p className="report-version">
          Version {meta.version}, published {meta.publishedAt.slice(0, 10)}
          {meta.changes ? ` — changed: ${meta.changes}` : ''}
        </p>
      </header>

      <section>
        <h2>Incidents this {unit}</h2>
        <p className="headline" data-testid="weekly-total">
          <strong>{countWords(report.total.count)}</strong> incidents: {report.total.words}.
        </p>
        <table className="report-table" data-testid="weekly-categories">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">This {unit}</th>
              <th scope="col">Compared</th>
            </tr>
          </thead>
          <tbody>
            {report.categories
              .filter((row) => row.count !== 0)
              .map((row) => (
                <tr key={row.category}>
                  <td>{row.category}</td>
                  <td className="number">{countWords(row.count)}</td>
                  <td>{row.words}</td>
                </tr>
              ))}
          </tbody>
        </table>
        <p className="note">Categories with no incidents are left out of this table.</p>
      </section>

      <section>
        <h2>The last 12 {unit}s</h2>
        <TrendChart report={report} />
      </section>

      <section className="page-break">
        <h2>Where</h2>
        <WardMap report={report} />
        {report.locations.length > 0 ? (
          <ol className="places" data-testid="weekly-locations">
            {report.locations.map((place) => (
              <li key={place.name}>
                {place.name}: {countWords(place.count)} ({place.words})
              </li>
            ))}
          </ol>
        ) : (
          <p>No single place had {report.suppressionThreshold} or more incidents this {unit}.</p>
        )}
      </section>

      <section>
        <h2>Patrols in the ward</h2>
        {report.tasks.length === 0 ? (
          <p>No patrol task ran in this ward this {unit}.</p>
        ) : (
          <table className="report-table" data-testid="weekly-tasks">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Visits (target)</th>
                <th scope="col">Minutes (target)</th>
                <th scope="col">Status and outcome</th>
              </tr>
            </thead>
            <tbody>
              {report.tasks.map((task) => (
                <tr key={task.id}>
                  <td>
                    {task.title}
                    {task.team ? ` (${task.team})` : ''}
                  </td>
                  <td className="number">
                    {task.visits} ({task.visitsTarget})
                  </td>
                  <td className="number">
                    {task.minutes} ({task.minutesTarget})
                  </td>
                  <td>
                    {STATUS_WORDS[task.status] ?? task.status}
                    {task.outcome ? `: ${task.outcome}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>CCTV</h2>
        <p data-testid="weekly-cctv">
          {sentence(report.cctv.words)}. {report.cctv.workingCameras} working {report.cctv.workingCameras === 1 ? 'camera stands' : 'cameras stand'} in the ward.
        </p>
        <h2>Resident reports</h2>
        <p>{sentence(report.residentReports.words)}.</p>
      </section>

      <section>
        <h2>Who to contact</h2>
        {report.contacts.length === 0 ? (
          <p>No named contact is recorded for this ward yet.</p>
        ) : (
          <dl className="contacts" data-testid="weekly-contacts">
            {report.contacts.map((contact) => (
              <div key={contact.kind}>
                <dt>{CONTACT_LABELS[contact.kind]}</dt>
                <dd>
                  {contact.name}
                  {contact.email ? ` · ${contact.email}` : ''}
                  {contact.phone ? ` · ${contact.phone}` : ''}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      <section className="caveats">
        <h2>About these figures</h2>
        <ul>
          {report.caveats.map((caveat) => (
            <li key={caveat}>{caveat}</li>
          ))}
        </ul>
        <p className="note">Content hash (SHA-256): {meta.contentHash}</p>
      </section>
    </>
  )
}
