import type { VisitOutbox } from './use-visit-outbox'
import { waitingCount } from './visit-outbox'

/** "Waiting to send (1)": visits kept on this device until the connection returns, and any the server refused. */
export function OutboxStatus({ outbox }: { outbox: VisitOutbox }) {
  const waiting = waitingCount(outbox.entries)
  const refused = outbox.entries.filter((entry) => entry.refused !== null)
  if (outbox.entries.length === 0) return null
  return (
    <div className="outbox" data-testid="outbox">
      {waiting > 0 && (
        <p className="outbox-waiting" role="status">
          <span data-testid="outbox-waiting">waiting to send ({waiting})</span>{' '}
          <button type="button" className="secondary-button" onClick={outbox.flush} disabled={outbox.sending}>
            {outbox.sending ? 'Sending…' : 'Send now'}
          </button>
        </p>
      )}
      {refused.map((entry) => (
        <p key={entry.visit.idempotencyKey} className="outbox-refused" role="alert" data-testid="outbox-refused">
          Not recorded: the visit of {entry.visit.date} {entry.visit.startTime} to “{entry.taskTitle}”. {entry.refused}{' '}
          <button type="button" className="secondary-button" onClick={() => outbox.discard(entry.visit.idempotencyKey)}>
            Discard
          </button>
        </p>
      ))}
    </div>
  )
}
