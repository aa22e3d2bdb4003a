import { useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useId, useState } from 'react'
import { followLink } from '../../app/navigation'
import { ApiError, apiRequest, errorMessage } from '../../shared/api'
import { formatDateTime } from '../../shared/dates'
import { ErrorState, FormError, LoadingState } from '../../shared/States'
import { setApiData, useApiQuery } from '../../shared/use-api-query'
import { londonNow } from '../tasks/london-now'
import { isTaskQueryKey, PATROL_OFFICERS_URL, TASK_STATUS_LABELS, TEAMS_URL, type PatrolOfficerList, type TeamList } from '../tasks/tasks-api'
import { formFromPop, popChangeFrom, type PopForm } from './pop-form'
import { OwnerSelect, PartnerPicker, SaraSelect } from './pop-pickers'
import { describeLinkedTasks, describeReview, popWardNames } from './pop-words'
import { formatAreaKm2 } from '../../shared/format'
import { isPopQueryKey, POP_LOG_KINDS, popCloseUrl, popLogUrl, popUrl, SARA_STAGE_LABELS, type PopDetail, type PopLogKind } from './pops-api'

// MapLibre is large: loaded when a POP is opened, not with the register.
const TaskAreaMap = lazy(() => import('../tasks/TaskAreaMap'))

/** The POP the server sent back with a stale version's 409, if that is what the error is. */
function staleCurrent(error: unknown): PopDetail | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  return (error.body as { current?: PopDetail } | null)?.current ?? null
}

export function PopDetailView({ id }: { id: number }) {
  const pop = useApiQuery<PopDetail>(popUrl(id))
  const current = pop.dataUrl === popUrl(id) ? pop.data : undefined
  return (
    <>
      <p>
        <a href="/pops" onClick={followLink} data-testid="back-to-pops">
          ← POP register
        </a>
      </p>
      {pop.error && <ErrorState title="Could not load this POP." error={pop.error} onRetry={pop.refetch} />}
      {!current && !pop.error && <LoadingState label="Loading the POP…" />}
      {current && <PopView key={current.id} loaded={current} />}
    </>
  )
}

/**
 * Edits are made on the version loaded (`base`); a write that meets someone else's newer version is refused by the
 * server with the POP as it is now, which is shown with who saved it: nothing is overwritten unseen.
 */
