import { lazy, Suspense } from 'react'
import { LoadingState } from '../../shared/States'
import { formatAreaKm2 } from '../../shared/format'
import { describeDosage, describeTarget } from './dosage-words'
import { KeyTimesGrid } from './KeyTimesGrid'
import { TASK_STATUS_LABELS, type Task } from './tasks-api'

// MapLibre is large: loaded when a task is opened, not with the list.
const TaskAreaMap = lazy(() => import('./TaskAreaMap'))

export function wardNames(task: Pick<Task, 'wards'>): string {
  return task.wards.length === 0 ? 'no ward' : task.wards.map((ward) => ward.name).join(', ')
}

/** One task as a patrol reads it: where (the area on a map), when (key times), what the problem is, and this week's dosage. */
export function TaskSummary({ task }: { task: Task }) {
  return (
    <div className="task-summary" data-testid="task-summary">
      <p className="task-meta">
        <span className={`status-badge status-${task.status}`} data-testid="task-status">
          {TASK_STATUS_LABELS[task.status]}
        </span>{' '}
        {wardNames(task)} · {formatAreaKm2(task.area.areaKm2)} · {task.startDate} to {task.endDate}
        {task.leadTeam ? ` · ${task.leadTeam.name}` : ''}
      </p>
      <p className="task-dosage" data-testid="task-dosage">
        <strong>{describeDosage(task.dosage, task.delivery.thisWeek)}</strong> (target {describeTarget(task.dosage)})
      </p>
      <Suspense fallback={<LoadingState label="Loading the map…" />}>
        <TaskAreaMap geometry={task.area.geometry} label={`The area of ${task.title}`} />
      </Suspense>
      {task.problem !== undefined && (
        <section>
          <h3>The problem</h3>
          <p className="task-problem" data-testid="task-problem">
            {task.problem.trim() === '' ? 'Not described.' : task.problem}
          </p>
        </section>
      )}
      {task.categories.length > 0 && <p>Targets: {task.categories.join(', ')}.</p>}
      {task.officers.length > 0 && <p>Officers: {task.officers.map((officer) => officer.name).join(', ')}.</p>}
      {task.keyTimes && (
        <section>
          <h3>When to patrol</h3>
          <KeyTimesGrid grid={task.keyTimes} label={`Key times of ${task.title}`} />
        </section>
      )}
    </div>
  )
}
