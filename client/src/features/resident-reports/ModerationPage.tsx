import './resident-reports.css'
import { useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useState, type FormEvent } from 'react'
import { ApiError, apiRequest, errorMessage } from '../../shared/api'
import { invalidateApi } from '../../shared/query-client'
import { EmptyState, ErrorState, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { formatDateTime } from './report-format'
import {
  allowedDecisions,
  decisionUrl,
  POLICE_UK_CATEGORIES,
  posterUrl,
  REPORT_STATUSES,
  REPORTER_CATEGORIES,
  reportListUrl,
  reportMessagesUrl,
  reportPhotoUrl,
  reportUrl,
  PUBLIC_WARDS_URL,
  type PublicWards,
  type ReportDetail,
  type ReportStatus,
  type ReportSummary,
} from './reports-api'

// The pin's map brings MapLibre: loaded when a pin is to be moved.
const PinMap = lazy(() => import('./PinMap'))

/** An instant as UK local time for a datetime-local input, YYYY-MM-DDTHH:MM. */
export function londonInputValue(instant: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}

const categoryLabel = (id: string) => REPORTER_CATEGORIES.find((category) => category.id === id)?.label ?? id

/**
 * The moderation queue for those who handle resident reports (analysts, inspectors, admins): new reports oldest
 * first, each with its place, ward, photos, description and contact details; accept (an incident on the map and in
 * every analysis), merge, reject with a reason, withdraw an accepted one; and messages with the reporter.
 */
export function ModerationPage() {
  const [status, setStatus] = useState<ReportStatus | 'all'>('new')
  const [selected, setSelected] = useState<number | null>(null)
  const list = useApiQuery<{ items: ReportSummary[] }>(reportListUrl(status === 'all' ? null : status))

  return (
    <div className="content report-moderation">
      <h1>Resident reports</h1>
      <div className="report-row">
        <label htmlFor="report-status-filter">Show</label>
        <select id="report-status-filter" value={status} onChange={(event) => setStatus(event.target.value as ReportStatus | 'all')} data-testid="report-status-filter">
          {REPORT_STATUSES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
          <option value="all">all</option>
        </select>
        <a href={posterUrl('A4', {})} target="_blank" rel="noreferrer">
          Poster for the whole area (A4)
        </a>
      </div>
      <div className="report-moderation-grid">
        <section aria-label="Reports">
          {list.loading && !list.data && <LoadingState label="Loading reports…" />}
          {list.error && <ErrorState title="Could not load the reports" error={list.error} onRetry={list.refetch} />}
          {list.data && list.data.items.length === 0 && <EmptyState>No {status === 'all' ? '' : status} reports.</EmptyState>}
          {list.data && list.data.items.length > 0 && (
            <ul className="report-queue" data-testid="report-queue">
              {list.data.items.map((item) => (
                <li key={item.id}>
                  <button type="button" className={item.id === selected ? 'selected' : ''} onClick={() => setSelected(item.id)} data-testid={`report-${item.id}`}>
                    <strong>R{item.id}</strong> {categoryLabel(item.reporterCategory)} · {item.ward?.name ?? item.placeText ?? 'no place'} · {formatDateTime(item.submittedAt)} · {item.status}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        {selected !== null && <ReportPanel id={selected} />}
      </div>
    </div>
  )
}

function ReportPanel({ id }: { id: number }) {
  const queryClient = useQueryClient()
  const report = useApiQuery<ReportDetail>(reportUrl(id))
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const act = async (url: string, body: unknown) => {
    setBusy(true)
    setFailure(null)
    try {
      await apiRequest(url, { method: 'POST', body })
      // The queue, this report, and (after accept or withdraw) every count the map and the analyses show.
      await invalidateApi(queryClient, '/api/')
      return true
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : errorMessage(error))
      return false
    } finally {
      setBusy(false)
    }
  }

  if (report.error) return <ErrorState title="Could not load the report" error={report.error} onRetry={report.refetch} />
  if (!report.data) return <LoadingState label="Loading the report…" />
  const r = report.data
  const decisions = allowedDecisions(r.status)

  return (
    <section className="report-panel" aria-label={`Report R${r.id}`} data-testid="report-panel">
      <h2>
        R{r.id}: {categoryLabel(r.reporterCategory)} <span className="report-status-tag" data-testid="report-panel-status">{r.status}</span>
      </h2>
      <dl className="report-facts">
        <dt>Counts as</dt>
        <dd>{r.category}</dd>
        <dt>Where</dt>
        <dd>
          {r.lon !== null && r.lat !== null ? `${r.lat.toFixed(5)}, ${r.lon.toFixed(5)}` : 'no pin'}
          {r.ward ? ` in ${r.ward.name}` : ''}
          {r.placeText ? ` (“${r.placeText}”)` : ''}
          {r.lon !== null && r.lat !== null && (
            <>
              {' '}
              · <a href={posterUrl('A5', { lon: r.lon, lat: r.lat, name: r.placeText ?? undefined })} target="_blank" rel="noreferrer">A5 poster here</a>
            </>
          )}
        </dd>
        <dt>When</dt>
        <dd>{r.ongoing ? 'ongoing' : r.happenedAt ? formatDateTime(r.happenedAt) : '—'} (sent {formatDateTime(r.submittedAt)})</dd>
        <dt>Contact</dt>
        <dd>
          {r.contact.erasedAt
            ? `erased ${formatDateTime(r.contact.erasedAt)}`
            : [r.contact.name, r.contact.email, r.contact.phone].filter(Boolean).join(' · ') || 'none given'}
          {r.contact.consent ? ' (may be contacted)' : ''}
        </dd>
        {r.reason && (
          <>
            <dt>Reason</dt>
            <dd>{r.reason}</dd>
          </>
        )}
        {r.incidentId !== null && (
          <>
            <dt>Incident</dt>
            <dd>{r.incidentId}</dd>
          </>
        )}
      </dl>
      <p className="report-description">{r.description}</p>
      {r.photos > 0 && (
        <div className="report-photos">
          {Array.from({ length: r.photos }, (_, index) => (
            <a key={index} href={reportPhotoUrl(r.id, index + 1)} target="_blank" rel="noreferrer">
              <img src={reportPhotoUrl(r.id, index + 1)} alt={`Photo ${index + 1} of report R${r.id}`} loading="lazy" />
            </a>
          ))}
        </div>
      )}
      {failure && (
        <div className="report-alert" role="alert" data-testid="report-panel-error">
          {failure}
        </div>
      )}
      <Decisions report={r} decisions={decisions} busy={busy} act={act} />
      <h3>Messages</h3>
      {r.messages.length === 0 ? (
        <p>No messages.</p>
      ) : (
        <ol className="report-messages">
          {r.messages.map((message) => (
            <li key={message.id} className={`report-message report-message-${message.fromStaff ? 'staff' : 'you'}`}>
              <span className="report-message-who">
                {message.fromStaff ? (message.author ?? 'Staff') : 'Reporter'}, {formatDateTime(message.sentAt)}
              </span>
              <p>{message.body}</p>
            </li>
          ))}
        </ol>
      )}
      <MessageForm onSend={(body) => act(reportMessagesUrl(r.id), { body })} busy={busy} />
    </section>
  )
}

function Decisions({ report, decisions, busy, act }: { report: ReportDetail; decisions: string[]; busy: boolean; act(url: string, body: unknown): Promise<boolean> }) {
  const [category, setCategory] = useState(report.category)
  const [message, setMessage] = useState('')
  const [reason, setReason] = useState('')
  const [mergeInto, setMergeInto] = useState('')
  if (decisions.length === 0) return null
  const withMessage = message.trim() ? { message } : {}
  return (
    <div className="report-decisions">
      {decisions.includes('accept') && (
        <>
          <label htmlFor="report-category">Record as</label>
          <select id="report-category" value={category} onChange={(event) => setCategory(event.target.value)}>
            {POLICE_UK_CATEGORIES.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
          <label htmlFor="report-decision-message">Message to the reporter (optional)</label>
          <textarea id="report-decision-message" rows={2} value={message} onChange={(event) => setMessage(event.target.value)} />
          <button type="button" disabled={busy} onClick={() => void act(decisionUrl(report.id, 'accept'), { version: report.version, category, ...withMessage })} data-testid="report-accept">
            Accept
          </button>
          <label htmlFor="report-merge-into">Merge with report number or incident (R12 or 12345)</label>
          <input id="report-merge-into" value={mergeInto} onChange={(event) => setMergeInto(event.target.value)} />
          <button
            type="button"
            disabled={busy || !/^R?\d+$/i.test(mergeInto.trim())}
            onClick={() => {
              const text = mergeInto.trim()
              const target = /^R/i.test(text) ? { intoReport: Number(text.slice(1)) } : { intoIncident: Number(text) }
              void act(decisionUrl(report.id, 'merge'), { version: report.version, ...target, ...withMessage })
            }}
          >
            Merge
          </button>
        </>
      )}
      {decisions.includes('correct') && <Correction report={report} busy={busy} act={act} />}
      {(decisions.includes('reject') || decisions.includes('withdraw')) && (
        <>
          <label htmlFor="report-reason">Reason (a rejection's or withdrawal's, the reporter reads it)</label>
          <textarea id="report-reason" rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
          {decisions.includes('reject') && (
            <button type="button" disabled={busy || !reason.trim()} onClick={() => void act(decisionUrl(report.id, 'reject'), { version: report.version, reason })}>
              Reject
            </button>
          )}
          {decisions.includes('withdraw') && (
            <button type="button" disabled={busy || !reason.trim()} onClick={() => void act(decisionUrl(report.id, 'withdraw'), { version: report.version, reason })} data-testid="report-withdraw">
              Withdraw (removes the incident)
            </button>
          )}
        </>
      )}
    </div>
  )
}

function MessageForm({ onSend, busy }: { onSend(body: string): Promise<boolean>; busy: boolean }) {
  const [body, setBody] = useState('')
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (await onSend(body)) setBody('')
  }
  return (
    <form onSubmit={submit}>
      <label htmlFor="report-staff-message">Message to the reporter (shown on their receipt)</label>
      <textarea id="report-staff-message" rows={3} value={body} onChange={(event) => setBody(event.target.value)} data-testid="report-staff-message" />
      <button type="submit" disabled={busy || !body.trim()}>
        Send
      </button>
    </form>
  )
}

/**
 * Correcting an accepted report: its category, when it happened (UK time, or ongoing) and its pin. The incident it
 * made changes with it, so every count follows (the server's count triggers); only what was changed is sent.
 */
function Correction({ report, busy, act }: { report: ReportDetail; busy: boolean; act(url: string, body: unknown): Promise<boolean> }) {
  const [category, setCategory] = useState(report.category)
  const [ongoing, setOngoing] = useState(report.ongoing)
  const [when, setWhen] = useState(report.happenedAt ? londonInputValue(report.happenedAt) : '')
  const [pin, setPin] = useState(report.lon !== null && report.lat !== null ? { lon: report.lon, lat: report.lat } : null)
  const [reason, setReason] = useState('')
  const [movingPin, setMovingPin] = useState(false)
  const wards = useApiQuery<PublicWards>(movingPin ? PUBLIC_WARDS_URL : null)
  const change: Record<string, unknown> = {}
  if (category !== report.category) change.category = category
  const wasWhen = report.happenedAt ? londonInputValue(report.happenedAt) : ''
  if (ongoing !== report.ongoing || (!ongoing && when !== wasWhen)) change.happenedAt = ongoing ? null : when
  if (pin && (pin.lon !== report.lon || pin.lat !== report.lat)) change.position = { lon: Number(pin.lon.toFixed(6)), lat: Number(pin.lat.toFixed(6)) }
  const valid = ongoing || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(when)
  return (
    <fieldset className="report-correction" data-testid="report-correction">
      <legend>Correct the accepted report</legend>
      <label htmlFor="report-correct-category">Category</label>
      <select id="report-correct-category" value={category} onChange={(event) => setCategory(event.target.value)}>
        {POLICE_UK_CATEGORIES.map((name) => (
          <option key={name}>{name}</option>
        ))}
      </select>
      <label htmlFor="report-correct-when">When it happened (UK time)</label>
      <input id="report-correct-when" type="datetime-local" value={when} disabled={ongoing} onChange={(event) => setWhen(event.target.value)} data-testid="report-correct-when" />
      <label className="check-row">
        <input type="checkbox" checked={ongoing} onChange={(event) => setOngoing(event.target.checked)} /> Ongoing (dated when it was reported)
      </label>
      <details onToggle={(event) => setMovingPin((event.target as HTMLDetailsElement).open)}>
        <summary>Move the pin{pin ? ` (now ${pin.lat.toFixed(5)}, ${pin.lon.toFixed(5)})` : ''}</summary>
        {wards.data && (
          <div className="report-map-box">
            <Suspense fallback={<p>Loading the map…</p>}>
              <PinMap wards={wards.data} pin={pin} centre={pin ? { ...pin, zoom: 16 } : null} onPin={setPin} />
            </Suspense>
          </div>
        )}
      </details>
      <label htmlFor="report-correct-reason">What was wrong (for the audit trail)</label>
      <textarea id="report-correct-reason" rows={2} value={reason} onChange={(event) => setReason(event.target.value)} data-testid="report-correct-reason" />
      <button
        type="button"
        disabled={busy || !reason.trim() || !valid || Object.keys(change).length === 0}
        onClick={() => void act(decisionUrl(report.id, 'correct'), { version: report.version, ...change, reason })}
        data-testid="report-correct"
      >
        Save the correction
      </button>
    </fieldset>
  )
}
