import { followLink } from '../../app/navigation'
import { ErrorState, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { describeTarget } from '../tasks/dosage-words'
import { describeKeyTimes, TASK_STATUS_LABELS } from '../tasks/tasks-api'
import { formatDay, minutesUrl, type Minutes } from './meetings-api'

const time = (instant: string) => new Date(instant).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' })

/** The minutes: printable (print CSS drops the app's chrome), every activity and resource tasked at the meeting. */
export function MinutesView({ id }: { id: number }) {
  const minutes = useApiQuery<Minutes>(minutesUrl(id))
  if (minutes.error) return <ErrorState title="Could not load the minutes." error={minutes.error} onRetry={minutes.refetch} />
  if (!minutes.data) return <LoadingState label="Loading the minutes…" />
  const { meeting, tasked, otherChanges, resources } = minutes.data
  const present = [...meeting.teams.map((team) => team.name), ...meeting.othersPresent]
  return (
    <article className="minutes" data-testid="minutes">
      <p className="no-print">
        <a href={`/meetings?meeting=${id}`} onClick={followLink}>
          ← Agenda
        </a>{' '}
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </p>
      <h1>
        Minutes: {meeting.title}, {formatDay(meeting.heldOn)}
      </h1>
      <p>
        <strong>Present:</strong> {present.length > 0 ? present.join(', ') : 'not recorded'}
        {meeting.chair ? `. Chair: ${meeting.chair}` : ''}.
      </p>
      {meeting.notes && <p className="minutes-notes">{meeting.notes}</p>}

      <h2>Resources tasked</h2>
      {resources.length === 0 ? (
        <p>No task was set at this meeting.</p>
      ) : (
        <table className="agenda-table">
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Tasks</th>
              <th scope="col">Patrol asked for each week</th>
              <th scope="col">Named officers</th>
            </tr>
          </thead>
          <tbody>
            {resources.map((entry) => (
              <tr key={entry.team?.id ?? 'none'}>
                <td>{entry.team?.name ?? 'No lead team yet'}</td>
                <td>{entry.tasks}</td>
                <td>
                  {entry.visitsPerWeek} visits, {entry.minutesPerWeek} minutes
                </td>
                <td>{entry.officers.length > 0 ? entry.officers.map((officer) => officer.name).join(', ') : 'none named'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Activities tasked</h2>
      <ol className="minutes-tasks">
        {tasked.map(({ task, changesOnTheDay }) => (
          <li key={task.id}>
            <strong>{task.title}</strong> ({TASK_STATUS_LABELS[task.status]}) — {task.leadTeam?.name ?? 'no lead team yet'}; {describeTarget(task.dosage)}; {formatDay(task.startDate)} to{' '}
            {formatDay(task.endDate)}; {task.wards.map((ward) => ward.name).join(', ') || 'no ward'}.
            {task.problem && <div>Problem: {task.problem}</div>}
            {task.keyTimes && <div>Key times: {describeKeyTimes(task.keyTimes)}</div>}
            {task.officers.length > 0 && <div>Officers: {task.officers.map((officer) => officer.name).join(', ')}</div>}
            {changesOnTheDay.length > 0 && (
              <div className="hint">
                On the day:{' '}
                {changesOnTheDay.map((change) => `${time(change.at)} ${change.fields.join(', ')}${change.by ? ` (${change.by})` : ''}`).join('; ')}
              </div>
            )}
          </li>
        ))}
      </ol>
      {otherChanges.length > 0 && (
        <>
          <h2>Other tasks changed that day</h2>
          <ul>
            {otherChanges.map((entry) => (
              <li key={entry.taskId}>
                {entry.title}: {entry.changes.map((change) => `${time(change.at)} ${change.fields.join(', ')}`).join('; ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  )
}
