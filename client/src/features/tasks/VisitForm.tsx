import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useId, useState } from 'react'
import { apiRequest, errorMessage } from '../../shared/api'
import { FormError } from '../../shared/States'
import { londonNow } from './london-now'
import { isTaskQueryKey, taskVisitsUrl, VISIT_ACTION_LABELS, VISIT_ACTIONS, type Task, type Visit, type VisitAction } from './tasks-api'
import { isNetworkFailure } from './use-visit-outbox'
import { clearDraft, loadDraft, saveDraft, visitFromDraft, type OutboxEntry, type VisitDraft } from './visit-outbox'

function freshDraft(task: Task): VisitDraft {
  const { date, time } = londonNow()
  return { date, startTime: time, minutes: String(task.dosage.minutesPerVisit), officerIds: [], actions: {}, notes: '', location: null, idempotencyKey: null }
}

type Outcome = { kind: 'recorded'; visit: Visit } | { kind: 'queued'; idempotencyKey: string } | null

interface VisitFormProps {
  task: Task
  /** The idempotency keys of the visits waiting in the outbox, to say when a queued one has gone. */
  waitingKeys: readonly string[]
  onQueue(entry: OutboxEntry): void
  onDone(): void
}

/**
 * Recording a visit in the street, on a phone: large targets, one column, steppers for the action counts. The draft
 * is kept on the device as it is typed; a visit that cannot be sent waits in the outbox with its idempotency key.
 */
