import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import { formatMonth } from '../../../../server/src/lib/months'
import { formatDay } from '../../shared/dates'
import { formatCount } from '../../shared/format'
import { IMPORTED_DATA_STALE_MS } from '../../shared/query-client'
import { fetchApiData, useApiQuery } from '../../shared/use-api-query'
import { maxCountOf } from './colour-scale'
import type { H3Resolution } from './h3-resolution'
import { hexesUrl, hexWeeksUrl, type HexCell, type HexWeeks } from './map-api'
import { isWeekFrame } from './view-state-url'

/** How long each frame stays on screen while playing. */
export const FRAME_MS = 1200
/** Frames asked for at once while preparing: the server answers a month's or a week's hexagons in tens of milliseconds. */
const PREPARE_AT_ONCE = 4

export interface PlaybackProps {
  /** The period's months, in order. */
  months: string[]
  /** The month (YYYY-MM) or week (its Monday, YYYY-MM-DD) on screen, or null when the playback is closed. */
  frame: string | null
  resolution: H3Resolution
  categories: readonly string[]
  ward: string | null
  /** Opens the playback (a new history entry), moves it (the same entry), or closes it (null). */
  onFrame(frame: string | null, how: 'open' | 'step' | 'close'): void
  /** The largest frame's largest hexagon count, once every frame is in: one colour scale for all of them. */
  onScaleMax(max: number | null): void
}

/**
 * Map playback (issue 15): steps the hexagon heatmap through the period month by month, or week by week on the
 * incidents timed logs give a day for (whole UK weeks, Monday to Sunday; police.uk's have a month only), with play and
 * pause, a slider and the frame in the address (`frame=`), so a link opens on it. Before the first step every frame's
 * hexagons are fetched (a progress bar says how far), so the frames play without waiting and share one colour scale:
 * a colour means the same count in every frame.
 */
