import { useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { followLink } from '../../app/navigation'
import { apiRequest, errorMessage, wardListUrl, type User, type WardListAnswer } from '../../shared/api'
import { formatDateTime } from '../../shared/dates'
import { EmptyState, ErrorState, FormError, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import {
  archiveUrl, CONTACT_KINDS, CONTACT_LABELS, contactsUrl, contactUrl, publishUrl, reportCsvUrl, reportPageUrl, reportPdfUrl, retryEmailUrl, unsentEmailsUrl, unsentEmailWords,
  type ContactKind, type PublishedMeta, type StoredContact, type UnsentEmail, type UnsentEmailAnswer,
} from './weekly-reports-api'
import './weekly-reports.css'

const isArchiveKey = (key: readonly unknown[]) => typeof key[0] === 'string' && (key[0].startsWith('/api/weekly-reports') || key[0].startsWith('/api/ward-contacts'))

/**
 * Every published weekly report the user may read (councillors: their wards), newest first, each version with what
 * it changed; analysts publish one now; admins keep each ward's named contacts.
 */
export function WeeklyReportsPage({ user }: { user: User }) {
  const isStaff = user.role !== 'councillor'
  const [ward, setWard] = useState<string>('')
  const wards = useApiQuery<WardListAnswer>(isStaff ? wardListUrl : null, { staleTime: 600_000 })
  const wardChoices = isStaff ? (wards.data?.items ?? []).map((item) => ({ code: item.code, name: item.name })) : user.wards
  const archive = useApiQuery<{ items: PublishedMeta[] }>(archiveUrl(ward || null))
  return (
    <div className="content weekly-reports" data-testid="weekly-reports">
      <h1>Weekly ward reports</h1>
      <p>
        Each ward’s report is published every Monday for the week before (or, where a ward’s records are dated to the month only, for the latest month) and never changes
        afterwards; a correction is a new version that says what changed.
      </p>
      <label className="inline-field">
        Ward{' '}
        <select value={ward} onChange={(event) => setWard(event.target.value)} data-testid="weekly-ward">
          <option value="">{isStaff ? 'every ward' : 'all my wards'}</option>
          {wardChoices.map((choice) => (
            <option key={choice.code} value={choice.code}>
              {choice.name}
            </option>
          ))}
        </select>
      </label>
      {(user.role === 'admin' || user.role === 'analyst') && ward && <PublishNow ward={ward} />}
      {archive.error && <ErrorState title="Could not load the reports." error={archive.error} onRetry={archive.refetch} />}
      {!archive.data && !archive.error && <LoadingState label="Loading the reports…" />}
      {archive.data && archive.data.items.length === 0 && <EmptyState testId="weekly-empty">No report has been published {ward ? 'for this ward ' : ''}yet.</EmptyState>}
      {archive.data && archive.data.items.length > 0 && (
        // Scrolls sideways in its own box on a phone rather than pushing the page wider; focusable so keys scroll it.
        <div className="table-scroll" role="region" aria-label="Published reports" tabIndex={0}>
          <table className="report-table" data-testid="weekly-archive">
            <thead>
              <tr>
                <th scope="col">Ward</th>
                <th scope="col">Period</th>
                <th scope="col">Version</th>
                <th scope="col">Published</th>
                <th scope="col">Downloads</th>
              </tr>
            </thead>
            <tbody>
              {archive.data.items.map((item) => (
                <tr key={item.id} data-testid={`weekly-row-${item.wardCode}-${item.period}-v${item.version}`}>
                  <td>{item.wardName}</td>
                  <td>
                    <a href={reportPageUrl(item.wardCode, item.period, item.version)} onClick={followLink}>
                      {item.periodLabel}
                    </a>
                  </td>
                  <td>
                    {item.version}
                    {item.changes ? <span className="note"> — {item.changes}</span> : null}
                  </td>
                  <td>{item.publishedAt.slice(0, 10)}</td>
                  <td>
                    <a href={reportPdfUrl(item.wardCode, item.period, item.version)} download>
                      PDF
                    </a>{' '}
                    <a href={reportCsvUrl(item.wardCode, item.period, item.version)} download>
                      CSV
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {user.role === 'admin' && <UnsentEmails />}
      {user.role === 'admin' && ward && <ContactsEditor key={ward} ward={ward} />}
    </div>
  )
}

function PublishNow({ ward }: { ward: string }) {
  const queryClient = useQueryClient()
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent, reissue: boolean) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const answer = await apiRequest<{ published: boolean; report: PublishedMeta }>(publishUrl, { method: 'POST', body: { ward, ...(reissue ? { reissue: true } : {}) } })
      setMessage(answer.published ? `Published ${answer.report.periodLabel}, version ${answer.report.version}.` : `${answer.report.periodLabel} was already published (version ${answer.report.version}).`)
      void queryClient.invalidateQueries({ predicate: (query) => isArchiveKey(query.queryKey) })
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="button-row" onSubmit={(event) => void submit(event, false)}>
      <button type="submit" disabled={busy} data-testid="weekly-publish">
        Publish this ward’s report now
      </button>
      <button type="button" disabled={busy} onClick={(event) => void submit(event, true)} data-testid="weekly-reissue">
        Re-issue with today’s data
      </button>
      {message && <span role="status">{message}</span>}
      <FormError id="weekly-publish-error" message={error} />
    </form>
  )
}

/** Admins: the e-mails of published reports that have not gone (given up on, or failing and tried again later). */
function UnsentEmails() {
  const emails = useApiQuery<UnsentEmailAnswer>(unsentEmailsUrl)
  return (
    <section className="unsent-emails" data-testid="weekly-unsent-emails" aria-labelledby="unsent-emails-heading">
      <h2 id="unsent-emails-heading">Report e-mails not sent</h2>
      {emails.data && !emails.data.mailConfigured && (
        <p className="note" data-testid="weekly-mail-off">
          This server has no e-mail set up (SMTP_URL), so it sends none of these; a server that has will.
        </p>
      )}
      {emails.error && <ErrorState title="Could not load the e-mails." error={emails.error} onRetry={emails.refetch} />}
      {!emails.data && !emails.error && <LoadingState label="Loading the e-mails…" />}
      {emails.data && emails.data.items.length === 0 && <EmptyState testId="weekly-unsent-empty">Every report e-mail has gone, or is on its way.</EmptyState>}
      {emails.data && emails.data.items.length > 0 && (
        <table className="report-table" data-testid="weekly-unsent-table">
          <thead>
            <tr>
              <th scope="col">Ward</th>
              <th scope="col">Period</th>
              <th scope="col">To</th>
              <th scope="col">Where it stands</th>
              <th scope="col">Last error</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {emails.data.items.map((email) => (
              <UnsentEmailRow key={`${email.id}-${email.attempts}-${email.status}`} email={email} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function UnsentEmailRow({ email }: { email: UnsentEmail }) {
  const queryClient = useQueryClient()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const retry = async () => {
    setBusy(true)
    setError(null)
    try {
      await apiRequest<UnsentEmail>(retryEmailUrl(email.id), { method: 'POST' })
      setMessage('Trying again now.')
      // Sending takes a PDF render and the SMTP server's answer: the list is asked again after a few seconds.
      window.setTimeout(() => void queryClient.invalidateQueries({ queryKey: [unsentEmailsUrl] }), 4000)
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }
  const errorId = `unsent-email-${email.id}-error`
  return (
    <tr data-testid={`weekly-unsent-${email.id}`}>
      <td data-label="Ward">{email.wardName}</td>
      <td data-label="Period">
        <a href={reportPageUrl(email.wardCode, email.period, email.version)} onClick={followLink}>
          {email.periodLabel}
        </a>
        {email.version > 1 ? <span className="note"> (version {email.version})</span> : null}
      </td>
      <td data-label="To">{email.recipient}</td>
      <td data-label="Where it stands" data-testid="weekly-unsent-status">{unsentEmailWords(email, email.nextAttemptAt ? formatDateTime(email.nextAttemptAt) : null)}</td>
      <td data-label="Last error" className="unsent-error">
        {email.lastError}
      </td>
      <td>
        <button type="button" disabled={busy} onClick={() => void retry()} aria-describedby={errorId} data-testid="weekly-unsent-retry">
          Try again now
        </button>
        {message && <span role="status">{message}</span>}
        <FormError id={errorId} message={error} />
      </td>
    </tr>
  )
}

function ContactsEditor({ ward }: { ward: string }) {
  const contacts = useApiQuery<{ items: StoredContact[] }>(contactsUrl(ward))
  // Here, not in a row: a saved row is drawn anew from the server's answer, and its own state goes with it.
  const [saved, setSaved] = useState<string | null>(null)
  return (
    <section className="contacts-editor" data-testid="weekly-contacts-editor">
      <h2>Named contacts for this ward</h2>
      <p className="note">Reports published from now on name them; published reports keep the contacts they were published with.</p>
      {contacts.data &&
        CONTACT_KINDS.map((kind) => (
          <ContactRow
            key={`${ward}-${kind}-${contacts.data!.items.find((item) => item.kind === kind)?.updatedAt ?? ''}`}
            ward={ward}
            kind={kind}
            current={contacts.data!.items.find((item) => item.kind === kind) ?? null}
            onSaved={setSaved}
          />
        ))}
      {!contacts.data && !contacts.error && <LoadingState label="Loading the contacts…" />}
      {contacts.error && <ErrorState title="Could not load the contacts." error={contacts.error} onRetry={contacts.refetch} />}
      {saved && (
        <p role="status" data-testid="weekly-contacts-saved">
          {saved}
        </p>
      )}
    </section>
  )
}

function ContactRow({ ward, kind, current, onSaved }: { ward: string; kind: ContactKind; current: StoredContact | null; onSaved(words: string): void }) {
  const queryClient = useQueryClient()
  const [name, setName] = useState(current?.name ?? '')
  const [email, setEmail] = useState(current?.email ?? '')
  const [phone, setPhone] = useState(current?.phone ?? '')
  const [error, setError] = useState<string | null>(null)
  const save = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    const label = CONTACT_LABELS[kind].toLowerCase()
    try {
      let words: string
      if (name.trim() === '') {
        if (!current) return
        await apiRequest(contactUrl(ward, kind), { method: 'DELETE' })
        words = `Removed the ${label}.`
      } else {
        await apiRequest(contactUrl(ward, kind), { method: 'PUT', body: { name: name.trim(), email: email.trim() || null, phone: phone.trim() || null } })
        words = `Saved ${name.trim()} as the ${label}.`
      }
      // Said once the contacts are read back, so what the form shows then is what is stored.
      await queryClient.invalidateQueries({ predicate: (query) => isArchiveKey(query.queryKey) })
      onSaved(words)
    } catch (failure) {
      setError(errorMessage(failure))
    }
  }
  const id = `contact-${kind}`
  return (
    <form className="contact-row" onSubmit={(event) => void save(event)} data-testid={id}>
      <strong>{CONTACT_LABELS[kind]}</strong>
      <label>
        Name <input value={name} onChange={(event) => setName(event.target.value)} maxLength={120} aria-describedby={`${id}-error`} />
      </label>
      <label>
        E-mail <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} maxLength={200} />
      </label>
      <label>
        Phone <input value={phone} onChange={(event) => setPhone(event.target.value)} maxLength={40} />
      </label>
      <button type="submit">{name.trim() === '' && current ? 'Remove' : 'Save'}</button>
      <FormError id={`${id}-error`} message={error} />
    </form>
  )
}
