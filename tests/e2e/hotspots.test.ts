import fs from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import Papa from 'papaparse'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/src/config.js'
import type { Rgb } from '../../client/src/features/map/colour-scale.js'
import type {
  ConcentrationAnswer,
  ForecastAnswer,
  GiStarAnswer,
  ProblemLocationsAnswer,
  TopWardsAnswer,
} from '../../client/src/features/hotspots/hotspot-api.js'
import { GISTAR_COLOURS, HOTSPOT_FILL_ALPHA } from '../../client/src/features/hotspots/hotspot-colours.js'
import { OFFLINE_COLOURS } from '../../client/src/features/map/offline-style.js'
import { chromiumUnavailableReason, launchChromium, E2E_CLIENT_MISSING, e2eClientDir } from '../support/browser.js'
import { boundaryFiles, createTestUser, policeUkFile, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js'

/** Six months: enough for emerging patterns, and three months of forecast accuracy after a three-month lookback. */
const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']
/** Software WebGL (SwiftShader): the first draw of MapLibre plus deck.gl takes seconds. */
const FIRST_RENDER_MS = 30_000
const STEP_MS = 15_000
const VIEWPORT = { width: 1280, height: 800 }
const artifactsDir = path.join(projectRoot, 'tests/.artifacts')
const ASB = 'Anti-social behaviour'

const skipReason = chromiumUnavailableReason()
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

// ---------------------------------------------------------------------------------------------------------------
// Pixels: a hot Gi* cell is its class colour at HOTSPOT_FILL_ALPHA over the offline basemap's land or background;
// the selected location's outline is its line colour (opaque). Nothing else on the map is near either.
// ---------------------------------------------------------------------------------------------------------------

const COLOUR_TOLERANCE = 18
const HIGHLIGHT_TOLERANCE = 40
/** HIGHLIGHT_LINE_COLOUR in client/src/features/hotspots/hotspot-layers.ts (not imported: that module brings deck.gl). */
const HIGHLIGHT_RGB: Rgb = [29, 78, 216]

function hexToRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16)
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255]
}

const HOT_COLOURS: Rgb[] = (['hot-99', 'hot-95', 'hot-90'] as const).flatMap((id) =>
  [OFFLINE_COLOURS.councilFill, OFFLINE_COLOURS.background].map(hexToRgb).map((under) => {
    const alpha = HOTSPOT_FILL_ALPHA / 255
    return GISTAR_COLOURS[id]!.map((channel, index) => Math.round(alpha * channel + (1 - alpha) * under[index])) as Rgb
  }),
)

interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** Runs in the browser: counts the map's uncovered pixels near any colour of each set. Self-contained. */
async function countColours(args: { png: string; region: Rect; masks: Rect[]; sets: { colours: number[][]; tolerance: number }[] }): Promise<{
  counted: number
  matches: number[]
}> {
  const blob = await (await fetch(`data:image/png;base64,${args.png}`)).blob()
  const bitmap = await createImageBitmap(blob)
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) throw new Error('no 2d context')
  context.drawImage(bitmap, 0, 0)
  const { data, width } = context.getImageData(0, 0, bitmap.width, bitmap.height)
  const matches = args.sets.map(() => 0)
  let counted = 0
  const { region, masks } = args
  for (let y = Math.max(0, Math.ceil(region.y)); y < Math.min(bitmap.height, Math.floor(region.y + region.height)); y++) {
    for (let x = Math.max(0, Math.ceil(region.x)); x < Math.min(bitmap.width, Math.floor(region.x + region.width)); x++) {
      if (masks.some((mask) => x >= mask.x && x < mask.x + mask.width && y >= mask.y && y < mask.y + mask.height)) continue
      counted++
      const offset = (y * width + x) * 4
      args.sets.forEach((set, index) => {
        if (set.colours.some(([r, g, b]) => Math.abs(data[offset] - r) <= set.tolerance && Math.abs(data[offset + 1] - g) <= set.tolerance && Math.abs(data[offset + 2] - b) <= set.tolerance)) {
          matches[index]++
        }
      })
    }
  }
  return { counted, matches }
}

