import { useQueryClient } from '@tanstack/react-query'
import Papa from 'papaparse'
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react'
import type { ImportProfileSchema, MappedImportAnswer, PreviewAnswer } from '../../../../server/src/features/import-profiles/schemas'
import { apiRequest, errorMessage, isAbortError, uploadFile } from '../../shared/api'
import { CategoryOptions } from '../../shared/CategoryOptions'
import { downloadText } from '../../shared/download'
import { csvField, formatCount } from '../../shared/format'
import { ErrorState, FormError, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import {
  DATE_FORMAT_LABELS, DATE_FORMATS, draftOfMapping, EMPTY_DRAFT, firstLines, guessDraft, mappingOfDraft, profileNameOf, sameMapping, type DateFormat, type MappingDraft,
} from './mapping-draft'
import './imports.css'

const PROFILES_URL = '/api/import-profiles'
const PREVIEW_ROWS = 20
const NEW = ''

interface Sample {
  file: File
  text: string
  columns: string[]
  rows: string[][]
}

type Run = { state: 'idle' } | { state: 'uploading'; sent: number } | { state: 'importing' } | { state: 'done'; answer: MappedImportAnswer } | { state: 'failed'; message: string }

/**
 * Import an incident log (issue 15): choose a file, see its first rows, map its columns (starting from a guess or a
 * saved profile) with each row's parsed values or why it would be rejected, save the mapping as a named profile, and
 * import the file through it with a progress bar. The server reads the file in one transaction: all or nothing.
 */
export function ImportPage() {
  const id = useId()
  const queryClient = useQueryClient()
  const profiles = useApiQuery<{ items: ImportProfileSchema[] }>(PROFILES_URL)
  const [sample, setSample] = useState<Sample | null>(null)
  const [readError, setReadError] = useState<string | null>(null)
  const [profileName, setProfileName] = useState(NEW)
  const [draft, setDraft] = useState<MappingDraft>(EMPTY_DRAFT)
  const [title, setTitle] = useState('')
  const [saveError, setSaveError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [run, setRun] = useState<Run>({ state: 'idle' })

  const saved = profiles.data?.items.find((profile) => profile.name === profileName) ?? null
  const built = useMemo(() => mappingOfDraft(draft), [draft])
  const unsaved = saved === null || saved.mapping === null || !sameMapping(built.mapping, saved.mapping) || title.trim() !== saved.title
  const preview = usePreview(sample?.text ?? null, built.mapping)
  const change = (patch: Partial<MappingDraft>) => setDraft((current) => ({ ...current, ...patch }))

  async function chooseFile(file: File | undefined) {
    setRun({ state: 'idle' })
    setReadError(null)
    if (!file) return
    try {
      const text = await firstLines(file)
      const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true })
      const [columns = [], ...rows] = parsed.data
      if (columns.length < 2) throw new Error('This does not look like a CSV file with a header row (fewer than two columns in its first line).')
      setSample({ file, text, columns, rows: rows.slice(0, 200) })
      if (profileName === NEW) {
        setDraft(guessDraft(columns, file.name))
        setTitle(file.name.replace(/\.(csv|gz)+$/i, ''))
      }
    } catch (error) {
      setSample(null)
      setReadError(error instanceof Error ? error.message : String(error))
    }
  }

  function chooseProfile(name: string) {
    setProfileName(name)
    setSaveError(null)
    const profile = profiles.data?.items.find((item) => item.name === name)
    if (profile?.mapping) {
      setDraft(draftOfMapping(profile.mapping))
      setTitle(profile.title)
    } else if (sample) {
      setDraft(guessDraft(sample.columns, sample.file.name))
      setTitle(sample.file.name.replace(/\.(csv|gz)+$/i, ''))
    }
  }

  async function saveProfile() {
    if (!built.mapping) return
    setSaving(true)
    setSaveError(null)
    try {
      const answer = saved
        ? await apiRequest<ImportProfileSchema>(`${PROFILES_URL}/${saved.name}`, { method: 'PUT', body: { title: title.trim(), mapping: built.mapping } })
        : await apiRequest<ImportProfileSchema>(PROFILES_URL, { method: 'POST', body: { name: profileNameOf(title), title: title.trim(), mapping: built.mapping } })
      await queryClient.invalidateQueries({ queryKey: [PROFILES_URL] })
      setProfileName(answer.name)
    } catch (error) {
      setSaveError(errorMessage(error))
    } finally {
      setSaving(false)
    }
  }

  async function importFile() {
    if (!sample || !saved) return
    setRun({ state: 'uploading', sent: 0 })
    try {
      const gzip = /\.gz$/i.test(sample.file.name) || sample.file.type === 'application/gzip'
      const url = `/api/imports/mapped?profile=${encodeURIComponent(saved.name)}&name=${encodeURIComponent(sample.file.name.slice(0, 200))}`
      const answer = await uploadFile<MappedImportAnswer>(url, sample.file, gzip ? 'application/gzip' : 'text/csv', (sent) =>
        setRun(sent < 1 ? { state: 'uploading', sent } : { state: 'importing' }),
      )
      setRun({ state: 'done', answer })
      // Counts, maps and analyses change with an import: everything cached is asked for again.
      if (answer.status === 'committed') await queryClient.invalidateQueries()
    } catch (error) {
      if (!isAbortError(error)) setRun({ state: 'failed', message: errorMessage(error) })
    }
  }

  const columnSelect = (label: string, value: string, onChange: (column: string) => void, testId: string, optional = false) => (
    <label>
      {label}
      <select data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{optional ? '(none)' : 'Choose a column…'}</option>
        {sample?.columns.map((column) => (
          <option key={column} value={column}>
            {column}
          </option>
        ))}
      </select>
    </label>
  )

  const rejectedWords = (field: keyof PreviewAnswer['rejectedBy']) => {
    if (!preview.data) return null
    const count = preview.data.rejectedBy[field]
    return (
      <span className={count > 0 ? 'rejects some' : 'rejects'} data-testid={`rejected-by-${field}`}>
        {count === 0 ? `all ${preview.data.rows.length} rows read` : `rejects ${count} of ${preview.data.rows.length} rows`}
      </span>
    )
  }

  const categoryValues = useMemo(() => {
    if (!sample || !draft.categoryColumn) return []
    const at = sample.columns.indexOf(draft.categoryColumn)
    const seen = new Map<string, number>()
    for (const row of sample.rows) {
      const value = (row[at] ?? '').trim()
      if (value) seen.set(value, (seen.get(value) ?? 0) + 1)
    }
    for (const value of Object.keys(draft.categoryMap)) if (!seen.has(value)) seen.set(value, 0)
    return [...seen].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 40)
  }, [sample, draft.categoryColumn, draft.categoryMap])

  return (
    <div className="content import-page">
      <h1>Import an incident log</h1>
      <p className="hint">
        A council or police log with dates, times and positions (CSV, or CSV gzipped). Map its columns once and save the mapping as a profile;
        the same log exported again later imports through it, its changed rows replaced and nothing added twice. police.uk files and ward
        boundaries are imported from the command line (<code>npm run import</code>).
      </p>

      <Step number={1} title="Choose the file">
        <input
          type="file"
          accept=".csv,.gz,text/csv,application/gzip"
          data-testid="import-file"
          aria-describedby={`${id}-file-hint`}
          onChange={(event) => {
            void chooseFile(event.target.files?.[0])
            // Cleared, so choosing the same file again (corrected since) is a change too.
            event.target.value = ''
          }}
        />
        {sample && (
          <p data-testid="import-chosen">
            Chosen: <strong>{sample.file.name}</strong> ({formatCount(Math.ceil(sample.file.size / 1024))} KB, {sample.columns.length} columns)
          </p>
        )}
        <p className="hint" id={`${id}-file-hint`}>
          Only its first rows are read here, to map the columns; the whole file is sent when you import it (up to 64 MB).
        </p>
        <FormError id={`${id}-read-error`} message={readError} testId="import-read-error" />
      </Step>

      {sample && (
        <Step number={2} title="Map its columns">
          <div className="import-row">
            <label>
              Profile
              <select data-testid="import-profile" value={profileName} onChange={(event) => chooseProfile(event.target.value)}>
                <option value={NEW}>A new mapping (a guess from the column names)</option>
                {profiles.data?.items.map((profile) => (
                  <option key={profile.name} value={profile.name}>
                    {profile.title}
                    {profile.shipped ? ' (shipped)' : ''}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Source name (incidents are stored and filtered under it)
              <input data-testid="import-source" value={draft.source} maxLength={100} onChange={(event) => change({ source: event.target.value })} />
            </label>
          </div>
          {preview.data && preview.data.missingColumns.length > 0 && (
            <p className="form-error" role="alert" data-testid="import-missing-columns">
              This file has no column {preview.data.missingColumns.map((column) => `“${column}”`).join(', ')}: the mapping reads it, so the file would be refused whole.
            </p>
          )}
          <fieldset className="import-choice">
            <legend>Reference (what identifies a row in the log) {rejectedWords('reference')}</legend>
            <select
              multiple
              size={Math.min(6, sample.columns.length)}
              data-testid="import-reference"
              aria-label="Reference columns"
              value={draft.reference}
              onChange={(event) => change({ reference: [...event.target.selectedOptions].map((option) => option.value).slice(0, 5) })}
            >
              {sample.columns.map((column) => (
                <option key={column} value={column}>
                  {column}
                </option>
              ))}
            </select>
            <p className="hint">One column, or up to five that together are unique. A re-export with the same references replaces those rows.</p>
          </fieldset>
          <fieldset className="import-choice">
            <legend>When {rejectedWords('when')}</legend>
            <div className="import-row">
              {columnSelect('Date column', draft.dateColumn, (column) => change({ dateColumn: column }), 'import-date')}
              <label>
                Written as
                <select data-testid="import-date-format" value={draft.dateFormat} onChange={(event) => change({ dateFormat: event.target.value as DateFormat })}>
                  {DATE_FORMATS.map((format) => (
                    <option key={format} value={format}>
                      {DATE_FORMAT_LABELS[format]}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Time of day
                <select data-testid="import-time-kind" value={draft.timeKind} onChange={(event) => change({ timeKind: event.target.value as MappingDraft['timeKind'] })}>
                  <option value="in-date">In the date column (or none: the day only)</option>
                  <option value="column">A column of its own</option>
                  <option value="hour-minute">Hour and minute columns</option>
                </select>
              </label>
              {draft.timeKind === 'column' && columnSelect('Time column', draft.timeColumn, (column) => change({ timeColumn: column }), 'import-time')}
              {draft.timeKind === 'hour-minute' && columnSelect('Hour column', draft.hourColumn, (column) => change({ hourColumn: column }), 'import-hour')}
              {draft.timeKind === 'hour-minute' && columnSelect('Minute column', draft.minuteColumn, (column) => change({ minuteColumn: column }), 'import-minute')}
            </div>
            <p className="hint">Read as UK local time. In October&rsquo;s repeated hour the first (summer time) is taken; March&rsquo;s missing hour moves on an hour.</p>
          </fieldset>
          <fieldset className="import-choice">
            <legend>Where {rejectedWords('position')}</legend>
            <div className="import-row">
              <label>
                Position
                <select data-testid="import-position-kind" value={draft.positionKind} onChange={(event) => change({ positionKind: event.target.value as MappingDraft['positionKind'] })}>
                  <option value="lonlat">Longitude and latitude (WGS84)</option>
                  <option value="bng">Easting and northing (British National Grid)</option>
                  <option value="unplaced">None: keep rows unplaced</option>
                </select>
              </label>
              {draft.positionKind === 'lonlat' && columnSelect('Longitude', draft.lonColumn, (column) => change({ lonColumn: column }), 'import-lon')}
              {draft.positionKind === 'lonlat' && columnSelect('Latitude', draft.latColumn, (column) => change({ latColumn: column }), 'import-lat')}
              {draft.positionKind === 'bng' && columnSelect('Easting', draft.eastingColumn, (column) => change({ eastingColumn: column }), 'import-easting')}
              {draft.positionKind === 'bng' && columnSelect('Northing', draft.northingColumn, (column) => change({ northingColumn: column }), 'import-northing')}
              {draft.positionKind === 'unplaced' && columnSelect('Ward code column', draft.wardColumn, (column) => change({ wardColumn: column }), 'import-ward', true)}
              {columnSelect('Address or place text', draft.addressColumn, (column) => change({ addressColumn: column }), 'import-address', true)}
            </div>
          </fieldset>
          <fieldset className="import-choice">
            <legend>What</legend>
            <div className="import-row">
              {columnSelect('Category column', draft.categoryColumn, (column) => change({ categoryColumn: column }), 'import-category', true)}
              <label>
                {draft.categoryColumn ? 'Values not mapped below become' : 'Every row becomes'}
                <select data-testid="import-category-default" value={draft.categoryDefault} onChange={(event) => change({ categoryDefault: event.target.value })}>
                  <CategoryOptions />
                </select>
              </label>
              {columnSelect('Description', draft.descriptionColumn, (column) => change({ descriptionColumn: column }), 'import-description', true)}
            </div>
            {categoryValues.length > 0 && (
              <table className="category-map" data-testid="import-category-map">
                <caption className="hint">The values in the first rows, and the Patrolmap category each becomes</caption>
                <thead>
                  <tr>
                    <th scope="col">Value in the log</th>
                    <th scope="col">Rows seen</th>
                    <th scope="col">Patrolmap category</th>
                  </tr>
                </thead>
                <tbody>
                  {categoryValues.map(([value, count]) => (
                    <tr key={value}>
                      <th scope="row">{value}</th>
                      <td className="number">{count}</td>
                      <td>
                        <select
                          aria-label={`Category for ${value}`}
                          value={draft.categoryMap[value] ?? ''}
                          onChange={(event) => change({ categoryMap: { ...draft.categoryMap, [value]: event.target.value } })}
                        >
                          <option value="">{draft.categoryDefault} (the default)</option>
                          <CategoryOptions />
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <label className="checkbox">
              <input type="checkbox" data-testid="import-illustrative" checked={draft.illustrative} onChange={(event) => change({ illustrative: event.target.checked })} />
              Illustrative: made-up data, labelled so wherever it is shown
            </label>
          </fieldset>

          <h3>The first {PREVIEW_ROWS} rows as they would be stored</h3>
          {built.mapping === null ? (
            <p className="hint" data-testid="import-incomplete">
              Still to choose: {built.missing.join(', ')}.
            </p>
          ) : preview.error ? (
            <ErrorState title="The preview could not be made:" error={preview.error} />
          ) : !preview.data ? (
            <LoadingState label="Reading the first rows…" />
          ) : (
            <PreviewTable preview={preview.data} />
          )}
        </Step>
      )}

      {sample && (
        <Step number={3} title="Save the mapping as a profile">
          <div className="import-row">
            <label>
              Title
              <input data-testid="import-title" value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
            </label>
            <span className="hint">
              {saved ? (
                <>
                  Saved as <code>{saved.name}</code> (the command line&rsquo;s <code>--profile {saved.name}</code>){unsaved ? ': changed since.' : '.'}
                </>
              ) : (
                <>
                  Will be saved as <code>{profileNameOf(title)}</code>.
                </>
              )}
            </span>
            <button type="button" data-testid="import-save" disabled={!built.mapping || !title.trim() || saving || !unsaved} onClick={() => void saveProfile()}>
              {saving ? 'Saving…' : saved ? 'Save changes' : 'Save profile'}
            </button>
          </div>
          <FormError id={`${id}-save-error`} message={saveError} testId="import-save-error" />
        </Step>
      )}

      {sample && (
        <Step number={4} title="Import">
          <button
            type="button"
            className="primary"
            data-testid="import-run"
            disabled={!saved || unsaved || run.state === 'uploading' || run.state === 'importing'}
            onClick={() => void importFile()}
          >
            Import {sample.file.name} ({formatCount(Math.ceil(sample.file.size / 1024))} KB)
          </button>
          {(!saved || unsaved) && <p className="hint">Save the mapping first: the import reads the file through a saved profile.</p>}
          {run.state === 'uploading' && (
            <p>
              <progress data-testid="import-progress" max={1} value={run.sent} aria-label="Sending the file" /> Sending the file… {Math.round(100 * run.sent)}%
            </p>
          )}
          {run.state === 'importing' && (
            <p>
              <progress data-testid="import-progress" aria-label="Importing" /> Importing: every row is checked, then the file is stored in one go…
            </p>
          )}
          {run.state === 'failed' && <FormError id={`${id}-run-error`} message={run.message} testId="import-run-error" />}
          {run.state === 'done' && <ImportResult answer={run.answer} />}
        </Step>
      )}
    </div>
  )
}

function Step({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  return (
    <section className="import-step" aria-labelledby={`import-step-${number}`}>
      <h2 id={`import-step-${number}`}>
        <span className="step-number">{number}</span> {title}
      </h2>
      {children}
    </section>
  )
}

/** The preview of the mapping on the sample, asked again (debounced) when either changes. */
function usePreview(csv: string | null, mapping: ReturnType<typeof mappingOfDraft>['mapping']) {
  const [state, setState] = useState<{ data: PreviewAnswer | null; error: Error | null }>({ data: null, error: null })
  const key = csv !== null && mapping !== null ? JSON.stringify(mapping) : null
  useEffect(() => {
    if (csv === null || key === null) return
    const controller = new AbortController()
    const timer = window.setTimeout(() => {
      apiRequest<PreviewAnswer>('/api/imports/preview', { method: 'POST', body: { csv: csv.slice(0, 256 * 1024), mapping: JSON.parse(key), rows: PREVIEW_ROWS }, signal: controller.signal })
        .then((data) => setState({ data, error: null }))
        .catch((error: unknown) => {
          if (!isAbortError(error)) setState({ data: null, error: error instanceof Error ? error : new Error(String(error)) })
        })
    }, 250)
    return () => {
      window.clearTimeout(timer)
      controller.abort()
    }
  }, [csv, key])
  return state
}

function PreviewTable({ preview }: { preview: PreviewAnswer }) {
  return (
    <div className="table-scroll">
      <table className="import-preview" data-testid="import-preview">
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Reference</th>
            <th scope="col">When (UK time)</th>
            <th scope="col">Category</th>
            <th scope="col">Where</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={row.row} className={row.rejected ? 'rejected' : undefined} data-testid="import-preview-row">
              <th scope="row">{row.row}</th>
              {row.rejected ? (
                <td colSpan={5} data-testid="import-preview-reason">
                  Rejected ({row.rejected.field === 'when' ? 'date and time' : row.rejected.field}): {row.rejected.reason}
                </td>
              ) : row.parsed ? (
                <>
                  <td>{row.parsed.reference}</td>
                  <td>
                    {row.parsed.precision === 'minute' ? row.parsed.localTime : row.parsed.precision === 'day' ? `${row.parsed.localTime.slice(0, 10)} (day only)` : `${row.parsed.localTime.slice(0, 7)} (month only)`}
                  </td>
                  <td>
                    {row.parsed.category}
                    {row.parsed.sourceCategory && row.parsed.sourceCategory !== row.parsed.category ? <span className="hint"> ← {row.parsed.sourceCategory}</span> : null}
                  </td>
                  <td>
                    {row.parsed.lon !== null && row.parsed.lat !== null ? `${row.parsed.lat.toFixed(5)}, ${row.parsed.lon.toFixed(5)}` : 'unplaced'}
                    {row.parsed.statedWard ? ` (ward ${row.parsed.statedWard})` : ''}
                    {row.parsed.address ? <span className="hint"> {row.parsed.address}</span> : null}
                  </td>
                  <td>{row.parsed.description ?? ''}</td>
                </>
              ) : (
                <td colSpan={5}>—</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function ImportResult({ answer }: { answer: MappedImportAnswer }) {
  const downloadErrors = () =>
    downloadText(
      `${answer.file.replace(/\.[a-z]+$/i, '')}-rejected-rows.csv`,
      ['row,reason', ...answer.errors.map((error) => `${error.row},${csvField(error.reason)}`)].join('\r\n') + '\r\n',
      'text/csv;charset=utf-8',
    )
  return (
    <div className={`import-result ${answer.status}`} data-testid="import-result" role="status">
      <p>
        <strong>{answer.status === 'committed' ? 'Imported.' : answer.status === 'skipped' ? 'Nothing to do.' : 'Not imported: nothing was stored.'}</strong> {answer.message}
      </p>
      {answer.status === 'committed' && (
        <dl className="import-figures">
          <dt>Rows read</dt>
          <dd data-testid="import-rows-read">{formatCount(answer.rowsRead)}</dd>
          <dt>Added</dt>
          <dd data-testid="import-rows-added">{formatCount(answer.rowsAdded)}</dd>
          <dt>Changed (same reference, new values)</dt>
          <dd>{formatCount(answer.rowsChanged)}</dd>
          <dt>Removed (gone from a re-export&rsquo;s days)</dt>
          <dd>{formatCount(answer.rowsRemoved)}</dd>
          <dt>Outside the loaded wards (kept)</dt>
          <dd>{formatCount(answer.rowsOutside)}</dd>
          <dt>Unplaced (kept, no position)</dt>
          <dd>{formatCount(answer.rowsUnplaced)}</dd>
        </dl>
      )}
      {answer.errors.length > 0 && (
        <>
          <p>
            {formatCount(answer.rowsRejected)} row{answer.rowsRejected === 1 ? '' : 's'} rejected; correct {answer.rowsRejected === 1 ? 'it' : 'them'} in the file and import it again.{' '}
            <button type="button" onClick={downloadErrors} data-testid="import-errors-csv">
              Download the rejected rows (CSV)
            </button>
          </p>
          <ul className="import-errors" data-testid="import-errors">
            {answer.errors.slice(0, 50).map((error) => (
              <li key={`${error.row}-${error.reason}`}>
                Row {error.row}: {error.reason}
              </li>
            ))}
          </ul>
          {answer.errors.length > 50 && <p className="hint">… and {formatCount(answer.errors.length - 50)} more in the CSV.</p>}
        </>
      )}
    </div>
  )
}
