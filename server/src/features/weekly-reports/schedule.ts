import { Cron } from 'croner'
import type { FastifyBaseLogger } from 'fastify'
import type pg from 'pg'
import { publishDue } from './publish.js'
import type { PublishedMeta } from './schemas.js'

/** Mondays at 06:00 UK time: the week before is over, and the night's imports are in. */
export const WEEKLY_PATTERN = '0 6 * * 1'
/** The e-mail outbox is looked at every five minutes (each e-mail's own delay decides when it goes): routes.ts. */
export const MAIL_RETRY_PATTERN = '*/5 * * * *'

/**
 * The weekly run inside the server (croner). It keeps no state of its own: on start it runs once, publishing any
 * ward's report for last week that is missing (a server down on Monday morning catches up when it comes back), and
 * then every Monday. Two server processes may both run it: each ward-week is published once (report-store.ts).
 * `protect` keeps one run from starting while the last is still going.
 */
export class WeeklySchedule {
  private cron: Cron | null = null
  private running: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: FastifyBaseLogger,
    private readonly options: {
      suppressionThreshold: number
      /** Each report the run published (the e-mail outbox queues it). */
      onPublished?: (report: PublishedMeta) => Promise<void>
    },
  ) {}

  start(): void {
    this.cron = new Cron(WEEKLY_PATTERN, { timezone: 'Europe/London', protect: true }, async () => {
      await this.run()
    })
    void this.run()
  }

  /** When the weekly run is next due (null when stopped). */
  nextRun(): Date | null {
    return this.cron?.nextRun() ?? null
  }

  run(): Promise<unknown> {
    this.running = (async () => {
      try {
        const result = await publishDue(this.pool, { suppressionThreshold: this.options.suppressionThreshold, trigger: 'schedule' })
        const count = result.published.filter((each) => each.published).length
        this.log.info({ published: count, wards: result.published.length + result.skipped.length }, 'weekly ward reports run')
        for (const each of result.published) if (each.published) await this.options.onPublished?.(each.report)
      } catch (error) {
        // Logged, not thrown: the next Monday, or the next start, tries again, and publishes what is still missing.
        this.log.error({ err: error }, 'weekly ward reports run failed')
      }
    })()
    return this.running
  }

  async stop(): Promise<void> {
    this.cron?.stop()
    this.cron = null
    await this.running
  }
}
