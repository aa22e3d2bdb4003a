import { useId } from 'react'
import type { PatrolOfficer, Team } from '../tasks/tasks-api'
import { SARA_STAGE_LABELS, SARA_STAGES, type SaraStage } from './pops-api'

/** A POP's owner: an enabled inspector (the server's rule); one no longer offered is kept where already the owner. */
export function OwnerSelect({ value, onChange, officers, current, testId }: { value: number | null; onChange(id: number | null): void; officers: readonly PatrolOfficer[]; current?: { id: number; name: string }; testId: string }) {
  const inspectors = officers.filter((officer) => officer.role === 'inspector')
  const missing = current && !inspectors.some((officer) => officer.id === current.id)
  return (
    <label>
      Owner (an inspector)
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value === '' ? null : Number(event.target.value))} data-testid={testId}>
        <option value="">Choose an inspector…</option>
        {missing && <option value={current.id}>{current.name} (no longer an enabled inspector)</option>}
        {inspectors.map((officer) => (
          <option key={officer.id} value={officer.id}>
            {officer.name}
          </option>
        ))}
      </select>
    </label>
  )
}

export function SaraSelect({ value, onChange }: { value: SaraStage; onChange(stage: SaraStage): void }) {
  return (
    <label>
      SARA stage
      <select value={value} onChange={(event) => onChange(event.target.value as SaraStage)} data-testid="pop-sara-input">
        {SARA_STAGES.map((stage) => (
          <option key={stage} value={stage}>
            {SARA_STAGE_LABELS[stage]}
          </option>
        ))}
      </select>
    </label>
  )
}

/** Partner teams as ticks; a retired team stays offered only where the POP already has it. */
export function PartnerPicker({ value, onChange, teams }: { value: readonly number[]; onChange(ids: number[]): void; teams: readonly Team[] }) {
  const id = useId()
  const offered = teams.filter((team) => !team.retired || value.includes(team.id))
  const names = offered.filter((team) => value.includes(team.id)).map((team) => team.name)
  return (
    <details className="task-officers" data-testid="pop-partners">
      <summary id={id}>Partner teams: {names.length === 0 ? 'none yet' : names.join(', ')}</summary>
      {offered.map((team) => (
        <label key={team.id} className="check-row">
          <input
            type="checkbox"
            checked={value.includes(team.id)}
            onChange={(event) => onChange(event.target.checked ? [...value, team.id] : value.filter((chosen) => chosen !== team.id))}
          />
          {team.name}
          {team.retired ? ' (retired)' : ''}
        </label>
      ))}
    </details>
  )
}
