import { useId, useState, type ReactNode } from 'react'
import { apiRequest, errorMessage } from '../../shared/api'
import { formatCount } from '../../shared/format'
import { FormError } from '../../shared/States'
import {
  ACTIVITY_IMPORT_URL,
  BUILDINGS_URL,
  CAMERA_TYPE_LABELS,
  CAMERA_TYPES,
  REGISTER_IMPORT_URL,
  VIEW_PARAMETER_LABELS,
  type BuildingsResult,
  type CameraType,
  type ImportResult,
  type ViewParameter,
} from './cctv-api'

/** The server takes a file's text in a JSON body under its 1 MB limit (decision 0010). */
const MAX_FILE_BYTES = 900_000

type Outcome = ImportResult | BuildingsResult

/** What a file's import did, in words, and every rejected row by its number. */
function ImportOutcome({ outcome, testId }: { outcome: Outcome; testId: string }) {
  const assumed = 'assumed' in outcome ? Object.entries(outcome.assumed).filter(([, count]) => count > 0) : []
  return (
    <div className={outcome.status === 'committed' ? 'cctv-import-done' : 'cctv-import-rejected'} role="status" data-testid={testId} data-status={outcome.status}>
      <p data-testid={`${testId}-message`}>
        <strong>{outcome.status === 'committed' ? 'Imported.' : 'Refused: nothing from this file was stored.'}</strong> {outcome.message}
      </p>
      {'rowsRead' in outcome && (
        <p data-testid={`${testId}-figures`}>
          {formatCount(outcome.rowsRead)} row{outcome.rowsRead === 1 ? '' : 's'} read: {formatCount(outcome.rowsAdded)} added
          {outcome.rowsUpdated > 0 ? `, ${formatCount(outcome.rowsUpdated)} replaced with new figures` : ''}, {formatCount(outcome.rowsAlreadyHeld)} already held (left as they
          were), {formatCount(outcome.rowsRejected)} rejected.
        </p>
      )}
      {'footprints' in outcome && (
        <p data-testid={`${testId}-figures`}>
          {formatCount(outcome.featuresRead)} feature{outcome.featuresRead === 1 ? '' : 's'} read; {formatCount(outcome.footprints)} footprint{outcome.footprints === 1 ? '' : 's'} now
          held; {formatCount(outcome.rowsRejected)} rejected.
        </p>
      )}
      {assumed.length > 0 && (
        <p className="cctv-caveat">
          Not in the file, so taken from the type defaults and marked assumed:{' '}
          {assumed.map(([key, count]) => `${key === 'type' ? 'type' : VIEW_PARAMETER_LABELS[key as ViewParameter]?.replace(/ \(.*\)$/, '').toLowerCase() ?? key} for ${formatCount(count)}`).join(', ')}.
        </p>
      )}
      {outcome.errors.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid={`${testId}-errors`}>
            <caption>Rejected rows (the header is row 1{'footprints' in outcome || ('format' in outcome && outcome.format === 'geojson') ? '; in GeoJSON, the feature number' : ''})</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {outcome.errors.map((error, index) => (
                <tr key={`${error.row}-${index}`} data-testid={`${testId}-error`}>
                  <td>{error.row}</td>
                  <td>{error.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

/** One file's form: choose it, send its text with the extra fields, show what happened. */
function FileImportForm<T extends Outcome>({ title, hint, accept, testId, children, send, onDone }: {
  title: string
  hint: string
  accept: string
  testId: string
  children?: ReactNode
  send(file: { fileName: string; content: string }): Promise<T>
  onDone(outcome: T): Promise<void>
}) {
  const idPrefix = useId()
  const [file, setFile] = useState<File | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<T | null>(null)
  const submit = async () => {
    if (!file) return setError('Choose a file first.')
    if (file.size > MAX_FILE_BYTES) return setError(`${file.name} is ${formatCount(Math.round(file.size / 1000))} kB; files up to 900 kB are taken here (a larger one: the import script).`)
    if (file.size === 0) return setError(`${file.name} is empty.`)
    setBusy(true)
    setError(null)
    setOutcome(null)
    try {
      const answer = await send({ fileName: file.name, content: await file.text() })
      setOutcome(answer)
      await onDone(answer)
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form
      className="cctv-import"
      aria-labelledby={`${idPrefix}-title`}
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
      data-testid={testId}
    >
      <h3 id={`${idPrefix}-title`}>{title}</h3>
      <p className="hint">{hint}</p>
      <div className="task-filters">
        <label>
          File
          <input
            type="file"
            accept={accept}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null)
              setOutcome(null)
              setError(null)
            }}
            disabled={busy}
            data-testid={`${testId}-file`}
          />
        </label>
        {children}
        <button type="submit" disabled={busy || !file} data-testid={`${testId}-submit`}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
      <FormError id={`${idPrefix}-error`} message={error} testId={`${testId}-failure`} />
      {outcome && <ImportOutcome outcome={outcome} testId={`${testId}-outcome`} />}
    </form>
  )
}

/**
 * The CCTV imports for analysts and admins (issue 14): a council's camera register (CSV or GeoJSON), building
 * footprints that block views, and cameras' monthly activity as CSV. Each file is checked whole: one bad row and
 * nothing of it is stored, every bad row listed by its number.
 */
export function CctvImportsPanel({ defaultOwner, onImported }: { defaultOwner: string; onImported(message: string): Promise<void> }) {
  const [owner, setOwner] = useState(defaultOwner)
  const [defaultType, setDefaultType] = useState<CameraType>('ptz')
  const [illustrative, setIllustrative] = useState(false)
  const done = async (outcome: Outcome) => {
    if (outcome.status === 'committed') await onImported(`${outcome.fileName}: ${outcome.message}`)
  }
  return (
    <section aria-labelledby="cctv-imports-heading" data-testid="cctv-imports">
      <h2 id="cctv-imports-heading">Import</h2>
      <FileImportForm<ImportResult>
        title="Camera register"
        hint="A council register as CSV (reference, location, ward, longitude and latitude, as Trafford publishes it, or named columns such as type, bearing, range) or GeoJSON points. Cameras already held (same owner and reference) are left as they are."
        accept=".csv,.geojson,.json,text/csv,application/geo+json,application/json"
        testId="cctv-import-register"
        send={(file) =>
          owner.trim() === ''
            ? Promise.reject(new Error('Say who runs these cameras (owner or operator): with each reference, it tells cameras apart.'))
            : apiRequest<ImportResult>(REGISTER_IMPORT_URL, { method: 'POST', body: { ...file, owner: owner.trim(), defaultType, illustrative } })
        }
        onDone={done}
      >
        <label>
          Owner or operator
          <input value={owner} onChange={(event) => setOwner(event.target.value)} maxLength={200} data-testid="cctv-import-owner" />
        </label>
        <label>
          Type of rows that give none
          <select value={defaultType} onChange={(event) => setDefaultType(event.target.value as CameraType)} data-testid="cctv-import-default-type">
            {CAMERA_TYPES.map((type) => (
              <option key={type} value={type}>
                {CAMERA_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </label>
        <label className="cctv-check">
          <input type="checkbox" checked={illustrative} onChange={(event) => setIllustrative(event.target.checked)} data-testid="cctv-import-illustrative" /> Illustrative (made up)
        </label>
      </FileImportForm>
      <FileImportForm<BuildingsResult>
        title="Building footprints"
        hint="GeoJSON polygons; they replace the footprints loaded, and cameras no longer see through them."
        accept=".geojson,.json,application/geo+json,application/json"
        testId="cctv-import-buildings"
        send={(file) => apiRequest<BuildingsResult>(BUILDINGS_URL, { method: 'POST', body: file })}
        onDone={done}
      />
      <FileImportForm<ImportResult>
        title="Camera activity"
        hint="CSV with the columns reference, month (YYYY-MM), incidents_spotted, assisted_arrests, footage_requests (owner optional). A month already held with other figures is replaced (a corrected return)."
        accept=".csv,text/csv"
        testId="cctv-import-activity"
        send={(file) => apiRequest<ImportResult>(ACTIVITY_IMPORT_URL, { method: 'POST', body: file })}
        onDone={done}
      />
    </section>
  )
}
