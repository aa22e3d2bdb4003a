import { useId } from 'react'
import { KNOWN_CATEGORIES } from '../../shared/categories'
import { KeyTimesGrid } from './KeyTimesGrid'
import { SuggestKeyTimes } from './SuggestKeyTimes'
import type { TaskForm } from './task-form'
import type { AreaInput, PatrolOfficer, Team } from './tasks-api'

interface TaskFieldsProps {
  form: TaskForm
  onChange(form: TaskForm): void
  teams: readonly Team[]
  officers: readonly PatrolOfficer[]
  /** Open POPs a task may work on (server/src/features/pops); the task's own is kept even when closed since. */
  pops?: readonly { id: number; title: string }[]
  /** The task's area, for key times suggested from its timed incidents; null until one is chosen. */
  area?: AreaInput | null
}

/** The fields a task is made of, for creating and editing alike. */
export function TaskFields({ form, onChange, teams, officers, pops = [], area = null }: TaskFieldsProps) {
  const set = fieldSetter({ form, onChange })
  return (
    <div className="task-fields">
      <label>
        Title
        <input type="text" maxLength={200} value={form.title} onChange={(event) => set('title', event.target.value)} data-testid="task-title-input" />
      </label>
      <label>
        The problem in words
        <textarea rows={3} maxLength={5000} value={form.problem} onChange={(event) => set('problem', event.target.value)} data-testid="task-problem-input" />
      </label>
      <details className="task-categories">
        <summary>Categories targeted: {form.categories.length === 0 ? 'every category' : form.categories.join(', ')}</summary>
        {KNOWN_CATEGORIES.map((category) => (
          <label key={category} className="check-row">
            <input
              type="checkbox"
              checked={form.categories.includes(category)}
              onChange={(event) => set('categories', event.target.checked ? [...form.categories, category] : form.categories.filter((chosen) => chosen !== category))}
            />
            {category}
          </label>
        ))}
      </details>
      <fieldset className="task-key-times">
        <legend>Key times (UK time): press and drag to paint; arrows and space from the keyboard</legend>
        <KeyTimesGrid grid={form.keyTimes} onChange={(grid) => set('keyTimes', grid)} label="Key times: weekday by hour" />
        <SuggestKeyTimes area={area} categories={form.categories} onSuggest={(grid) => set('keyTimes', grid)} />
      </fieldset>
      <LeadTeamField form={form} onChange={onChange} teams={teams} />
      <details className="task-officers" data-testid="task-officers">
        <summary>
          Named officers: {form.officerIds.length === 0 ? 'none (the lead team’s officers see the task)' : officers.filter((officer) => form.officerIds.includes(officer.id)).map((officer) => officer.name).join(', ')}
        </summary>
        {officers.map((officer) => (
          <label key={officer.id} className="check-row">
            <input
              type="checkbox"
              checked={form.officerIds.includes(officer.id)}
              onChange={(event) => set('officerIds', event.target.checked ? [...form.officerIds, officer.id] : form.officerIds.filter((chosen) => chosen !== officer.id))}
            />
            {officer.name}
            {officer.team ? ` (${officer.team.name})` : ''}
          </label>
        ))}
      </details>
      <DosageFields form={form} onChange={onChange} />
      <label>
        POP (problem-oriented policing) this task works on
        <select value={form.popId ?? ''} onChange={(event) => set('popId', event.target.value === '' ? null : Number(event.target.value))} data-testid="task-pop-input">
          <option value="">None</option>
          {form.popId !== null && !pops.some((pop) => pop.id === form.popId) && <option value={form.popId}>POP {form.popId}</option>}
          {pops.map((pop) => (
            <option key={pop.id} value={pop.id}>
              {pop.title} (POP {pop.id})
            </option>
          ))}
        </select>
      </label>
      <TaskDateFields form={form} onChange={onChange} />
    </div>
  )
}

interface FieldPartProps {
  form: TaskForm
  onChange(form: TaskForm): void
}

/** A setter of one field of the form, for the parts below. */
function fieldSetter({ form, onChange }: FieldPartProps) {
  return <K extends keyof TaskForm>(field: K, value: TaskForm[K]) => onChange({ ...form, [field]: value })
}

/** The lead team; a retired team is kept only where the task already names it. */
export function LeadTeamField({ teams, ...props }: FieldPartProps & { teams: readonly Team[] }) {
  const { form } = props
  const set = fieldSetter(props)
  const offered = teams.filter((team) => !team.retired || team.id === form.leadTeamId)
  return (
    <label>
      Lead team
      <select
        value={form.leadTeamId ?? ''}
        onChange={(event) => set('leadTeamId', event.target.value === '' ? null : Number(event.target.value))}
        data-testid="task-team-input"
      >
        <option value="">None yet (a task needs one to be tasked)</option>
        {offered.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
    </label>
  )
}

/** The dosage target: visits per week × minutes per visit, with Koper's finding behind the default. */
export function DosageFields(props: FieldPartProps) {
  const { form } = props
  const set = fieldSetter(props)
  const id = useId()
  return (
    <>
      <div className="inline-fields">
        <label>
          Visits per week
          <input type="number" min={0} max={168} value={form.visitsPerWeek} onChange={(event) => set('visitsPerWeek', event.target.value)} data-testid="task-visits-input" />
        </label>
        <label>
          Minutes per visit
          <input
            type="number"
            min={1}
            max={480}
            value={form.minutesPerVisit}
            onChange={(event) => set('minutesPerVisit', event.target.value)}
            aria-describedby={`${id}-koper`}
            data-testid="task-minutes-input"
          />
        </label>
      </div>
      <p className="hint" id={`${id}-koper`}>
        15 minutes by default: Koper (1995) found that stops of 10–15 minutes gave the longest deterrence after the patrol left; longer
        stops added little.
      </p>
    </>
  )
}

/** When the task runs: its start and end (the date the JAG reviews it by). */
export function TaskDateFields(props: FieldPartProps) {
  const { form } = props
  const set = fieldSetter(props)
  return (
    <div className="inline-fields">
      <label>
        Starts
        <input type="date" value={form.startDate} onChange={(event) => set('startDate', event.target.value)} data-testid="task-start-input" />
      </label>
      <label>
        Ends
        <input type="date" value={form.endDate} onChange={(event) => set('endDate', event.target.value)} data-testid="task-end-input" />
      </label>
    </div>
  )
}
