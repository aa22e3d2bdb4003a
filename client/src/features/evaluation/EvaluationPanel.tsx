import type { MultiPolygon } from 'geojson'
import { cellsToMultiPolygon, getHexagonAreaAvg, latLngToCell } from 'h3-js'
import { lazy, Suspense, useCallback, useId, useMemo, useState } from 'react'
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts'
import type { Evaluation } from '../../../../server/src/features/evaluation/schemas'
import { formatMonth } from '../../../../server/src/lib/months'
import { ErrorState, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { chartRows, evaluationUrl, localWords, ringWords, signed, totalWords, type EvaluationChoice, type MeasureName } from './evaluation-words'
import './evaluation.css'

const COLOURS = { target: '#1d4ed8', ring: '#b45309', control: '#4b5563' }

// The map brings MapLibre: loaded with the first result.
const TaskAreaMap = lazy(() => import('../tasks/TaskAreaMap'))
const MONTH_CHOICES = [1, 2, 3, 4, 6, 9, 12, 18, 24]
const CHART_HEIGHT = 240

/**
 * "Did it work?" on a task: incidents in its area, the ring around it and a control, before and from its start, with
 * the WDD in figures and in words, and its limits. The periods are equal by construction (one length for both).
 */
export default function EvaluationPanel({ taskId }: { taskId: number }) {
  const id = useId()
  const [choice, setChoice] = useState<EvaluationChoice>({ months: null, bufferMetres: 250, measure: 'count' })
  const [bufferText, setBufferText] = useState('250')
  const answer = useApiQuery<Evaluation>(evaluationUrl(taskId, choice))
  const evaluation = answer.data
  const bufferValid = /^\d+$/.test(bufferText) && Number(bufferText) >= 50 && Number(bufferText) <= 1000

  return (
    <section className="evaluation-panel" aria-labelledby={`${id}-title`} data-testid="evaluation-panel">
      <h2 id={`${id}-title`}>Did it work?</h2>
      <form
        className="evaluation-choices"
        onSubmit={(event) => {
          event.preventDefault()
          if (bufferValid) setChoice({ ...choice, bufferMetres: Number(bufferText) })
        }}
      >
        <label>
          Months before and after
          <select
            value={choice.months ?? ''}
            onChange={(event) => setChoice({ ...choice, months: event.target.value === '' ? null : Number(event.target.value) })}
            data-testid="evaluation-months"
          >
            <option value="">The task&rsquo;s own length</option>
            {MONTH_CHOICES.map((months) => (
              <option key={months} value={months}>
                {months} month{months === 1 ? '' : 's'} each
              </option>
            ))}
          </select>
        </label>
        <label>
          Ring around the area (metres, 50–1000)
          <input
            inputMode="numeric"
            value={bufferText}
            onChange={(event) => setBufferText(event.target.value)}
            onBlur={() => bufferValid && setChoice({ ...choice, bufferMetres: Number(bufferText) })}
            aria-invalid={!bufferValid}
            data-testid="evaluation-buffer"
          />
        </label>
        <fieldset>
          <legend>Measure</legend>
          {(['count', 'harm'] as const).map((measure) => (
            <label key={measure} className="inline">
              <input type="radio" name={`${id}-measure`} checked={choice.measure === measure} onChange={() => setChoice({ ...choice, measure })} />
              {measure === 'count' ? 'Incidents' : 'Harm (weighted)'}
            </label>
          ))}
        </fieldset>
        {!bufferValid && <p className="form-error">The ring must be a whole number of metres from 50 to 1000.</p>}
      </form>
      {answer.error ? (
        <ErrorState title="This task cannot be evaluated:" error={answer.error} onRetry={answer.refetch} />
      ) : !evaluation ? (
        <LoadingState label="Counting incidents before and after…" />
      ) : (
        <EvaluationResult
          evaluation={evaluation}
          measure={choice.measure}
          stale={answer.loading}
          userControl={Boolean(choice.control?.length)}
          onControl={(control) => setChoice({ ...choice, control })}
        />
      )}
    </section>
  )
}

interface ControlChoice {
  /** The control is the user's own cells (else chosen automatically). */
  userControl: boolean
  /** Cells picked on the map as the control, or null for the automatic one. */
  onControl(control: string[] | null): void
}

function EvaluationResult({ evaluation, measure, stale, userControl, onControl }: { evaluation: Evaluation; measure: MeasureName; stale: boolean } & ControlChoice) {
  const rows = chartRows(evaluation, measure)
  const result = evaluation.wdd[measure === 'harm' ? 'harm' : 'count']
  const values = measure === 'harm' ? evaluation.harm : evaluation.counts
  const round = (value: number) => (measure === 'harm' ? Math.round(value).toLocaleString('en-GB') : value.toLocaleString('en-GB'))
  const noun = measure === 'harm' ? 'harm' : 'incidents'
  return (
    <div className={stale ? 'evaluation-result stale' : 'evaluation-result'} aria-busy={stale}>
      <p className="hint" data-testid="evaluation-periods">
        Before: {formatMonth(evaluation.before.from)} – {formatMonth(evaluation.before.to)}; after: {formatMonth(evaluation.after.from)} –{' '}
        {formatMonth(evaluation.after.to)} ({evaluation.months} month{evaluation.months === 1 ? '' : 's'} each). {evaluation.periodWords}
      </p>
      <p className="evaluation-headline" data-testid="evaluation-headline">
        <strong>{signed(result.estTotal, measure === 'harm' ? 0 : 0)}</strong> {noun}: {totalWords(result, measure)}.
      </p>
      <EvaluationAreas evaluation={evaluation} userControl={userControl} onControl={onControl} />
      <table className="evaluation-counts" data-testid="evaluation-counts">
        <caption>{measure === 'harm' ? 'Harm' : 'Incidents'} in each area</caption>
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {(
            [
              ['Task area', values.treated],
              [`Ring (${evaluation.bufferMetres} m)`, values.buffer],
              ['Control', values.control],
            ] as const
          ).map(([label, [before, after]]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{round(before)}</td>
              <td>{round(after)}</td>
              <td>{signed(after - before)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <figure className="evaluation-chart" aria-label={`Monthly ${noun} in the task area, the ring and the control; the task period shaded`}>
        <LineChart width={340} height={CHART_HEIGHT} data={rows} margin={{ top: 6, right: 10, bottom: 6, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e5e7eb" />
          <ReferenceArea x1={evaluation.after.from} x2={evaluation.after.to} fill="#dbeafe" fillOpacity={0.7} label={{ value: 'Task', position: 'insideTop', fontSize: 11 }} />
          <XAxis dataKey="month" tickFormatter={formatMonth} tick={{ fontSize: 10 }} />
          <YAxis tick={{ fontSize: 10 }} width={48} />
          <Tooltip labelFormatter={(month) => formatMonth(String(month))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line type="monotone" dataKey="target" name="Task area" stroke={COLOURS.target} strokeWidth={2} isAnimationActive={false} />
          <Line type="monotone" dataKey="ring" name="Ring" stroke={COLOURS.ring} strokeDasharray="4 3" isAnimationActive={false} />
          <Line type="monotone" dataKey="control" name="Control" stroke={COLOURS.control} strokeDasharray="1 3" isAnimationActive={false} />
        </LineChart>
        <figcaption className="hint">The shaded months are the task period (from the month it started).</figcaption>
      </figure>
      <dl className="evaluation-figures" data-testid="evaluation-figures">
        <dt>WDD (task area and ring)</dt>
        <dd data-testid="evaluation-wdd">
          {signed(result.estTotal, 1)} ± {result.seTotal.toFixed(1)} (SE); z = {result.z.toFixed(2)} — {totalWords(result, measure)}
        </dd>
        <dt>Task area alone</dt>
        <dd>
          {signed(result.estLocal, 1)} ± {result.seLocal.toFixed(1)} — {localWords(result, measure)}
        </dd>
        <dt>Ring alone</dt>
        <dd>
          {signed(result.estDisplace, 1)} ± {result.seDisplace.toFixed(1)} — {ringWords(result, measure)}
        </dd>
        <dt>90% interval</dt>
        <dd>
          {signed(result.lowCi, 1)} to {signed(result.highCi, 1)}: the change beyond the control&rsquo;s trend is likely within this range
        </dd>
      </dl>
      <h3>What it says</h3>
      <ul className="evaluation-findings" data-testid="evaluation-findings">
        {evaluation.reading.findings.map((finding) => (
          <li key={finding}>{finding}</li>
        ))}
      </ul>
      <h3>The control</h3>
      <p className="hint" data-testid="evaluation-control">
        {evaluation.control.rule}
      </p>
      <h3>Limits</h3>
      <ul className="evaluation-caveats" data-testid="evaluation-caveats">
        {evaluation.caveats.map((caveat) => (
          <li key={caveat}>{caveat}</li>
        ))}
      </ul>
    </div>
  )
}

/** The resolution of the cells a user picks as a control: about 0.1 km² each, a few streets. */
const PICK_RES = 9

/**
 * Where the three areas are: the task area, the ring around it (dashed) and the control, with a key. The automatic
 * control can be replaced by hexagons picked on this map (issue 13: "or chosen by the user"), and restored.
 */
function EvaluationAreas({ evaluation, userControl, onControl }: { evaluation: Evaluation } & ControlChoice) {
  const { treated, buffer, control } = evaluation.areas
  const [picked, setPicked] = useState<string[] | null>(null)
  const areas = useMemo(
    () => [
      { id: 'evaluation-control', geometry: control, colour: COLOURS.control },
      { id: 'evaluation-ring', geometry: buffer, colour: COLOURS.ring, dashed: true },
    ],
    [control, buffer],
  )
  const pickedGeometry = useMemo<MultiPolygon | null>(
    () => (picked && picked.length > 0 ? { type: 'MultiPolygon', coordinates: cellsToMultiPolygon(picked, true) } : null),
    [picked],
  )
  const pick = useCallback(({ lng, lat }: { lng: number; lat: number }) => {
    const cell = latLngToCell(lat, lng, PICK_RES)
    setPicked((cells) => (cells === null ? cells : cells.includes(cell) ? cells.filter((other) => other !== cell) : [...cells, cell]))
  }, [])
  return (
    <figure className="evaluation-map" data-testid="evaluation-map">
      <Suspense fallback={<LoadingState label="Loading the map…" />}>
        <TaskAreaMap
          geometry={treated}
          areas={areas}
          label={`The task area, the ${evaluation.bufferMetres} m ring around it and the control area`}
          picked={pickedGeometry}
          onPick={picked === null ? undefined : pick}
        />
      </Suspense>
      <div className="evaluation-control-pick" data-testid="evaluation-control-pick">
        {picked === null ? (
          <>
            <button type="button" onClick={() => setPicked([])} data-testid="control-pick-start">
              Pick the control on the map
            </button>
            {userControl && (
              <button type="button" onClick={() => onControl(null)} data-testid="control-auto">
                Use the automatic control again
              </button>
            )}
          </>
        ) : (
          <>
            <span role="status" data-testid="control-pick-status">
              {picked.length === 0
                ? 'Click hexagons on the map that the task did not touch and that are like its area; click again to take one out.'
                : `${picked.length} ${picked.length === 1 ? 'hexagon' : 'hexagons'} picked (about ${(picked.length * getHexagonAreaAvg(PICK_RES, 'km2')).toFixed(2)} km²).`}
            </span>
            <button
              type="button"
              disabled={picked.length === 0}
              onClick={() => {
                onControl(picked)
                setPicked(null)
              }}
              data-testid="control-pick-use"
            >
              Use them as the control
            </button>
            <button type="button" onClick={() => setPicked(null)} data-testid="control-pick-cancel">
              Cancel
            </button>
          </>
        )}
      </div>
      <figcaption>
        <ul className="evaluation-key">
          <li>
            <span className="evaluation-swatch" style={{ borderColor: COLOURS.target, background: 'rgba(29, 78, 216, 0.2)' }} aria-hidden="true" />
            Task area
          </li>
          <li>
            <span className="evaluation-swatch" style={{ borderColor: COLOURS.ring, borderStyle: 'dashed' }} aria-hidden="true" />
            Ring ({evaluation.bufferMetres} m): where displaced incidents would show
          </li>
          <li>
            <span className="evaluation-swatch" style={{ borderColor: COLOURS.control }} aria-hidden="true" />
            Control: {userControl ? 'the hexagons you picked' : 'similar places the task did not touch'}
          </li>
          {picked !== null && (
            <li>
              <span className="evaluation-swatch" style={{ borderColor: '#7c3aed', background: 'rgba(124, 58, 237, 0.25)' }} aria-hidden="true" />
              Being picked as the control
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  )
}