interface DebugState {
  hotspotsLoaded?: boolean
  lastHotspotsUrl?: string
  hotspotCellCount?: number
  highlightedLocation?: string | null
}

const debugState = (page: Page) => page.evaluate(() => window.__patrolmap ?? null) as Promise<DebugState | null>

/** Waits until deck.gl has drawn the hotspot layer (and highlight) that `predicate` accepts. */
async function waitForHotspots(page: Page, predicate: (state: DebugState) => boolean, timeout: number): Promise<DebugState> {
  const deadline = Date.now() + timeout
  for (;;) {
    const state = await debugState(page)
    if (state?.hotspotsLoaded && predicate(state)) return state
    if (Date.now() > deadline) throw new Error(`hotspots not drawn within ${timeout} ms; window.__patrolmap = ${JSON.stringify(state)}`)
    await page.waitForTimeout(100)
  }
}

const paramsOf = (url: string) => Object.fromEntries(new URL(url, 'http://local').searchParams)

describe.skipIf(skipReason !== null)(`Hotspots mode in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let testApp: TestApp
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let analysisPage: Page
  let origin = ''
  const pageErrors: string[] = []
  const consoleErrors: string[] = []
  /** Every /api request the page made (path and query). */
  const apiRequests: string[] = []

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

    await createTestUser(testApp.pool, { email: 'analyst@test.local', role: 'analyst' })
    // Reduced motion: the map jumps to a problem location instead of flying there (software WebGL draws few frames).
    context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, acceptDownloads: true, reducedMotion: 'reduce' })
    const login = await context.request.post(`${origin}/api/auth/login`, { data: { email: 'analyst@test.local', password: TEST_PASSWORD } })
    expect(login.status()).toBe(200)
    page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`)
    })
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.pathname.startsWith('/api/')) apiRequests.push(`${url.pathname}${url.search}`)
    })
    analysisPage = await browser.newPage()
  })

  afterEach(() => {
    expect(pageErrors.splice(0), 'uncaught errors in the page').toEqual([])
    expect(consoleErrors.splice(0), 'console errors in the page').toEqual([])
  })

  afterAll(async () => {
    await browser?.close()
    await testApp?.close()
  })

  /** The page's latest request to an /api route, once it has made one. */
  async function lastRequestTo(prefix: string): Promise<string> {
    await expect.poll(() => apiRequests.some((url) => url.startsWith(prefix)), { timeout: STEP_MS }).toBe(true)
    return apiRequests.filter((url) => url.startsWith(prefix)).at(-1)!
  }

  async function getJson<T>(url: string): Promise<T> {
    const response = await context.request.get(new URL(url, origin).href)
    expect(response.status(), url).toBe(200)
    return (await response.json()) as T
  }

  /** The map's uncovered pixels: hot Gi* colours and the highlight outline. Saves the screenshot for debugging. */
  async function mapPixels(name: string): Promise<{ counted: number; hot: number; highlight: number }> {
    await page.mouse.move(60, 30)
    const png = (await page.screenshot({ path: path.join(artifactsDir, `e2e-hotspots-${name}.png`) })).toString('base64')
    const { region, masks } = await page.evaluate(() => {
      const rect = (element: Element) => {
        const box = element.getBoundingClientRect()
        return { x: box.x, y: box.y, width: box.width, height: box.height }
      }
      const chrome = document.querySelectorAll('.panel, .results-panel, .status-area > *, .maplibregl-ctrl, .map-tooltip')
      return {
        region: rect(document.querySelector('[data-testid="map"]')!),
        masks: [...chrome].map(rect).filter((box) => box.width > 0 && box.height > 0),
      }
    })
    const { counted, matches } = await analysisPage.evaluate(countColours, {
      png,
      region,
      masks,
      sets: [
        { colours: HOT_COLOURS, tolerance: COLOUR_TOLERANCE },
        { colours: [HIGHLIGHT_RGB], tolerance: HIGHLIGHT_TOLERANCE },
      ],
    })
    const stats = { counted, hot: matches[0], highlight: matches[1] }
    fs.writeFileSync(path.join(artifactsDir, `e2e-hotspots-${name}-pixels.json`), `${JSON.stringify(stats)}\n`)
    return stats
  }

  const cameraOf = (url: string) => {
    const params = new URL(url).searchParams
    return { lat: Number(params.get('lat')), lon: Number(params.get('lon')), zoom: Number(params.get('zoom')) }
  }

  let gistarUrl = ''
  let locationsUrl = ''
  let locations: ProblemLocationsAnswer

  // Each test starts on a fresh page opened by a link to the mode (the Incidents/Hotspots switch itself is used in
  // the last test), with the default Gi* layer drawn and the problem locations listed.
  beforeEach(async () => {
    apiRequests.length = 0
    await page.goto(`${origin}/?mode=hotspots`)
    const drawn = await waitForHotspots(page, (state) => (state.lastHotspotsUrl ?? '').startsWith('/api/hotspots/gistar'), FIRST_RENDER_MS)
    gistarUrl = drawn.lastHotspotsUrl!
    await page.getByTestId('location-row').first().waitFor({ state: 'visible', timeout: STEP_MS })
    locationsUrl = apiRequests.filter((url) => url.startsWith('/api/hotspots/problem-locations')).at(-1)!
    locations = await getJson<ProblemLocationsAnswer>(locationsUrl)
  })

  it('opens Hotspots mode: the Gi* layer is drawn in the hot colours, the legend lists the classes with their counts', async () => {
    await page.getByTestId('map').waitFor({ state: 'visible', timeout: FIRST_RENDER_MS })
    expect(await page.getByTestId('mode-hotspots').getAttribute('aria-pressed')).toBe('true')
    const drawn = await waitForHotspots(page, (state) => (state.lastHotspotsUrl ?? '').startsWith('/api/hotspots/gistar'), FIRST_RENDER_MS)
    gistarUrl = drawn.lastHotspotsUrl!
    // The defaults and the shared filter: ASB over the whole data, res 9, k 1, FDR on, every council.
    expect(paramsOf(gistarUrl)).toEqual({ res: '9', k: '1', fdr: 'true', categories: ASB })
    // The Incidents map's hexagons are not asked for in this mode.
    expect(apiRequests.filter((url) => url.startsWith('/api/hexes'))).toEqual([])
    await expect.poll(() => new URL(page.url()).searchParams.get('hres'), { timeout: 5000 }).toBe('9')
    expect(new URL(page.url()).searchParams.get('mode')).toBe('hotspots')

    const gistar = await getJson<GiStarAnswer>(gistarUrl)
    expect(drawn.hotspotCellCount).toBe(gistar.cells.length)
    expect(gistar.classCounts['hot-99']).toBeGreaterThan(10)

    const legend = page.getByTestId('legend-gistar')
    const classes = await legend.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-class')))
    expect(classes).toEqual(['hot-99', 'hot-95', 'hot-90', 'not-significant', 'cold-90', 'cold-95', 'cold-99'])
    const texts = await legend.locator('li').allTextContents()
    expect(texts[0]).toBe(`Hot spot 99%${gistar.classCounts['hot-99'].toLocaleString('en-GB')} cells`)
    expect(texts[3]).toContain('Not significant')
    expect(texts[3]).toContain(gistar.classCounts['not-significant'].toLocaleString('en-GB'))

    await page.getByTestId('loading').waitFor({ state: 'detached', timeout: STEP_MS })
    const pixels = await mapPixels('gistar')
    expect(pixels.counted).toBeGreaterThan(150_000)
    // The whole partnership area at res 9: the hot cells are small but many.
    expect(pixels.hot, JSON.stringify(pixels)).toBeGreaterThan(300)
    expect(pixels.highlight, JSON.stringify(pixels)).toBeLessThan(50)
  })

  it('lists the problem locations of /api/hotspots/problem-locations for the same parameters, names in rank order, exports them as CSV and GeoJSON with the same rows; shows top wards, and the concentration and forecast charts with their data points and readings', async () => {
    await page.getByTestId('location-row').first().waitFor({ state: 'visible', timeout: STEP_MS })
    locationsUrl = apiRequests.filter((url) => url.startsWith('/api/hotspots/problem-locations')).at(-1)!
    expect(paramsOf(locationsUrl)).toEqual({ ...paramsOf(gistarUrl), halfLife: '6', limit: '20' })
    locations = await getJson<ProblemLocationsAnswer>(locationsUrl)
    expect(locations.locations.length).toBeGreaterThan(3)

    const rows = page.getByTestId('location-row')
    const shown = await rows.evaluateAll((items) => items.map((item) => [item.getAttribute('data-rank'), item.getAttribute('data-name')]))
    expect(shown).toEqual(locations.locations.map((location) => [String(location.rank), location.name]))
    expect(await rows.getByTestId('location-name').allTextContents()).toEqual(locations.locations.map((location) => location.name))
    // The row says what the ranking rests on.
    const first = locations.locations[0]
    const firstText = (await rows.first().textContent())!
    expect(firstText).toContain(`score ${Math.round(first.score).toLocaleString('en-GB')}`)
    expect(firstText).toContain(`${first.incidents.toLocaleString('en-GB')} incidents`)
    expect(firstText).toContain(first.ward!.name)
    // Its score's components open under it: the weighted months add up to the score.
    await rows.first().getByTestId('location-expand').click()
    const components = rows.first().getByTestId('location-components')
    expect(await components.isVisible()).toBe(true)
    expect(await components.locator('tfoot td').last().textContent()).toBe(first.score.toFixed(1))
    expect(await page.getByTestId('caveats').textContent()).toContain('police.uk')
    await page.screenshot({ path: path.join(artifactsDir, 'e2e-hotspots-locations.png') })

    // The list exports as CSV and GeoJSON with the same rows (in this test: each opening of Hotspots mode is a first
    // draw in software WebGL, seconds on two cores).
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-locations-csv').click()])
    expect(csvDownload.suggestedFilename()).toBe(`problem-locations-${locations.period.from}-to-${locations.period.to}-res9.csv`)
    const csv = fs.readFileSync((await csvDownload.path())!, 'utf8')
    expect(csv.startsWith('\uFEFFRank,Name (busiest streets · ward),')).toBe(true)
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true })
    expect(parsed.errors).toEqual([])
    expect(parsed.data.map((row) => [row.Rank, row['Name (busiest streets · ward)'], row['Incidents in the location in the period']])).toEqual(
      locations.locations.map((location) => [String(location.rank), location.name, String(location.incidents)]),
    )

    const [geoDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-locations-geojson').click()])
    expect(geoDownload.suggestedFilename()).toMatch(/\.geojson$/)
    const collection = JSON.parse(fs.readFileSync((await geoDownload.path())!, 'utf8'))
    expect(collection.type).toBe('FeatureCollection')
    expect(collection.features.map((feature: { properties: { name: string } }) => feature.properties.name)).toEqual(
      locations.locations.map((location) => location.name),
    )
    expect(collection.features[0].geometry.type).toBe('MultiPolygon')

    // The rest of the results panel: top wards, and the concentration and forecast charts with their data points and
    // readings.
    const topWards = await getJson<TopWardsAnswer>(await lastRequestTo('/api/hotspots/top-wards'))
    const wardRows = page.getByTestId('top-ward-row')
    await wardRows.first().waitFor({ state: 'visible', timeout: STEP_MS })
    expect(await wardRows.locator('th').evaluateAll((cells) => cells.map((cell) => cell.firstChild?.textContent))).toEqual(
      topWards.wards.map((ward) => ward.name),
    )
    expect(topWards.wards).toHaveLength(5)

    const concentration = await getJson<ConcentrationAnswer>(await lastRequestTo('/api/hotspots/concentration'))
    const concentrationChart = page.getByTestId('concentration-chart')
    await concentrationChart.scrollIntoViewIfNeeded()
    const lines = concentrationChart.locator('svg path.recharts-line-curve')
    expect(await lines.count()).toBe(concentration.areas.filter((area) => area.total > 0).length)
    for (const d of await lines.evaluateAll((paths) => paths.map((item) => item.getAttribute('d') ?? ''))) {
      // One vertex per whole percent of cells up to 50%.
      expect((d.match(/L/g) ?? []).length).toBe(50)
    }
    expect(await concentrationChart.locator('.recharts-cartesian-axis-label, .recharts-label').allTextContents()).toEqual(
      expect.arrayContaining(['Share of cells, busiest first', 'Share of incidents']),
    )
    expect(await page.getByTestId('concentration-reading').textContent()).toMatch(/^The busiest 5% of cells hold \d+% of ASB in /)

    const forecast = await getJson<ForecastAnswer>(await lastRequestTo('/api/hotspots/forecast-accuracy'))
    expect(forecast.months.map((month) => month.month)).toEqual(['2024-04', '2024-05', '2024-06'])
    const forecastChart = page.getByTestId('forecast-chart')
    await forecastChart.scrollIntoViewIfNeeded()
    // Hit rate and PAI: a dot per month each.
    expect(await forecastChart.locator('svg .recharts-line-dots circle').count()).toBe(2 * forecast.months.length)
    expect(await page.getByTestId('forecast-reading').textContent()).toMatch(
      /^The busiest 5% of cells by the previous 3 months caught \d+% of the next month's ASB on average/,
    )
    // The table alternative has the same months.
    await forecastChart.locator('summary').click()
    expect(await page.getByTestId('forecast-table').locator('tbody th').allTextContents()).toEqual(['Apr 2024', 'May 2024', 'Jun 2024'])
    await page.screenshot({ path: path.join(artifactsDir, 'e2e-hotspots-charts.png') })
  })

  it('moves the map to the first location and outlines it when its row is clicked; Enter on a row does the same', async () => {
    const before = cameraOf(page.url())
    const first = locations.locations[0]
    await page.getByTestId('location-select').first().click()
    const drawn = await waitForHotspots(page, (state) => state.highlightedLocation === `1. ${first.name}`, STEP_MS)
    expect(drawn.lastHotspotsUrl).toBe(gistarUrl)
    expect(await page.getByTestId('location-select').first().getAttribute('aria-pressed')).toBe('true')
    expect(await page.getByTestId('legend-selected').textContent()).toContain(first.name)
    // The camera ends on the location's centre, closer in than the whole-area view.
    await expect
      .poll(() => {
        const camera = cameraOf(page.url())
        return Math.abs(camera.lat - first.centre.lat) < 1e-3 && Math.abs(camera.lon - first.centre.lon) < 1e-3
      }, { timeout: STEP_MS })
      .toBe(true)
    const after = cameraOf(page.url())
    expect(after.zoom).toBeGreaterThan(before.zoom)
    expect(Math.abs(after.lat - before.lat) + Math.abs(after.lon - before.lon)).toBeGreaterThan(1e-3)
    await page.waitForTimeout(300)
    await waitForHotspots(page, (state) => state.highlightedLocation === `1. ${first.name}`, STEP_MS)
    const pixels = await mapPixels('selected')
    expect(pixels.highlight, JSON.stringify(pixels)).toBeGreaterThan(300)
    expect(pixels.hot, JSON.stringify(pixels)).toBeGreaterThan(2000)

    const second = locations.locations[1]
    await page.getByTestId('location-select').nth(1).focus()
    await page.keyboard.press('Enter')
    await waitForHotspots(page, (state) => state.highlightedLocation === `2. ${second.name}`, STEP_MS)
    await expect
      .poll(() => Math.abs(cameraOf(page.url()).lon - second.centre.lon) < 1e-3, { timeout: STEP_MS })
      .toBe(true)
  })

  it('runs every analysis on harm when asked: the requests, the address, the list, top wards and the chart say harm', async () => {
    await page.getByTestId('hotspot-measure').selectOption('harm')
    const drawn = await waitForHotspots(page, (state) => paramsOf(state.lastHotspotsUrl ?? '').measure === 'harm', STEP_MS)
    expect(paramsOf(drawn.lastHotspotsUrl!)).toEqual({ ...paramsOf(gistarUrl), measure: 'harm' })
    await expect.poll(() => new URL(page.url()).searchParams.get('measure'), { timeout: 5000 }).toBe('harm')
    for (const route of ['problem-locations', 'top-wards', 'concentration', 'forecast-accuracy']) {
      await expect.poll(() => apiRequests.some((url) => url.startsWith(`/api/hotspots/${route}`) && paramsOf(url).measure === 'harm'), { timeout: STEP_MS }).toBe(true)
    }
    const gistar = await getJson<GiStarAnswer>(drawn.lastHotspotsUrl!)
    expect(gistar.measure).toBe('harm')
    expect(drawn.hotspotCellCount).toBe(gistar.cells.length)
    expect(await page.getByTestId('hotspot-legend').textContent()).toContain('Gi* class by confidence of harm')
    // ASB alone: harm is 5 × the count, and the panel says what that means for the map.
    expect(await page.getByTestId('hotspot-measure-hint').textContent()).toContain('With one category ticked, hot spots and ranks are the same as on counts.')

    const harmUrl = apiRequests.filter((url) => url.startsWith('/api/hotspots/problem-locations') && paramsOf(url).measure === 'harm').at(-1)!
    const harmLocations = await getJson<ProblemLocationsAnswer>(harmUrl)
    const rows = page.getByTestId('location-row')
    await expect
      .poll(() => rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-name'))), { timeout: STEP_MS })
      .toEqual(harmLocations.locations.map((location) => location.name))
    const first = harmLocations.locations[0]
    const firstText = (await rows.first().textContent())!
    expect(firstText).toContain(`score ${Math.round(first.score).toLocaleString('en-GB')}`)
    expect(firstText).toContain(`harm ${Math.round(first.harm).toLocaleString('en-GB')}`)
    // The same place may lead both lists, and then its row may be open already.
    const expand = rows.first().getByTestId('location-expand')
    if ((await expand.getAttribute('aria-expanded')) !== 'true') await expand.click()
    expect(await rows.first().getByTestId('location-components').locator('thead th').nth(1).textContent()).toBe('Harm')
    expect(await rows.first().getByTestId('location-components').locator('tfoot td').last().textContent()).toBe(first.score.toFixed(1))

    const topWards = await getJson<TopWardsAnswer>(apiRequests.filter((url) => url.startsWith('/api/hotspots/top-wards') && paramsOf(url).measure === 'harm').at(-1)!)
    await expect
      .poll(() => page.getByTestId('top-ward-row').locator('th').evaluateAll((cells) => cells.map((cell) => cell.firstChild?.textContent)), { timeout: STEP_MS })
      .toEqual(topWards.wards.map((ward) => ward.name))
    expect(await page.getByTestId('top-wards-table').locator('thead th').nth(2).textContent()).toBe('Harm in the ward')
    expect(await page.getByTestId('top-wards-reading').textContent()).toContain(`had the most harm from ASB: harm ${Math.round(topWards.wards[0].harm).toLocaleString('en-GB')}`)
    const concentrationChart = page.getByTestId('concentration-chart')
    await expect
      .poll(() => concentrationChart.locator('.recharts-cartesian-axis-label, .recharts-label').allTextContents(), { timeout: STEP_MS })
      .toEqual(expect.arrayContaining(['Share of harm']))
    // The table alternative names the measure and gives the API's harm total, whole as the page rounds it.
    const concentration = await getJson<ConcentrationAnswer>(apiRequests.filter((url) => url.startsWith('/api/hotspots/concentration') && paramsOf(url).measure === 'harm').at(-1)!)
    const table = page.getByTestId('concentration-table')
    expect(await table.locator('thead th').nth(2).textContent()).toBe('Harm')
    const firstArea = concentration.areas[0]
    expect(await table.locator('tbody tr').first().locator('td').nth(1).textContent()).toBe(Math.round(firstArea.total).toLocaleString('en-GB'))
    await page.screenshot({ path: path.join(artifactsDir, 'e2e-hotspots-harm.png') })

    await page.getByTestId('hotspot-measure').selectOption('count')
    await waitForHotspots(page, (state) => state.lastHotspotsUrl === gistarUrl, STEP_MS)
    await expect.poll(() => new URL(page.url()).searchParams.get('measure'), { timeout: 5000 }).toBeNull()
  })

  it('switches to the emerging layer, whose legend lists the patterns with their counts, and back to the Incidents map', async () => {
    await page.getByTestId('layer-emerging').check()
    const drawn = await waitForHotspots(page, (state) => (state.lastHotspotsUrl ?? '').startsWith('/api/hotspots/emerging'), STEP_MS)
    const emerging = await getJson<{ categoryCounts: Record<string, number>; cells: unknown[] }>(drawn.lastHotspotsUrl!)
    expect(drawn.hotspotCellCount).toBe(emerging.cells.length)
    const entries = page.getByTestId('legend-emerging').locator('li')
    const ids = await entries.evaluateAll((items) => items.map((item) => item.getAttribute('data-class')))
    expect(ids.slice(0, 8)).toEqual([
      'new-hot',
      'consecutive-hot',
      'intensifying-hot',
      'persistent-hot',
      'diminishing-hot',
      'sporadic-hot',
      'oscillating-hot',
      'historical-hot',
    ])
    expect(ids.at(-1)).toBe('none')
    const persistent = await page.getByTestId('legend-emerging').locator('li[data-class="persistent-hot"]').textContent()
    expect(persistent).toBe(`Persistent hot spot${emerging.categoryCounts['persistent-hot'].toLocaleString('en-GB')} cells`)
    await expect.poll(() => new URL(page.url()).searchParams.get('layer'), { timeout: 5000 }).toBe('emerging')
    await page.screenshot({ path: path.join(artifactsDir, 'e2e-hotspots-emerging.png') })

    // The mode switch: the Incidents map comes back with its hexagons, the analysis and its parameters go.
    const hotspotRequests = apiRequests.filter((url) => url.startsWith('/api/hotspots')).length
    await page.getByTestId('mode-incidents').click()
    await page.waitForFunction(() => window.__patrolmap?.hexesLoaded === true, undefined, { timeout: STEP_MS })
    expect(await page.getByTestId('hotspot-results').count()).toBe(0)
    expect(await page.getByTestId('legend').isVisible()).toBe(true)
    await expect.poll(() => new URL(page.url()).searchParams.get('mode'), { timeout: 5000 }).toBeNull()
    expect(new URL(page.url()).searchParams.get('hres')).toBeNull()
    expect(apiRequests.filter((url) => url.startsWith('/api/hotspots')).length).toBe(hotspotRequests)
  })
})
