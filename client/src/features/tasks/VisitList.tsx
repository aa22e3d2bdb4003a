import { formatCount } from '../../shared/format'
import { EmptyState, ErrorState, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { taskVisitsUrl, type VisitList as VisitListAnswer } from './tasks-api'
import { describeActions, describeVisitTime } from './visit-words'

/**
 * The visits recorded on a task, newest first: an officer sees what the team has done before going out again, an
 * inspector what the dosage figures are made of. Visits still waiting on this device are in the outbox, not here.
 */
export function VisitList({ taskId }: { taskId: number }) {
  const visits = useApiQuery<VisitListAnswer>(taskVisitsUrl(taskId))
  return (
    <section className="visit-list" aria-labelledby={`visits-${taskId}`} data-testid="visit-list">
      <h2 id={`visits-${taskId}`}>
        Visits recorded{visits.data ? ` (${formatCount(visits.data.items.length)})` : ''}
      </h2>
      {visits.error && <ErrorState title="Could not load the visits." error={visits.error} onRetry={visits.refetch} />}
      {!visits.data && !visits.error && <LoadingState label="Loading the visits…" />}
      {visits.data && visits.data.items.length === 0 && <EmptyState>No visits recorded yet.</EmptyState>}
      {visits.data && visits.data.items.length > 0 && (
        <ol className="visit-items">
          {visits.data.items.map((visit) => (
            <li key={visit.id} data-testid="visit-item">
              <p className="visit-when">{describeVisitTime(visit)}</p>
              <p>
                {visit.officers.map((officer) => officer.name).join(', ') || 'No officer named'} · {describeActions(visit.actions)}
              </p>
              {visit.outsideArea && (
                <p className="visit-outside" data-testid="visit-outside">
                  Recorded more than 25 m outside the task area.
                </p>
              )}
              {visit.notes && <p className="visit-notes">{visit.notes}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
