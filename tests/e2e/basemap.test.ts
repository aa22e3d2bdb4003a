/**
 * The offline basemap's streets in Chromium: at a Stockton street zoom MapLibre places real street names from the
 * bundled OpenStreetMap archive (read by the pmtiles protocol with Range requests to this server, nothing from the
 * internet), the attribution credits OpenStreetMap, and south of the Tees, where the archive has no streets, the
 * map hatches the wards and the legend says streets stop at the river. A configured style (BASEMAP_STYLE_URL, put
 * into /api/config's answer here) still replaces it, and the offline map with its streets comes back when that fails.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/src/config.js'
import { NO_STREETS_LAYER } from '../../client/src/features/map/offline-style.js'
import { STREET_COVERAGE_NOTE } from '../../client/src/features/map/street-coverage.js'
import { STREET_NAME_LAYER } from '../../client/src/features/map/street-layers.js'
import { chromiumUnavailableReason, launchChromium, E2E_CLIENT_MISSING, e2eClientDir } from '../support/browser.js'
import { boundaryFiles, createTestUser, policeUkFile, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js'

/** Software WebGL on two cores: MapLibre's first draw with labels takes seconds. */
const RENDER_MS = 60_000
const artifactsDir = path.join(projectRoot, 'tests/.artifacts')
const QUERY = 'categories=Anti-social%20behaviour&from=2024-01&to=2024-01'
/** Stockton town centre at street zoom: High Street, Dovecot Street, Yarm Lane. */
const STOCKTON_STREETS = `/?lat=54.566&lon=-1.317&zoom=16&${QUERY}`
/** Stockton and, across the Tees, Thornaby: streets to the north, none to the south. */
const ACROSS_THE_TEES = `/?lat=54.553&lon=-1.300&zoom=13.5&${QUERY}`

/** The share of a PNG's pixels of exactly this colour. */
function shareOfColour(png: Buffer, [red, green, blue]: [number, number, number]): number {
  const image = PNG.sync.read(png)
  let matching = 0
  for (let offset = 0; offset < image.data.length; offset += 4) {
    if (image.data[offset] === red && image.data[offset + 1] === green && image.data[offset + 2] === blue) matching++
  }
  return matching / (image.width * image.height)
}

const skipReason = chromiumUnavailableReason()
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

