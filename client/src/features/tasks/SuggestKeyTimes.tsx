import { useState } from 'react'
import type { KeyTimesAnswer } from '../../../../server/src/features/time-patterns/schemas'
import { apiRequest, errorMessage } from '../../shared/api'
import { formatCount } from '../../shared/format'
import type { AreaInput, KeyTimes } from './tasks-api'

const SHARES = [0.5, 0.6, 0.7, 0.8, 0.9]

/** The suggestion in words, with what it rests on. */
export function suggestionWords(answer: KeyTimesAnswer, share: number): string {
  if (answer.incidents === 0) {
    return `No incident in this area has a time of day${answer.leftOut > 0 ? ` (${formatCount(answer.leftOut)} are known only to the day or the month, as police.uk's are)` : ''}: there is nothing to suggest key times from. Mark them by hand.`
  }
  const percent = Math.round((100 * answer.covered) / answer.incidents)
  const span = answer.firstDay && answer.lastDay ? ` from ${answer.firstDay} to ${answer.lastDay}` : ''
  const left = answer.leftOut > 0 ? ` ${formatCount(answer.leftOut)} more known only to the day or the month are not counted.` : ''
  return `Suggested: the ${answer.hours} busiest hour${answer.hours === 1 ? '' : 's'} of the week, holding ${formatCount(answer.covered)} of the area's ${formatCount(answer.incidents)} incidents with a time of day (${percent}%, asked: at least ${Math.round(100 * share)}%)${span}.${left}`
}

/**
 * Key times from the logs (issue 15): asks the server for the fewest weekday × hour cells holding a chosen share of
 * the task area's timed incidents, and paints them on the grid, replacing what was marked (the grid stays editable).
 */
export function SuggestKeyTimes({ area, categories, onSuggest }: { area: AreaInput | null; categories: readonly string[]; onSuggest(grid: KeyTimes): void }) {
  const [share, setShare] = useState(0.6)
  const [busy, setBusy] = useState(false)
  const [words, setWords] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const suggest = async () => {
    if (!area) return
    setBusy(true)
    setError(null)
    try {
      const answer = await apiRequest<KeyTimesAnswer>('/api/time-patterns/key-times', { method: 'POST', body: { area, share, categories, months: 12 } })
      if (answer.incidents > 0) onSuggest(answer.keyTimes)
      setWords(suggestionWords(answer, share))
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="suggest-key-times" data-testid="suggest-key-times">
      <label>
        Share of incidents
        <select value={share} onChange={(event) => setShare(Number(event.target.value))} data-testid="suggest-share">
          {SHARES.map((value) => (
            <option key={value} value={value}>
              {Math.round(100 * value)}%
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={!area || busy} onClick={() => void suggest()} data-testid="suggest-key-times-button">
        {busy ? 'Suggesting…' : 'Suggest from the logs'}
      </button>
      {!area && <span className="hint">Choose the area first.</span>}
      {words && (
        <p className="hint" role="status" data-testid="suggest-key-times-words">
          {words}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
