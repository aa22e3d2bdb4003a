import './admin.css'
import { useId, useMemo, useState, type FormEvent } from 'react'
import { AUDIT_ACTIONS, auditUrl, usersUrl, type AdminUser, type AuditFilters, type AuditPage } from './admin-api'
import { apiRequest } from '../../shared/api'
import { AUDIT_ACTION_LABELS, auditActionLabel, describeAuditEntry } from './audit-format'
import { formatDateTime } from '../../shared/dates'
import { useApiQuery } from '../../shared/use-api-query'
import { AdminTabs } from './AdminTabs'
import { EmptyState, ErrorState, LoadingState } from '../../shared/States'

const NO_FILTERS: AuditFilters = { action: null, actor: null, from: null, to: null }
const PAGE_SIZE = 50

/**
 * The entries "Load more" appended to a first page, and the error of the last try. They belong to that first page
 * and to one application of the filters: a new first page (another filter, or the same asked again) starts over.
 */
interface More {
  filters: AuditFilters
  after: AuditPage
  items: AuditPage['items']
  nextCursor: string | null
  error: unknown
}

export function AuditLogPage() {
  const id = useId()
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS)
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS)
  // The first page follows the filters; while the next filters' page comes, the last one shows, marked stale.
  const first = useApiQuery<AuditPage>(auditUrl(filters, null, PAGE_SIZE))
  const current = first.data !== undefined && first.dataUrl === auditUrl(filters, null, PAGE_SIZE)
  const [more, setMore] = useState<More | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  // Targets are "user:12"; the users list turns them into addresses.
  const users = useApiQuery<{ items: AdminUser[] }>(usersUrl)
  const emails = useMemo(() => new Map((users.data?.items ?? []).map((user) => [`user:${user.id}`, user.email])), [users.data])

  const shownMore = more !== null && more.after === first.data && (more.filters === filters || !current) ? more : null
  const pages = first.data
    ? shownMore
      ? { items: [...first.data.items, ...shownMore.items], nextCursor: shownMore.nextCursor }
      : { items: first.data.items, nextCursor: first.data.nextCursor }
    : null
  const moreError = shownMore?.error ?? null

  async function loadMore() {
    if (!first.data || !current || !pages?.nextCursor || loadingMore) return
    const after = first.data
    const cursor = pages.nextCursor
    const base: More = shownMore ?? { filters, after, items: [], nextCursor: cursor, error: null }
    setLoadingMore(true)
    setMore({ ...base, error: null })
    try {
      const next = await apiRequest<AuditPage>(auditUrl(filters, cursor, PAGE_SIZE))
      setMore((previous) => previous && { ...previous, items: [...previous.items, ...next.items], nextCursor: next.nextCursor })
    } catch (error) {
      setMore((previous) => previous && { ...previous, error })
    } finally {
      setLoadingMore(false)
    }
  }

  function apply(event: FormEvent) {
    event.preventDefault()
    setFilters({ ...draft, actor: draft.actor?.trim() || null })
  }

  const filtered = Object.values(filters).some((value) => value !== null)

  return (
    <div className="content">
      <header className="page-header">
        <div>
          <h1>Audit log</h1>
          <p className="page-subtitle">Sign-ins, account changes and imports, newest first. Times are UK time.</p>
        </div>
      </header>
      <AdminTabs current="admin-audit" />

      <form className="toolbar" onSubmit={apply} aria-label="Filter the audit log" data-testid="audit-filters">
        <div className="toolbar-field">
          <label htmlFor={`${id}-action`}>Action</label>
          <select id={`${id}-action`} data-testid="audit-action" value={draft.action ?? ''} onChange={(event) => setDraft({ ...draft, action: AUDIT_ACTIONS.find((action) => action === event.target.value) ?? null })}>
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {AUDIT_ACTION_LABELS[action]} ({action})
              </option>
            ))}
          </select>
        </div>
        <div className="toolbar-field">
          <label htmlFor={`${id}-actor`}>Actor email</label>
          <input
            id={`${id}-actor`}
            type="search"
            spellCheck={false}
            data-testid="audit-actor"
            placeholder="exact address"
            value={draft.actor ?? ''}
            onChange={(event) => setDraft({ ...draft, actor: event.target.value || null })}
          />
        </div>
        <div className="toolbar-field">
          <label htmlFor={`${id}-from`}>From</label>
          <input id={`${id}-from`} type="date" data-testid="audit-from" value={draft.from ?? ''} max={draft.to ?? undefined} onChange={(event) => setDraft({ ...draft, from: event.target.value || null })} />
        </div>
        <div className="toolbar-field">
          <label htmlFor={`${id}-to`}>To</label>
          <input id={`${id}-to`} type="date" data-testid="audit-to" value={draft.to ?? ''} min={draft.from ?? undefined} onChange={(event) => setDraft({ ...draft, to: event.target.value || null })} />
        </div>
        <div className="toolbar-buttons">
          <button type="submit" className="primary" data-testid="audit-apply">
            Apply
          </button>
          <button
            type="button"
            disabled={!filtered && Object.values(draft).every((value) => value === null)}
            onClick={() => {
              setDraft(NO_FILTERS)
              // A fresh object: clearing is a new application of the filters, like Apply.
              setFilters({ ...NO_FILTERS })
            }}
          >
            Clear
          </button>
        </div>
        <div className="toolbar-status" aria-live="polite">
          {first.loading && pages && <LoadingState label="Updating…" />}
        </div>
      </form>

      {first.error && <ErrorState title="Could not load the audit log." error={first.error} onRetry={first.refetch} />}
      {!pages && first.loading && <LoadingState label="Loading the audit log…" />}
      {pages && pages.items.length === 0 && (
        <EmptyState>{filtered ? 'No entries match these filters.' : 'The audit log is empty.'}</EmptyState>
      )}
      {pages && pages.items.length > 0 && (
        <div className={`table-scroll${current ? '' : ' stale'}`}>
          <table className="data-table audit-table" data-testid="audit-table">
            <caption className="visually-hidden">Audit entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">IP address</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {pages.items.map((entry) => {
                const lines = describeAuditEntry(entry)
                return (
                  <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
                    <td className="nowrap">
                      <time dateTime={entry.at}>{formatDateTime(entry.at, true)}</time>
                    </td>
                    <td>{entry.actor?.email ?? <span className="muted">system</span>}</td>
                    <td>
                      <span className={`action action-${entry.action.replace(/[^a-z]+/g, '-')}`}>{auditActionLabel(entry.action)}</span>
                      <span className="action-code">{entry.action}</span>
                    </td>
                    <td>
                      {entry.target ?? ''}
                      {entry.target && emails.has(entry.target) && <span className="action-code">{emails.get(entry.target)}</span>}
                    </td>
                    <td className="nowrap">{entry.ip ?? ''}</td>
                    <td className="audit-details">
                      {lines.map((line, index) => (
                        <div key={index}>{line}</div>
                      ))}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {moreError !== null && <ErrorState title="Could not load more entries." error={moreError} onRetry={loadMore} />}
      {pages?.nextCursor && current && (
        <div className="load-more">
          <button type="button" data-testid="audit-load-more" onClick={loadMore} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
      {pages && current && !pages.nextCursor && pages.items.length > 0 && (
        <p className="hint end-of-log" data-testid="audit-end">
          {pages.items.length} {pages.items.length === 1 ? 'entry' : 'entries'}; that is all.
        </p>
      )}
    </div>
  )
}
