import { useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { followLink, navigate } from '../../app/navigation'
import { ApiError, apiRequest, errorMessage, wardListUrl, type WardListAnswer } from '../../shared/api'
import { downloadText } from '../../shared/download'
import { IMPORTED_DATA_STALE_MS } from '../../shared/query-client'
import { EmptyState, ErrorState, FormError, LoadingState } from '../../shared/States'
import { setApiData, useApiQuery } from '../../shared/use-api-query'
import { PATROL_OFFICERS_URL, type PatrolOfficerList } from '../tasks/tasks-api'
import { popRegisterCsv, popRegisterFileName } from './pop-csv'
import { describeLinkedTasks, describeReview, popWardNames } from './pop-words'
import { formatAreaKm2 } from '../../shared/format'
import { OwnerSelect } from './pop-pickers'
import { isPopQueryKey, POP_FROM_WARD_URL, popListUrl, popUrl, SARA_STAGE_LABELS, type PopDetail, type PopFilter, type PopList } from './pops-api'

const FILTERS: { value: PopFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'overdue', label: 'Open, review overdue' },
  { value: 'closed', label: 'Closed' },
  { value: 'all', label: 'All' },
]

export function PopRegister() {
  const [filter, setFilter] = useState<PopFilter>('open')
  const [ward, setWard] = useState<string | null>(null)
  const pops = useApiQuery<PopList>(popListUrl(filter, ward))
  const wards = useApiQuery<WardListAnswer>(wardListUrl, { staleTime: IMPORTED_DATA_STALE_MS })
  const list = pops.data

  return (
    <>
      <div className="page-header">
        <h1>POP register</h1>
        <div className="page-actions">
          <button
            type="button"
            disabled={!list || list.items.length === 0}
            onClick={() => list && downloadText(popRegisterFileName(list.today), popRegisterCsv(list.items), 'text/csv;charset=utf-8')}
            data-testid="pop-export"
          >
            Export CSV
          </button>
        </div>
      </div>
      <p className="hint">
        Problems registered for sustained problem solving (problem-oriented policing), each owned by an inspector and worked through the SARA stages:
        scanning, analysis, response, assessment. The JAG reviews them monthly. To register a ranked problem location, use “Register as POP” on its row
        in the map’s Hotspots mode.
      </p>
      <RegisterWard wards={wards.data} />
      <div className="task-filters" data-testid="pop-filters">
        <label>
          Show
          <select value={filter} onChange={(event) => setFilter(event.target.value as PopFilter)} data-testid="pop-filter">
            {FILTERS.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Ward
          <select value={ward ?? ''} onChange={(event) => setWard(event.target.value === '' ? null : event.target.value)} data-testid="pop-filter-ward">
            <option value="">Every ward</option>
            {wards.data?.items.map((option) => (
              <option key={option.code} value={option.code}>
                {option.name} ({option.councilName})
              </option>
            ))}
          </select>
        </label>
      </div>
      {pops.error && <ErrorState title="Could not load the POP register." error={pops.error} onRetry={pops.refetch} />}
      {!list && !pops.error && <LoadingState label="Loading the POP register…" />}
      {list && list.items.length === 0 && <EmptyState>No POPs match these filters.</EmptyState>}
      {list && list.items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table pop-table" data-testid="pop-table">
            <caption className="visually-hidden">POPs, overdue reviews first</caption>
            <thead>
              <tr>
                <th scope="col">POP</th>
                <th scope="col">Wards and area</th>
                <th scope="col">Owner</th>
                <th scope="col">SARA stage</th>
                <th scope="col">Review</th>
                <th scope="col">Linked tasks</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((pop) => (
                <tr key={pop.id} data-testid="pop-row" data-pop-id={pop.id}>
                  <td>
                    <a href={`/pops?pop=${pop.id}`} onClick={followLink}>
                      {pop.title}
                    </a>
                    {pop.status === 'closed' && <span className="status-badge status-closed">Closed</span>}
                  </td>
                  <td>
                    {popWardNames(pop)} · {formatAreaKm2(pop.area.areaKm2)}
                  </td>
                  <td>{pop.owner.name}</td>
                  <td>{SARA_STAGE_LABELS[pop.saraStage].split(':')[0]}</td>
                  <td data-testid="pop-row-review">
                    {pop.reviewOn}
                    {pop.overdue && (
                      <span className="overdue-badge" data-testid="pop-overdue">
                        overdue
                      </span>
                    )}
                    <br />
                    <span className="muted">{describeReview(pop, list.today)}</span>
                  </td>
                  <td>{describeLinkedTasks(pop.linkedTasks)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

/** One action: a ward becomes a POP with an owner, reviewed in four weeks unless a date is given. */
function RegisterWard({ wards }: { wards: WardListAnswer | undefined }) {
  const id = useId()
  const queryClient = useQueryClient()
  const officers = useApiQuery<PatrolOfficerList>(PATROL_OFFICERS_URL)
  const [ward, setWard] = useState('')
  const [ownerId, setOwnerId] = useState<number | null>(null)
  const [reviewOn, setReviewOn] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [existing, setExisting] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)

  const register = async () => {
    setError(null)
    setExisting(null)
    if (ward === '') return setError('Choose the ward to register.')
    if (ownerId === null) return setError('Choose the inspector who owns the POP.')
    setBusy(true)
    try {
      const pop = await apiRequest<PopDetail>(POP_FROM_WARD_URL, { method: 'POST', body: { ward, ownerId, ...(reviewOn ? { reviewOn } : {}) } })
      setApiData(queryClient, popUrl(pop.id), pop)
      void queryClient.invalidateQueries({ predicate: (query) => isPopQueryKey(query.queryKey) && query.queryKey[0] !== popUrl(pop.id) })
      navigate(`/pops?pop=${pop.id}`)
    } catch (failure) {
      const body = failure instanceof ApiError ? (failure.body as { existingPopId?: number } | null) : null
      if (body?.existingPopId) setExisting(body.existingPopId)
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <details className="pop-register-ward" data-testid="pop-register-ward">
      <summary>Register a ward as a POP</summary>
      <form
        className="task-editor"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void register()
        }}
      >
        <label>
          Ward
          <select value={ward} onChange={(event) => setWard(event.target.value)} disabled={!wards} data-testid="pop-ward-input">
            <option value="">{wards ? 'Choose a ward…' : 'Loading the wards…'}</option>
            {wards?.items.map((option) => (
              <option key={option.code} value={option.code}>
                {option.name} ({option.councilName})
              </option>
            ))}
          </select>
        </label>
        {officers.error && <ErrorState title="Could not load the inspectors." error={officers.error} onRetry={officers.refetch} />}
        <OwnerSelect value={ownerId} onChange={setOwnerId} officers={officers.data?.items ?? []} testId="pop-ward-owner" />
        <label>
          Review date (optional: four weeks from today, the JAG’s monthly review)
          <input type="date" value={reviewOn} onChange={(event) => setReviewOn(event.target.value)} data-testid="pop-ward-review" />
        </label>
        <FormError id={`${id}-error`} message={error} testId="pop-ward-error" />
        {existing !== null && (
          <p>
            <a href={`/pops?pop=${existing}`} onClick={followLink} data-testid="pop-existing-link">
              Open POP {existing}
            </a>
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy} data-testid="pop-ward-submit">
            {busy ? 'Registering…' : 'Register as POP'}
          </button>
        </div>
      </form>
    </details>
  )
}
