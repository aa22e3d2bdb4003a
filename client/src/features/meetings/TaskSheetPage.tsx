import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { followLink, useSearch } from '../../app/navigation'
import { EmptyState, ErrorState, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { describeTarget } from '../tasks/dosage-words'
import { KeyTimesGrid } from '../tasks/KeyTimesGrid'
import { formatDay, idParam, taskSheetPdfUrl, taskSheetUrl, type TaskSheet } from './meetings-api'
import { formatAreaKm2 } from '../../shared/format'
import './meetings.css'

const TaskAreaMap = lazy(() => import('../tasks/TaskAreaMap'))

/**
 * A team's task sheet, A4 (print CSS): per task a map of its area on the streets, the key times, the dosage, the
 * officers and the problem in words. The server's PDF is this page printed by headless Chromium, which waits for
 * `data-print-ready="true"`: set once the data and every map have loaded (or failed), so the PDF shows what the page does.
 */
export function TaskSheetPage() {
  const search = useSearch()
  const meetingId = idParam(search, 'meeting')
  const teamId = idParam(search, 'team')
  const sheet = useApiQuery<TaskSheet>(meetingId !== null && teamId !== null ? taskSheetUrl(meetingId, teamId) : null)
  const [mapsReady, setMapsReady] = useState<Set<number>>(() => new Set())
  const mapReady = useCallback((id: number) => setMapsReady((ready) => (ready.has(id) ? ready : new Set([...ready, id]))), [])
  const tasks = sheet.data?.tasks ?? []
  const ready = sheet.error !== null || (sheet.data !== undefined && tasks.every((task) => mapsReady.has(task.id)))
  useEffect(() => {
    document.title = sheet.data ? `Task sheet — ${sheet.data.team.name} — ${sheet.data.meeting.heldOn}` : 'Patrolmap — task sheet'
  }, [sheet.data])

  if (meetingId === null || teamId === null) return <ErrorState title="No task sheet here." error={new Error('The address must name a meeting and a team.')} />
  return (
    <div className="content task-sheet" data-testid="task-sheet" data-print-ready={ready ? 'true' : 'false'}>
      {sheet.error && <ErrorState title="Could not load the task sheet." error={sheet.error} onRetry={sheet.refetch} />}
      {!sheet.data && !sheet.error && <LoadingState label="Loading the task sheet…" />}
      {sheet.data && (
        <>
          <p className="no-print button-row">
            <a href={`/meetings?meeting=${meetingId}`} onClick={followLink}>
              ← Meeting
            </a>
            <button type="button" onClick={() => window.print()}>
              Print
            </button>
            <a className="button-link" href={taskSheetPdfUrl(meetingId, teamId)} download data-testid="task-sheet-pdf">
              Download PDF
            </a>
          </p>
          <h1>
            Task sheet: {sheet.data.team.name}
          </h1>
          <p>
            Set at {sheet.data.meeting.title}, {formatDay(sheet.data.meeting.heldOn)}. {tasks.length} {tasks.length === 1 ? 'task' : 'tasks'}.
          </p>
          {tasks.length === 0 && <EmptyState testId="task-sheet-empty">No task for this team was set at this meeting.</EmptyState>}
          {tasks.map((task) => (
            <section key={task.id} className="sheet-task" data-testid={`sheet-task-${task.id}`}>
              <h2>{task.title}</h2>
              <div className="sheet-map">
                <Suspense fallback={<LoadingState label="Loading the map…" />}>
                  <TaskAreaMap geometry={task.area.geometry} label={`The area of ${task.title}`} forPrint onReady={() => mapReady(task.id)} />
                </Suspense>
              </div>
              <dl className="sheet-facts">
                <dt>Where</dt>
                <dd>
                  {task.wards.map((ward) => ward.name).join(', ') || 'no ward'} ({formatAreaKm2(task.area.areaKm2)})
                </dd>
                <dt>When</dt>
                <dd>
                  {formatDay(task.startDate)} to {formatDay(task.endDate)}
                </dd>
                <dt>Dosage</dt>
                <dd>{describeTarget(task.dosage)}</dd>
                <dt>Officers</dt>
                <dd>{task.officers.length > 0 ? task.officers.map((officer) => officer.name).join(', ') : 'none named: the team decides'}</dd>
                <dt>Targeting</dt>
                <dd>{task.categories.length > 0 ? task.categories.join(', ') : 'every category'}</dd>
                <dt>The problem</dt>
                <dd className="sheet-problem">{task.problem || 'not described'}</dd>
              </dl>
              {task.keyTimes && <KeyTimesGrid grid={task.keyTimes} label="Key times (UK time)" />}
            </section>
          ))}
        </>
      )}
    </div>
  )
}
