import fs from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { cellToLatLng } from 'h3-js'
import type { Browser, BrowserContext, Page, Request } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/src/config.js'
import { PALETTE, type Rgb } from '../../client/src/features/map/colour-scale.js'
import { OFFLINE_COLOURS } from '../../client/src/features/map/offline-style.js'
import { project } from '../../client/src/features/map/fit-camera.js'
import { chromiumUnavailableReason, launchChromium, E2E_CLIENT_MISSING, e2eClientDir } from '../support/browser.js'
import { boundaryFiles, createTestUser, policeUkFile, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js'

const ASB = 'Anti-social behaviour'
const BURGLARY = 'Burglary'
const MONTHS = ['2024-01', '2024-02', '2024-03']
/** Software WebGL (SwiftShader) on two cores: the first draw of MapLibre plus deck.gl takes seconds, not frames. */
const FIRST_RENDER_MS = 30_000
const RERENDER_MS = 15_000
const VIEWPORT = { width: 1280, height: 800 }
const artifactsDir = path.join(projectRoot, 'tests/.artifacts')

const skipReason = chromiumUnavailableReason()
// The default reporter folds a skipped file into one line, so say why out loud as well as in the suite name.
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

// ---------------------------------------------------------------------------------------------------------------
// What a person sees: hexagons are YlOrRd cells drawn at alpha 200/255 (HEX_FILL_ALPHA in client/src/features/map/hex-layer.ts,
// not imported because that module drags deck.gl into Node) over the offline basemap's council fill or background.
// A pixel counts as "hex" when it is close to one of those blends; basemap, ward lines and labels are all far off.
// ---------------------------------------------------------------------------------------------------------------

const HEX_ALPHA = 200 / 255
const COLOUR_TOLERANCE = 18

function hexToRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16)
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255]
}

/** Per palette class, the colours a hexagon of that class shows over each basemap fill. */
const HEX_COLOURS: Rgb[][] = PALETTE.map((colour) =>
  [OFFLINE_COLOURS.councilFill, OFFLINE_COLOURS.background].map(hexToRgb).map(
    (under) => colour.map((channel, index) => Math.round(HEX_ALPHA * channel + (1 - HEX_ALPHA) * under[index])) as Rgb,
  ),
)

interface Rect {
  x: number
  y: number
  width: number
  height: number
}

interface PixelStats {
  /** Pixels of the map region not covered by the panel, legend, status messages or map controls. */
  counted: number
  hexPixels: number
  perClass: number[]
  /** Only for the second and later images: pixels whose class (or "no hex") differs from the first image's. */
  changedFromFirst: number
}

/**
 * Runs in the browser: decodes each PNG screenshot and classifies every visible map pixel by palette class.
 * Self-contained because Playwright serialises it into the page.
 */
async function classifyPixels(args: {
  pngs: string[]
  region: Rect
  masks: Rect[]
  classes: number[][][]
  tolerance: number
}): Promise<PixelStats[]> {
  const { region, masks, classes, tolerance } = args
  const labelsOf: Int8Array[] = []
  const results: PixelStats[] = []
  for (const png of args.pngs) {
    const blob = await (await fetch(`data:image/png;base64,${png}`)).blob()
    const bitmap = await createImageBitmap(blob)
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
    const context = canvas.getContext('2d', { willReadFrequently: true })
    if (!context) throw new Error('no 2d context')
    context.drawImage(bitmap, 0, 0)
    const { data, width } = context.getImageData(0, 0, bitmap.width, bitmap.height)
    const labels = new Int8Array(bitmap.width * bitmap.height).fill(-2)
    const stats: PixelStats = { counted: 0, hexPixels: 0, perClass: classes.map(() => 0), changedFromFirst: 0 }
    const x0 = Math.max(0, Math.ceil(region.x))
    const y0 = Math.max(0, Math.ceil(region.y))
    const x1 = Math.min(bitmap.width, Math.floor(region.x + region.width))
    const y1 = Math.min(bitmap.height, Math.floor(region.y + region.height))
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        if (masks.some((mask) => x >= mask.x && x < mask.x + mask.width && y >= mask.y && y < mask.y + mask.height)) {
          continue
        }
        const offset = (y * width + x) * 4
        const [red, green, blue] = [data[offset], data[offset + 1], data[offset + 2]]
        let label = -1
        for (let index = 0; index < classes.length && label < 0; index++) {
          for (const [r, g, b] of classes[index]) {
            if (Math.abs(red - r) <= tolerance && Math.abs(green - g) <= tolerance && Math.abs(blue - b) <= tolerance) {
              label = index
              break
            }
          }
        }
        labels[y * bitmap.width + x] = label
        stats.counted++
        if (label >= 0) {
          stats.hexPixels++
          stats.perClass[label]++
        }
        const first = labelsOf[0]
        if (first && first[y * bitmap.width + x] !== -2 && first[y * bitmap.width + x] !== label) stats.changedFromFirst++
      }
    }
    labelsOf.push(labels)
    results.push(stats)
  }
  return results
}

