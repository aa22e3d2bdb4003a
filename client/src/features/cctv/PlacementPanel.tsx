import { useId, useState } from 'react'
import { apiRequest, errorMessage } from '../../shared/api'
import { formatCount } from '../../shared/format'
import { FormError } from '../../shared/States'
import { CAMERA_TYPE_LABELS, cameraRedeployUrl, MOVABLE_TYPES, PLACEMENT_CAVEAT, PLACEMENT_URL, type Camera, type CoveragePeriod, type PlacementAnswer, type PlacementRequest } from './cctv-api'
import { placementExport } from './cctv-export'
import type { LonLat } from './cctv-geometry'
import { CoverageCaveat } from './CctvTables'
import { describePick, describeUplift } from './cctv-words'
import { ExportButtons } from './ExportButtons'

type PlacementType = NonNullable<PlacementRequest['type']>

/**
 * Where N redeployable cameras would newly cover the most harm (the server's greedy maximal covering): candidates are
 * the centres of uncovered hot cells, or sites marked on the map. Each pick can be acted on: a redeployable or drone
 * moved there in one step.
 */
export function PlacementPanel({ period, sites, onClearSites, cameras, editable, answer, onAnswer, onRedeployed }: {
  period: CoveragePeriod
  sites: readonly LonLat[]
  onClearSites(): void
  cameras: readonly Camera[]
  editable: boolean
  answer: PlacementAnswer | undefined
  onAnswer(answer: PlacementAnswer | undefined): void
  onRedeployed(camera: Camera, message: string): void
}) {
  const idPrefix = useId()
  const [count, setCount] = useState('3')
  const [source, setSource] = useState<'hot-cells' | 'sites'>('hot-cells')
  const [type, setType] = useState<PlacementType>('redeployable')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const movable = cameras.filter((camera) => MOVABLE_TYPES.includes(camera.type) && camera.status !== 'removed')
  const [chosen, setChosen] = useState<Record<number, string>>({})

  const run = async () => {
    const n = Number(count)
    if (!Number.isInteger(n) || n < 1 || n > 50) return setError('Place from 1 to 50 cameras.')
    if (source === 'sites' && sites.length === 0) return setError('Mark candidate sites on the map first (Mark candidate sites), or use the hot cells.')
    const body: PlacementRequest = { cameras: n, type, res: 9, ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}), ...(source === 'sites' ? { sites: sites.map((site, index) => ({ ...site, label: `Marked site ${index + 1}` })) } : {}) }
    setBusy(true)
    setError(null)
    try {
      onAnswer(await apiRequest<PlacementAnswer>(PLACEMENT_URL, { method: 'POST', body }))
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  const redeploy = async (pick: PlacementAnswer['picks'][number]) => {
    const camera = movable.find((item) => String(item.id) === chosen[pick.rank])
    if (!camera) return setError('Choose which camera to redeploy to this pick.')
    setBusy(true)
    setError(null)
    try {
      const moved = await apiRequest<Camera>(cameraRedeployUrl(camera.id), {
        method: 'POST',
        body: { version: camera.version, position: { lon: pick.site.lon, lat: pick.site.lat }, ...(pick.site.label ? { location: pick.site.label } : {}), reason: `Placement pick ${pick.rank}` },
      })
      onRedeployed(moved, `${moved.reference} redeployed to placement pick ${pick.rank}.`)
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby={`${idPrefix}-title`} data-testid="cctv-placement">
      <h2 id={`${idPrefix}-title`}>Placement: where redeployable cameras would help most</h2>
      <form
        className="task-filters"
        onSubmit={(event) => {
          event.preventDefault()
          void run()
        }}
      >
        <label>
          How many cameras
          <input type="number" min={1} max={50} value={count} onChange={(event) => setCount(event.target.value)} data-testid="cctv-placement-count" />
        </label>
        <label>
          Candidate sites
          <select value={source} onChange={(event) => setSource(event.target.value as 'hot-cells' | 'sites')} data-testid="cctv-placement-source">
            <option value="hot-cells">Centres of hot cells out of view</option>
            <option value="sites">Sites marked on the map ({sites.length})</option>
          </select>
        </label>
        <label>
          As
          <select value={type} onChange={(event) => setType(event.target.value as PlacementType)} data-testid="cctv-placement-type">
            {(['redeployable', 'ptz', 'drone'] as const).map((option) => (
              <option key={option} value={option}>
                {CAMERA_TYPE_LABELS[option]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy} data-testid="cctv-placement-run">
          {busy ? 'Working…' : 'Find the best sites'}
        </button>
        {sites.length > 0 && (
          <button type="button" onClick={onClearSites}>
            Clear marked sites
          </button>
        )}
      </form>
      <FormError id={`${idPrefix}-error`} message={error} testId="cctv-placement-error" />
      {answer && (
        <div data-testid="cctv-placement-result">
          <p className="cctv-headline" data-testid="cctv-placement-uplift">
            {describeUplift(answer)}
          </p>
          <p className="hint">
            {formatCount(answer.candidates)} candidate site{answer.candidates === 1 ? '' : 's'} ({answer.candidateSource === 'sites' ? 'marked on the map' : 'hot cells out of view'}),
            each scored as a camera seeing {formatCount(answer.rangeM)} m round. Each pick counts only harm not already seen by today’s cameras or the picks before it.
          </p>
          <div className="cctv-table-head">
            <span />
            <ExportButtons what="placement" label="Placement" build={answer.picks.length > 0 ? () => placementExport(answer) : null} testId="cctv-export-placement" />
          </div>
          <ol className="cctv-picks">
            {answer.picks.map((pick) => (
              <li key={pick.rank} data-testid="cctv-pick">
                <p>{describePick(pick)}</p>
                {editable && movable.length > 0 && (
                  <span className="cctv-pick-action">
                    <label>
                      Redeploy
                      <select value={chosen[pick.rank] ?? ''} onChange={(event) => setChosen({ ...chosen, [pick.rank]: event.target.value })} data-testid="cctv-pick-camera">
                        <option value="">choose a camera…</option>
                        {movable.map((camera) => (
                          <option key={camera.id} value={camera.id}>
                            {camera.reference} · {camera.name}
                          </option>
                        ))}
                      </select>
                    </label>
                    <button type="button" disabled={busy || !chosen[pick.rank]} onClick={() => void redeploy(pick)} data-testid="cctv-pick-redeploy">
                      Redeploy here
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ol>
          <CoverageCaveat caveats={answer.caveats.includes(PLACEMENT_CAVEAT) ? answer.caveats : [PLACEMENT_CAVEAT, ...answer.caveats]} />
        </div>
      )}
    </section>
  )
}
