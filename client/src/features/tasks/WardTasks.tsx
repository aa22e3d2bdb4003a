import { formatCount } from '../../shared/format'
import { ErrorState, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { describeDosage } from './dosage-words'
import { TASK_STATUS_LABELS, taskListUrl, TASKS_STALE_MS, type TaskList } from './tasks-api'

const plural = (count: number, noun: string) => `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`

/**
 * The patrol tasks in a ward, for its ward report: what was tasked, its status, the dosage delivered this week and in
 * all, the outcome, and the named officers to contact (a councillor patrol report names them). The server gives a
 * councillor only their wards' tasks, without the problem in words, key times or cells.
 */
export function WardTasks({ ward, wardName }: { ward: string; wardName: string }) {
  const tasks = useApiQuery<TaskList>(taskListUrl({ statuses: [], team: null, ward }), { staleTime: TASKS_STALE_MS })
  return (
    <section className="ward-tasks" data-testid="ward-tasks" aria-label={`Patrol tasks in ${wardName}`}>
      <h3>Patrol tasks in {wardName}</h3>
      {tasks.error && <ErrorState title="Could not load the patrol tasks." error={tasks.error} onRetry={tasks.refetch} />}
      {!tasks.data && !tasks.error && <LoadingState label="Loading the patrol tasks…" />}
      {tasks.data && tasks.data.items.length === 0 && <p className="muted">No patrol tasks cover this ward.</p>}
      {tasks.data && tasks.data.items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Status</th>
                <th scope="col">Patrols this week</th>
                <th scope="col">Patrols so far</th>
                <th scope="col">Contacts</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {tasks.data.items.map((task) => (
                <tr key={task.id} data-testid="ward-task" data-task-id={task.id}>
                  <th scope="row">
                    {task.title}
                    <span className="muted">
                      {' '}
                      ({task.startDate} to {task.endDate})
                    </span>
                  </th>
                  <td>{TASK_STATUS_LABELS[task.status]}</td>
                  <td data-testid="ward-task-week">{describeDosage(task.dosage, task.delivery.thisWeek)}</td>
                  <td data-testid="ward-task-total">
                    {plural(task.delivery.total.visits, 'visit')}, {plural(task.delivery.total.minutes, 'minute')}
                  </td>
                  <td>{[task.leadTeam?.name, ...task.officers.map((officer) => officer.name)].filter(Boolean).join('; ') || '–'}</td>
                  <td>{task.outcome ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