// ---------------------------------------------------------------------------------------------------------------

interface PatrolmapDebugState {
  hexesLoaded: boolean
  lastHexesUrl: string
  cellCount: number
}

const debugState = (page: Page) =>
  page.evaluate(() => window.__patrolmap ?? null) as Promise<PatrolmapDebugState | null>

/** Waits until deck.gl has drawn the hexes for a request matching `predicate` ('' when no request is due). */
async function waitForHexes(page: Page, predicate: (url: string) => boolean, timeout: number): Promise<PatrolmapDebugState> {
  const deadline = Date.now() + timeout
  for (;;) {
    const state = await debugState(page)
    if (state?.hexesLoaded && predicate(state.lastHexesUrl)) return state
    if (Date.now() > deadline) {
      throw new Error(`hexes not drawn within ${timeout} ms; window.__patrolmap = ${JSON.stringify(state)}`)
    }
    await page.waitForTimeout(100)
  }
}

const categoriesOf = (url: string) => new URL(url, 'http://local').searchParams.get('categories')

/** Every category checkbox's state, keyed by its test id. */
async function checkboxStates(page: Page): Promise<Record<string, boolean>> {
  return page.$$eval('input[type=checkbox][data-testid^="category-"]', (inputs) =>
    Object.fromEntries(inputs.map((input) => [input.getAttribute('data-testid'), (input as HTMLInputElement).checked])),
  )
}

/** Ticks exactly these categories, by clicking the checkboxes a person would click. */
async function selectOnly(page: Page, categorySlugs: string[]): Promise<void> {
  for (const [testId, checked] of Object.entries(await checkboxStates(page))) {
    const wanted = categorySlugs.includes(testId.replace(/^category-/, ''))
    if (checked !== wanted) await page.getByTestId(testId).setChecked(wanted)
  }
}

