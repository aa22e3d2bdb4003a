import { useEffect, useState, type MouseEvent } from 'react'

/** A small History API router: the address bar is the only state, and every change is announced by one event. */
const NAVIGATE_EVENT = 'patrolmap:navigate'

export interface Location {
  pathname: string
  search: string
}

function currentLocation(): Location {
  return { pathname: window.location.pathname, search: window.location.search }
}

/** The query each path had when it was last left, so the Map link returns to the view the user had. */
const lastQueries = new Map<string, string>()

export function lastQueryOf(pathname: string): string {
  return lastQueries.get(pathname) ?? ''
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const target = new URL(to, window.location.href)
  const here = window.location
  if (target.pathname !== here.pathname) lastQueries.set(here.pathname, here.search)
  if (target.pathname === here.pathname && target.search === here.search && target.hash === here.hash) return
  const href = `${target.pathname}${target.search}${target.hash}`
  if (options.replace) window.history.replaceState(null, '', href)
  else window.history.pushState(null, '', href)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

/** Follows the address bar: back/forward and `navigate`. Query-only rewrites (the map's view state) are ignored. */
export function usePathname(): string {
  const [location, setLocation] = useState<Location>(currentLocation)
  useEffect(() => {
    const update = () => setLocation((previous) => {
      const next = currentLocation()
      return next.pathname === previous.pathname ? previous : next
    })
    window.addEventListener('popstate', update)
    window.addEventListener(NAVIGATE_EVENT, update)
    return () => {
      window.removeEventListener('popstate', update)
      window.removeEventListener(NAVIGATE_EVENT, update)
    }
  }, [])
  return location.pathname
}

/**
 * onClick for an in-app <a href>: navigates without a reload, but leaves modified clicks (new tab, new window,
 * download) to the browser.
 */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  const anchor = event.currentTarget
  if (anchor.target && anchor.target !== '_self') return
  event.preventDefault()
  navigate(anchor.getAttribute('href') ?? '/')
}

/** Follows the address bar's query (`?task=12`): for pages whose query says what they show. */
export function useSearch(): string {
  const [search, setSearch] = useState(() => window.location.search)
  useEffect(() => {
    const update = () => setSearch(window.location.search)
    window.addEventListener('popstate', update)
    window.addEventListener(NAVIGATE_EVENT, update)
    return () => {
      window.removeEventListener('popstate', update)
      window.removeEventListener(NAVIGATE_EVENT, update)
    }
  }, [])
  return search
}