export function VisitForm({ task, waitingKeys, onQueue, onDone }: VisitFormProps) {
  const queryClient = useQueryClient()
  const id = useId()
  const [draft, setDraft] = useState<VisitDraft>(() => loadDraft(window.localStorage, task.id) ?? freshDraft(task))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [locating, setLocating] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<Outcome>(null)

  useEffect(() => {
    if (outcome === null) saveDraft(window.localStorage, task.id, draft)
  }, [draft, task.id, outcome])

  const update = (change: Partial<VisitDraft>) => setDraft((previous) => ({ ...previous, ...change }))
  const step = (kind: VisitAction, by: number) =>
    setDraft((previous) => ({ ...previous, actions: { ...previous.actions, [kind]: Math.max(0, Math.min(1000, (previous.actions[kind] ?? 0) + by)) } }))

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocating('This device cannot give its location.')
      return
    }
    setLocating('Finding your location…')
    navigator.geolocation.getCurrentPosition(
      (position) => {
        update({ location: { lon: position.coords.longitude, lat: position.coords.latitude } })
        setLocating(`Location found (within about ${Math.round(position.coords.accuracy)} m).`)
      },
      (failure) => setLocating(`No location: ${failure.message || 'permission refused'}.`),
      { enableHighAccuracy: true, timeout: 15_000 },
    )
  }

  const submit = async () => {
    setError(null)
    // The key is made once per visit and kept with the draft: submitting again after a lost reply is the same visit.
    const idempotencyKey = draft.idempotencyKey ?? crypto.randomUUID()
    if (draft.idempotencyKey === null) {
      const keyed = { ...draft, idempotencyKey }
      setDraft(keyed)
      saveDraft(window.localStorage, task.id, keyed)
    }
    const built = visitFromDraft(draft, idempotencyKey)
    if ('problem' in built) {
      setError(built.problem)
      return
    }
    setBusy(true)
    try {
      const visit = await apiRequest<Visit>(taskVisitsUrl(task.id), { method: 'POST', body: built.visit })
      clearDraft(window.localStorage, task.id)
      setOutcome({ kind: 'recorded', visit })
      void queryClient.invalidateQueries({ predicate: (query) => isTaskQueryKey(query.queryKey) })
    } catch (failure) {
      if (isNetworkFailure(failure)) {
        onQueue({ taskId: task.id, taskTitle: task.title, visit: built.visit, queuedAt: new Date().toISOString(), refused: null })
        clearDraft(window.localStorage, task.id)
        setOutcome({ kind: 'queued', idempotencyKey: built.visit.idempotencyKey })
      } else {
        setError(errorMessage(failure))
      }
    } finally {
      setBusy(false)
    }
  }

  if (outcome !== null) {
    return (
      <section className="visit-form visit-done" aria-labelledby={`${id}-done`} data-testid="visit-done">
        <h3 id={`${id}-done`} role="status">
          {outcome.kind === 'recorded'
            ? 'Visit recorded.'
            : waitingKeys.includes(outcome.idempotencyKey)
              ? 'No connection: the visit is kept on this device and will be sent when the connection returns.'
              : 'The connection is back: the visit kept on this device has been sent.'}
        </h3>
        {outcome.kind === 'recorded' && outcome.visit.outsideArea === true && (
          <p className="visit-warning" data-testid="visit-outside">
            Your location was outside the task area (more than 25 m from it). The visit is recorded and flagged.
          </p>
        )}
        <button type="button" className="big-button" onClick={onDone} data-autofocus>
          Done
        </button>
      </section>
    )
  }

  const field = (name: string) => `${id}-${name}`
  return (
    <form
      className="visit-form"
      aria-labelledby={field('title')}
      data-testid="visit-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <h3 id={field('title')}>Record a visit</h3>
      <div className="visit-row">
        <label htmlFor={field('date')}>Date</label>
        <input id={field('date')} type="date" value={draft.date} onChange={(event) => update({ date: event.target.value })} data-testid="visit-date" />
      </div>
      <div className="visit-row">
        <label htmlFor={field('time')}>Started at</label>
        <input id={field('time')} type="time" value={draft.startTime} onChange={(event) => update({ startTime: event.target.value })} data-testid="visit-time" />
      </div>
      <div className="visit-row">
        <label htmlFor={field('minutes')}>Minutes on patrol</label>
        <input
          id={field('minutes')}
          type="number"
          inputMode="numeric"
          min={1}
          max={720}
          value={draft.minutes}
          onChange={(event) => update({ minutes: event.target.value })}
          data-testid="visit-minutes"
        />
      </div>
      {task.officers.length > 0 && (
        <fieldset className="visit-officers">
          <legend>Officers (none ticked: you)</legend>
          {task.officers.map((officer) => (
            <label key={officer.id} className="check-row">
              <input
                type="checkbox"
                checked={draft.officerIds.includes(officer.id)}
                onChange={(event) =>
                  update({ officerIds: event.target.checked ? [...draft.officerIds, officer.id] : draft.officerIds.filter((officerId) => officerId !== officer.id) })
                }
              />
              {officer.name}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="visit-actions">
        <legend>What you did</legend>
        {VISIT_ACTIONS.map((kind) => {
          const count = draft.actions[kind] ?? 0
          return (
            <div key={kind} className="stepper" data-testid={`action-${kind}`}>
              <span className="stepper-label" id={field(`action-${kind}`)}>
                {VISIT_ACTION_LABELS[kind]}
              </span>
              <button type="button" aria-label={`One fewer: ${VISIT_ACTION_LABELS[kind]}`} onClick={() => step(kind, -1)} disabled={count === 0}>
                −
              </button>
              <output aria-labelledby={field(`action-${kind}`)} aria-live="polite" data-testid="action-count">
                {count}
              </output>
              <button type="button" aria-label={`One more: ${VISIT_ACTION_LABELS[kind]}`} onClick={() => step(kind, 1)} data-testid="action-more">
                +
              </button>
            </div>
          )
        })}
      </fieldset>
      <div className="visit-row visit-notes">
        <label htmlFor={field('notes')}>Notes</label>
        <textarea id={field('notes')} rows={3} value={draft.notes} onChange={(event) => update({ notes: event.target.value })} data-testid="visit-notes" />
      </div>
      <div className="visit-location">
        {draft.location === null ? (
          <button type="button" className="secondary-button" onClick={locate} data-testid="visit-locate">
            Use my location
          </button>
        ) : (
          <button type="button" className="secondary-button" onClick={() => update({ location: null })}>
            Forget my location
          </button>
        )}
        {locating && <p className="hint" role="status">{locating}</p>}
      </div>
      <FormError id={field('error')} message={error} testId="visit-error" />
      <div className="visit-buttons">
        <button type="submit" className="big-button" disabled={busy} data-testid="visit-submit">
          {busy ? 'Sending…' : 'Record visit'}
        </button>
        <button type="button" className="secondary-button" onClick={onDone}>
          Close (the draft is kept)
        </button>
      </div>
    </form>
  )
}
