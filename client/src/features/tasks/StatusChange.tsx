import { useState } from 'react'
import { TASK_MOVES, TASK_STATUS_LABELS, type Task, type TaskStatus } from './tasks-api'

/** Only the moves task-status.ts allows from here; a reason to escalate and an outcome to close, as the server requires. */
export function StatusChange({
  task,
  busy,
  onMove,
  Heading = 'h2',
}: {
  task: Task
  busy: boolean
  onMove(to: TaskStatus, reason: string, outcome: string): void
  /** The heading's level where the form sits under another section's (the agenda's). */
  Heading?: 'h2' | 'h3'
}) {
  const moves = TASK_MOVES[task.status]
  const [to, setTo] = useState<TaskStatus | ''>('')
  const [reason, setReason] = useState('')
  const [outcome, setOutcome] = useState('')
  if (moves.length === 0) return null
  const target = to !== '' && moves.includes(to) ? to : ''
  const needsReason = target === 'escalated'
  const needsOutcome = target === 'closed'
  const ready = target !== '' && (!needsReason || reason.trim() !== '') && (!needsOutcome || outcome.trim() !== '')
  return (
    <form
      className="task-status-change"
      data-testid="task-status-change"
      onSubmit={(event) => {
        event.preventDefault()
        if (target !== '') onMove(target, reason, outcome)
      }}
    >
      <Heading>Status: {TASK_STATUS_LABELS[task.status]}</Heading>
      <label>
        Move to
        <select value={target} onChange={(event) => setTo(event.target.value as TaskStatus | '')} data-testid="status-to">
          <option value="">Choose…</option>
          {moves.map((move) => (
            <option key={move} value={move}>
              {TASK_STATUS_LABELS[move]}
            </option>
          ))}
        </select>
      </label>
      {target === 'tasked' && task.leadTeam === null && <p className="hint">A task needs a lead team to be tasked: choose one above and save first.</p>}
      <label>
        Reason{needsReason ? ' (required to escalate)' : ' (for the audit trail)'}
        <textarea rows={2} maxLength={1000} value={reason} onChange={(event) => setReason(event.target.value)} data-testid="status-reason" />
      </label>
      {needsOutcome && (
        <label>
          Outcome (required to close)
          <textarea rows={3} maxLength={5000} value={outcome} onChange={(event) => setOutcome(event.target.value)} data-testid="status-outcome" />
        </label>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy || !ready} data-testid="status-submit">
          Change status
        </button>
      </div>
    </form>
  )
}
