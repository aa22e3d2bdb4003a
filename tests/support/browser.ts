import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core'
import { projectRoot } from '../../server/src/config.js'

/**
 * The client the browser tests serve: the production build plus the test hooks they wait on (window.__patrolmap),
 * made by `npm run build:client:e2e` (client/vite.config.ts, mode "e2e").
 */
export const e2eClientDir = path.join(projectRoot, 'client/dist-e2e')

export const E2E_CLIENT_MISSING = `${e2eClientDir}/index.html is missing: run npm run build:client:e2e before the end-to-end tests`

/** Debian's Chromium package. The tests never download a browser: there is no network on CI runners or here. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--no-sandbox',
  // WebGL without a GPU: SwiftShader, allowed explicitly because Chromium otherwise refuses it for WebGL.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * null when Chromium is there to launch; otherwise the reason the browser tests are skipped. On CI (CI=true) a missing
 * browser is an error, never a skip: the end-to-end tests must really run there.
 */
export function chromiumUnavailableReason(): string | null {
  if (fs.existsSync(CHROMIUM_PATH)) return null
  const reason = `${CHROMIUM_PATH} not found (install it with: apt-get install chromium)`
  if (process.env.CI === 'true') throw new Error(`${reason}. The end-to-end tests must run on CI.`)
  return reason
}

/** Headless Chromium with software WebGL, or null when it is not installed (and this is not CI). */
export async function launchChromium(): Promise<Browser | null> {
  if (chromiumUnavailableReason() !== null) return null
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })
}

export interface WatchedWindow {
  context: BrowserContext
  page: Page
  /** Path and query of every /api request the page made, in order. */
  apiRequests: string[]
}

export interface WatchOptions {
  viewport: { width: number; height: number }
  /** Where page errors and unexpected console errors go; a test's afterEach expects it empty. */
  problems: string[]
  /** Console errors the test causes on purpose (the browser logs every failed fetch). */
  expectedConsole: RegExp
  /** Called for every /api request, for what a test records beyond the path. */
  onApiRequest?(request: Request): void
}

/** A fresh browser profile (no cookies, so no session) whose page records its API requests and its errors. */
export async function openWatchedWindow(browser: Browser, options: WatchOptions): Promise<WatchedWindow> {
  const context = await browser.newContext({ viewport: options.viewport, deviceScaleFactor: 1 })
  const page = await context.newPage()
  const apiRequests: string[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (!url.pathname.startsWith('/api/')) return
    apiRequests.push(`${url.pathname}${url.search}`)
    options.onApiRequest?.(request)
  })
  page.on('pageerror', (error) => options.problems.push(`page error: ${error.stack ?? error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && !options.expectedConsole.test(message.text())) {
      options.problems.push(`console: ${message.text()} (${message.location().url})`)
    }
  })
  return { context, page, apiRequests }
}
