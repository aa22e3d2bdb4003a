import { useCallback, useEffect, useRef, useState } from 'react'
import { hasCamera, parseMapPageView, serialiseMapPageView, type MapPageView } from './view-state-url'

/** Camera moves come many a second while the map pans; the address follows once it rests. */
const URL_WRITE_DELAY_MS = 300

type Update = (view: MapPageView) => MapPageView

export interface ViewState {
  view: MapPageView
  /** Whether the address named a camera when the page opened (a shared link); otherwise the map fits the area. */
  sharedCamera: boolean
  /** A person's change (filters, mode, Hotspots controls): a new history entry, so Back returns to the view before. */
  change(update: Update): void
  /** A camera move, or a correction of what the address named: rewrites the current history entry. */
  correct(update: Update): void
}

function addressOf(view: MapPageView): string {
  const { pathname, hash } = window.location
  return `${pathname}?${serialiseMapPageView(view)}${hash}`
}

/**
 * The one owner of the map page's address: reads the view from it, writes every change back, and follows Back and
 * Forward. `onRestore` hears of a view brought back from history, for what is not state here (the map's camera).
 */
export function useViewState(onRestore: (view: MapPageView) => void): ViewState {
  const [view, setView] = useState(() => parseMapPageView(window.location.search))
  const [sharedCamera] = useState(() => hasCamera(window.location.search))
  const nextWrite = useRef<'push' | 'replace'>('replace')
  /** The view the current history entry stands for (written now, or within URL_WRITE_DELAY_MS). */
  const entryView = useRef(view)
  const onRestoreRef = useRef(onRestore)
  useEffect(() => {
    onRestoreRef.current = onRestore
  }, [onRestore])

  useEffect(() => {
    const push = nextWrite.current === 'push' && serialiseMapPageView(view) !== serialiseMapPageView(entryView.current)
    nextWrite.current = 'replace'
    if (push) {
      // The entry being left keeps the view as it was, camera included, for Back to return to.
      window.history.replaceState(window.history.state, '', addressOf(entryView.current))
      entryView.current = view
      window.history.pushState(null, '', addressOf(view))
      return
    }
    entryView.current = view
    const timer = window.setTimeout(() => window.history.replaceState(window.history.state, '', addressOf(view)), URL_WRITE_DELAY_MS)
    return () => window.clearTimeout(timer)
  }, [view])

  useEffect(() => {
    const mapPath = window.location.pathname
    const onPopState = () => {
      // Back to another page: the shell changes page, and this one goes away.
      if (window.location.pathname !== mapPath) return
      const restored = parseMapPageView(window.location.search)
      entryView.current = restored
      nextWrite.current = 'replace'
      setView(restored)
      onRestoreRef.current(restored)
    }
    window.addEventListener('popstate', onPopState)
    return () => window.removeEventListener('popstate', onPopState)
  }, [])

  const change = useCallback((update: Update) => {
    nextWrite.current = 'push'
    setView(update)
  }, [])
  const correct = useCallback((update: Update) => setView(update), [])
  return { view, sharedCamera, change, correct }
}
