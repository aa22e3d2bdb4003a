import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { followLink, navigate, useSearch } from '../../app/navigation'
import { apiRequest, errorMessage } from '../../shared/api'
import { formatAreaKm2, formatCount } from '../../shared/format'
import { EmptyState, ErrorState, FormError, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { formatMonth } from '../../../../server/src/lib/months'
import { describeDosage } from '../tasks/dosage-words'
import { london } from './london-day'
import { NEW_TASK_PATH, storePendingArea } from '../tasks/new-task-area'
import { TASK_STATUS_LABELS, TEAMS_URL, type TeamList } from '../tasks/tasks-api'
import {
  agendaUrl,
  formatDay,
  idParam,
  isMeetingQueryKey,
  meetingUrl,
  MEETINGS_URL,
  percent,
  taskSheetPagePath,
  taskSheetPdfUrl,
  type Agenda,
  type Meeting,
  type MeetingList,
} from './meetings-api'
import { AgendaTaskUpdate } from './AgendaTaskUpdate'
import { MinutesView } from './MinutesView'
import './meetings.css'

/** The JAG: meetings, one meeting's agenda built from the data, its minutes and its task sheets. */
export function MeetingsPage() {
  const search = useSearch()
  const id = idParam(search, 'meeting')
  const view = new URLSearchParams(search).get('view')
  return (
    <div className="content meetings-page">
      {id === null ? <MeetingListView /> : view === 'minutes' ? <MinutesView key={id} id={id} /> : <MeetingView key={id} id={id} />}
    </div>
  )
}

function presentWords(meeting: Meeting): string {
  const names = [...meeting.teams.map((team) => team.name), ...meeting.othersPresent]
  return names.length === 0 ? 'no one recorded as present' : names.join(', ')
}

function MeetingListView() {
  const meetings = useApiQuery<MeetingList>(MEETINGS_URL)
  return (
    <>
      <div className="page-header">
        <h1>JAG meetings</h1>
      </div>
      <p className="hint">
        Each meeting’s agenda is built from the data: problem locations no open task covers, open tasks with their dosage, POPs due for review and
        tasks escalated to the Problem Solving Group.
      </p>
      <NewMeetingForm />
      <h2>Meetings</h2>
      {meetings.error && <ErrorState title="Could not load the meetings." error={meetings.error} onRetry={meetings.refetch} />}
      {!meetings.data && !meetings.error && <LoadingState label="Loading the meetings…" />}
      {meetings.data && meetings.data.items.length === 0 && <EmptyState>No meeting yet: record the first one above.</EmptyState>}
      {meetings.data && meetings.data.items.length > 0 && (
        <ul className="meeting-list" data-testid="meeting-list">
          {meetings.data.items.map((meeting) => (
            <li key={meeting.id}>
              <a href={`/meetings?meeting=${meeting.id}`} onClick={followLink} data-testid={`meeting-${meeting.id}`}>
                {formatDay(meeting.heldOn)} — {meeting.title}
              </a>
              <span className="hint">
                {' '}
                {meeting.taskCount} {meeting.taskCount === 1 ? 'task' : 'tasks'} set · present: {presentWords(meeting)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function NewMeetingForm() {
  const queryClient = useQueryClient()
  const teams = useApiQuery<TeamList>(TEAMS_URL)
  const [heldOn, setHeldOn] = useState(() => london.today())
  const [title, setTitle] = useState('JAG meeting')
  const [chair, setChair] = useState('')
  const [teamIds, setTeamIds] = useState<number[]>([])
  const [others, setOthers] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const create = async () => {
    setError(null)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn)) return setError('Give the meeting’s date.')
    setBusy(true)
    try {
      const othersPresent = others.split(',').map((name) => name.trim()).filter((name) => name !== '')
      const meeting = await apiRequest<Meeting>(MEETINGS_URL, { method: 'POST', body: { heldOn, title: title.trim() || 'JAG meeting', chair, teamIds, othersPresent } })
      void queryClient.invalidateQueries({ predicate: (query) => isMeetingQueryKey(query.queryKey) })
      navigate(`/meetings?meeting=${meeting.id}`)
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="meeting-form"
      data-testid="meeting-create"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void create()
      }}
    >
      <h2>New meeting</h2>
      <div className="meeting-form-fields">
        <label>
          Date
          <input type="date" value={heldOn} onChange={(event) => setHeldOn(event.target.value)} required data-testid="meeting-date" />
        </label>
        <label>
          Title
          <input value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} data-testid="meeting-title" />
        </label>
        <label>
          Chair
          <input value={chair} maxLength={200} onChange={(event) => setChair(event.target.value)} />
        </label>
      </div>
      <fieldset>
        <legend>Agencies present (teams)</legend>
        {teams.error && <ErrorState title="Could not load the teams." error={teams.error} onRetry={teams.refetch} />}
        {!teams.data && !teams.error && <LoadingState label="Loading the teams…" />}
        {teams.data?.items
          .filter((team) => !team.retired)
          .map((team) => (
            <label key={team.id} className="check">
              <input
                type="checkbox"
                checked={teamIds.includes(team.id)}
                onChange={(event) => setTeamIds((ids) => (event.target.checked ? [...ids, team.id] : ids.filter((id) => id !== team.id)))}
                data-testid={`meeting-team-${team.id}`}
              />
              {team.name}
            </label>
          ))}
      </fieldset>
      <label>
        Others present (separate with commas)
        <input value={others} onChange={(event) => setOthers(event.target.value)} placeholder="e.g. Residents’ association, Ward councillor" />
      </label>
      <FormError id="meeting-create-error" message={error} testId="meeting-error" />
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy} data-testid="meeting-create-submit">
          {busy ? 'Recording…' : 'Record meeting'}
        </button>
      </div>
    </form>
  )
}

function MeetingView({ id }: { id: number }) {
  const meeting = useApiQuery<Meeting>(meetingUrl(id))
  const agenda = useApiQuery<Agenda>(agendaUrl(id))
  const teams = useApiQuery<TeamList>(TEAMS_URL)
  return (
    <>
      <p className="no-print">
        <a href="/meetings" onClick={followLink}>
          ← JAG meetings
        </a>
      </p>
      {meeting.error && <ErrorState title="Could not load the meeting." error={meeting.error} onRetry={meeting.refetch} />}
      {!meeting.data && !meeting.error && <LoadingState label="Loading the meeting…" />}
      {meeting.data && (
        <>
          <h1 data-testid="meeting-heading">
            {meeting.data.title}, {formatDay(meeting.data.heldOn)}
          </h1>
          <p>
            Present: {presentWords(meeting.data)}
            {meeting.data.chair ? ` · chair: ${meeting.data.chair}` : ''}.
          </p>
          <p className="button-row">
            <a className="button-link" href={`/meetings?meeting=${id}&view=minutes`} onClick={followLink} data-testid="minutes-link">
              Minutes (printable)
            </a>
          </p>
          <details className="task-sheet-links">
            <summary>Task sheets per team</summary>
            <ul>
              {teams.data?.items.map((team) => (
                <li key={team.id}>
                  {team.name}:{' '}
                  <a href={taskSheetPagePath(id, team.id)} onClick={followLink} data-testid={`sheet-${team.id}`}>
                    print page
                  </a>{' '}
                  ·{' '}
                  <a href={taskSheetPdfUrl(id, team.id)} download data-testid={`sheet-pdf-${team.id}`}>
                    Download PDF
                  </a>
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
      {agenda.error && <ErrorState title="Could not build the agenda." error={agenda.error} onRetry={agenda.refetch} />}
      {!agenda.data && !agenda.error && <LoadingState label="Building the agenda from the data…" />}
      {agenda.data && <AgendaView agenda={agenda.data} />}
    </>
  )
}

function taskPatrolTo(location: Agenda['locations']['items'][number], meetingId: number): void {
  storePendingArea(window.sessionStorage, {
    area: { source: 'problem-location', res: location.res, cells: [...location.cells] },
    title: location.name,
    label: `problem location #${location.rank}, ${location.name} (${location.cells.length} ${location.cells.length === 1 ? 'cell' : 'cells'})`,
    meetingId,
  })
  navigate(NEW_TASK_PATH)
}

function periodWords(period: { from: string; to: string }): string {
  return period.from === period.to ? formatMonth(period.from) : `${formatMonth(period.from)} – ${formatMonth(period.to)}`
}

/** The button that opens a task's update in place on the agenda (AgendaTaskUpdate), and closes it. */
function UpdateHereButton({ taskId, title, updating, onToggle }: { taskId: number; title: string; updating: boolean; onToggle(): void }) {
  return (
    <button type="button" className="agenda-update-toggle" aria-expanded={updating} onClick={onToggle} data-testid={`agenda-update-toggle-${taskId}`}>
      {updating ? 'Close the update' : 'Update here'}
      <span className="visually-hidden"> “{title}”</span>
    </button>
  )
}

function AgendaView({ agenda }: { agenda: Agenda }) {
  const { locations, openTasks, pops, escalated } = agenda
  // One task updated in place at a time: the chair works through the agenda item by item.
  const [updating, setUpdating] = useState<number | null>(null)
  const toggle = (taskId: number) => setUpdating((open) => (open === taskId ? null : taskId))
  const categories = locations.categories ? locations.categories.join(', ') : 'every category'
  return (
    <div className="agenda" data-testid="agenda">
      <section aria-labelledby="agenda-locations">
        <h2 id="agenda-locations">1. Problem locations no open task covers</h2>
        <p className="hint">
          {categories}, {locations.period.from ? periodWords(locations.period) : 'no data yet'}; ranked as in the map’s Hotspots mode. {locations.coverRule}
          {locations.covered.length > 0 && ` Left out: ${locations.covered.map((item) => `#${item.rank} (task “${item.taskTitle}”, ${percent(item.share)})`).join(', ')}.`}
        </p>
        {locations.items.length === 0 ? (
          <EmptyState testId="agenda-locations-empty">Every ranked problem location has an open task covering it.</EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="agenda-table" data-testid="agenda-locations">
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Location</th>
                  <th scope="col">Incidents in the period</th>
                  <th scope="col">Area</th>
                  <th scope="col">Open tasks there</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {locations.items.map((item) => (
                  <tr key={item.rank}>
                    <td>#{item.rank}</td>
                    <td>{item.name}</td>
                    <td>
                      {formatCount(item.incidents)} incidents
                      {item.previous !== null ? ` (${formatCount(item.previous)} in the ${locations.period.from === locations.period.to ? 'month' : 'equal period'} before)` : ' (no earlier data)'}
                    </td>
                    <td>{formatAreaKm2(item.areaKm2)}</td>
                    <td>{item.bestCover ? `“${item.bestCover.title}” covers ${percent(item.bestCover.share)}` : 'none'}</td>
                    <td>
                      <button type="button" onClick={() => taskPatrolTo(item, agenda.meeting.id)} data-testid={`agenda-task-${item.rank}`}>
                        Task a patrol<span className="visually-hidden"> to {item.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="agenda-open">
        <h2 id="agenda-open">2. Open tasks: dosage delivered and incidents since tasked</h2>
        <p className="hint">
          Dosage in the week of {formatDay(openTasks.weekStart)} (the last full week before the meeting). Incidents since tasked: in the task area and its
          categories, counted by month (police.uk gives months only), from the month the task started.
        </p>
        {openTasks.items.length === 0 ? (
          <EmptyState testId="agenda-open-empty">No open task (proposed, tasked or in progress).</EmptyState>
        ) : (
          <ul className="agenda-list" data-testid="agenda-open">
            {openTasks.items.map(({ task, week, incidentsSince }) => (
              <li key={task.id} data-testid={`agenda-open-${task.id}`}>
                <a href={`/tasks?task=${task.id}`} onClick={followLink}>
                  {task.title}
                </a>{' '}
                <span className="status-label">{TASK_STATUS_LABELS[task.status]}</span>{' '}
                <UpdateHereButton taskId={task.id} title={task.title} updating={updating === task.id} onToggle={() => toggle(task.id)} />
                <div>
                  {task.leadTeam ? task.leadTeam.name : 'no lead team yet'} · {describeDosage(task.dosage, week).replace(/ this week$/, ' that week')}
                </div>
                <div>
                  {incidentsSince
                    ? `${formatCount(incidentsSince.incidents)} ${incidentsSince.incidents === 1 ? 'incident' : 'incidents'} in the area since tasked (${periodWords(incidentsSince)})`
                    : 'No data yet for the months since it started.'}
                </div>
                {updating === task.id && <AgendaTaskUpdate taskId={task.id} title={task.title} onClose={() => setUpdating(null)} />}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="agenda-pops">
        <h2 id="agenda-pops">3. POPs due for review</h2>
        <p className="hint">Open POPs whose review falls on or before {formatDay(pops.dueBy)} (a week after the meeting).</p>
        {pops.items.length === 0 ? (
          <EmptyState testId="agenda-pops-empty">No POP is due for review.</EmptyState>
        ) : (
          <ul className="agenda-list" data-testid="agenda-pops">
            {pops.items.map((pop) => (
              <li key={pop.id}>
                <strong>{pop.title}</strong> {pop.overdue && <span className="overdue">Overdue by {pop.daysOverdue} {pop.daysOverdue === 1 ? 'day' : 'days'}</span>}
                <div>
                  Review {formatDay(pop.reviewOn)} · owner {pop.owner?.name ?? 'unknown'} · SARA stage: {pop.saraStage} · {pop.linkedTasks} linked{' '}
                  {pop.linkedTasks === 1 ? 'task' : 'tasks'}
                  {pop.wards.length > 0 ? ` · ${pop.wards.join(', ')}` : ''}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="agenda-psg">
        <h2 id="agenda-psg">4. Tasks escalated to the Problem Solving Group</h2>
        {escalated.length === 0 ? (
          <EmptyState testId="agenda-psg-empty">No task is escalated to the PSG.</EmptyState>
        ) : (
          <ul className="agenda-list" data-testid="agenda-psg">
            {escalated.map(({ task, reason, escalatedAt }) => (
              <li key={task.id} data-testid={`agenda-psg-${task.id}`}>
                <a href={`/tasks?task=${task.id}`} onClick={followLink}>
                  {task.title}
                </a>{' '}
                <UpdateHereButton taskId={task.id} title={task.title} updating={updating === task.id} onToggle={() => toggle(task.id)} />
                <div>
                  {escalatedAt ? `Escalated ${formatDay(escalatedAt.slice(0, 10))}` : 'Escalated'}
                  {reason ? `: ${reason}` : ''}
                </div>
                {updating === task.id && <AgendaTaskUpdate taskId={task.id} title={task.title} onClose={() => setUpdating(null)} />}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
