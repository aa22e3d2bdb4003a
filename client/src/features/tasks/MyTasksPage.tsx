import { useState } from 'react'
import { followLink, useSearch } from '../../app/navigation'
import { EmptyState, ErrorState, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { describeDosage } from './dosage-words'
import { OutboxStatus } from './OutboxStatus'
import { TaskSummary } from './TaskSummary'
import { TASK_STATUS_LABELS, TASKS_URL, taskUrl, type Task, type TaskList } from './tasks-api'
import { TaskSheetPdfButton } from '../meetings/TaskSheetPdfButton'
import { useVisitOutbox, type VisitOutbox } from './use-visit-outbox'
import { VisitForm } from './VisitForm'
import { VisitList } from './VisitList'
import './tasks.css'

export function taskIdOf(search: string): number | null {
  const raw = new URLSearchParams(search).get('task')
  return raw !== null && /^\d{1,15}$/.test(raw) ? Number(raw) : null
}

/** An officer's page: the tasks that name them or their team, each opening to its area, key times and the visit form. */
export function MyTasksPage() {
  const outbox = useVisitOutbox()
  const taskId = taskIdOf(useSearch())
  return (
    <div className="content tasks-page my-tasks">
      <OutboxStatus outbox={outbox} />
      {taskId === null ? <MyTaskList /> : <MyTask id={taskId} outbox={outbox} />}
    </div>
  )
}

function MyTaskList() {
  const tasks = useApiQuery<TaskList>(TASKS_URL)
  return (
    <>
      <h1>My tasks</h1>
      {tasks.error && <ErrorState title="Could not load your tasks." error={tasks.error} onRetry={tasks.refetch} />}
      {!tasks.data && !tasks.error && <LoadingState label="Loading your tasks…" />}
      {tasks.data && tasks.data.items.length === 0 && <EmptyState>No tasks name you or your team yet.</EmptyState>}
      {tasks.data && tasks.data.items.length > 0 && (
        <ul className="my-task-list" data-testid="my-task-list">
          {tasks.data.items.map((task) => (
            <li key={task.id} data-testid="my-task" data-task-id={task.id}>
              <a href={`/my-tasks?task=${task.id}`} onClick={followLink}>
                <span className="my-task-title">{task.title}</span>
                <span className={`status-badge status-${task.status}`}>{TASK_STATUS_LABELS[task.status]}</span>
                <span className="my-task-dosage" data-testid="my-task-dosage">
                  {describeDosage(task.dosage, task.delivery.thisWeek)}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function MyTask({ id, outbox }: { id: number; outbox: VisitOutbox }) {
  const task = useApiQuery<Task>(taskUrl(id))
  const [recording, setRecording] = useState(false)
  const current = task.dataUrl === taskUrl(id) ? task.data : undefined
  return (
    <>
      <p>
        <a href="/my-tasks" onClick={followLink} data-testid="back-to-tasks">
          ← My tasks
        </a>
      </p>
      {task.error && <ErrorState title="Could not load this task." error={task.error} onRetry={task.refetch} />}
      {!current && !task.error && <LoadingState label="Loading the task…" />}
      {current && (
        <>
          <h1 data-testid="task-title">{current.title}</h1>
          {recording ? (
            <VisitForm
              task={current}
              waitingKeys={outbox.entries.filter((entry) => entry.refused === null).map((entry) => entry.visit.idempotencyKey)}
              onQueue={outbox.queue}
              onDone={() => setRecording(false)}
            />
          ) : (
            <button type="button" className="big-button" onClick={() => setRecording(true)} data-testid="record-visit">
              Record a visit
            </button>
          )}
          <TaskSummary task={current} />
          {current.meetingId !== null && current.leadTeam !== null && <TaskSheetPdfButton meetingId={current.meetingId} team={current.leadTeam} />}
          <VisitList taskId={current.id} />
        </>
      )}
    </>
  )
}
