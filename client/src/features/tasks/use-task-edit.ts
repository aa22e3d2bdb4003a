import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ApiError, apiRequest, errorMessage } from '../../shared/api'
import { setApiData } from '../../shared/use-api-query'
import { formFromTask, rebaseForm, taskChangeFrom, type TaskForm } from './task-form'
import { isTaskQueryKey, TASK_STATUS_LABELS, taskStatusUrl, taskUrl, type Task, type TaskStatus } from './tasks-api'

/** The task the server sent back with a stale version's 409, if that is what the error is. */
function staleCurrent(error: unknown): Task | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  const body = error.body as { current?: Task } | null
  return body?.current ?? null
}

export interface TaskEdit {
  /** The version the edits are made on. */
  base: Task
  form: TaskForm
  setForm(form: TaskForm): void
  /** The task as someone else saved it meanwhile (a 409), until the user takes it or reapplies their edits on it. */
  theirs: Task | null
  error: string | null
  saved: string | null
  busy: boolean
  save(): Promise<void>
  moveTo(to: TaskStatus, reason: string, outcome: string): Promise<void>
  /** After a 409: show their version, discarding the user's edits. */
  takeTheirs(): void
  /** After a 409: the user's edits laid over their version, to check and save again. */
  reapplyMine(): void
}

/**
 * Editing one task, wherever it is edited (its page, the JAG agenda): edits are made on the version loaded (`base`). A
 * write that finds someone else's newer version is refused by the server with the task as it is now; the user then
 * sees who changed what and chooses: take theirs (losing their own edits, knowingly) or lay their edits over it and
 * look again before saving. Nothing is overwritten unseen. `onAccepted` follows every saved change (and a version
 * taken), for answers beyond the tasking API's that show the task.
 */
export function useTaskEdit(loaded: Task, onAccepted?: (task: Task) => void): TaskEdit {
  const queryClient = useQueryClient()
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
    onAccepted?.(task)
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

  const takeTheirs = () => {
    if (theirs) accept(theirs, `Showing version ${theirs.version}; your edits were discarded.`)
  }

  const reapplyMine = () => {
    if (!theirs) return
    setForm(rebaseForm(form, base, theirs))
    setBase(theirs)
    setTheirs(null)
    setSaved('Your edits are laid over their version: check them, then save again.')
  }

  return { base, form, setForm, theirs, error, saved, busy, save, moveTo, takeTheirs, reapplyMine }
}