describe.skipIf(skipReason !== null)(`streets on the offline map in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let testApp: TestApp
  let browser: Browser
  let origin = ''

  beforeAll(async () => {
    if (!fs.existsSync(path.join(e2eClientDir, 'index.html'))) throw new Error(E2E_CLIENT_MISSING)
    fs.mkdirSync(artifactsDir, { recursive: true })
    testApp = await startTestApp({ clientDir: e2eClientDir, data: [...boundaryFiles, policeUkFile('2024-01')] })
    await createTestUser(testApp.pool, { email: 'analyst@test.local', role: 'analyst' })
    await testApp.app.listen({ port: 0, host: '127.0.0.1' })
    origin = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
    const launched = await launchChromium()
    if (!launched) throw new Error('Chromium disappeared between collection and launch')
    browser = launched
  })

  afterAll(async () => {
    await browser?.close()
    await testApp?.close()
  })

  /** A signed-in page at `view`; every request it makes beyond this server is recorded. */
  async function openMap(
    view: string,
    viewport: { width: number; height: number },
    remoteStyle?: { url: string; style?: object },
  ): Promise<{ context: BrowserContext; page: Page; problems: string[]; elsewhere: string[]; ranges: number[] }> {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, reducedMotion: 'reduce' })
    const login = await context.request.post(`${origin}/api/auth/login`, { data: { email: 'analyst@test.local', password: TEST_PASSWORD } })
    expect(login.status()).toBe(200)
    const page = await context.newPage()
    if (remoteStyle) {
      // As if BASEMAP_STYLE_URL were set: the server's own answer with the style URL put in, and that style served.
      await page.route(`${origin}/api/config`, async (route) => {
        const config = await (await route.fetch()).json()
        await route.fulfill({ json: { ...config, basemapStyleUrl: remoteStyle.url } })
      })
      const { style } = remoteStyle
      if (style) await page.route(remoteStyle.url, (route) => route.fulfill({ json: style }))
    }
    const problems: string[] = []
    const elsewhere: string[] = []
    const ranges: number[] = []
    page.on('pageerror', (error) => problems.push(error.stack ?? error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    page.on('request', (request) => {
      if (!request.url().startsWith(origin) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) elsewhere.push(request.url())
    })
    page.on('response', (response) => {
      if (response.url().includes('/basemap/')) ranges.push(response.status())
    })
    await page.goto(`${origin}${view}`)
    return { context, page, problems, elsewhere, ranges }
  }

  /** Waits until the basemap layer has something on screen, and returns what it has. */
  async function renderedFeatures(page: Page, layerId: string): Promise<Record<string, unknown>[]> {
    await page.waitForFunction((id) => (window.__patrolmap?.renderedBasemapFeatures?.(id).length ?? 0) > 0, layerId, { timeout: RENDER_MS })
    return page.evaluate((id) => window.__patrolmap?.renderedBasemapFeatures?.(id) ?? [], layerId)
  }

  it('names Stockton\'s streets at street zoom, credits OpenStreetMap, and fetches nothing from elsewhere', async () => {
    const { context, page, problems, elsewhere, ranges } = await openMap(STOCKTON_STREETS, { width: 1280, height: 800 })
    try {
      const names = new Set((await renderedFeatures(page, STREET_NAME_LAYER)).map((properties) => properties['name:latin']))
      await page.getByTestId('map').screenshot({ path: path.join(artifactsDir, 'basemap-stockton.png') })
      expect([...names].filter((name) => ['High Street', 'Dovecot Street', 'Yarm Lane'].includes(String(name))).length).toBeGreaterThanOrEqual(2)
      await expect.poll(() => page.locator('.maplibregl-ctrl-attrib').innerText()).toContain('© OpenStreetMap contributors')
      // The archive is read in ranges (206), never whole.
      expect(ranges.length).toBeGreaterThan(0)
      expect(ranges.every((status) => status === 206)).toBe(true)
      expect(elsewhere).toEqual([])
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('hatches Thornaby, south of the Tees, and not Stockton, and the legend says streets stop at the river', async () => {
    const { context, page, problems } = await openMap(ACROSS_THE_TEES, { width: 1280, height: 800 })
    try {
      const hatched = new Set((await renderedFeatures(page, NO_STREETS_LAYER)).map((properties) => properties.name))
      await page.getByTestId('map').screenshot({ path: path.join(artifactsDir, 'basemap-tees.png') })
      expect(hatched).toContain('Mandale & Victoria')
      expect(hatched).toContain('Stainsby Hill')
      expect(hatched).not.toContain('Stockton Town Centre')
      expect(hatched).not.toContain('Newtown')
      await expect.poll(() => page.getByTestId('legend-street-coverage').innerText()).toBe(STREET_COVERAGE_NOTE)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('keeps the note in view and the streets named on a phone', async () => {
    const { context, page, problems } = await openMap(STOCKTON_STREETS, { width: 390, height: 844 })
    try {
      expect((await renderedFeatures(page, STREET_NAME_LAYER)).length).toBeGreaterThan(0)
      await expect.poll(() => page.getByTestId('legend-street-coverage').isVisible()).toBe(true)
      await page.screenshot({ path: path.join(artifactsDir, 'basemap-phone.png') })
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('a configured style still wins: no OpenStreetMap streets, credit or coverage note', async () => {
    const style = { version: 8, sources: {}, layers: [{ id: 'remote-background', type: 'background', paint: { 'background-color': '#123456' } }] }
    const { context, page, problems } = await openMap(STOCKTON_STREETS, { width: 1280, height: 800 }, { url: `${origin}/test-remote-style.json`, style })
    try {
      await page.waitForFunction(() => window.__patrolmap?.hexesLoaded === true, undefined, { timeout: RENDER_MS })
      // The remote style's background is what the map shows wherever no hexagon or panel is.
      await expect.poll(async () => shareOfColour(await page.getByTestId('map').screenshot(), [0x12, 0x34, 0x56]), { timeout: RENDER_MS }).toBeGreaterThan(0.2)
      expect(await page.evaluate(() => window.__patrolmap?.renderedBasemapFeatures?.('roads') ?? [])).toEqual([])
      expect(await page.getByTestId('legend-street-coverage').count()).toBe(0)
      expect(await page.locator('.maplibregl-ctrl-attrib').innerText()).not.toContain('OpenStreetMap')
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('falls back to the offline map with its streets when the configured style cannot load', async () => {
    const { context, page, problems } = await openMap(STOCKTON_STREETS, { width: 1280, height: 800 }, { url: `${origin}/api/missing-style.json` })
    try {
      expect((await renderedFeatures(page, STREET_NAME_LAYER)).length).toBeGreaterThan(0)
      await expect.poll(() => page.getByTestId('legend-street-coverage').isVisible()).toBe(true)
      // The browser and MapLibre log the style's 404; nothing else may go wrong.
      expect(problems.filter((problem) => !/status of 404|missing-style\.json/.test(problem))).toEqual([])
    } finally {
      await context.close()
    }
  })
})
