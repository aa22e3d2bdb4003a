import fs from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser } from 'playwright-core'
import { serviceBusy } from '../../lib/errors.js'

/** The flags the browser tests use (tests/support/browser.ts): no sandbox in a container, WebGL on SwiftShader. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * The origin the headless page believes it is on. Nothing is fetched from it over the network: every request the page
 * makes is answered in-process by `app.inject` (below), so the render works the same whether the server listens on a
 * port, a socket, behind a proxy, or not at all (the tests' `app.inject`), and the session never leaves the process.
 */
const PRINT_ORIGIN = 'http://patrolmap.print'

/** How long one render may take, page load and maps included, before it is given up (503). */
export const RENDER_TIMEOUT_MS = 45_000
/** Renders waiting for the one under way before more are refused (503 with Retry-After). */
const MAX_WAITING = 4

export interface PdfSettings {
  /** The system Chromium (CHROMIUM_PATH; default /usr/bin/chromium). */
  chromiumPath: string
  /** Whether the built client (the print page) is served; without it there is nothing to print. */
  clientServed: boolean
}

/** Why no PDF can be made here, or null when it can; `page` names the print page for the reader (weekly reports share this). */
export function pdfUnavailableReason(settings: PdfSettings, page = 'task sheet'): string | null {
  if (!fs.existsSync(settings.chromiumPath)) {
    return `No Chromium is installed at ${settings.chromiumPath} (set CHROMIUM_PATH, or install the chromium package), so the server cannot make the PDF. Open the ${page} page and print it from your browser instead.`
  }
  if (!settings.clientServed) return `This server does not serve the web client, whose print page the PDF is made from. Print the ${page} page from your browser instead.`
  return null
}

/**
 * Renders the client's print page to A4 PDF with headless Chromium, one page at a time: a render holds a browser page,
 * SwiftShader's CPU and up to RENDER_TIMEOUT_MS, so requests queue (MAX_WAITING at most, then 503) rather than start
 * renders side by side and stall the server. The browser is started on first use and kept until the app closes.
 */
export class TaskSheetRenderer {
  private browser: Promise<Browser> | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private waiting = 0

  constructor(
    private readonly app: FastifyInstance,
    private readonly settings: PdfSettings,
    /** What the PDFs are, in the messages: "task sheet", "weekly report". */
    private readonly what = 'task sheet',
  ) {}

  async render(pathAndQuery: string, cookie: string): Promise<Buffer> {
    if (this.waiting >= MAX_WAITING) throw serviceBusy(`${this.what.charAt(0).toUpperCase()}${this.what.slice(1)} PDFs are being made for others; try again in a moment.`)
    this.waiting += 1
    const turn = this.queue.then(
      () => this.renderNow(pathAndQuery, cookie),
      () => this.renderNow(pathAndQuery, cookie),
    )
    this.queue = turn.catch(() => undefined)
    try {
      return await turn
    } finally {
      this.waiting -= 1
    }
  }

  private launch(): Promise<Browser> {
    this.browser ??= chromium.launch({ executablePath: this.settings.chromiumPath, headless: true, args: CHROMIUM_ARGS }).catch((error: unknown) => {
      this.browser = null
      throw error
    })
    return this.browser
  }

  private async renderNow(pathAndQuery: string, cookie: string): Promise<Buffer> {
    const browser = await this.launch()
    const context = await browser.newContext({ viewport: { width: 794, height: 1123 }, deviceScaleFactor: 1, serviceWorkers: 'block' })
    let timer: NodeJS.Timeout | undefined
    try {
      await context.route('**/*', async (route) => {
        const request = route.request()
        const url = new URL(request.url())
        // Nothing leaves the process: the page may reach its own origin only.
        if (url.origin !== PRINT_ORIGIN) return route.abort('blockedbyclient')
        const headers = await request.allHeaders()
        const response = await this.app.inject({
          method: request.method() as 'GET',
          url: `${url.pathname}${url.search}`,
          headers: { ...withoutHopHeaders(headers), cookie },
          payload: request.postDataBuffer() ?? undefined,
        })
        const answerHeaders: Record<string, string> = {}
        for (const [name, value] of Object.entries(response.headers)) {
          if (value === undefined || name === 'transfer-encoding' || name === 'connection' || name === 'set-cookie') continue
          answerHeaders[name] = Array.isArray(value) ? value.join(', ') : String(value)
        }
        await route.fulfill({ status: response.statusCode, headers: answerHeaders, body: response.rawPayload })
      })
      const page = await context.newPage()
      const work = (async () => {
        await page.goto(`${PRINT_ORIGIN}${pathAndQuery}`, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS })
        // The print page says when its data and every map have loaded (or failed: a sheet without a map still prints).
        await page.waitForSelector('[data-print-ready="true"]', { timeout: RENDER_TIMEOUT_MS })
        return page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } })
      })()
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(serviceBusy(`The ${this.what} took more than ${RENDER_TIMEOUT_MS / 1000} s to render; try again.`)), RENDER_TIMEOUT_MS + 5000)
      })
      return await Promise.race([work, limit])
    } finally {
      clearTimeout(timer)
      await context.close().catch(() => undefined)
    }
  }

  async close(): Promise<void> {
    const browser = this.browser
    this.browser = null
    if (browser) await (await browser.catch(() => null))?.close()
  }
}

function withoutHopHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'cookie' || name === 'host' || name === 'connection' || name.startsWith(':')) continue
    kept[name] = value
  }
  return kept
}
