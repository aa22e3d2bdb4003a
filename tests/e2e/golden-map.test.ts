/**
 * Golden image of the hex layer: one fixed view of the Incidents map (ASB hexagons at resolution 9 over the app's own
 * offline basemap, from one month of real data in the test database) drawn by headless Chromium with SwiftShader at
 * a fixed viewport and device scale, compared pixel by pixel with tests/e2e/golden/hex-layer.png. A wrong colour, a
 * layer drawn a few pixels off, a missing basemap or missing cells all fail it; the other map tests check meaning
 * (palette classes, totals), this one checks the picture.
 *
 * On a mismatch the picture taken and a diff image (differing pixels in red) are written to tests/.artifacts/.
 * To record the golden again after a deliberate change to the map's look, run
 *   UPDATE_GOLDEN=1 TEST_DATABASE_URL=… npx vitest run tests/e2e/golden-map.test.ts
 * and look at the new PNG before committing it.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import pixelmatch from 'pixelmatch'
import { PNG } from 'pngjs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/src/config.js'
import { chromiumUnavailableReason, launchChromium, E2E_CLIENT_MISSING, e2eClientDir } from '../support/browser.js'
import { boundaryFiles, createTestUser, policeUkFile, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js'

const GOLDEN = path.join(projectRoot, 'tests/e2e/golden/hex-layer.png')
const artifactsDir = path.join(projectRoot, 'tests/.artifacts')
const UPDATE = process.env.UPDATE_GOLDEN === '1'

/** Middlesbrough and Stockton at street scale: cells of several classes, ward edges, land and background. */
const VIEW = '/?lat=54.565&lon=-1.27&zoom=12&categories=Anti-social%20behaviour&from=2024-01&to=2024-01&res=9'
const VIEWPORT = { width: 800, height: 600 }
/** Software WebGL on two cores: the first draw of MapLibre plus deck.gl takes seconds, not frames. */
const RENDER_MS = 60_000
/** Per pixel: the OKLab distance pixelmatch allows (0.1 is its default). SwiftShader draws the same bytes each run. */
const PIXEL_THRESHOLD = 0.05
/** Whole picture: differing pixels allowed, about 0.05% of it; a shift of 2 px or a wrong class colour is thousands. */
const MAX_DIFFERENT_PIXELS = 250

const skipReason = chromiumUnavailableReason()
if (skipReason) console.warn(`tests/e2e skipped: ${skipReason}`)

/** The UI drawn over the map; hidden so the picture is the map alone, and a panel change cannot fail this test. */
const HIDE_CHROME = `.panel, [data-testid="legend"], .status-area, .maplibregl-ctrl, .map-tooltip, .results-panel
  { visibility: hidden !important; }`

describe.skipIf(skipReason !== null)(`hex layer golden image in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let testApp: TestApp
  let browser: Browser
  let origin = ''

  beforeAll(async () => {
    if (!fs.existsSync(path.join(e2eClientDir, 'index.html'))) {
      throw new Error(E2E_CLIENT_MISSING)
    }
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

  /** The map element's picture once two shots in a row are the same (the basemap and the cells have both settled). */
  async function settledMap(page: Page): Promise<Buffer> {
    const map = page.getByTestId('map')
    let previous = await map.screenshot()
    const deadline = Date.now() + RENDER_MS
    for (;;) {
      await page.waitForTimeout(500)
      const shot = await map.screenshot()
      if (shot.equals(previous)) return shot
      if (Date.now() > deadline) throw new Error(`the map was still changing after ${RENDER_MS} ms`)
      previous = shot
    }
  }

  it('draws the fixed view exactly as the golden image', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, reducedMotion: 'reduce' })
    try {
      const login = await context.request.post(`${origin}/api/auth/login`, { data: { email: 'analyst@test.local', password: TEST_PASSWORD } })
      expect(login.status()).toBe(200)
      const page = await context.newPage()
      const pageErrors: string[] = []
      page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message))
      await page.goto(`${origin}${VIEW}`)
      await page.addStyleTag({ content: HIDE_CHROME })
      await page.waitForFunction(
        () => window.__patrolmap?.hexesLoaded === true && window.__patrolmap.lastHexesUrl.includes('res=9'),
        undefined,
        { timeout: RENDER_MS },
      )
      // Keep the pointer off the map so no hover highlight is drawn.
      await page.mouse.move(0, 0)
      const actual = PNG.sync.read(await settledMap(page))
      expect(pageErrors).toEqual([])

      if (UPDATE) {
        fs.mkdirSync(path.dirname(GOLDEN), { recursive: true })
        fs.writeFileSync(GOLDEN, PNG.sync.write(actual))
        console.warn(`golden image written: ${path.relative(projectRoot, GOLDEN)}`)
        return
      }
      const golden = PNG.sync.read(fs.readFileSync(GOLDEN))
      expect([actual.width, actual.height], 'picture size').toEqual([golden.width, golden.height])
      const diff = new PNG({ width: golden.width, height: golden.height })
      const different = pixelmatch(golden.data, actual.data, diff.data, golden.width, golden.height, { threshold: PIXEL_THRESHOLD })
      if (different > MAX_DIFFERENT_PIXELS) {
        fs.writeFileSync(path.join(artifactsDir, 'golden-hex-layer-actual.png'), PNG.sync.write(actual))
        fs.writeFileSync(path.join(artifactsDir, 'golden-hex-layer-diff.png'), PNG.sync.write(diff))
      }
      expect(different, `pixels unlike ${path.relative(projectRoot, GOLDEN)}; see tests/.artifacts/golden-hex-layer-{actual,diff}.png`)
        .toBeLessThanOrEqual(MAX_DIFFERENT_PIXELS)
    } finally {
      await context.close()
    }
  })
})
