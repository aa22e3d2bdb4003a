import { useId, useMemo, useState } from 'react'
import { groupWardList, type WardRef } from '../../shared/ward-groups'

interface WardPickerProps {
  wards: readonly WardRef[]
  selected: readonly string[]
  onChange(codes: string[]): void
  loading?: boolean
  error?: string | null
}

/** Checkboxes grouped by council, with a name filter: a councillor usually has one to three of ~100 wards. */
export function WardPicker({ wards, selected, onChange, loading, error }: WardPickerProps) {
  const id = useId()
  const [filter, setFilter] = useState('')
  const chosen = new Set(selected)
  const groups = useMemo(() => {
    const needle = filter.trim().toLowerCase()
    const shown = needle
      ? wards.filter((ward) => ward.name.toLowerCase().includes(needle) || ward.councilName.toLowerCase().includes(needle))
      : wards
    return groupWardList(shown)
  }, [wards, filter])
  const names = new Map(wards.map((ward) => [ward.code, ward.name]))

  function toggle(code: string, checked: boolean) {
    const next = new Set(chosen)
    if (checked) next.add(code)
    else next.delete(code)
    onChange([...next])
  }

  return (
    <fieldset className="ward-picker" data-testid="ward-picker">
      <legend>Wards this councillor reports on</legend>
      <p className="hint" aria-live="polite">
        {selected.length === 0
          ? 'None chosen yet.'
          : `${selected.length} chosen: ${selected.map((code) => names.get(code) ?? code).join(', ')}`}
      </p>
      <label htmlFor={`${id}-filter`} className="visually-hidden">
        Filter wards
      </label>
      <input
        id={`${id}-filter`}
        type="search"
        placeholder="Filter by ward or council name"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      <div className="ward-picker-list">
        {loading && <p className="hint">Loading wards…</p>}
        {error && <p className="form-error">{error}</p>}
        {!loading && !error && groups.length === 0 && <p className="hint">No ward matches.</p>}
        {groups.map((group) => (
          <div key={group.councilName} role="group" aria-labelledby={`${id}-${group.councilName}`}>
            <p className="ward-picker-council" id={`${id}-${group.councilName}`}>
              {group.councilName}
            </p>
            <ul>
              {group.wards.map((ward) => (
                <li key={ward.code}>
                  <label>
                    <input
                      type="checkbox"
                      value={ward.code}
                      data-testid={`ward-option-${ward.code}`}
                      checked={chosen.has(ward.code)}
                      onChange={(event) => toggle(ward.code, event.target.checked)}
                    />
                    {ward.name}
                  </label>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </fieldset>
  )
}
