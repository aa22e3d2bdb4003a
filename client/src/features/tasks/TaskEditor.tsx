import { lazy, Suspense } from 'react'
import { followLink } from '../../app/navigation'
import { ErrorState, FormError, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { OPEN_POPS_URL, type PopList } from '../pops/pops-api'
import { StatusChange } from './StatusChange'
import { TaskConflictNotice } from './TaskConflictNotice'
import { TaskFields } from './TaskFields'
import { TaskSummary } from './TaskSummary'
import { taskUrl, TEAMS_URL, PATROL_OFFICERS_URL, type AreaInput, type PatrolOfficerList, type Task, type TeamList } from './tasks-api'
import { useTaskEdit } from './use-task-edit'
import { VisitList } from './VisitList'

// The evaluation brings recharts: loaded when a task is opened, not with the task list.
const EvaluationPanel = lazy(() => import('../evaluation/EvaluationPanel'))

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

/** A task's page: the task, every field to edit, its status, visits and evaluation. */
function EditTask({ loaded }: { loaded: Task }) {
  const teams = useApiQuery<TeamList>(TEAMS_URL)
  const officers = useApiQuery<PatrolOfficerList>(PATROL_OFFICERS_URL)
  const openPops = useApiQuery<PopList>(OPEN_POPS_URL)
  const edit = useTaskEdit(loaded)
  const { base, form, theirs, busy } = edit

  return (
    <>
      <h1 data-testid="task-title">{base.title}</h1>
      <TaskConflictNotice edit={edit} />
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
            void edit.save()
          }}
        >
          <h2>Edit</h2>
          <TaskFields
            form={form}
            onChange={edit.setForm}
            teams={teams.data?.items ?? []}
            officers={officers.data?.items ?? []}
            pops={openPops.data?.items ?? []}
            area={areaOfTask(base)}
          />
          <FormError id={`task-${base.id}-error`} message={edit.error} testId="task-error" />
          {edit.saved && (
            <p role="status" data-testid="task-saved">
              {edit.saved}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="primary" disabled={busy || theirs !== null} data-testid="task-save">
              Save changes
            </button>
          </div>
        </form>
      )}
      <StatusChange task={base} busy={busy || theirs !== null} onMove={edit.moveTo} />
      <VisitList taskId={base.id} />
      <Suspense fallback={<LoadingState label="Loading the evaluation…" />}>
        <EvaluationPanel taskId={base.id} />
      </Suspense>
    </>
  )
}

/** A stored task's area as a request names it: its ward, its cells, or its outline. */
function areaOfTask(task: Task): AreaInput {
  const { area } = task
  if (area.source === 'ward' && area.ward) return { source: 'ward', ward: area.ward }
  if ((area.source === 'cells' || area.source === 'problem-location') && area.cells && area.res !== null) return { source: area.source, res: area.res, cells: area.cells }
  return { source: 'polygon', polygon: area.geometry }
}
