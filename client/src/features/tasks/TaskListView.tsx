import { useState } from 'react'
import { followLink } from '../../app/navigation'
import { wardListUrl, type WardListAnswer } from '../../shared/api'
import { IMPORTED_DATA_STALE_MS } from '../../shared/query-client'
import { EmptyState, ErrorState, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { describeDosage } from './dosage-words'
import { wardNames } from './TaskSummary'
import { OPEN_STATUSES, TASK_STATUS_LABELS, TASK_STATUSES, taskListUrl, TEAMS_URL, type TaskList, type TaskStatus, type TeamList } from './tasks-api'

const STATUS_CHOICES: { value: string; label: string; statuses: readonly TaskStatus[] }[] = [
  { value: 'open', label: 'Open (proposed, tasked, in progress)', statuses: OPEN_STATUSES },
  { value: 'all', label: 'Every status', statuses: [] },
  ...TASK_STATUSES.map((status) => ({ value: status, label: TASK_STATUS_LABELS[status], statuses: [status] })),
]

export function TaskListView() {
  const [statusChoice, setStatusChoice] = useState('open')
  const [team, setTeam] = useState<number | null>(null)
  const [ward, setWard] = useState<string | null>(null)
  const statuses = STATUS_CHOICES.find((choice) => choice.value === statusChoice)?.statuses ?? []
  const tasks = useApiQuery<TaskList>(taskListUrl({ statuses, team, ward }))
  const teams = useApiQuery<TeamList>(TEAMS_URL)
  const wards = useApiQuery<WardListAnswer>(wardListUrl, { staleTime: IMPORTED_DATA_STALE_MS })

  return (
    <>
      <div className="page-header">
        <h1>Tasks</h1>
        <div className="page-actions">
          <a className="button-link" href="/tasks?new=ward" onClick={followLink} data-testid="new-ward-task">
            New task for a ward
          </a>
        </div>
      </div>
      <p className="hint">To task a patrol to a ranked problem location, use “Task a patrol” on its row in the map’s Hotspots mode.</p>
      <div className="task-filters" data-testid="task-filters">
        <label>
          Status
          <select value={statusChoice} onChange={(event) => setStatusChoice(event.target.value)} data-testid="filter-status">
            {STATUS_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Team
          <select value={team ?? ''} onChange={(event) => setTeam(event.target.value === '' ? null : Number(event.target.value))} data-testid="filter-team">
            <option value="">Every team</option>
            {teams.data?.items.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Ward
          <select value={ward ?? ''} onChange={(event) => setWard(event.target.value === '' ? null : event.target.value)} data-testid="filter-ward">
            <option value="">Every ward</option>
            {wards.data?.items.map((option) => (
              <option key={option.code} value={option.code}>
                {option.name} ({option.councilName})
              </option>
            ))}
          </select>
        </label>
      </div>
      {tasks.error && <ErrorState title="Could not load the tasks." error={tasks.error} onRetry={tasks.refetch} />}
      {!tasks.data && !tasks.error && <LoadingState label="Loading the tasks…" />}
      {tasks.data && tasks.data.items.length === 0 && <EmptyState>No tasks match these filters.</EmptyState>}
      {tasks.data && tasks.data.items.length > 0 && (
        <table className="data-table task-table" data-testid="task-table">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Status</th>
              <th scope="col">Wards</th>
              <th scope="col">Lead team</th>
              <th scope="col">Dosage</th>
            </tr>
          </thead>
          <tbody>
            {tasks.data.items.map((task) => (
              <tr key={task.id} data-testid="task-row" data-task-id={task.id}>
                <td>
                  <a href={`/tasks?task=${task.id}`} onClick={followLink}>
                    {task.title}
                  </a>
                </td>
                <td>
                  <span className={`status-badge status-${task.status}`}>{TASK_STATUS_LABELS[task.status]}</span>
                </td>
                <td>{wardNames(task)}</td>
                <td>{task.leadTeam?.name ?? 'none yet'}</td>
                <td data-testid="task-row-dosage">{describeDosage(task.dosage, task.delivery.thisWeek)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
