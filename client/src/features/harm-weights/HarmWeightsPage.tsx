import './harm-weights.css'
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import { harmWeightsUrl, type HarmWeight, type HarmWeightsAnswer, type HarmWeightsUpdate } from './harm-weights-api'
import { apiRequest, errorMessage, type User } from '../../shared/api'
import { formatDateTime } from '../../shared/dates'
import {
  canEditHarmWeights,
  describeSaveError,
  draftsOf,
  formatWeight,
  inputTextOf,
  isAtDefault,
  MAX_HARM_WEIGHT,
  MAX_REASON_LENGTH,
  planSave,
  savedMessage,
  type WeightDraft,
} from './harm-weights'
import { useQueryClient } from '@tanstack/react-query'
import { invalidateApi } from '../../shared/query-client'
import { setApiData, useApiQuery } from '../../shared/use-api-query'
import { EmptyState, ErrorState, FormError, LoadingState } from '../../shared/States'

export function HarmWeightsPage({ user }: { user: User }) {
  const queryClient = useQueryClient()
  const resource = useApiQuery<HarmWeightsAnswer>(harmWeightsUrl)
  // The answer shown: the GET's, then each save's, which is the table as it stands after the change.
  const answer = resource.data ?? null
  const onSaved = useCallback(
    (saved: HarmWeightsAnswer) => {
      setApiData(queryClient, harmWeightsUrl, saved)
      // Every harm analysis cached so far used the old weights.
      void invalidateApi(queryClient, '/api/hotspots/')
    },
    [queryClient],
  )
  const canEdit = canEditHarmWeights(user.role)

  return (
    <div className="content harm-weights-page">
      <header className="page-header">
        <div>
          <h1>Harm weights</h1>
          <p className="page-subtitle">How much one incident of each category counts when an analysis measures harm.</p>
        </div>
      </header>

      <section className="harm-intro" aria-label="About harm weighting" data-testid="harm-explanation">
        <p>
          Counting incidents treats a shoplifting and a robbery alike. Harm weighting gives each category a weight for
          the harm one incident of it does, and an analysis run on harm adds up these weights instead of counting
          incidents, so places with serious crime stand out even where incidents are few.
        </p>
        <p>
          Every hotspot analysis can use either measure: switch between counting incidents and adding up their harm
          in the Hotspots panel on the map. A change here applies to every harm analysis, for everyone, the next time
          it runs.
        </p>
        {answer && (
          <p className="harm-scale" data-testid="harm-scale">
            <strong>Scale:</strong> {answer.scale}
          </p>
        )}
      </section>

      {!canEdit && (
        <aside className="note" data-testid="harm-weights-read-only" aria-label="Who can change the weights">
          Only analysts and administrators can change the weights. Ask one of them if a weight looks wrong.
        </aside>
      )}

      {resource.error && !answer && (
        <ErrorState title="Could not load the harm weights." error={resource.error} onRetry={resource.refetch} />
      )}
      {!answer && resource.loading && <LoadingState label="Loading the harm weights…" />}
      {answer && answer.weights.length === 0 && (
        <EmptyState testId="harm-weights-empty">No harm weights are set up yet; the server loads the bundled defaults when it starts.</EmptyState>
      )}
      {answer && answer.weights.length > 0 && (canEdit ? <WeightsForm answer={answer} onSaved={onSaved} /> : <WeightsTable weights={answer.weights} />)}
    </div>
  )
}

/** The cells both tables share: the default, where it comes from, and the last change. */
function DefaultAndHistory({ row }: { row: HarmWeight }) {
  return (
    <>
      <td className="numeric" data-testid="harm-weight-default">
        {formatWeight(row.defaultWeight)}
      </td>
      <td className="harm-basis">{row.basis}</td>
      <td className="nowrap">
        <LastChanged row={row} />
      </td>
    </>
  )
}

function LastChanged({ row }: { row: HarmWeight }) {
  // A null editor means the weight is still the default loaded at start; its time is the load's, of no interest.
  if (row.updatedBy === null) return <span className="muted">bundled default</span>
  return (
    <>
      <time dateTime={row.updatedAt}>{formatDateTime(row.updatedAt)}</time>
      <br />
      <span className="muted harm-editor">{row.updatedBy}</span>
    </>
  )
}

