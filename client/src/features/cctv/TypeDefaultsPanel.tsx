import { useId, useState } from 'react'
import { apiRequest, errorMessage } from '../../shared/api'
import { formatCount } from '../../shared/format'
import { ErrorState, FormError, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { CAMERA_TYPE_LABELS, DEFAULTS_URL, VIEW_PARAMETER_LABELS, type CameraType, type TypeDefault, type TypeDefaults, type ViewParameter } from './cctv-api'
import { parametersOf } from './cctv-words'
import { defaultsChangeFrom, defaultsFormOf, type DefaultsForm } from './type-defaults-form'

const COLUMNS: readonly ViewParameter[] = ['bearingDeg', 'fovDeg', 'rangeM', 'radiusM', 'mountingHeightM']

function DefaultsRow({ item, editable, onSaved, onShowAssumed }: { item: TypeDefault; editable: boolean; onSaved(message: string): Promise<void>; onShowAssumed(type: CameraType): void }) {
  const idPrefix = useId()
  const [form, setForm] = useState<DefaultsForm>(() => defaultsFormOf(item))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const used = parametersOf(item.type)
  const save = async () => {
    const built = defaultsChangeFrom(item, form)
    if (!built.ok) return setError(built.message)
    if (built.value === null) return setError('Nothing has changed.')
    setBusy(true)
    setError(null)
    try {
      const answer = await apiRequest<TypeDefaults>(DEFAULTS_URL, { method: 'PUT', body: built.value })
      const now = answer.items.find((each) => each.type === item.type)
      const moved = now ? now.assumedCameras : 0
      await onSaved(`${CAMERA_TYPE_LABELS[item.type]} defaults saved; ${formatCount(moved)} camera${moved === 1 ? '' : 's'} on assumed values now use them.`)
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }
  return (
    <tr data-testid="cctv-default-row" data-type={item.type}>
      <th scope="row">{CAMERA_TYPE_LABELS[item.type]}</th>
      {COLUMNS.map((parameter) => (
        <td key={parameter}>
          {!used.includes(parameter) ? (
            <span className="hint" title="Not used by this type">—</span>
          ) : editable ? (
            <input
              type="number"
              inputMode="decimal"
              min={0}
              step="any"
              className="cctv-default-input"
              value={form[parameter]}
              onChange={(event) => setForm({ ...form, [parameter]: event.target.value })}
              aria-label={`${CAMERA_TYPE_LABELS[item.type]}: ${VIEW_PARAMETER_LABELS[parameter]}`}
              disabled={busy}
              data-testid={`cctv-default-${item.type}-${parameter}`}
            />
          ) : (
            formatCount(item[parameter])
          )}
        </td>
      ))}
      <td data-testid="cctv-default-assumed">
        {item.assumedCameras === 0 ? (
          'none'
        ) : (
          <button type="button" className="link-button" onClick={() => onShowAssumed(item.type)} data-testid={`cctv-default-show-${item.type}`}>
            {formatCount(item.assumedCameras)} camera{item.assumedCameras === 1 ? '' : 's'}
          </button>
        )}
      </td>
      {editable && (
        <td>
          <button type="button" onClick={() => void save()} disabled={busy} data-testid={`cctv-default-save-${item.type}`} aria-describedby={`${idPrefix}-error`}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          <FormError id={`${idPrefix}-error`} message={error} testId="cctv-default-error" />
        </td>
      )}
    </tr>
  )
}

/**
 * The values a camera takes when its register leaves a view parameter out (flagged "assumed" wherever it shows).
 * Analysts and admins change them here; every camera still on an assumed value of the type moves with them, so its
 * wedge and the coverage figures change too. The count of such cameras opens them in the camera list.
 */
export function TypeDefaultsPanel({ editable, onSaved, onShowAssumed }: { editable: boolean; onSaved(message: string): Promise<void>; onShowAssumed(type: CameraType): void }) {
  const defaults = useApiQuery<TypeDefaults>(DEFAULTS_URL)
  return (
    <section aria-labelledby="cctv-defaults-heading" data-testid="cctv-defaults">
      <h2 id="cctv-defaults-heading">Assumed view values</h2>
      <p className="hint">
        When a register does not say how a camera looks, it takes its type’s values below and is marked “assumed”: its view and the coverage figures are
        estimates. {editable ? 'Changing a value here moves every camera still on it (not those with a known value).' : 'Analysts and admins change them.'}
      </p>
      {defaults.error && <ErrorState title="Could not load the default values." error={defaults.error} onRetry={defaults.refetch} />}
      {!defaults.data && !defaults.error && <LoadingState label="Loading the default values…" />}
      {defaults.data && (
        <div className="table-scroll">
          <table className="data-table cctv-defaults-table" data-testid="cctv-defaults-table">
            <caption className="visually-hidden">Default view values per camera type</caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                {COLUMNS.map((parameter) => (
                  <th scope="col" key={parameter}>
                    {VIEW_PARAMETER_LABELS[parameter]}
                  </th>
                ))}
                <th scope="col">Cameras on assumed values</th>
                {editable && <th scope="col"><span className="visually-hidden">Save</span></th>}
              </tr>
            </thead>
            <tbody>
              {defaults.data.items.map((item) => (
                // A new key after each save: the typed values start again from what is stored.
                <DefaultsRow key={`${item.type}-${item.updatedAt}`} item={item} editable={editable} onSaved={onSaved} onShowAssumed={onShowAssumed} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {defaults.data && (
        <p className="hint" data-testid="cctv-buildings-count">
          {defaults.data.buildings === 0 ? 'No building footprints loaded: views are not blocked by buildings.' : `${formatCount(defaults.data.buildings)} building footprints loaded: views stop at them.`}
        </p>
      )}
    </section>
  )
}