describe.skipIf(skipReason !== null)(`map in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let testApp: TestApp
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let analysisPage: Page
  let origin = ''
  const pageErrors: string[] = []
  const consoleErrors: string[] = []

  beforeAll(async () => {
    if (!fs.existsSync(path.join(e2eClientDir, 'index.html'))) {
      throw new Error(E2E_CLIENT_MISSING)
    }
    fs.mkdirSync(artifactsDir, { recursive: true })
    testApp = await startTestApp({ clientDir: e2eClientDir, data: [...boundaryFiles, ...MONTHS.map(policeUkFile)] })
    await testApp.app.listen({ port: 0, host: '127.0.0.1' })
    origin = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
    const launched = await launchChromium()
    if (!launched) throw new Error('Chromium disappeared between collection and launch')
    browser = launched

    // The map is for staff: sign in as an analyst. The context's request client shares its cookies with the page.
    await createTestUser(testApp.pool, { email: 'analyst@test.local', role: 'analyst' })
    context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 })
    const login = await context.request.post(`${origin}/api/auth/login`, { data: { email: 'analyst@test.local', password: TEST_PASSWORD } })
    expect(login.status()).toBe(200)
    page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`)
    })
    analysisPage = await browser.newPage()
  })

  // Each test starts from the opening view, whatever the one before it ticked or moved.
  beforeEach(async () => {
    await page.goto(origin)
    // The filters are read before they are clicked (selectOnly), so they must be on the page.
    await page.getByTestId('category-anti-social-behaviour').waitFor({ state: 'visible', timeout: FIRST_RENDER_MS })
  })

  // Test 1 asserts this explicitly; every later interaction must stay free of page errors too.
  // Cleared once reported, so one error fails the test it happened in, not every test after it.
  afterEach(() => {
    expect(pageErrors.splice(0), 'uncaught errors in the page').toEqual([])
    expect(consoleErrors.splice(0), 'console errors in the page').toEqual([])
  })

  afterAll(async () => {
    await browser?.close()
    await testApp?.close()
  })

  /** Screenshot of the whole window (saved for debugging) and the map area that is not covered by UI chrome. */
  async function captureMap(name: string): Promise<{ png: string; region: Rect; masks: Rect[] }> {
    // Keep the pointer off the map so no hover highlight or tooltip is in the picture.
    await page.mouse.move(60, 30)
    const buffer = await page.screenshot({ path: path.join(artifactsDir, `e2e-${name}.png`) })
    const { region, masks } = await page.evaluate(() => {
      const rect = (element: Element) => {
        const box = element.getBoundingClientRect()
        return { x: box.x, y: box.y, width: box.width, height: box.height }
      }
      const map = document.querySelector('[data-testid="map"]')
      if (!map) throw new Error('no map element')
      const chrome = document.querySelectorAll(
        '.panel, [data-testid="legend"], .status-area > *, .maplibregl-ctrl, .map-tooltip',
      )
      return { region: rect(map), masks: [...chrome].map(rect).filter((box) => box.width > 0 && box.height > 0) }
    })
    return { png: buffer.toString('base64'), region, masks }
  }

  /** Pixel statistics per shot, also written next to the screenshots for debugging. */
  async function analyse(name: string, shots: { png: string; region: Rect; masks: Rect[] }[]): Promise<PixelStats[]> {
    // Same layout in every shot; the union of masks leaves exactly the pixels visible in all of them.
    const stats = await analysisPage.evaluate(classifyPixels, {
      pngs: shots.map((shot) => shot.png),
      region: shots[0].region,
      masks: shots.flatMap((shot) => shot.masks),
      classes: HEX_COLOURS,
      tolerance: COLOUR_TOLERANCE,
    })
    fs.writeFileSync(path.join(artifactsDir, `e2e-${name}-pixels.json`), `${JSON.stringify(stats, null, 2)}\n`)
    return stats
  }

  it('loads: panel and map visible, ASB total matches SQL, hexes drawn, no page errors; opens on the whole partnership area, clear of the panel and legend, with every filter in view', async () => {
    // The session check and the map's own code chunk come first.
    await page.getByTestId('map').waitFor({ state: 'visible', timeout: FIRST_RENDER_MS })
    expect(await page.title()).toBe('Patrolmap — hotspot map')
    expect(await page.getByRole('heading', { name: 'Hotspot map', level: 1 }).isVisible()).toBe(true)
    expect(await page.getByTestId('nav-map').getAttribute('aria-current')).toBe('page')
    expect(await page.getByTestId('map').isVisible()).toBe(true)
    expect(await page.getByTestId('legend').isVisible()).toBe(true)
    expect(await page.getByTestId(`category-anti-social-behaviour`).isChecked()).toBe(true)

    const state = await waitForHexes(page, (url) => categoriesOf(url) === ASB, FIRST_RENDER_MS)
    expect(state.cellCount).toBeGreaterThan(0)

    const { rows } = await testApp.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM incidents
        WHERE category = $1
          AND period_start >= timestamptz '2024-01-01 00:00 Europe/London'
          AND period_start <  timestamptz '2024-04-01 00:00 Europe/London'`,
      [ASB],
    )
    const asbCount = rows[0].n
    expect(asbCount).toBeGreaterThan(1000)
    // The client writes counts with en-GB grouping: 12,345.
    const grouped = String(asbCount).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
    await expect
      .poll(() => page.getByTestId('total').textContent(), { timeout: RERENDER_MS })
      // All three months: the months before them are not in the data, so no change is given.
      .toBe(`${grouped} incidents match, no earlier data`)

    expect(await page.getByTestId('error').count()).toBe(0)
    expect(pageErrors).toEqual([])
    expect(consoleErrors).toEqual([])

    // It opens on the whole partnership area, clear of the panel and legend, with every filter in view (one test with
    // the above: each opening of the map is a first draw in software WebGL, seconds on two cores).
    // The camera the page chose is written to the address.
    await expect.poll(() => new URL(page.url()).searchParams.get('zoom'), { timeout: 5000 }).not.toBeNull()
    const params = new URL(page.url()).searchParams
    const camera = { lat: Number(params.get('lat')), lon: Number(params.get('lon')), zoom: Number(params.get('zoom')) }
    const extent = await testApp.pool.query<{ west: number; south: number; east: number; north: number }>(
      `SELECT ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north
         FROM (SELECT ST_Extent(geom) AS e FROM wards) extent`,
    )
    const { west, south, east, north } = extent.rows[0]
    const layout = await page.evaluate(() => {
      const rect = (selector: string) => {
        const box = document.querySelector(selector)!.getBoundingClientRect()
        return { x: box.x, y: box.y, width: box.width, height: box.height, right: box.right, bottom: box.bottom }
      }
      const body = document.querySelector('.panel-body')!
      return { map: rect('[data-testid="map"]'), panel: rect('.panel'), scrolls: body.scrollHeight > body.clientHeight }
    })
    const size = { width: layout.map.width, height: layout.map.height }
    // MapView pads the map by the panel's width plus its margins (App's leftInset).
    const inset = layout.panel.right + 10
    const corners = ([[west, north], [east, north], [west, south], [east, south]] as [number, number][]).map((corner) =>
      project(corner, camera, size, inset),
    )
    for (const [x, y] of corners) {
      expect(x, JSON.stringify({ camera, corners })).toBeGreaterThan(layout.panel.right)
      expect(x, JSON.stringify({ camera, corners })).toBeLessThan(size.width)
      expect(y, JSON.stringify({ camera, corners })).toBeGreaterThan(0)
      expect(y, JSON.stringify({ camera, corners })).toBeLessThan(size.height)
    }
    // Res 8, a neighbourhood per cell, at the opening view.
    expect(new URL((await debugState(page))!.lastHexesUrl, origin).searchParams.get('res')).toBe('8')
    expect(layout.scrolls, 'the filter panel needs no scrolling at 1280×800').toBe(false)
  })

  it('shows hexagons in the palette colours, and none when no category is ticked', async () => {
    await selectOnly(page, ['anti-social-behaviour'])
    await waitForHexes(page, (url) => categoriesOf(url) === ASB, FIRST_RENDER_MS)
    await page.getByTestId('loading').waitFor({ state: 'detached', timeout: RERENDER_MS })
    const withHexes = await captureMap('asb')

    await page.getByRole('button', { name: 'None', exact: true }).click()
    await page.getByTestId('empty').waitFor({ state: 'visible', timeout: RERENDER_MS })
    await waitForHexes(page, (url) => url === '', RERENDER_MS)
    const withoutHexes = await captureMap('none')

    const [asb, none] = await analyse('hexes', [withHexes, withoutHexes])
    // The opening view fits all of Cleveland, with sea and background around it, into a 1280×800 window; ASB
    // hexes cover a good part of the land (about 9% of the visible map area when this was written).
    expect(asb.counted).toBeGreaterThan(200_000)
    expect(asb.hexPixels, JSON.stringify(asb)).toBeGreaterThan(asb.counted * 0.06)
    expect(asb.perClass.filter((count) => count > 100).length, JSON.stringify(asb)).toBeGreaterThanOrEqual(3)
    expect(none.hexPixels, JSON.stringify(none)).toBeLessThan(asb.hexPixels * 0.01)
  })

  it('redraws with the new data when the category filter changes', async () => {
    await selectOnly(page, ['anti-social-behaviour'])
    const before = await waitForHexes(page, (url) => categoriesOf(url) === ASB, FIRST_RENDER_MS)
    await page.getByTestId('loading').waitFor({ state: 'detached', timeout: RERENDER_MS })
    const asbShot = await captureMap('category-before')

    await page.getByTestId('category-burglary').check()
    await page.getByTestId('category-anti-social-behaviour').uncheck()
    const after = await waitForHexes(page, (url) => categoriesOf(url) === BURGLARY, RERENDER_MS)
    await page.getByTestId('loading').waitFor({ state: 'detached', timeout: RERENDER_MS })
    const burglaryShot = await captureMap('category-after')

    expect(categoriesOf(before.lastHexesUrl)).toBe(ASB)
    expect(categoriesOf(after.lastHexesUrl)).toBe(BURGLARY)
    // Only the category changed: same resolution and months.
    const paramsBefore = new URL(before.lastHexesUrl, origin).searchParams
    const paramsAfter = new URL(after.lastHexesUrl, origin).searchParams
    paramsBefore.delete('categories')
    paramsAfter.delete('categories')
    expect(paramsAfter.toString()).toBe(paramsBefore.toString())

    const response = await context.request.get(new URL(after.lastHexesUrl, origin).href)
    expect(response.status()).toBe(200)
    const cells = (await response.json()) as { h3: string; count: number }[]
    expect(after.cellCount).toBe(cells.length)
    expect(after.cellCount).not.toBe(before.cellCount)

    const [asb, burglary] = await analyse('category', [asbShot, burglaryShot])
    expect(burglary.hexPixels, JSON.stringify(burglary)).toBeGreaterThan(burglary.counted * 0.05)
    // A real redraw, not the old picture: a large share of the hexagon pixels changed colour class or vanished.
    expect(burglary.changedFromFirst, JSON.stringify({ asb, burglary })).toBeGreaterThan(asb.hexPixels * 0.3)
  })

  it('keeps the view in the URL, and a new window opened on it restores the filters', async () => {
    await page.getByTestId('category-drugs').check()
    await page.getByTestId('filter-from').selectOption('2024-02')
    const wanted = await checkboxStates(page)
    const drawn = await waitForHexes(
      page,
      (url) => new URL(url, origin).searchParams.get('from') === '2024-02' && (categoriesOf(url) ?? '').split(',').includes('Drugs'),
      RERENDER_MS,
    )

    // The address is rewritten shortly after each change (debounced).
    await expect.poll(() => new URL(page.url()).searchParams.get('from'), { timeout: 5000 }).toBe('2024-02')
    const shared = new URL(page.url())
    expect(shared.searchParams.get('categories')?.split(',').sort()).toEqual(categoriesOf(drawn.lastHexesUrl)?.split(',').sort())

    // Another window of the same browser, so the same session.
    const restored = await context.newPage()
    const restoredErrors: string[] = []
    restored.on('pageerror', (error) => restoredErrors.push(error.stack ?? error.message))
    restored.on('console', (message) => {
      if (message.type() === 'error') restoredErrors.push(`console: ${message.text()}`)
    })
    try {
      await restored.goto(shared.href)
      const restoredState = await waitForHexes(restored, (url) => url !== '', FIRST_RENDER_MS)
      await restored.screenshot({ path: path.join(artifactsDir, 'e2e-restored.png') })
      expect(await checkboxStates(restored)).toEqual(wanted)
      expect(await restored.getByTestId('filter-from').inputValue()).toBe('2024-02')
      // Same filters and camera, so the very same hexes request.
      expect(restoredState.lastHexesUrl).toBe(drawn.lastHexesUrl)
      expect(restoredErrors).toEqual([])
    } finally {
      await restored.close()
    }
  })

  /** Every /api/ request the page makes while `action` runs (method, path and query). */
  async function apiRequestsDuring(action: () => Promise<void>): Promise<string[]> {
    const requests: string[] = []
    const record = (request: Request) => {
      const url = new URL(request.url())
      if (url.pathname.startsWith('/api/')) requests.push(`${request.method()} ${url.pathname}${url.search}`)
    }
    page.on('request', record)
    try {
      await action()
    } finally {
      page.off('request', record)
    }
    return requests
  }

  it('Back after a filter change restores the previous map: its filters, its panel and its hexagons', async () => {
    await selectOnly(page, ['anti-social-behaviour'])
    const asb = await waitForHexes(page, (url) => categoriesOf(url) === ASB, RERENDER_MS)
    await page.getByTestId('loading').waitFor({ state: 'detached', timeout: RERENDER_MS })
    await expect.poll(() => new URL(page.url()).searchParams.get('categories'), { timeout: 5000 }).toBe(ASB)
    const asbPanel = await checkboxStates(page)
    const asbAddress = new URL(page.url())
    const asbTotal = await page.getByTestId('total').textContent()

    await page.getByTestId('category-burglary').check()
    const both = await waitForHexes(page, (url) => (categoriesOf(url) ?? '').split(',').includes(BURGLARY), RERENDER_MS)
    expect(both.lastHexesUrl).not.toBe(asb.lastHexesUrl)
    await expect.poll(() => page.getByTestId('total').textContent(), { timeout: RERENDER_MS }).not.toBe(asbTotal)

    const requests = await apiRequestsDuring(async () => {
      await page.goBack()
      await waitForHexes(page, (url) => url === asb.lastHexesUrl, RERENDER_MS)
    })
    expect(new URL(page.url()).searchParams.get('categories')).toBe(ASB)
    expect(new URL(page.url()).pathname).toBe(asbAddress.pathname)
    expect(await checkboxStates(page)).toEqual(asbPanel)
    await expect.poll(() => page.getByTestId('total').textContent(), { timeout: RERENDER_MS }).toBe(asbTotal)
    // The map it went back to was seen already: its answers come from the cache.
    expect(requests).toEqual([])

    // And Forward brings the later map back.
    await page.goForward()
    await waitForHexes(page, (url) => url === both.lastHexesUrl, RERENDER_MS)
    expect(await page.getByTestId('category-burglary').isChecked()).toBe(true)
  })

  it('opens what is behind a hexagon when it is clicked: its count, categories, months, places, ward and incidents; Esc closes it', async () => {
    const state = await waitForHexes(page, (url) => categoriesOf(url) === ASB, FIRST_RENDER_MS)
    const cells = await page.evaluate(async (url) => (await fetch(url)).json(), state.lastHexesUrl) as { h3: string; count: number }[]
    const box = (await page.getByTestId('map').boundingBox())!
    const panel = (await page.locator('.panel').boundingBox())!
    const legend = (await page.getByTestId('legend').boundingBox())!
    // The busiest cell whose centre is on the map, clear of the filter panel and the legend.
    let target: { cell: string; count: number; x: number; y: number } | null = null
    for (const cell of [...cells].sort((a, b) => b.count - a.count)) {
      const [lat, lon] = cellToLatLng(cell.h3)
      const point = await page.evaluate(([x, y]) => window.__patrolmap!.project!(x, y), [lon, lat])
      const x = box.x + point.x
      const y = box.y + point.y
      const clear = x > panel.x + panel.width + 20 && x < legend.x - 20 && y > box.y + 60 && y < box.y + box.height - 60
      if (clear) {
        target = { cell: cell.h3, count: cell.count, x, y }
        break
      }
    }
    expect(target).not.toBeNull()
    await page.mouse.click(target!.x, target!.y)
    const detail = page.getByTestId('hex-detail')
    await detail.waitFor({ state: 'visible', timeout: RERENDER_MS })
    expect(await detail.getAttribute('data-cell')).toBe(target!.cell)
    await expect
      .poll(() => page.getByTestId('hex-detail-summary').textContent(), { timeout: RERENDER_MS })
      .toMatch(new RegExp(`^${target!.count.toLocaleString('en-GB')} incidents? in Jan 2024 – Mar 2024 \\(3 months\\)`))
    expect(await page.getByTestId('hex-detail-categories').locator('tbody tr').count()).toBe(1)
    expect(await page.getByTestId('hex-detail-places').locator('li').count()).toBeGreaterThan(0)
    expect(await page.getByTestId('hex-detail-wards').textContent()).toContain(`of the ${target!.count.toLocaleString('en-GB')} here`)
    expect(await detail.locator('svg.recharts-surface').count()).toBe(1)
    await page.getByTestId('hex-detail-incidents-toggle').click()
    await page.getByTestId('hex-detail-incident').first().waitFor({ state: 'visible', timeout: RERENDER_MS })
    expect(await page.getByTestId('hex-detail-incident').count()).toBe(Math.min(25, target!.count))
    await page.screenshot({ path: path.join(artifactsDir, 'e2e-hex-detail.png') })
    await page.keyboard.press('Escape')
    await detail.waitFor({ state: 'detached', timeout: RERENDER_MS })
  })

  it('switching to Hotspots and back, or to another page and back, asks the server for nothing new', async () => {
    await selectOnly(page, ['anti-social-behaviour'])
    const hexes = await waitForHexes(page, (url) => categoriesOf(url) === ASB, RERENDER_MS)
    // Each view once, so each answer is in the cache: Hotspots mode, the ward reports, the map again.
    await page.getByTestId('mode-hotspots').click()
    await page.waitForFunction(() => window.__patrolmap?.hotspotsLoaded === true, undefined, { timeout: FIRST_RENDER_MS })
    await page.getByTestId('loading').waitFor({ state: 'detached', timeout: FIRST_RENDER_MS })
    await page.getByTestId('mode-incidents').click()
    await waitForHexes(page, (url) => url === hexes.lastHexesUrl, RERENDER_MS)
    await page.getByTestId('nav-reports').click()
    await page.getByTestId('ward-report').first().waitFor({ state: 'visible', timeout: RERENDER_MS })
    // Every ward's patrol tasks in too: leaving while they load cancels them, and the second visit would ask again.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="ward-tasks"]').length > 0 && document.querySelectorAll('[data-testid="loading"]').length === 0, undefined, {
      timeout: RERENDER_MS,
    })
    await page.getByTestId('nav-map').click()
    await waitForHexes(page, (url) => url === hexes.lastHexesUrl, FIRST_RENDER_MS)
    await page.getByTestId('loading').waitFor({ state: 'detached', timeout: RERENDER_MS })

    const requests = await apiRequestsDuring(async () => {
      await page.getByTestId('mode-hotspots').click()
      await page.waitForFunction(() => window.__patrolmap?.hotspotsLoaded === true, undefined, { timeout: RERENDER_MS })
      await page.getByTestId('mode-incidents').click()
      await waitForHexes(page, (url) => url === hexes.lastHexesUrl, RERENDER_MS)
      await page.getByTestId('nav-reports').click()
      await page.getByTestId('ward-report').first().waitFor({ state: 'visible', timeout: RERENDER_MS })
      await page.getByTestId('nav-map').click()
      await waitForHexes(page, (url) => url === hexes.lastHexesUrl, FIRST_RENDER_MS)
      await page.getByTestId('loading').waitFor({ state: 'detached', timeout: RERENDER_MS })
    })
    expect(requests).toEqual([])
  })
})

