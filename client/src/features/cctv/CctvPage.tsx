import { useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react'
import { ApiError, apiRequest, errorMessage, type User } from '../../shared/api'
import { ErrorState, LoadingState } from '../../shared/States'
import { useApiQuery } from '../../shared/use-api-query'
import { CameraPanel, NewCameraPanel } from './CameraPanel'
import { CameraFiltersBar, CameraTable, CoverageSummary, GapTables, WardCoverageTable } from './CctvTables'
import { CctvLegend } from './CctvLegend'
import type { LayerToggles, MapMode, ViewDraft } from './CctvMap'
import { PlacementPanel } from './PlacementPanel'
import { TypeDefaultsPanel } from './TypeDefaultsPanel'
import { CctvImportsPanel } from './CctvImportsPanel'
import { WardActivitySection } from './ActivityPanel'
import {
  cameraListUrl,
  cameraMoveUrl,
  cameraRedeployUrl,
  cameraUrl,
  coverageUrl,
  gapsUrl,
  isCctvQueryKey,
  NO_FILTERS,
  type Camera,
  type CameraDetail,
  type CameraFilters,
  type CameraList,
  type CoverageAnswer,
  type CoveragePeriod,
  type GapsAnswer,
  type PlacementAnswer,
} from './cctv-api'
import { camerasExport } from './cctv-export'
import { ExportButtons } from './ExportButtons'
import { wedgeOf, type LonLat } from './cctv-geometry'
import '../tasks/tasks.css'
import './cctv.css'

// MapLibre is large: loaded with this page, not with the app.
const CctvMap = lazy(() => import('./CctvMap'))

const EDITORS: readonly User['role'][] = ['admin', 'analyst']

/** Typing in the search box asks once the typing stops, not on every key. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms)
    return () => window.clearTimeout(timer)
  }, [value, ms])
  return settled
}

/** The camera a stale write's 409 carries (as it is now), if that is what the error is. */
export function staleCamera(error: unknown): CameraDetail | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  return (error.body as { current?: CameraDetail } | null)?.current ?? null
}

/**
 * The CCTV page (issue 14): the register on its own map (the main map stays light), what each camera sees, coverage
 * per ward, the gaps in it by harm and where redeployable cameras would close them best. Analysts and admins edit on
 * the map and in the camera panel; inspectors read.
 */
