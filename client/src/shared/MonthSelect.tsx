import { formatMonth } from '../../../server/src/lib/months'

/** A month picker over the months with data; disabled ("Loading…") until they are known. */
export interface MonthSelectProps {
  label: string
  testId: string
  months: string[]
  value: string
  onChange: (month: string) => void
}

export function MonthSelect({ label, testId, months, value, onChange }: MonthSelectProps) {
  return (
    <label>
      {label}
      <select data-testid={testId} value={value} disabled={months.length === 0} onChange={(event) => onChange(event.target.value)}>
        {months.length === 0 && <option value="">Loading…</option>}
        {months.map((month) => (
          <option key={month} value={month}>
            {formatMonth(month)}
          </option>
        ))}
      </select>
    </label>
  )
}