export function Playback({ months, frame, resolution, categories, ward, onFrame, onScaleMax }: PlaybackProps) {
  const queryClient = useQueryClient()
  const [playing, setPlaying] = useState(false)
  // "Play week by week" asks for the weeks first; the playback opens on the first of them, or says there are none.
  const [weekSearch, setWeekSearch] = useState<{ state: 'idle' | 'finding' | 'failed' } | { state: 'none'; monthOnly: number; url: string }>({ state: 'idle' })
  const [prepared, setPrepared] = useState<{ key: string; done: number; max: number | null; failed: boolean }>({ key: '', done: 0, max: null, failed: false })
  const open = frame !== null
  const weekly = isWeekFrame(frame)
  const weeksUrl = months.length > 0 ? hexWeeksUrl({ categories, ward, from: months[0], to: months[months.length - 1] }) : null
  const weeksAnswer = useApiQuery<HexWeeks>(weekly ? weeksUrl : null, { staleTime: IMPORTED_DATA_STALE_MS })
  const weeks = weeksAnswer.data?.weeks
  const frames = useMemo(() => (weekly ? (weeks ?? []) : months), [weekly, weeks, months])
  const unit = weekly ? 'week' : 'month'
  const key = `${unit}|${resolution}|${categories.join(',')}|${ward ?? ''}|${frames[0] ?? ''}|${frames.at(-1) ?? ''}`
  const ready = open && frames.length > 0 && prepared.key === key && prepared.max !== null
  const at = frame === null ? -1 : frames.indexOf(frame)
  // Playing stops at the last frame (pressing Play there starts again from the first).
  const running = playing && at >= 0 && at < frames.length - 1

  async function playWeeks() {
    if (!weeksUrl) return
    setWeekSearch({ state: 'finding' })
    try {
      const found = await fetchApiData<HexWeeks>(queryClient, weeksUrl, { staleTime: IMPORTED_DATA_STALE_MS })
      if (found.weeks.length === 0) {
        setWeekSearch({ state: 'none', monthOnly: found.monthOnly, url: weeksUrl })
        return
      }
      setWeekSearch({ state: 'idle' })
      onFrame(found.weeks[0], 'open')
    } catch {
      setWeekSearch({ state: 'failed' })
    }
  }

  // Every frame's hexagons, into the query cache the map reads from; their largest count fixes the colour scale.
  useEffect(() => {
    if (!open || frames.length === 0) return
    let cancelled = false
    let done = 0
    let max = 0
    const queue = [...frames]
    const filters = { categories, ward, from: null, to: null }
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined && !cancelled; next = queue.shift()) {
        const url = weekly ? hexesUrl(resolution, filters, next) : hexesUrl(resolution, { ...filters, from: next, to: next })
        const cells = await fetchApiData<HexCell[]>(queryClient, url, { staleTime: IMPORTED_DATA_STALE_MS })
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
    // categories and frames are compared through the key (new arrays each render with the same contents).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, key, queryClient])

  useEffect(() => {
    onScaleMax(ready ? prepared.max : null)
  }, [ready, prepared.max, onScaleMax])

  // Playing: the next frame after FRAME_MS, stopping at the last.
  useEffect(() => {
    if (!running || !ready) return
    const timer = window.setTimeout(() => onFrame(frames[at + 1], 'step'), FRAME_MS)
    return () => window.clearTimeout(timer)
  }, [running, ready, at, frames, onFrame])

  if (months.length < 1) return null
  if (!open) {
    return (
      <div className="playback maplibregl-ctrl" data-testid="playback">
        {months.length > 1 && (
          <button type="button" data-testid="playback-open" onClick={() => onFrame(months[0], 'open')}>
            ▶ Play month by month
          </button>
        )}
        <button type="button" data-testid="playback-open-weeks" disabled={weekSearch.state === 'finding'} onClick={() => void playWeeks()}>
          ▶ Play week by week
        </button>
        {weekSearch.state === 'finding' && <span className="playback-preparing">Finding the weeks…</span>}
        {weekSearch.state === 'failed' && <span className="form-error">The weeks could not be loaded; try again.</span>}
        {/* Said of the filters it was asked for only: another period may have weeks. */}
        {weekSearch.state === 'none' && weekSearch.url === weeksUrl && (
          <span className="hint" role="status" data-testid="playback-no-weeks">
            No whole week in this period has incidents with a date: only timed logs give days
            {weekSearch.monthOnly > 0 ? ` (the ${formatCount(weekSearch.monthOnly)} incidents here are known to the month only)` : ''}.
          </span>
        )}
      </div>
    )
  }
  const label = (value: string) => (weekly ? `week of ${formatDay(value)}` : formatMonth(value))
  return (
    <div className="playback playback-open maplibregl-ctrl" data-testid="playback" role="group" aria-label={`Playback, ${unit} by ${unit}`}>
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
          if (at >= frames.length - 1) onFrame(frames[0], 'step')
          setPlaying(true)
        }}
      >
        {running ? '❚❚ Pause' : '▶ Play'}
      </button>
      <input
        type="range"
        min={0}
        max={Math.max(0, frames.length - 1)}
        value={Math.max(0, at)}
        aria-label={weekly ? 'Week shown' : 'Month shown'}
        aria-valuetext={frame ? label(frame) : undefined}
        data-testid="playback-slider"
        onChange={(event) => {
          setPlaying(false)
          onFrame(frames[Number(event.target.value)], 'step')
        }}
      />
      <span className="playback-month" data-testid="playback-month" aria-live="polite">
        {frame ? label(frame) : ''} {frames.length > 0 && <span className="hint">({at + 1} of {frames.length})</span>}
      </span>
      {!ready && !prepared.failed && frames.length > 0 && (
        <span className="playback-preparing">
          <progress max={frames.length} value={prepared.key === key ? prepared.done : 0} aria-label={`Preparing the ${unit}s`} /> Preparing{' '}
          {prepared.key === key ? prepared.done : 0} of {frames.length} {unit}s…
        </span>
      )}
      {weekly && weeks !== undefined && weeks.length > 0 && at < 0 && <span className="form-error">That week is not one of this period’s whole weeks with dated incidents.</span>}
      {prepared.failed && <span className="form-error">Some {unit}s could not be loaded; close and try again.</span>}
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