function PopView({ loaded }: { loaded: PopDetail }) {
  const queryClient = useQueryClient()
  const teams = useApiQuery<TeamList>(TEAMS_URL)
  const officers = useApiQuery<PatrolOfficerList>(PATROL_OFFICERS_URL)
  const [base, setBase] = useState(loaded)
  const [form, setForm] = useState<PopForm>(() => formFromPop(loaded))
  const [theirs, setTheirs] = useState<PopDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const today = londonNow().date

  const accept = (pop: PopDetail, message: string | null, resetForm = true) => {
    setApiData(queryClient, popUrl(pop.id), pop)
    void queryClient.invalidateQueries({ predicate: (query) => (isPopQueryKey(query.queryKey) || isTaskQueryKey(query.queryKey)) && query.queryKey[0] !== popUrl(pop.id) })
    setBase(pop)
    if (resetForm) setForm(formFromPop(pop))
    setTheirs(null)
    setSaved(message)
  }

  const write = async (url: string, method: 'PATCH' | 'POST', body: unknown, message: string, resetForm = true): Promise<boolean> => {
    setError(null)
    setSaved(null)
    setBusy(true)
    try {
      accept(await apiRequest<PopDetail>(url, { method, body }), message, resetForm)
      return true
    } catch (failure) {
      const now = staleCurrent(failure)
      if (now) setTheirs(now)
      else setError(errorMessage(failure))
      return false
    } finally {
      setBusy(false)
    }
  }

  const save = async () => {
    const built = popChangeFrom(form, base)
    if ('problem' in built) return setError(built.problem)
    if (built.change === null) return setSaved('Nothing to save: no field was changed.')
    await write(popUrl(base.id), 'PATCH', built.change, 'Saved.')
  }

  return (
    <>
      <h1 data-testid="pop-title">{base.title}</h1>
      {theirs && (
        <div className="task-conflict" role="alert" data-testid="pop-conflict">
          <p>
            <strong>Someone else changed this POP</strong> while you were editing: it is now version {theirs.version}
            {theirs.updatedBy ? `, saved by ${theirs.updatedBy.name}` : ''} at {formatDateTime(theirs.updatedAt)} (you started from version {base.version}).
            Nothing of yours was saved.
          </p>
          <div className="button-row">
            <button type="button" onClick={() => accept(theirs, `Showing version ${theirs.version}; make your change again if it is still needed.`)} data-testid="pop-conflict-reload">
              Load their version
            </button>
          </div>
        </div>
      )}
      <div className="task-summary" data-testid="pop-summary">
        <p className="task-meta">
          <span className={`status-badge status-${base.status === 'open' ? 'tasked' : 'closed'}`} data-testid="pop-status">
            {base.status === 'open' ? 'Open' : 'Closed'}
          </span>{' '}
          {popWardNames(base)} · area {formatAreaKm2(base.area.areaKm2)} · owner {base.owner.name}
          {base.partners.length > 0 ? ` · partners: ${base.partners.map((team) => team.name).join(', ')}` : ' · no partner teams yet'}
        </p>
        <p data-testid="pop-review">
          <strong>{SARA_STAGE_LABELS[base.saraStage]}</strong>. Review date {base.reviewOn}: {describeReview(base, today)}
          {base.overdue && (
            <span className="overdue-badge" data-testid="pop-overdue">
              overdue
            </span>
          )}
        </p>
        {base.closedReason && <p data-testid="pop-closed-reason">Closed: {base.closedReason}</p>}
        {base.area.geometry && (
          <Suspense fallback={<LoadingState label="Loading the map…" />}>
            <TaskAreaMap geometry={base.area.geometry} label={`The area of POP ${base.title}`} />
          </Suspense>
        )}
        {base.problem !== undefined && (
          <section>
            <h2>The problem</h2>
            <p className="task-problem">{base.problem.trim() === '' ? 'Not described yet.' : base.problem}</p>
          </section>
        )}
      </div>
      <LinkedTasks pop={base} />
      <PopLog pop={base} today={today} busy={busy} onAdd={(body) => write(popLogUrl(base.id), 'POST', body, 'Added to the log.', false)} />
      {base.status === 'open' && (
        <>
          <form
            className="task-editor"
            data-testid="pop-editor"
            noValidate
            onSubmit={(event) => {
              event.preventDefault()
              void save()
            }}
          >
            <h2>Edit</h2>
            <label>
              Title
              <input type="text" maxLength={200} value={form.title} onChange={(event) => setForm({ ...form, title: event.target.value })} data-testid="pop-title-input" />
            </label>
            <label>
              The problem in words
              <textarea rows={3} maxLength={5000} value={form.problem} onChange={(event) => setForm({ ...form, problem: event.target.value })} data-testid="pop-problem-input" />
            </label>
            <SaraSelect value={form.saraStage} onChange={(saraStage) => setForm({ ...form, saraStage })} />
            <label>
              Review date
              <input type="date" value={form.reviewOn} onChange={(event) => setForm({ ...form, reviewOn: event.target.value })} data-testid="pop-review-input" />
            </label>
            <OwnerSelect
              value={form.ownerId}
              onChange={(ownerId) => ownerId !== null && setForm({ ...form, ownerId })}
              officers={officers.data?.items ?? []}
              current={base.owner}
              testId="pop-owner-input"
            />
            <PartnerPicker value={form.partnerTeamIds} onChange={(partnerTeamIds) => setForm({ ...form, partnerTeamIds })} teams={teams.data?.items ?? []} />
            <FormError id={`pop-${base.id}-error`} message={error} testId="pop-error" />
            {saved && (
              <p role="status" data-testid="pop-saved">
                {saved}
              </p>
            )}
            <div className="button-row">
              <button type="submit" className="primary" disabled={busy || theirs !== null} data-testid="pop-save">
                Save changes
              </button>
            </div>
          </form>
          <ClosePop busy={busy || theirs !== null} onClose={(reason) => write(popCloseUrl(base.id), 'POST', { version: base.version, reason }, 'Closed.')} />
        </>
      )}
      {base.status === 'closed' && error && <FormError id={`pop-${base.id}-error`} message={error} testId="pop-error" />}
    </>
  )
}

