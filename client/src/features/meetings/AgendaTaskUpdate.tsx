import { useQueryClient } from '@tanstack/react-query'
import { followLink } from '../../app/navigation'
import { ErrorState, FormError, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { StatusChange } from '../tasks/StatusChange'
import { TaskConflictNotice } from '../tasks/TaskConflictNotice'
import { DosageFields, LeadTeamField, TaskDateFields } from '../tasks/TaskFields'
import { taskUrl, TEAMS_URL, type Task, type TeamList } from '../tasks/tasks-api'
import { useTaskEdit } from '../tasks/use-task-edit'
import { isMeetingQueryKey } from './meetings-api'
import '../tasks/tasks.css'

/**
 * A task updated during the meeting without leaving the agenda: what a JAG changes at the table (status, lead team,
 * dosage target, dates), through the task page's own API and stale-version handling (the task as it is now is loaded
 * first; a change someone saved meanwhile is shown, never overwritten). The agenda is built again after each change.
 */
export function AgendaTaskUpdate({ taskId, title, onClose }: { taskId: number; title: string; onClose(): void }) {
  const task = useApiQuery<Task>(taskUrl(taskId))
  const current = task.dataUrl === taskUrl(taskId) ? task.data : undefined
  return (
    <div className="agenda-task-update" role="group" aria-label={`Update “${title}”`} data-testid={`agenda-update-${taskId}`}>
      {task.error && <ErrorState title="Could not load this task." error={task.error} onRetry={task.refetch} />}
      {!current && !task.error && <LoadingState label="Loading the task…" />}
      {current && <UpdateTask key={current.id} loaded={current} onClose={onClose} />}
    </div>
  )
}

function UpdateTask({ loaded, onClose }: { loaded: Task; onClose(): void }) {
  const queryClient = useQueryClient()
  const teams = useApiQuery<TeamList>(TEAMS_URL)
  const edit = useTaskEdit(loaded, () => void queryClient.invalidateQueries({ predicate: (query) => isMeetingQueryKey(query.queryKey) }))
  const { base, form, theirs, busy } = edit
  return (
    <>
      <TaskConflictNotice edit={edit} />
      {base.status === 'closed' ? (
        <p>Closed: {base.outcome ?? 'no outcome recorded'}. A closed task is a record and is not edited.</p>
      ) : (
        <form
          className="task-editor"
          data-testid="agenda-update-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            void edit.save()
          }}
        >
          <LeadTeamField form={form} onChange={edit.setForm} teams={teams.data?.items ?? []} />
          <DosageFields form={form} onChange={edit.setForm} />
          <TaskDateFields form={form} onChange={edit.setForm} />
          <FormError id={`agenda-task-${base.id}-error`} message={edit.error} testId="task-error" />
          {edit.saved && (
            <p role="status" data-testid="task-saved">
              {edit.saved}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="primary" disabled={busy || theirs !== null} data-testid="task-save">
              Save changes
            </button>
            <button type="button" onClick={onClose} data-testid="agenda-update-close">
              Done
            </button>
            <a href={`/tasks?task=${base.id}`} onClick={followLink}>
              Every field, the visits and the evaluation
            </a>
          </div>
        </form>
      )}
      <StatusChange task={base} busy={busy || theirs !== null} onMove={edit.moveTo} Heading="h3" />
    </>
  )
}
