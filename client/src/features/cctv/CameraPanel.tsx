import { useId, useState } from 'react'
import { apiRequest, errorMessage } from '../../shared/api'
import { formatCount } from '../../shared/format'
import { FormError } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { cameraChangeFrom, formFromCamera, newCameraForm, newCameraFrom, type CameraForm } from './camera-form'
import {
  CAMERA_TYPE_LABELS,
  CAMERA_TYPES,
  CAMERAS_URL,
  cameraRedeployUrl,
  cameraRetireUrl,
  cameraUrl,
  COVERAGE_CAVEAT,
  DEFAULTS_URL,
  MOVABLE_TYPES,
  VIEW_PARAMETER_LABELS,
  type Camera,
  type CameraDetail,
  type CameraType,
  type CoverageAnswer,
  type TypeDefaults,
  type ViewParameter,
} from './cctv-api'
import type { ViewDraft } from './CctvMap'
import { ActivityEntryForm } from './ActivityPanel'
import type { LonLat } from './cctv-geometry'
import { compassPoint, describeCamera, formatHarm, parametersOf } from './cctv-words'

type CameraFigures = CoverageAnswer['cameras'][number]

function AssumedBadge() {
  return (
    <span className="cctv-badge cctv-badge-assumed" title="Not in the register: the type's default" data-testid="cctv-assumed">
      assumed
    </span>
  )
}

export function IllustrativeBadge() {
  return (
    <span className="cctv-badge cctv-badge-illustrative" title="Made up for a demonstration, not a real camera" data-testid="cctv-illustrative">
      illustrative
    </span>
  )
}