function TableHead({ editable }: { editable: boolean }) {
  return (
    <>
      <caption className="visually-hidden">Harm weight of each category</caption>
      <thead>
        <tr>
          <th scope="col">Category</th>
          <th scope="col" className="numeric">
            Weight
          </th>
          <th scope="col" className="numeric">
            Default
          </th>
          <th scope="col">Basis of the default</th>
          <th scope="col">Last changed</th>
          {editable && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
    </>
  )
}

/** Inspectors: the weights as text, nothing to change. */
function WeightsTable({ weights }: { weights: readonly HarmWeight[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table harm-table" data-testid="harm-weights-table">
        <TableHead editable={false} />
        <tbody>
          {weights.map((row) => (
            <tr key={row.category} data-testid="harm-weight-row" data-category={row.category}>
              <th scope="row">{row.category}</th>
              <td className="numeric" data-testid="harm-weight-value">
                {formatWeight(row.weight)}
              </td>
              <DefaultAndHistory row={row} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

interface Edits {
  weights: readonly HarmWeight[]
  drafts: Record<string, WeightDraft>
}

const NO_EDITS: Record<string, WeightDraft> = {}

function WeightsForm({ answer, onSaved }: { answer: HarmWeightsAnswer; onSaved(answer: HarmWeightsAnswer): void }) {
  const id = useId()
  const weights = answer.weights
  // Edits belong to the answer they were typed against: a new answer (after a save) is the stored state, and the
  // inputs start from it again.
  const [edits, setEdits] = useState<Edits>(() => ({ weights, drafts: {} }))
  const editsNow = edits.weights === weights ? edits.drafts : NO_EDITS
  const drafts = useMemo(() => ({ ...draftsOf(weights), ...editsNow }), [weights, editsNow])
  const [reason, setReason] = useState('')
  const [saving, setSaving] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const inputs = useRef(new Map<string, HTMLInputElement>())
  const noticeRef = useRef<HTMLParagraphElement>(null)
  const saveRef = useRef<HTMLButtonElement>(null)

  // Save is disabled once saving starts and stays so after (nothing differs), which drops the focus of someone who
  // pressed it to the page; put them at the outcome instead. Focus left elsewhere (Enter in a field) stays there.
  useEffect(() => {
    const active = document.activeElement
    if (notice && (active === null || active === document.body || active === saveRef.current)) noticeRef.current?.focus()
  }, [notice])

  const plan = useMemo(() => planSave(weights, drafts), [weights, drafts])
  const allAtDefault = weights.every((row) => isAtDefault(row, drafts[row.category]))
  const pendingCount = plan.changes.length + Object.keys(plan.problems).length

  function setDrafts(changed: Record<string, WeightDraft>) {
    setEdits((previous) => ({ weights, drafts: { ...(previous.weights === weights ? previous.drafts : NO_EDITS), ...changed } }))
  }

  function edit(category: string, draft: WeightDraft) {
    setDrafts({ [category]: draft })
    setNotice(null)
    setFormError(null)
  }

  function resetToDefault(rows: readonly HarmWeight[]) {
    setDrafts(Object.fromEntries(rows.map((row) => [row.category, { text: inputTextOf(row.defaultWeight), badInput: false }])))
    setNotice(null)
    setFormError(null)
  }

  async function save(event: FormEvent) {
    event.preventDefault()
    if (saving || !plan.dirty) return
    const invalid = weights.filter((row) => plan.problems[row.category] !== undefined)
    if (invalid.length > 0) {
      setFormError(
        invalid.length === 1
          ? `Nothing was saved: correct the weight of ${invalid[0].category} first.`
          : `Nothing was saved: correct the ${invalid.length} weights marked in the table first.`,
      )
      inputs.current.get(invalid[0].category)?.focus()
      return
    }
    const sent = plan.changes
    const trimmedReason = reason.trim()
    const body: HarmWeightsUpdate = { weights: sent, ...(trimmedReason ? { reason: trimmedReason } : {}) }
    setSaving(true)
    setFormError(null)
    setNotice(null)
    try {
      const saved = await apiRequest<HarmWeightsAnswer>(harmWeightsUrl, { method: 'PUT', body })
      setReason('')
      setNotice(savedMessage(sent.length))
      onSaved(saved)
    } catch (caught) {
      setFormError(`The weights were not saved. ${describeSaveError(errorMessage(caught), sent)}`)
    } finally {
      setSaving(false)
    }
  }

  return (
    <form className="harm-form" onSubmit={save} noValidate aria-label="Harm weights" data-testid="harm-weights-form">
      <div className="table-scroll">
        <table className="data-table harm-table" data-testid="harm-weights-table">
          <TableHead editable />
          <tbody>
            {weights.map((row) => {
              const draft = drafts[row.category] ?? { text: inputTextOf(row.weight), badInput: false }
              // Shown as typed, not when the field is left: a message appearing on blur moves the rows under the
              // pointer between the press and release of a click on Save or Reset, and the click is lost.
              const problem = plan.problems[row.category]
              const changed = plan.changes.some((change) => change.category === row.category) || plan.problems[row.category] !== undefined
              const problemId = `${id}-${row.category}-problem`
              return (
                <tr key={row.category} data-testid="harm-weight-row" data-category={row.category} className={changed ? 'row-changed' : undefined}>
                  <th scope="row">{row.category}</th>
                  <td className="numeric harm-weight-cell">
                    <input
                      ref={(element) => {
                        if (element) inputs.current.set(row.category, element)
                        else inputs.current.delete(row.category)
                      }}
                      type="number"
                      inputMode="decimal"
                      min={0}
                      max={MAX_HARM_WEIGHT}
                      step="any"
                      className="weight-input"
                      data-testid="harm-weight-input"
                      aria-label={`Weight of ${row.category}`}
                      aria-invalid={problem ? true : undefined}
                      aria-describedby={problem ? problemId : undefined}
                      value={draft.text}
                      onChange={(event) => edit(row.category, { text: event.target.value, badInput: event.target.validity.badInput })}
                    />
                    {problem && (
                      <p className="field-problem" id={problemId} data-testid="harm-weight-error">
                        {problem}
                      </p>
                    )}
                  </td>
                  <DefaultAndHistory row={row} />
                  <td className="actions">
                    <button
                      type="button"
                      data-testid="harm-weight-reset"
                      aria-label={`Reset to default: ${row.category}, ${formatWeight(row.defaultWeight)}`}
                      disabled={isAtDefault(row, draft)}
                      onClick={() => resetToDefault([row])}
                    >
                      Reset to default
                    </button>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>

      <div className="harm-save-bar">
        <div className="form-field harm-reason">
          <label htmlFor={`${id}-reason`}>
            Reason for the change <span className="muted">(optional)</span>
          </label>
          <input
            id={`${id}-reason`}
            type="text"
            data-testid="harm-weights-reason"
            maxLength={MAX_REASON_LENGTH}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-describedby={`${id}-reason-hint`}
          />
          <p className="hint" id={`${id}-reason-hint`}>
            Kept in the audit log with the old and new weights.
          </p>
        </div>
        <div className="form-actions harm-actions">
          <button ref={saveRef} type="submit" className="primary" disabled={!plan.dirty || saving} data-testid="harm-weights-save">
            {saving ? 'Saving…' : 'Save changes'}
          </button>
          <button type="button" data-testid="harm-weights-reset-all" disabled={allAtDefault || saving} onClick={() => resetToDefault(weights)}>
            Reset all to defaults
          </button>
          <span className="harm-pending muted" aria-live="polite" data-testid="harm-weights-pending">
            {pendingCount > 0 && `${pendingCount} ${pendingCount === 1 ? 'weight' : 'weights'} changed, not yet saved.`}
          </span>
        </div>
        <FormError id={`${id}-error`} message={formError} testId="harm-weights-error" />
        {notice && (
          <p className="notice" role="status" tabIndex={-1} ref={noticeRef} data-testid="harm-weights-notice">
            {notice}
          </p>
        )}
      </div>
    </form>
  )
}
