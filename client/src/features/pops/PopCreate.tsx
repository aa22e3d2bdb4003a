import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { followLink, navigate } from '../../app/navigation'
import { ApiError, apiRequest, errorMessage } from '../../shared/api'
import { ErrorState, FormError } from '../../shared/States'
import { setApiData, useApiQuery } from '../../shared/use-api-query'
import { londonNow } from '../tasks/london-now'
import { PATROL_OFFICERS_URL, TEAMS_URL, type PatrolOfficerList, type TeamList } from '../tasks/tasks-api'
import { clearPendingArea, readPendingArea } from '../tasks/new-task-area'
import { OwnerSelect, PartnerPicker, SaraSelect } from './pop-pickers'
import { addDays, DEFAULT_REVIEW_DAYS, isPopQueryKey, POPS_URL, popUrl, type NewPop, type PopDetail, type SaraStage } from './pops-api'

/** A new POP for an area handed over from elsewhere (a ranked problem location's cells). */
export function PopCreate() {
  const queryClient = useQueryClient()
  const [pending] = useState(() => readPendingArea(window.sessionStorage, 'pop'))
  const officers = useApiQuery<PatrolOfficerList>(PATROL_OFFICERS_URL)
  const teams = useApiQuery<TeamList>(TEAMS_URL)
  const [title, setTitle] = useState(pending?.title ?? '')
  const [problem, setProblem] = useState('')
  const [ownerId, setOwnerId] = useState<number | null>(null)
  const [partnerTeamIds, setPartners] = useState<number[]>([])
  const [saraStage, setSaraStage] = useState<SaraStage>('scanning')
  const [reviewOn, setReviewOn] = useState(() => addDays(londonNow().date, DEFAULT_REVIEW_DAYS))
  const [error, setError] = useState<string | null>(null)
  const [existing, setExisting] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)

  if (!pending) {
    return <ErrorState title="No area to register." error={new Error('Open the map’s Hotspots mode and use “Register as POP” on a problem location, or register a ward from the POP register.')} />
  }

  const create = async () => {
    setError(null)
    if (title.trim() === '') return setError('Give the POP a title.')
    if (ownerId === null) return setError('Choose the inspector who owns the POP.')
    const body: NewPop = { title: title.trim(), problem, ownerId, partnerTeamIds, saraStage, area: pending.area, ...(reviewOn ? { reviewOn } : {}) }
    setBusy(true)
    try {
      const pop = await apiRequest<PopDetail>(POPS_URL, { method: 'POST', body })
      clearPendingArea(window.sessionStorage, 'pop')
      setApiData(queryClient, popUrl(pop.id), pop)
      void queryClient.invalidateQueries({ predicate: (query) => isPopQueryKey(query.queryKey) && query.queryKey[0] !== popUrl(pop.id) })
      navigate(`/pops?pop=${pop.id}`, { replace: true })
    } catch (failure) {
      const answer = failure instanceof ApiError ? (failure.body as { existingPopId?: number } | null) : null
      setExisting(answer?.existingPopId ?? null)
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <p>
        <a href="/pops" onClick={followLink}>
          ← POP register
        </a>
      </p>
      <h1>Register a POP</h1>
      <form
        className="task-editor"
        data-testid="pop-create"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void create()
        }}
      >
        <p data-testid="pop-area-source">Area: {pending.label}.</p>
        <label>
          Title
          <input type="text" maxLength={200} value={title} onChange={(event) => setTitle(event.target.value)} data-testid="pop-title-input" />
        </label>
        <label>
          The problem in words
          <textarea rows={3} maxLength={5000} value={problem} onChange={(event) => setProblem(event.target.value)} data-testid="pop-problem-input" />
        </label>
        {officers.error && <ErrorState title="Could not load the inspectors." error={officers.error} onRetry={officers.refetch} />}
        <OwnerSelect value={ownerId} onChange={setOwnerId} officers={officers.data?.items ?? []} testId="pop-owner-input" />
        <PartnerPicker value={partnerTeamIds} onChange={setPartners} teams={teams.data?.items ?? []} />
        <SaraSelect value={saraStage} onChange={setSaraStage} />
        <label>
          Review date (four weeks on by default: the JAG reviews POPs monthly)
          <input type="date" value={reviewOn} onChange={(event) => setReviewOn(event.target.value)} data-testid="pop-review-input" />
        </label>
        <FormError id="pop-create-error" message={error} testId="pop-error" />
        {existing !== null && (
          <p>
            <a href={`/pops?pop=${existing}`} onClick={followLink}>
              Open POP {existing}
            </a>
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy} data-testid="pop-create-submit">
            {busy ? 'Registering…' : 'Register POP'}
          </button>
        </div>
      </form>
    </>
  )
}
