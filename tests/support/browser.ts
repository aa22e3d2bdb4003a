import fs from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

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
