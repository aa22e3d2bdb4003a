import type { BrowserContext, Page } from 'playwright-core'

/** A slow mobile connection, as Chromium's DevTools protocol emulates it (about "slow 3G"). */
export const SLOW_CONNECTION = { downloadKbps: 400, uploadKbps: 400, latencyMs: 400 }

export type ResourceKind = 'document' | 'script' | 'style' | 'font' | 'tiles' | 'api' | 'other'

export interface PageLoad {
  /** Bytes on the wire (headers and body, as Chromium counts them) per kind of resource, over the whole first load. */
  bytes: Record<ResourceKind, number>
  /** The same, of what was asked for before the form was usable (the page's own resource timing against its mark). */
  bytesWhenUsable: Record<ResourceKind, number>
  /** Path of every script and style sheet asked for before the form was usable. */
  codeWhenUsable: string[]
  /** Milliseconds from the start of navigation. */
  formUsableMs: number
  mapDrawnMs: number
}

/** The mark the form sets when it can be sent (client/src/features/resident-reports/ReportFormPage.tsx). */
const FORM_USABLE_MARK = 'report-form-usable'

const emptyBytes = (): Record<ResourceKind, number> => ({ document: 0, script: 0, style: 0, font: 0, tiles: 0, api: 0, other: 0 })

function kindOf(url: URL, type: string): ResourceKind {
  if (url.pathname.startsWith('/api/')) return 'api'
  if (url.pathname.startsWith('/basemap/') || /\.(pmtiles|pbf|mvt)$/.test(url.pathname)) return 'tiles'
  if (type === 'Document') return 'document'
  if (type === 'Script' || /\.m?js$/.test(url.pathname)) return 'script'
  if (type === 'Stylesheet' || url.pathname.endsWith('.css')) return 'style'
  if (type === 'Font' || /\.(woff2?|ttf|otf)$/.test(url.pathname)) return 'font'
  return 'other'
}

/**
 * Opens `url` in a fresh page of `context` (a new context: nothing cached) and records, through the DevTools protocol,
 * every response's bytes, and when the public report form became usable (its fields there and its send button enabled:
 * the form token has come) and when its map had drawn (`data-map-loaded`, set on MapLibre's `load`). What was asked
 * for before the form was usable is told by the page's own resource timing against the form's performance mark. With
 * `throttle`, the connection is slowed to it first.
 */
export async function measureFormLoad(context: BrowserContext, url: string, throttle: typeof SLOW_CONNECTION | null, timeoutMs: number): Promise<PageLoad> {
  const page: Page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  if (throttle) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: throttle.latencyMs,
      downloadThroughput: (throttle.downloadKbps * 1000) / 8,
      uploadThroughput: (throttle.uploadKbps * 1000) / 8,
    })
  }
  const requests = new Map<string, { url: URL; type: string }>()
  const finished: { kind: ResourceKind; path: string; bytes: number }[] = []
  // Every request of the load, past the default 250 entries, for telling what was asked for before the form's mark.
  await page.addInitScript(() => performance.setResourceTimingBufferSize(5000))
  cdp.on('Network.requestWillBeSent', (event) => requests.set(event.requestId, { url: new URL(event.request.url), type: event.type ?? '' }))
  cdp.on('Network.loadingFinished', (event) => {
    const request = requests.get(event.requestId)
    if (!request || request.url.protocol === 'data:' || request.url.protocol === 'blob:') return
    finished.push({ kind: kindOf(request.url, request.type), path: `${request.url.pathname}${request.url.search}`, bytes: event.encodedDataLength })
  })
  const sum = (entries: typeof finished) => entries.reduce((bytes, entry) => ({ ...bytes, [entry.kind]: bytes[entry.kind] + entry.bytes }), emptyBytes())

  await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs })
  const usable = await page.waitForFunction(
    () => document.getElementById('report-place') !== null && document.querySelector('[data-testid="report-send"]:not([disabled])') !== null && performance.now(),
    undefined,
    { timeout: timeoutMs, polling: 50 },
  )
  const formUsableMs = (await usable.jsonValue()) as number
  const drawn = await page.waitForFunction(() => document.querySelector('[data-map-loaded="true"]') !== null && performance.now(), undefined, { timeout: timeoutMs, polling: 50 })
  const mapDrawnMs = (await drawn.jsonValue()) as number
  // What the map asks for after its first frame (the rest of the visible tiles, labels' glyphs) counts too.
  await page.waitForLoadState('networkidle', { timeout: timeoutMs })
  const askedBeforeUsable = new Set(
    await page.evaluate((mark) => {
      const usableAt = performance.getEntriesByName(mark)[0]?.startTime ?? Infinity
      return performance.getEntriesByType('resource').filter((entry) => entry.startTime < usableAt).map((entry) => {
        const url = new URL(entry.name)
        return `${url.pathname}${url.search}`
      })
    }, FORM_USABLE_MARK),
  )
  await page.close()
  const whenUsable = finished.filter((entry) => entry.kind === 'document' || askedBeforeUsable.has(entry.path))
  return {
    bytes: sum(finished),
    bytesWhenUsable: sum(whenUsable),
    codeWhenUsable: whenUsable.filter((entry) => entry.kind === 'script' || entry.kind === 'style').map((entry) => entry.path),
    formUsableMs,
    mapDrawnMs,
  }
}
