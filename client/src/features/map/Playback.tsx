import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { formatMonth } from '../../../../server/src/lib/months'
import { IMPORTED_DATA_STALE_MS } from '../../shared/query-client'
import { fetchApiData } from '../../shared/use-api-query'
import { maxCountOf } from './colour-scale'
import type { H3Resolution } from './h3-resolution'
import { hexesUrl, type HexCell } from './map-api'

/** How long each month stays on screen while playing. */
export const FRAME_MS = 1200
/** Months asked for at once while preparing: the server answers a month's hexagons in tens of milliseconds. */
const PREPARE_AT_ONCE = 4

export interface PlaybackProps {
  /** The period's months, in order. */
  months: string[]
  /** The month on screen, or null when the playback is closed. */
  frame: string | null
  resolution: H3Resolution
  categories: readonly string[]
  ward: string | null
  /** Opens the playback (a new history entry), moves it (the same entry), or closes it (null). */
  onFrame(month: string | null, how: 'open' | 'step' | 'close'): void
  /** The largest month's largest hexagon count, once every month is in: one colour scale for all of them. */
  onScaleMax(max: number | null): void
}

/**
 * Map playback (issue 15): steps the hexagon heatmap through the period month by month, with play and pause, a slider
 * and the month in the address (`frame=`), so a link opens on it. Before the first step every month's hexagons are
 * fetched (a progress bar says how far), so the months play without waiting and share one colour scale: a colour
 * means the same count in every month.
 */
export function Playback({ months, frame, resolution, categories, ward, onFrame, onScaleMax }: PlaybackProps) {
  const queryClient = useQueryClient()
  const [playing, setPlaying] = useState(false)
  const [prepared, setPrepared] = useState<{ key: string; done: number; max: number | null; failed: boolean }>({ key: '', done: 0, max: null, failed: false })
  const open = frame !== null
  const key = `${resolution}|${categories.join(',')}|${ward ?? ''}|${months[0] ?? ''}|${months.at(-1) ?? ''}`
  const ready = open && prepared.key === key && prepared.max !== null
  const at = frame === null ? -1 : months.indexOf(frame)
  // Playing stops at the last month (pressing Play there starts again from the first).
  const running = playing && at >= 0 && at < months.length - 1

  // Every month's hexagons, into the query cache the map reads from; their largest count fixes the colour scale.
  useEffect(() => {
    if (!open) return
    let cancelled = false
    let done = 0
    let max = 0
    const queue = [...months]
    const worker = async () => {
      for (let month = queue.shift(); month !== undefined && !cancelled; month = queue.shift()) {
        const cells = await fetchApiData<HexCell[]>(queryClient, hexesUrl(resolution, { categories, ward, from: month, to: month }), { staleTime: IMPORTED_DATA_STALE_MS })
        max = Math.max(max, maxCountOf(cells))
        done += 1
        if (!cancelled) setPrepared({ key, done, max: null, failed: false })
      }
    }
    Promise.all(Array.from({ length: PREPARE_AT_ONCE }, worker))
      .then(() => {
        if (!cancelled) setPrepared({ key, done, max, failed: false })
      })
      .catch(() => {
        if (!cancelled) setPrepared({ key, done, max: null, failed: true })
      })
    return () => {
      cancelled = true
    }
    // categories is compared through the key (a new array each render with the same names).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, key, queryClient])

  useEffect(() => {
    onScaleMax(ready ? prepared.max : null)
  }, [ready, prepared.max, onScaleMax])

  // Playing: the next month after FRAME_MS, stopping at the last.
  useEffect(() => {
    if (!running || !ready) return
    const timer = window.setTimeout(() => onFrame(months[at + 1], 'step'), FRAME_MS)
    return () => window.clearTimeout(timer)
  }, [running, ready, at, months, onFrame])

  if (months.length < 2) return null
  if (!open) {
    return (
      <div className="playback maplibregl-ctrl" data-testid="playback">
        <button type="button" data-testid="playback-open" onClick={() => onFrame(months[0], 'open')}>
          ▶ Play month by month
        </button>
      </div>
    )
  }
  return (
    <div className="playback playback-open maplibregl-ctrl" data-testid="playback" role="group" aria-label="Playback, month by month">
      <button
        type="button"
        data-testid="playback-play"
        disabled={!ready}
        aria-pressed={running}
        onClick={() => {
          if (running) {
            setPlaying(false)
            return
          }
          if (at >= months.length - 1) onFrame(months[0], 'step')
          setPlaying(true)
        }}
      >
        {running ? '❚❚ Pause' : '▶ Play'}
      </button>
      <input
        type="range"
        min={0}
        max={months.length - 1}
        value={Math.max(0, at)}
        aria-label="Month shown"
        aria-valuetext={frame ? formatMonth(frame) : undefined}
        data-testid="playback-slider"
        onChange={(event) => {
          setPlaying(false)
          onFrame(months[Number(event.target.value)], 'step')
        }}
      />
      <span className="playback-month" data-testid="playback-month" aria-live="polite">
        {frame ? formatMonth(frame) : ''} <span className="hint">({at + 1} of {months.length})</span>
      </span>
      {!ready && !prepared.failed && (
        <span className="playback-preparing">
          <progress max={months.length} value={prepared.key === key ? prepared.done : 0} aria-label="Preparing the months" /> Preparing {prepared.key === key ? prepared.done : 0} of{' '}
          {months.length} months…
        </span>
      )}
      {prepared.failed && <span className="form-error">Some months could not be loaded; close and try again.</span>}
      <button
        type="button"
        data-testid="playback-close"
        aria-label="Close the playback"
        onClick={() => {
          setPlaying(false)
          onFrame(null, 'close')
        }}
      >
        ✕
      </button>
    </div>
  )
}
