import { useId, useState } from 'react'
import { apiRequest, errorMessage } from '../../shared/api'
import { formatCount } from '../../shared/format'
import { EmptyState, ErrorState, FormError, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { activityEntryFrom, activityFormFor, type ActivityForm } from './activity-form'
import { activityTotalsUrl, cameraActivityUrl, type ActivityMonth, type ActivityTotals, type CoveragePeriod } from './cctv-api'
import { describeWardActivity } from './cctv-words'

/** The month before this one (UK), the usual month a return is for. */
function lastMonth(): string {
  const now = new Date()
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  return month.toISOString().slice(0, 7)
}

/**
 * A camera's activity return for a month (incidents spotted, assisted arrests, footage requests): entered, or a month
 * already held corrected (its figures fill the form when the month is chosen). Audited by the server.
 */
export function ActivityEntryForm({ cameraId, held, onSaved }: { cameraId: number; held: readonly ActivityMonth[]; onSaved(message: string): Promise<void> }) {
  const idPrefix = useId()
  const [form, setForm] = useState<ActivityForm>(() => activityFormFor(held[0]?.month ?? lastMonth(), held))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const save = async () => {
    const built = activityEntryFrom(form)
    if (!built.ok) return setError(built.message)
    setBusy(true)
    setError(null)
    try {
      await apiRequest(cameraActivityUrl(cameraId, built.value.month), { method: 'PUT', body: built.value.entry })
      await onSaved(`Activity for ${built.value.month} saved.`)
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }
  const number = (key: Exclude<keyof ActivityForm, 'month'>, label: string) => (
    <label>
      {label}
      <input
        type="number"
        inputMode="numeric"
        min={0}
        max={100000}
        step={1}
        className="cctv-activity-input"
        value={form[key]}
        onChange={(event) => setForm({ ...form, [key]: event.target.value })}
        disabled={busy}
        data-testid={`cctv-activity-${key}`}
      />
    </label>
  )
  return (
    <form
      className="cctv-activity-form"
      aria-label="Record activity for a month"
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
      data-testid="cctv-activity-form"
    >
      <label>
        Month
        <input type="month" value={form.month} onChange={(event) => setForm(activityFormFor(event.target.value, held))} disabled={busy} data-testid="cctv-activity-month" />
      </label>
      {number('incidentsSpotted', 'Incidents spotted')}
      {number('assistedArrests', 'Assisted arrests')}
      {number('footageRequests', 'Footage requests')}
      <button type="submit" disabled={busy} data-testid="cctv-activity-save">
        {busy ? 'Saving…' : held.some((item) => item.month === form.month) ? 'Correct the month' : 'Save the month'}
      </button>
      <FormError id={`${idPrefix}-error`} message={error} testId="cctv-activity-error" />
    </form>
  )
}

/** What the cameras did, added up per ward over the page's months, each ward in a sentence and in a table. */
export function WardActivitySection({ period }: { period: CoveragePeriod }) {
  const totals = useApiQuery<ActivityTotals>(activityTotalsUrl(period))
  const months = period.from || period.to ? `${period.from || 'the first return'} to ${period.to || 'the latest'}` : 'every month held'
  return (
    <section aria-labelledby="cctv-activity-heading" data-testid="cctv-activity-totals">
      <h2 id="cctv-activity-heading">Camera activity per ward</h2>
      <p className="hint">The monthly returns operators make for each camera, added up by the ward the camera stands in now ({months}).</p>
      {totals.error && <ErrorState title="Could not add up the activity." error={totals.error} onRetry={totals.refetch} />}
      {!totals.data && !totals.error && <LoadingState label="Adding up the activity…" />}
      {totals.data && totals.data.wards.length === 0 && <EmptyState testId="cctv-activity-empty">No camera has an activity return for these months.</EmptyState>}
      {totals.data && totals.data.wards.length > 0 && (
        <>
          <ul className="cctv-activity-words" data-testid="cctv-activity-words">
            {totals.data.wards.map((row) => (
              <li key={row.ward?.code ?? 'outside'} data-ward={row.ward?.code ?? ''}>
                {describeWardActivity(row)}
              </li>
            ))}
          </ul>
          <div className="table-scroll">
            <table className="data-table" data-testid="cctv-activity-table">
              <caption className="visually-hidden">Camera activity per ward</caption>
              <thead>
                <tr>
                  <th scope="col">Ward</th>
                  <th scope="col">Cameras</th>
                  <th scope="col">Incidents spotted</th>
                  <th scope="col">Assisted arrests</th>
                  <th scope="col">Footage requests</th>
                </tr>
              </thead>
              <tbody>
                {totals.data.wards.map((row) => (
                  <tr key={row.ward?.code ?? 'outside'} data-testid="cctv-activity-row" data-ward={row.ward?.code ?? ''}>
                    <th scope="row">{row.ward ? row.ward.name : 'Outside the wards loaded'}</th>
                    <td>{formatCount(row.cameras)}</td>
                    <td>{formatCount(row.incidentsSpotted)}</td>
                    <td>{formatCount(row.assistedArrests)}</td>
                    <td>{formatCount(row.footageRequests)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-testid="cctv-activity-total">
                  <th scope="row">Every ward</th>
                  <td>{formatCount(totals.data.total.cameras)}</td>
                  <td>{formatCount(totals.data.total.incidentsSpotted)}</td>
                  <td>{formatCount(totals.data.total.assistedArrests)}</td>
                  <td>{formatCount(totals.data.total.footageRequests)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </section>
  )
}