export function CctvPage({ user }: { user: User }) {
  const editable = EDITORS.includes(user.role)
  const queryClient = useQueryClient()
  const [filters, setFilters] = useState<CameraFilters>(NO_FILTERS)
  const settledFilters = useDebounced(filters, 300)
  const [period, setPeriod] = useState<CoveragePeriod>({ from: '', to: '' })
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const [draft, setDraft] = useState<ViewDraft | null>(null)
  const [mode, setMode] = useState<MapMode>('browse')
  const [newAt, setNewAt] = useState<LonLat | null>(null)
  const [sites, setSites] = useState<LonLat[]>([])
  const [placement, setPlacement] = useState<PlacementAnswer | undefined>(undefined)
  const [layers, setLayers] = useState<LayerToggles>({ wedges: true, coverage: true, gaps: true })
  const [notice, setNotice] = useState<string | null>(null)
  const [mapError, setMapError] = useState<string | null>(null)
  const [conflict, setConflict] = useState<CameraDetail | null>(null)

  const list = useApiQuery<CameraList>(cameraListUrl(settledFilters))
  const coverage = useApiQuery<CoverageAnswer>(coverageUrl(period))
  const gaps = useApiQuery<GapsAnswer>(gapsUrl(period))
  const cameras = useMemo(() => list.data?.items ?? [], [list.data])
  const selected = cameras.find((camera) => camera.id === selectedId)

  const refresh = useCallback(() => queryClient.invalidateQueries({ predicate: (query) => isCctvQueryKey(query.queryKey) }), [queryClient])

  const select = useCallback((id: number | null) => {
    setSelectedId(id)
    setDraft(null)
    setConflict(null)
    setMapError(null)
  }, [])

  /** A write's answer: the camera as stored. The lists and figures are asked for again (the views changed). */
  const accepted = useCallback(
    async (camera: Camera, message: string) => {
      setConflict(null)
      setMapError(null)
      setNotice(message)
      setSelectedId(camera.id)
      await refresh()
      setDraft(null)
    },
    [refresh],
  )

  const failed = useCallback((error: unknown) => {
    const current = staleCamera(error)
    if (current) setConflict(current)
    setMapError(current ? 'Someone else changed this camera since you opened it: it is shown below as it is now. Make your change again on it.' : errorMessage(error))
    setDraft(null)
    void refresh()
  }, [refresh])

  const onViewDrag = useCallback(
    (change: { bearingDeg?: number; fovDeg?: number; position?: LonLat }, done: boolean) => {
      if (!selected) return
      const base: ViewDraft = draft?.id === selected.id ? draft : { id: selected.id, position: selected.position, ...wedgeOf(selected) }
      const next: ViewDraft = { ...base, ...change }
      if (!done) {
        setDraft(next)
        return
      }
      // Let go: the turned or widened view is saved as is (the typed fields beside show the same numbers).
      const body: Record<string, number> = {}
      if (next.bearingDeg !== wedgeOf(selected).bearingDeg) body.bearingDeg = next.bearingDeg
      if (selected.type !== 'ptz' && next.fovDeg !== wedgeOf(selected).fovDeg) body.fovDeg = next.fovDeg
      if (Object.keys(body).length === 0) return setDraft(null)
      setDraft(next)
      apiRequest<Camera>(cameraUrl(selected.id), { method: 'PATCH', body: { version: selected.version, ...body } }).then(
        (camera) => accepted(camera, `Saved: now facing ${Math.round(camera.view.bearingDeg)}°, ${Math.round(camera.view.fovDeg)}° wide.`),
        failed,
      )
    },
    [selected, draft, accepted, failed],
  )

  const onMove = useCallback(
    (id: number, point: LonLat) => {
      const camera = cameras.find((item) => item.id === id)
      if (!camera) return
      apiRequest<Camera>(cameraMoveUrl(id), { method: 'POST', body: { version: camera.version, position: point, reason: 'Moved on the CCTV map' } }).then(
        (moved) => accepted(moved, `Moved ${moved.reference} to ${moved.position.lat.toFixed(5)}, ${moved.position.lon.toFixed(5)}.`),
        failed,
      )
    },
    [cameras, accepted, failed],
  )

  const onPick = useCallback(
    (point: LonLat) => {
      if (mode === 'place') {
        setNewAt(point)
        setMode('browse')
        select(null)
      } else if (mode === 'sites') {
        setSites((previous) => [...previous, point])
      } else if (mode === 'redeploy' && selected) {
        setMode('browse')
        apiRequest<Camera>(cameraRedeployUrl(selected.id), { method: 'POST', body: { version: selected.version, position: point, reason: 'Redeployed on the CCTV map' } }).then(
          (moved) => accepted(moved, `${moved.reference} redeployed to ${moved.position.lat.toFixed(5)}, ${moved.position.lon.toFixed(5)}.`),
          failed,
        )
      }
    },
    [mode, select, selected, accepted, failed],
  )

  return (
    <div className="content cctv-page" data-testid="cctv-page">
      <div className="page-header">
        <h1>CCTV</h1>
        <div className="page-actions">
          <ExportButtons what="cameras" label="Cameras" build={list.data ? () => camerasExport(cameras) : null} testId="cctv-export-cameras" />
        </div>
      </div>
      <p className="hint">
        The camera register on a map: each camera’s view, the share of incidents and harm inside any working camera’s view, the hot spots out of every
        view, and where redeployable cameras would cover the most harm. {editable ? 'Click a camera to edit it; drag it to move it; drag the round handles at its view’s tip and edge to turn and widen it.' : 'You can read the register and its figures; analysts and admins edit it.'}
      </p>
      <CameraFiltersBar filters={filters} onChange={setFilters} period={period} onPeriod={setPeriod} />
      {notice && (
        <p className="cctv-notice" role="status" data-testid="cctv-notice">
          {notice}
        </p>
      )}
      <div className="cctv-layout">
        <div className="cctv-map-column">
          <div className="cctv-map-tools" role="group" aria-label="Map tools">
            {editable && (
              <button type="button" aria-pressed={mode === 'place'} onClick={() => setMode(mode === 'place' ? 'browse' : 'place')} data-testid="cctv-place-mode">
                {mode === 'place' ? 'Cancel placing' : 'Place a camera'}
              </button>
            )}
            <button type="button" aria-pressed={mode === 'sites'} onClick={() => setMode(mode === 'sites' ? 'browse' : 'sites')} data-testid="cctv-sites-mode">
              {mode === 'sites' ? 'Done marking sites' : 'Mark candidate sites'}
            </button>
            {mode === 'place' && <span role="status">Click the map where the camera stands.</span>}
            {mode === 'redeploy' && (
              <>
                <span role="status">Click the map at the camera’s new site.</span>
                <button type="button" onClick={() => setMode('browse')}>
                  Cancel
                </button>
              </>
            )}
            {mode === 'sites' && <span role="status">Click the map to mark candidate sites for placement ({sites.length} marked).</span>}
          </div>
          <Suspense fallback={<LoadingState label="Loading the map…" />}>
            <CctvMap
              cameras={cameras}
              selectedId={selectedId}
              editable={editable}
              draft={draft}
              mode={mode}
              layers={layers}
              gaps={gaps.data}
              sites={sites}
              placement={placement}
              onSelect={select}
              onPick={onPick}
              onMove={onMove}
              onViewDrag={onViewDrag}
            />
          </Suspense>
          <CctvLegend layers={layers} onChange={setLayers} />
        </div>
        <aside className="cctv-side" aria-label="Camera">
          {mapError && (
            <p className="form-error" role="alert" data-testid="cctv-map-error">
              {mapError}
            </p>
          )}
          {newAt && editable && (
            <NewCameraPanel
              position={newAt}
              defaultOwner={cameras[0]?.owner ?? ''}
              onCancel={() => setNewAt(null)}
              onCreated={(camera) => {
                setNewAt(null)
                void accepted(camera, `Added ${camera.reference}.`)
              }}
            />
          )}
          {!newAt && selected && (
            <CameraPanel
              key={`${selected.id}-${selected.version}`}
              camera={selected}
              editable={editable}
              draft={draft?.id === selected.id ? draft : null}
              conflict={conflict?.id === selected.id ? conflict : null}
              figures={coverage.data?.cameras.find((item) => item.id === selected.id) ?? null}
              coverageState={coverage.data !== undefined ? 'loaded' : coverage.error ? 'error' : 'loading'}
              caveats={coverage.data?.caveats ?? []}
              onDraft={(change) => setDraft({ id: selected.id, position: selected.position, ...wedgeOf(selected), ...(draft?.id === selected.id ? draft : {}), ...change })}
              onSaved={accepted}
              onFailed={failed}
              onClose={() => select(null)}
              onRedeployOnMap={() => setMode('redeploy')}
              onActivitySaved={async (message) => {
                setNotice(message)
                await refresh()
              }}
            />
          )}
          {!newAt && !selected && <p className="hint">{editable ? 'Choose a camera on the map or in the list, or place a new one.' : 'Choose a camera on the map or in the list.'}</p>}
        </aside>
      </div>

      <section aria-labelledby="cctv-cameras-heading">
        <h2 id="cctv-cameras-heading">Cameras</h2>
        {list.error && <ErrorState title="Could not load the camera register." error={list.error} onRetry={list.refetch} />}
        {!list.data && !list.error && <LoadingState label="Loading the cameras…" />}
        {list.data && <CameraTable list={list.data} coverage={coverage.data} selectedId={selectedId} onSelect={select} />}
      </section>

      <section aria-labelledby="cctv-coverage-heading">
        <h2 id="cctv-coverage-heading">Coverage</h2>
        {coverage.error && <ErrorState title="Could not work out the coverage." error={coverage.error} onRetry={coverage.refetch} />}
        {!coverage.data && !coverage.error && <LoadingState label="Working out the coverage…" />}
        {coverage.data && (
          <>
            <CoverageSummary coverage={coverage.data} />
            <WardCoverageTable coverage={coverage.data} />
          </>
        )}
      </section>

      <WardActivitySection period={period} />

      {editable && (
        <CctvImportsPanel
          defaultOwner={cameras[0]?.owner ?? ''}
          onImported={async (message) => {
            setNotice(message)
            await refresh()
          }}
        />
      )}

      <TypeDefaultsPanel
        editable={editable}
        onSaved={async (message) => {
          setNotice(message)
          await refresh()
        }}
        onShowAssumed={(type) => {
          setFilters({ ...NO_FILTERS, types: [type], assumed: true })
          document.getElementById('cctv-cameras-heading')?.scrollIntoView()
        }}
      />

      <section aria-labelledby="cctv-gaps-heading">
        <h2 id="cctv-gaps-heading">Gaps: hot spots out of every view</h2>
        {gaps.error && <ErrorState title="Could not rank the gaps." error={gaps.error} onRetry={gaps.refetch} />}
        {!gaps.data && !gaps.error && <LoadingState label="Ranking the gaps…" />}
        {gaps.data && <GapTables gaps={gaps.data} />}
      </section>

      <PlacementPanel
        period={period}
        sites={sites}
        onClearSites={() => setSites([])}
        cameras={cameras}
        editable={editable}
        answer={placement}
        onAnswer={setPlacement}
        onRedeployed={(camera, message) => void accepted(camera, message)}
      />
    </div>
  )
}