function LinkedTasks({ pop }: { pop: PopDetail }) {
  return (
    <section className="pop-linked-tasks" data-testid="pop-linked-tasks">
      <h2>Linked tasks</h2>
      <p>{describeLinkedTasks(pop.linkedTasks)}. A task is linked to this POP in the task’s editor (its POP field).</p>
      {pop.tasks && pop.tasks.length > 0 && (
        <ul>
          {pop.tasks.map((task) => (
            <li key={task.id}>
              <a href={`/tasks?task=${task.id}`} onClick={followLink}>
                {task.title}
              </a>{' '}
              <span className={`status-badge status-${task.status}`}>{TASK_STATUS_LABELS[task.status]}</span> {task.startDate} to {task.endDate}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

const KIND_LABELS: Record<PopLogKind, string> = { note: 'Note', decision: 'Decision' }

/** The dated log, newest first, and a form to add to it (an open POP only: a closed one is a record). */
function PopLog({ pop, today, busy, onAdd }: { pop: PopDetail; today: string; busy: boolean; onAdd(entry: { kind: PopLogKind; body: string; date: string }): Promise<boolean> }) {
  const id = useId()
  const [kind, setKind] = useState<PopLogKind>('note')
  const [date, setDate] = useState(today)
  const [body, setBody] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const log = pop.log ?? []
  return (
    <section className="pop-log" data-testid="pop-log">
      <h2>Log of notes and decisions</h2>
      {log.length === 0 ? (
        <p className="muted">Nothing logged yet.</p>
      ) : (
        <ol className="pop-log-entries">
          {log.map((entry) => (
            <li key={entry.id} data-testid="pop-log-entry">
              <p className="pop-log-head">
                <strong>{entry.date}</strong> · {KIND_LABELS[entry.kind]} · {entry.author?.name ?? 'unknown'}
              </p>
              <p className="pop-log-body">{entry.body}</p>
            </li>
          ))}
        </ol>
      )}
      {pop.status === 'open' && (
        <form
          className="task-editor"
          noValidate
          data-testid="pop-log-form"
          onSubmit={(event) => {
            event.preventDefault()
            if (body.trim() === '') return setProblem('Write the note or decision.')
            if (date === '' || date > today) return setProblem(`Choose a date no later than today (${today}).`)
            setProblem(null)
            void onAdd({ kind, body, date }).then((added) => added && setBody(''))
          }}
        >
          <h3>Add to the log</h3>
          <div className="inline-fields">
            <label>
              Kind
              <select value={kind} onChange={(event) => setKind(event.target.value as PopLogKind)} data-testid="pop-log-kind">
                {POP_LOG_KINDS.map((option) => (
                  <option key={option} value={option}>
                    {KIND_LABELS[option]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Date
              <input type="date" max={today} value={date} onChange={(event) => setDate(event.target.value)} data-testid="pop-log-date" />
            </label>
          </div>
          <label>
            What was noted or decided
            <textarea rows={3} maxLength={5000} value={body} onChange={(event) => setBody(event.target.value)} data-testid="pop-log-body" />
          </label>
          <FormError id={`${id}-error`} message={problem} testId="pop-log-error" />
          <div className="button-row">
            <button type="submit" disabled={busy} data-testid="pop-log-submit">
              Add entry
            </button>
          </div>
        </form>
      )}
    </section>
  )
}

function ClosePop({ busy, onClose }: { busy: boolean; onClose(reason: string): Promise<boolean> }) {
  const [reason, setReason] = useState('')
  return (
    <form
      className="task-status-change"
      data-testid="pop-close"
      onSubmit={(event) => {
        event.preventDefault()
        if (reason.trim() !== '') void onClose(reason)
      }}
    >
      <h2>Close this POP</h2>
      <label>
        Why it is closed (required: solved, handed on, no longer a problem)
        <textarea rows={2} maxLength={5000} value={reason} onChange={(event) => setReason(event.target.value)} data-testid="pop-close-reason" />
      </label>
      <div className="button-row">
        <button type="submit" disabled={busy || reason.trim() === ''} data-testid="pop-close-submit">
          Close POP
        </button>
      </div>
    </form>
  )
}