/** The text fields and view values, shared by the new-camera form and the editor. */
function CameraFields({ form, onChange, defaults, assumedNow, idPrefix, readOnly }: {
  form: CameraForm
  onChange(form: CameraForm): void
  defaults: TypeDefaults | undefined
  /** The view values the saved camera takes from its type's default. */
  assumedNow: Partial<Record<ViewParameter, boolean>>
  idPrefix: string
  readOnly: boolean
}) {
  const typeDefault = defaults?.items.find((item) => item.type === form.type)
  const set = (patch: Partial<CameraForm>) => onChange({ ...form, ...patch })
  return (
    <fieldset className="cctv-fields" disabled={readOnly}>
      <legend className="visually-hidden">Camera details</legend>
      <div className="cctv-field-grid">
        <label>
          Reference
          <input value={form.reference} onChange={(event) => set({ reference: event.target.value })} maxLength={100} required data-testid="cctv-field-reference" />
        </label>
        <label>
          Name
          <input value={form.name} onChange={(event) => set({ name: event.target.value })} maxLength={200} required data-testid="cctv-field-name" />
        </label>
        <label>
          Owner or operator
          <input value={form.owner} onChange={(event) => set({ owner: event.target.value })} maxLength={200} required data-testid="cctv-field-owner" />
        </label>
        <label>
          Where, in words
          <input value={form.location} onChange={(event) => set({ location: event.target.value })} maxLength={500} data-testid="cctv-field-location" />
        </label>
        <label>
          Type
          <select value={form.type} onChange={(event) => set({ type: event.target.value as CameraType })} data-testid="cctv-field-type">
            {CAMERA_TYPES.map((type) => (
              <option key={type} value={type}>
                {CAMERA_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={form.status} onChange={(event) => set({ status: event.target.value as CameraForm['status'] })} data-testid="cctv-field-status">
            <option value="working">Working</option>
            <option value="faulty">Faulty</option>
          </select>
        </label>
        {parametersOf(form.type).map((parameter) => {
          const id = `${idPrefix}-${parameter}`
          const blank = form.view[parameter].trim() === ''
          return (
            <div className="cctv-view-field" key={parameter}>
              <label htmlFor={id}>
                {VIEW_PARAMETER_LABELS[parameter]} {blank && (assumedNow[parameter] ?? true) && <AssumedBadge />}
              </label>
              <input
                id={id}
                type="number"
                inputMode="decimal"
                step={parameter === 'bearingDeg' || parameter === 'fovDeg' ? 1 : 'any'}
                min={0}
                max={parameter === 'bearingDeg' || parameter === 'fovDeg' ? 360 : undefined}
                value={form.view[parameter]}
                placeholder={typeDefault ? `default ${typeDefault[parameter]}` : 'the type\u2019s default'}
                onChange={(event) => set({ view: { ...form.view, [parameter]: event.target.value } })}
                aria-describedby={`${id}-hint`}
                data-testid={`cctv-field-${parameter}`}
              />
              <span id={`${id}-hint`} className="field-hint">
                {blank ? 'Empty: the type\u2019s default, marked assumed.' : parameter === 'bearingDeg' ? `Faces ${compassPoint(Number(form.view[parameter]) || 0)}.` : ''}
              </span>
            </div>
          )
        })}
      </div>
      <label className="cctv-notes">
        Notes
        <textarea value={form.notes} onChange={(event) => set({ notes: event.target.value })} maxLength={5000} rows={2} data-testid="cctv-field-notes" />
      </label>
    </fieldset>
  )
}

export function NewCameraPanel({ position, defaultOwner, onCancel, onCreated }: { position: LonLat; defaultOwner: string; onCancel(): void; onCreated(camera: Camera): void }) {
  const idPrefix = useId()
  const defaults = useApiQuery<TypeDefaults>(DEFAULTS_URL)
  const [form, setForm] = useState<CameraForm>(() => newCameraForm(defaultOwner))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const built = newCameraFrom(form, position)
    if (!built.ok) return setError(built.message)
    setBusy(true)
    setError(null)
    try {
      onCreated(await apiRequest<Camera>(CAMERAS_URL, { method: 'POST', body: built.value }))
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form
      className="cctv-panel"
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
      aria-labelledby={`${idPrefix}-title`}
      data-testid="cctv-new-camera"
    >
      <h2 id={`${idPrefix}-title`}>New camera</h2>
      <p className="hint">
        At {position.lat.toFixed(5)}, {position.lon.toFixed(5)}. Leave a view value empty when it is not known: the type’s default is used and shown as
        assumed.
      </p>
      <CameraFields form={form} onChange={setForm} defaults={defaults.data} assumedNow={{}} idPrefix={idPrefix} readOnly={busy} />
      <label className="cctv-check">
        <input type="checkbox" checked={form.illustrative} onChange={(event) => setForm({ ...form, illustrative: event.target.checked })} data-testid="cctv-field-illustrative" /> Illustrative
        (made up for a demonstration)
      </label>
      <FormError id={`${idPrefix}-error`} message={error} testId="cctv-new-error" />
      <div className="button-row">
        <button type="submit" disabled={busy} data-testid="cctv-new-submit">
          Add camera
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/**
 * One camera: what it sees (with the caveat), its fields (analysts and admins edit; a stale version's 409 shows the
 * camera as it is now), retire and redeploy. The bearing and angle fields follow the map's handles while dragged.
 */
export function CameraPanel({ camera, editable, draft, conflict, figures, coverageState, caveats, onDraft, onSaved, onFailed, onClose, onRedeployOnMap, onActivitySaved }: {
  camera: Camera
  editable: boolean
  draft: ViewDraft | null
  conflict: CameraDetail | null
  figures: CameraFigures | null
  coverageState: 'loading' | 'loaded' | 'error'
  caveats: readonly string[]
  onDraft(change: Partial<ViewDraft>): void
  onSaved(camera: Camera, message: string): Promise<void>
  onFailed(error: unknown): void
  onClose(): void
  /** Redeploy: the next click on the map is the new site. */
  onRedeployOnMap(): void
  /** A month's activity saved: the camera and the ward totals are asked for again. */
  onActivitySaved(message: string): Promise<void>
}) {
  const idPrefix = useId()
  const defaults = useApiQuery<TypeDefaults>(editable ? DEFAULTS_URL : null)
  const detail = useApiQuery<CameraDetail>(cameraUrl(camera.id))
  const [form, setForm] = useState<CameraForm>(() => formFromCamera(camera))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [retireReason, setRetireReason] = useState('')
  const [redeployTo, setRedeployTo] = useState('')
  // While a handle is dragged, the typed fields show the same numbers as the wedge.
  // (Only values the drag changed: an assumed value left alone stays assumed.)
  const shown: CameraForm = draft
    ? {
        ...form,
        view: {
          ...form.view,
          ...(draft.bearingDeg !== camera.view.bearingDeg ? { bearingDeg: String(draft.bearingDeg) } : {}),
          ...(camera.type !== 'ptz' && camera.type !== 'drone' && draft.fovDeg !== camera.view.fovDeg ? { fovDeg: String(draft.fovDeg) } : {}),
        },
      }
    : form
  const changeForm = (next: CameraForm) => {
    setForm(next)
    const bearing = Number(next.view.bearingDeg)
    const fov = Number(next.view.fovDeg)
    if (next.view.bearingDeg.trim() !== '' && bearing >= 0 && bearing <= 360 && next.view.bearingDeg !== shown.view.bearingDeg) onDraft({ bearingDeg: bearing % 360 })
    if (next.view.fovDeg.trim() !== '' && fov > 0 && fov <= 360 && next.view.fovDeg !== shown.view.fovDeg) onDraft({ fovDeg: fov })
  }

  const run = async (action: () => Promise<Camera>, message: (camera: Camera) => string) => {
    setBusy(true)
    setError(null)
    try {
      const saved = await action()
      await onSaved(saved, message(saved))
    } catch (failure) {
      onFailed(failure)
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  const save = () => {
    const built = cameraChangeFrom(camera, shown)
    if (!built.ok) return setError(built.message)
    if (built.value === null) return setError('Nothing has changed.')
    const change = built.value
    void run(() => apiRequest<Camera>(cameraUrl(camera.id), { method: 'PATCH', body: change }), (saved) => `Saved ${saved.reference}.`)
  }

  const retire = () => {
    if (!retireReason.trim()) return setError('Say why the camera is retired.')
    void run(() => apiRequest<Camera>(cameraRetireUrl(camera.id), { method: 'POST', body: { version: camera.version, reason: retireReason.trim() } }), (saved) => `${saved.reference} retired: kept in the register as removed.`)
  }

  const redeploy = () => {
    const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(redeployTo)
    if (!match) return setError('Give the new site as latitude, longitude (e.g. 54.5646, -1.3117), or use a placement pick below.')
    const position = { lat: Number(match[1]), lon: Number(match[2]) }
    void run(() => apiRequest<Camera>(cameraRedeployUrl(camera.id), { method: 'POST', body: { version: camera.version, position, reason: 'Redeployed from the CCTV page' } }), (saved) => `${saved.reference} redeployed.`)
  }

  return (
    <div className="cctv-panel" data-testid="cctv-camera-panel" data-camera-id={camera.id}>
      <div className="cctv-panel-head">
        <h2 data-testid="cctv-camera-title">
          {camera.reference} · {camera.name} {camera.illustrative && <IllustrativeBadge />}
        </h2>
        <button type="button" onClick={onClose} aria-label="Close the camera panel">
          ×
        </button>
      </div>
      <p className="cctv-describe" data-testid="cctv-camera-description">
        {describeCamera(camera)}
      </p>
      <p className="hint">
        {camera.location || 'No location text.'} · {camera.ward ? `${camera.ward.name} ward` : 'Outside the wards loaded'} · owner {camera.owner} · source{' '}
        {camera.source}
      </p>
      <div className="cctv-sees" data-testid="cctv-camera-figures">
        <h3>What it sees</h3>
        {camera.status !== 'working' && <p>Not working: it counts towards no coverage.</p>}
        {camera.status === 'working' && coverageState === 'loading' && <p>Working out…</p>}
        {camera.status === 'working' && coverageState === 'error' && <p>Could not work out the coverage (see Coverage below).</p>}
        {camera.status === 'working' && coverageState === 'loaded' && (
          <p data-testid="cctv-camera-sees">
            {figures
              ? `${formatCount(figures.incidents)} incident${figures.incidents === 1 ? '' : 's'} (harm ${formatHarm(figures.harm)}) at map points in its view; ${formatCount(figures.onlyThisCamera)} of them (harm ${formatHarm(figures.onlyThisCameraHarm)}) no other working camera sees.`
              : 'No incidents at map points in its view in this period.'}
          </p>
        )}
        <p className="cctv-caveat">{caveats[0] ?? COVERAGE_CAVEAT}</p>
        {camera.anyAssumed && <p className="cctv-caveat">Its view rests on assumed values: an estimate.</p>}
      </div>
      {conflict && (
        <div className="cctv-conflict" role="alert" data-testid="cctv-conflict">
          <strong>Changed by {conflict.updatedBy?.name ?? 'someone else'} meanwhile.</strong> Now: “{conflict.name}”, {describeCamera(conflict)} (version {conflict.version}).
        </div>
      )}
      <CameraFields form={shown} onChange={changeForm} defaults={defaults.data} assumedNow={camera.assumed} idPrefix={idPrefix} readOnly={!editable || busy || camera.status === 'removed'} />
      <FormError id={`${idPrefix}-error`} message={error} testId="cctv-camera-error" />
      {editable && camera.status !== 'removed' && (
        <>
          <div className="button-row">
            <button type="button" onClick={save} disabled={busy} data-testid="cctv-save">
              Save changes
            </button>
          </div>
          <details className="cctv-more">
            <summary>Retire</summary>
            <label>
              Why
              <input value={retireReason} onChange={(event) => setRetireReason(event.target.value)} maxLength={1000} data-testid="cctv-retire-reason" />
            </label>
            <button type="button" onClick={retire} disabled={busy} data-testid="cctv-retire">
              Retire camera
            </button>
          </details>
          {MOVABLE_TYPES.includes(camera.type) && (
            <details className="cctv-more">
              <summary>Redeploy to a new site</summary>
              <button type="button" onClick={onRedeployOnMap} disabled={busy} data-testid="cctv-redeploy-on-map">
                Choose the new site on the map
              </button>
              <p className="hint">Or type it:</p>
              <label>
                New site (latitude, longitude)
                <input value={redeployTo} onChange={(event) => setRedeployTo(event.target.value)} placeholder="54.5646, -1.3117" data-testid="cctv-redeploy-to" />
              </label>
              <button type="button" onClick={redeploy} disabled={busy} data-testid="cctv-redeploy">
                Redeploy
              </button>
            </details>
          )}
        </>
      )}
      {detail.data && detail.data.positions.length > 0 && (
        <details className="cctv-more">
          <summary>Where it has stood ({detail.data.positions.length})</summary>
          <ul>
            {detail.data.positions.map((position) => (
              <li key={position.id}>
                {position.fromDate} to {position.untilDate ?? 'now'}: {position.location || `${position.position.lat.toFixed(5)}, ${position.position.lon.toFixed(5)}`}, facing{' '}
                {Math.round(position.bearingDeg)}°{position.reason ? ` (${position.reason})` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      {detail.data && (detail.data.activity.length > 0 || editable) && (
        <details className="cctv-more" data-testid="cctv-camera-activity">
          <summary>Activity by month ({detail.data.activity.length === 0 ? 'none recorded' : `${detail.data.activity.length} month${detail.data.activity.length === 1 ? '' : 's'}`})</summary>
          {editable && <ActivityEntryForm key={detail.data.activity.map((month) => `${month.month}:${month.incidentsSpotted}:${month.assistedArrests}:${month.footageRequests}`).join()} cameraId={camera.id} held={detail.data.activity} onSaved={onActivitySaved} />}
          {detail.data.activity.length > 0 && (
            <table className="data-table" data-testid="cctv-activity-months">
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col">Incidents spotted</th>
                  <th scope="col">Assisted arrests</th>
                  <th scope="col">Footage requests</th>
                </tr>
              </thead>
              <tbody>
                {detail.data.activity.map((month) => (
                  <tr key={month.month}>
                    <td>{month.month}</td>
                    <td>{month.incidentsSpotted}</td>
                    <td>{month.assistedArrests}</td>
                    <td>{month.footageRequests}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </details>
      )}
    </div>
  )
}
