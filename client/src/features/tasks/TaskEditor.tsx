import { useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useState } from 'react'
import { followLink } from '../../app/navigation'
import { ApiError, apiRequest, errorMessage } from '../../shared/api'
import { formatDateTime } from '../../shared/dates'
import { ErrorState, FormError, LoadingState } from '../../shared/States'
import { setApiData, useApiQuery } from '../../shared/use-api-query'
import { changedFields, formFromTask, rebaseForm, taskChangeFrom, type TaskForm } from './task-form'
import { TaskFields } from './TaskFields'
import { OPEN_POPS_URL, type PopList } from '../pops/pops-api'
import { TaskSummary } from './TaskSummary'
import { VisitList } from './VisitList'
import { isTaskQueryKey, TASK_MOVES, TASK_STATUS_LABELS, taskStatusUrl, taskUrl, TEAMS_URL, PATROL_OFFICERS_URL, type AreaInput, type PatrolOfficerList, type Task, type TaskStatus, type TeamList } from './tasks-api'

// The evaluation brings recharts: loaded when a task is opened, not with the task list.
const EvaluationPanel = lazy(() => import('../evaluation/EvaluationPanel'))

/** The task the server sent back with a stale version's 409, if that is what the error is. */
function staleCurrent(error: unknown): Task | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  const body = error.body as { current?: Task } | null
  return body?.current ?? null
}

export function TaskEditor({ id }: { id: number }) {
  const task = useApiQuery<Task>(taskUrl(id))
  const current = task.dataUrl === taskUrl(id) ? task.data : undefined
  return (
    <>
      <p>
        <a href="/tasks" onClick={followLink} data-testid="back-to-tasks">
          ← Tasks
        </a>
      </p>
      {task.error && <ErrorState title="Could not load this task." error={task.error} onRetry={task.refetch} />}
      {!current && !task.error && <LoadingState label="Loading the task…" />}
      {current && <EditTask key={current.id} loaded={current} />}
    </>
  )
}

/**
 * Edits are made on the version loaded (`base`). A write that finds someone else's newer version is refused by the
 * server with the task as it is now; the user then sees who changed what and chooses: take theirs (losing their own
 * edits, knowingly) or lay their edits over it and look again before saving. Nothing is overwritten unseen.
 */
