// What the end-to-end tests share: the app on a port with real data loaded, one Chromium, windows signed in as a test
// user, and every page error or unexpected console error collected for the test to fail on.
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { E2E_CLIENT_MISSING, e2eClientDir, launchChromium, openWatchedWindow, type WatchedWindow } from './browser.js'
import type { ResidentReportSettings } from '../../server/src/features/resident-reports/routes.js'
import { boundaryFiles, policeUkFile, startTestApp, TEST_PASSWORD, type TestApp } from './test-app.js'

export const DESKTOP = { width: 1280, height: 800 }
/** A phone (an officer's, a resident's). */
export const PHONE = { width: 390, height: 844 }
/** The browser logs every failed fetch: the session check before sign-in, and each 4xx a test provokes. */
export const FAILED_FETCH_4XX = /^Failed to load resource: the server responded with a status of 4\d\d/

export interface E2eApp {
  testApp: TestApp
  browser: Browser
  origin: string
  /** A new window with no one signed in (a resident on the public form). */
  anonymousWindow(viewport: { width: number; height: number }): Promise<WatchedWindow>
  /** A new window (its own cookies) signed in as `email` with the test password. */
  signedInWindow(email: string, viewport: { width: number; height: number }): Promise<WatchedWindow>
  /** Page errors and unexpected console errors since the last call (an afterEach expects none). */
  takeProblems(): string[]
  close(): Promise<void>
}

/**
 * Starts the app on a free port serving the e2e client build, with the ward boundaries and the police.uk months given
 * imported, and launches Chromium. `expectedConsole` matches the console errors a test provokes on purpose.
 */
export async function startE2eApp(options: { months: readonly string[]; expectedConsole?: RegExp; residentReports?: Partial<ResidentReportSettings> }): Promise<E2eApp> {
  if (!fs.existsSync(`${e2eClientDir}/index.html`)) throw new Error(E2E_CLIENT_MISSING)
  const testApp = await startTestApp({ clientDir: e2eClientDir, data: [...boundaryFiles, ...options.months.map(policeUkFile)], residentReports: options.residentReports })
  const problems: string[] = []
  const windows: WatchedWindow[] = []
  let launched: Browser | null
  try {
    await testApp.app.listen({ port: 0, host: '127.0.0.1' })
    launched = await launchChromium()
  } catch (error) {
    await testApp.close()
    throw error
  }
  if (!launched) {
    await testApp.close()
    throw new Error('Chromium disappeared between collection and launch')
  }
  const origin = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`
  return {
    testApp,
    browser: launched,
    origin,
    async anonymousWindow(viewport) {
      const window = await openWatchedWindow(launched, { viewport, problems, expectedConsole: options.expectedConsole ?? FAILED_FETCH_4XX })
      windows.push(window)
      return window
    },
    async signedInWindow(email, viewport) {
      const window = await openWatchedWindow(launched, { viewport, problems, expectedConsole: options.expectedConsole ?? FAILED_FETCH_4XX })
      windows.push(window)
      const login = await window.context.request.post(`${origin}/api/auth/login`, { data: { email, password: TEST_PASSWORD } })
      if (login.status() !== 200) throw new Error(`${email} could not sign in: ${login.status()} ${await login.text()}`)
      return window
    },
    takeProblems: () => problems.splice(0),
    async close() {
      for (const window of windows) await window.context.close()
      await launched.close()
      await testApp.close()
    },
  }
}
