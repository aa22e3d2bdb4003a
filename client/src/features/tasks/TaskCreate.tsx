import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { followLink, navigate } from '../../app/navigation'
import { apiRequest, errorMessage, wardListUrl, type WardListAnswer } from '../../shared/api'
import { IMPORTED_DATA_STALE_MS } from '../../shared/query-client'
import { ErrorState, FormError, LoadingState } from '../../shared/States'
import { setApiData, useApiQuery } from '../../shared/use-api-query'
import { londonNow } from './london-now'
import { clearPendingArea, readPendingArea } from './new-task-area'
import { emptyForm, newTaskFrom, type TaskForm } from './task-form'
import { TaskFields } from './TaskFields'
import { OPEN_POPS_URL, type PopList } from '../pops/pops-api'
import { isTaskQueryKey, TASKS_URL, taskUrl, TEAMS_URL, PATROL_OFFICERS_URL, type PatrolOfficerList, type Task, type TeamList } from './tasks-api'

/**
 * A new task, for an area handed over from elsewhere (a ranked problem location's cells) or for a ward picked here.
 * Saved as proposed; the editor then moves it along.
 */
export function TaskCreate({ fromArea }: { fromArea: boolean }) {
  const queryClient = useQueryClient()
  const [pending] = useState(() => (fromArea ? readPendingArea(window.sessionStorage) : null))
  const [ward, setWard] = useState('')
  const [form, setForm] = useState<TaskForm>(() => emptyForm(londonNow().date, pending?.title ?? ''))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const teams = useApiQuery<TeamList>(TEAMS_URL)
  const officers = useApiQuery<PatrolOfficerList>(PATROL_OFFICERS_URL)
  const openPops = useApiQuery<PopList>(OPEN_POPS_URL)
  const wards = useApiQuery<WardListAnswer>(pending ? null : wardListUrl, { staleTime: IMPORTED_DATA_STALE_MS })

  const create = async () => {
    setError(null)
    const area = pending?.area ?? (ward === '' ? null : { source: 'ward' as const, ward })
    if (area === null) return setError('Choose the ward the task covers.')
    const built = newTaskFrom(form, area)
    if ('problem' in built) return setError(built.problem)
    setBusy(true)
    try {
      const body = pending?.meetingId ? { ...built.task, meetingId: pending.meetingId } : built.task
      const task = await apiRequest<Task>(TASKS_URL, { method: 'POST', body })
      clearPendingArea(window.sessionStorage)
      setApiData(queryClient, taskUrl(task.id), task)
      void queryClient.invalidateQueries({ predicate: (query) => isTaskQueryKey(query.queryKey) && query.queryKey[0] !== taskUrl(task.id) })
      navigate(`/tasks?task=${task.id}`, { replace: true })
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  if (fromArea && !pending) {
    return <ErrorState title="No area to task." error={new Error('Open the map’s Hotspots mode and use “Task a patrol” on a problem location, or make a task for a ward from the task list.')} />
  }

  return (
    <>
      <p>
        <a href="/tasks" onClick={followLink}>
          ← Tasks
        </a>
      </p>
      <h1>New task</h1>
      <form
        className="task-editor"
        data-testid="task-create"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void create()
        }}
      >
        {pending ? (
          <p data-testid="task-area-source">
            Area: {pending.label}.{pending.meetingId ? ` Set at JAG meeting #${pending.meetingId}.` : ''}
          </p>
        ) : (
          <label>
            Ward
            {wards.error && <ErrorState title="Could not load the wards." error={wards.error} onRetry={wards.refetch} />}
            {!wards.data && !wards.error && <LoadingState label="Loading the wards…" />}
            <select value={ward} onChange={(event) => setWard(event.target.value)} data-testid="task-ward-input" disabled={!wards.data}>
              <option value="">Choose a ward…</option>
              {wards.data?.items.map((option) => (
                <option key={option.code} value={option.code}>
                  {option.name} ({option.councilName})
                </option>
              ))}
            </select>
          </label>
        )}
        <TaskFields
          form={form}
          onChange={setForm}
          teams={teams.data?.items ?? []}
          officers={officers.data?.items ?? []}
          pops={openPops.data?.items ?? []}
          area={pending?.area ?? (ward === '' ? null : { source: 'ward', ward })}
        />
        <FormError id="task-create-error" message={error} testId="task-error" />
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy} data-testid="task-create-submit">
            {busy ? 'Creating…' : 'Create task (proposed)'}
          </button>
        </div>
      </form>
    </>
  )
}