function EditTask({ loaded }: { loaded: Task }) {
  const queryClient = useQueryClient()
  const teams = useApiQuery<TeamList>(TEAMS_URL)
  const officers = useApiQuery<PatrolOfficerList>(PATROL_OFFICERS_URL)
  const openPops = useApiQuery<PopList>(OPEN_POPS_URL)
  const [base, setBase] = useState(loaded)
  const [form, setForm] = useState<TaskForm>(() => formFromTask(loaded))
  const [theirs, setTheirs] = useState<Task | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const accept = (task: Task, message: string) => {
    setApiData(queryClient, taskUrl(task.id), task)
    void queryClient.invalidateQueries({ predicate: (query) => isTaskQueryKey(query.queryKey) && query.queryKey[0] !== taskUrl(task.id) })
    setBase(task)
    setForm(formFromTask(task))
    setTheirs(null)
    setSaved(message)
  }

  const failed = (failure: unknown) => {
    const now = staleCurrent(failure)
    if (now) setTheirs(now)
    else setError(errorMessage(failure))
  }

  const save = async () => {
    setError(null)
    setSaved(null)
    const built = taskChangeFrom(form, base)
    if ('problem' in built) return setError(built.problem)
    if (built.change === null) return setSaved('Nothing to save: no field was changed.')
    setBusy(true)
    try {
      accept(await apiRequest<Task>(taskUrl(base.id), { method: 'PATCH', body: built.change }), 'Saved.')
    } catch (failure) {
      failed(failure)
    } finally {
      setBusy(false)
    }
  }

  const moveTo = async (to: TaskStatus, reason: string, outcome: string) => {
    setError(null)
    setSaved(null)
    setBusy(true)
    try {
      const body = { to, version: base.version, ...(reason.trim() ? { reason } : {}), ...(outcome.trim() ? { outcome } : {}) }
      accept(await apiRequest<Task>(taskStatusUrl(base.id), { method: 'POST', body }), `Now ${TASK_STATUS_LABELS[to].toLowerCase()}.`)
    } catch (failure) {
      failed(failure)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <h1 data-testid="task-title">{base.title}</h1>
      {theirs && (
        <div className="task-conflict" role="alert" data-testid="task-conflict">
          <p>
            <strong>Someone else changed this task</strong> while you were editing: it is now version {theirs.version}
            {theirs.updatedBy ? `, saved by ${theirs.updatedBy.name}` : ''} at {formatDateTime(theirs.updatedAt)} (you started from version {base.version}).
            {changedFields(base, theirs).length > 0 ? ` They changed: ${changedFields(base, theirs).join(', ')}.` : ''} Nothing of yours was saved.
          </p>
          <div className="button-row">
            <button type="button" onClick={() => accept(theirs, `Showing version ${theirs.version}; your edits were discarded.`)} data-testid="conflict-reload">
              Load their version (discard my edits)
            </button>
            <button
              type="button"
              onClick={() => {
                setForm(rebaseForm(form, base, theirs))
                setBase(theirs)
                setTheirs(null)
                setSaved('Your edits are laid over their version: check them, then save again.')
              }}
              data-testid="conflict-reapply"
            >
              Reapply my edits on their version
            </button>
          </div>
        </div>
      )}
      <TaskSummary task={base} />
      {base.status === 'closed' ? (
        <p data-testid="task-outcome">Closed: {base.outcome ?? 'no outcome recorded'}. A closed task is a record and is not edited.</p>
      ) : (
        <form
          className="task-editor"
          data-testid="task-editor"
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            void save()
          }}
        >
          <h2>Edit</h2>
          <TaskFields
            form={form}
            onChange={setForm}
            teams={teams.data?.items ?? []}
            officers={officers.data?.items ?? []}
            pops={openPops.data?.items ?? []}
            area={areaOfTask(base)}
          />
          <FormError id={`task-${base.id}-error`} message={error} testId="task-error" />
          {saved && (
            <p role="status" data-testid="task-saved">
              {saved}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="primary" disabled={busy || theirs !== null} data-testid="task-save">
              Save changes
            </button>
          </div>
        </form>
      )}
      <StatusChange task={base} busy={busy || theirs !== null} onMove={moveTo} />
      <VisitList taskId={base.id} />
      <Suspense fallback={<LoadingState label="Loading the evaluation…" />}>
        <EvaluationPanel taskId={base.id} />
      </Suspense>
    </>
  )
}

/** Only the moves task-status.ts allows from here; a reason to escalate and an outcome to close, as the server requires. */
function StatusChange({ task, busy, onMove }: { task: Task; busy: boolean; onMove(to: TaskStatus, reason: string, outcome: string): void }) {
  const moves = TASK_MOVES[task.status]
  const [to, setTo] = useState<TaskStatus | ''>('')
  const [reason, setReason] = useState('')
  const [outcome, setOutcome] = useState('')
  if (moves.length === 0) return null
  const target = to !== '' && moves.includes(to) ? to : ''
  const needsReason = target === 'escalated'
  const needsOutcome = target === 'closed'
  const ready = target !== '' && (!needsReason || reason.trim() !== '') && (!needsOutcome || outcome.trim() !== '')
  return (
    <form
      className="task-status-change"
      data-testid="task-status-change"
      onSubmit={(event) => {
        event.preventDefault()
        if (target !== '') onMove(target, reason, outcome)
      }}
    >
      <h2>Status: {TASK_STATUS_LABELS[task.status]}</h2>
      <label>
        Move to
        <select value={target} onChange={(event) => setTo(event.target.value as TaskStatus | '')} data-testid="status-to">
          <option value="">Choose…</option>
          {moves.map((move) => (
            <option key={move} value={move}>
              {TASK_STATUS_LABELS[move]}
            </option>
          ))}
        </select>
      </label>
      {target === 'tasked' && task.leadTeam === null && <p className="hint">A task needs a lead team to be tasked: choose one above and save first.</p>}
      <label>
        Reason{needsReason ? ' (required to escalate)' : ' (for the audit trail)'}
        <textarea rows={2} maxLength={1000} value={reason} onChange={(event) => setReason(event.target.value)} data-testid="status-reason" />
      </label>
      {needsOutcome && (
        <label>
          Outcome (required to close)
          <textarea rows={3} maxLength={5000} value={outcome} onChange={(event) => setOutcome(event.target.value)} data-testid="status-outcome" />
        </label>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy || !ready} data-testid="status-submit">
          Change status
        </button>
      </div>
    </form>
  )
}

/** A stored task's area as a request names it: its ward, its cells, or its outline. */
function areaOfTask(task: Task): AreaInput {
  const { area } = task
  if (area.source === 'ward' && area.ward) return { source: 'ward', ward: area.ward }
  if ((area.source === 'cells' || area.source === 'problem-location') && area.cells && area.res !== null) return { source: area.source, res: area.res, cells: area.cells }
  return { source: 'polygon', polygon: area.geometry }
}
