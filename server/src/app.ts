import path from 'node:path'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type pg from 'pg'
import { projectRoot, type AppConfig, type TrustProxy } from './config.js'
import { auditRoutes } from './features/audit/routes.js'
import { basemapRoutes } from './features/basemap/routes.js'
import { cctvAnalysisRoutes } from './features/cctv/analysis-routes.js'
import { cctvRoutes } from './features/cctv/routes.js'
import { DEFAULT_COST } from './features/users/passwords.js'
import { authRoutes, type AuthSettings } from './features/auth/routes.js'
import { clientConfigRoutes } from './features/health/config-routes.js'
import { evaluationRoutes } from './features/evaluation/routes.js'
import { harmWeightRoutes } from './features/harm-weights/routes.js'
import { healthRoutes } from './features/health/routes.js'
import { hexRoutes } from './features/hexes/routes.js'
import { AnalysisCache } from './features/hotspots/analysis-cache.js'
import { hotspotRoutes } from './features/hotspots/routes.js'
import { importProfileRoutes } from './features/import-profiles/routes.js'
import { incidentRoutes } from './features/incidents/routes.js'
import { popRoutes } from './features/pops/routes.js'
import { residentReportRoutes, type ResidentReportSettings } from './features/resident-reports/routes.js'
import { meetingRoutes } from './features/meetings/routes.js'
import { summaryRoutes } from './features/summary/routes.js'
import { taskRoutes } from './features/tasks/routes.js'
import { repeatLocationRoutes } from './features/repeat-locations/routes.js'
import { timePatternRoutes } from './features/time-patterns/routes.js'
import { visitRoutes } from './features/tasks/visit-routes.js'
import { teamRoutes } from './features/teams/routes.js'
import { userRoutes } from './features/users/routes.js'
import { wardReportRoutes } from './features/ward-reports/routes.js'
import { wardRoutes } from './features/wards/routes.js'
import type { MailSettings } from './features/weekly-reports/mailer.js'
import { weeklyReportRoutes } from './features/weekly-reports/routes.js'
import accessControl from './plugins/app/access-control.js'
import dataPeriod from './plugins/app/data-period.js'
import incidentFilter from './plugins/app/incident-filter.js'
import studyAreas from './plugins/app/study-areas.js'
import { formatSchemaErrors, frameworkErrorHandler, registerErrorHandler } from './plugins/error-handler.js'
import compress from './plugins/external/compress.js'
import cookie from './plugins/external/cookie.js'
import helmet from './plugins/external/helmet.js'
import postgres from './plugins/external/postgres.js'
import rateLimit from './plugins/external/rate-limit.js'
import sensible from './plugins/external/sensible.js'
import staticClient from './plugins/external/static.js'
import swagger from './plugins/external/swagger.js'
import underPressure from './plugins/external/under-pressure.js'
import { installRequestSchemaRules, requestSchemaKeywords } from './plugins/request-schemas.js'

export interface SecuritySettings extends AuthSettings {
  suppressionThreshold: number
  /**
   * Behind a TLS-terminating proxy: the proxies' addresses (IPs, CIDR ranges), whose X-Forwarded-For/-Proto give the
   * client address and protocol; false: none. See parseTrustProxy in config.ts.
   */
  trustProxy: TrustProxy
}

/** The same defaults as the environment schema in config.ts. */
export const defaultSecurity: SecuritySettings = {
  sessionIdleMinutes: 60,
  sessionAbsoluteHours: 12,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 20,
  windowMinutes: 15,
  suppressionThreshold: 3,
  trustProxy: false,
  passwordHashCost: DEFAULT_COST,
}

/** The security settings a validated environment gives. */
export function securityFromConfig(config: AppConfig): SecuritySettings {
  return {
    sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: config.SESSION_ABSOLUTE_HOURS,
    maxFailuresPerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    maxFailuresPerAddress: config.LOGIN_MAX_FAILURES_PER_ADDRESS,
    windowMinutes: config.LOGIN_FAILURE_WINDOW_MINUTES,
    suppressionThreshold: config.SUPPRESSION_THRESHOLD,
    trustProxy: config.TRUST_PROXY,
    passwordHashCost: DEFAULT_COST,
  }
}

/** How much the server takes before it refuses requests: per client address, and for itself. */
export interface LoadLimits {
  requestsPerMinute: number
  maxEventLoopDelayMs: number
  maxHeapUsedFraction: number
}

/** The same defaults as the environment schema in config.ts. */
export const defaultLimits: LoadLimits = { requestsPerMinute: 3000, maxEventLoopDelayMs: 1000, maxHeapUsedFraction: 0.9 }

export function limitsFromConfig(config: AppConfig): LoadLimits {
  return {
    requestsPerMinute: config.RATE_LIMIT_PER_MINUTE,
    maxEventLoopDelayMs: config.PRESSURE_MAX_EVENT_LOOP_DELAY_MS,
    maxHeapUsedFraction: config.PRESSURE_MAX_HEAP_USED_FRACTION,
  }
}

/** The resident-report settings a validated environment gives (the notification hook is code, not a setting). */
export function residentReportsFromConfig(config: AppConfig): Partial<ResidentReportSettings> {
  return {
    retentionDays: config.REPORT_RETENTION_DAYS,
    publicUrl: config.REPORT_PUBLIC_URL === '' ? null : config.REPORT_PUBLIC_URL,
    partnershipName: config.REPORT_PARTNERSHIP_NAME,
  }
}

export interface AppOptions {
  connection: pg.PoolConfig
  engine: 'embedded' | 'server'
  basemapStyleUrl?: string
  /** The built client to serve at /; left out by API-only tests. */
  clientDir?: string | null
  logger?: FastifyServerOptions['logger']
  security?: Partial<SecuritySettings>
  limits?: Partial<LoadLimits>
  /**
   * The hotspot analyses' answers (a new one per app when left out). A benchmark passes its own to clear it between
   * requests and time the analyses themselves; nothing a request can send reaches it.
   */
  analysisCache?: AnalysisCache
  /** The system Chromium that renders task sheets to PDF (CHROMIUM_PATH); /usr/bin/chromium when left out. */
  chromiumPath?: string
  /** Run the weekly ward reports' schedule in this process (WEEKLY_REPORTS_SCHEDULE); off when left out. */
  weeklySchedule?: boolean
  /** SMTP for e-mailing weekly reports to councillors (SMTP_URL, MAIL_FROM); none when left out. */
  mail?: MailSettings | null
  /** Resident reports: limits, retention, the poster's address, the notification hook (features/resident-reports). */
  residentReports?: Partial<ResidentReportSettings>
}

export const defaultClientDir = path.join(projectRoot, 'client/dist')

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const security = { ...defaultSecurity, ...options.security }
  const limits = { ...defaultLimits, ...options.limits }
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: security.trustProxy,
    bodyLimit: 1024 * 1024,
    // Unknown query parameters are refused with their name rather than silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false }, plugins: [requestSchemaKeywords] },
    schemaErrorFormatter: formatSchemaErrors,
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>()

  registerErrorHandler(app)
  // On close (SIGTERM: main.ts), requests under way finish and their keep-alive connections close with them, rather
  // than hold the server open until they idle out.
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close')
    return payload
  })
  await app.register(sensible)
  await app.register(compress)
  // Before the access hook, which may read the database: see rate-limit.ts.
  await app.register(rateLimit, { requestsPerMinute: limits.requestsPerMinute })
  await app.register(underPressure, { maxEventLoopDelayMs: limits.maxEventLoopDelayMs, maxHeapUsedFraction: limits.maxHeapUsedFraction })
  await app.register(cookie)
  await app.register(postgres, { connection: options.connection })
  // Before any route: the access hook must see every route as it is added (deny by default).
  await app.register(accessControl, security)
  // Likewise before any route: no route may take parameters it does not declare, or values no parameter should hold.
  installRequestSchemaRules(app)
  await app.register(helmet, { basemapStyleUrl: options.basemapStyleUrl })
  await app.register(swagger)
  await app.register(dataPeriod)
  await app.register(incidentFilter)
  await app.register(studyAreas)

  await app.register(healthRoutes, { engine: options.engine })
  await app.register(clientConfigRoutes, { basemapStyleUrl: options.basemapStyleUrl ?? '' })
  await app.register(summaryRoutes)
  await app.register(wardRoutes)
  await app.register(hexRoutes)
  await app.register(incidentRoutes)
  await app.register(hotspotRoutes, { cache: options.analysisCache ?? new AnalysisCache() })
  await app.register(harmWeightRoutes)
  await app.register(importProfileRoutes)
  await app.register(timePatternRoutes)
  await app.register(repeatLocationRoutes)
  await app.register(authRoutes, security)
  await app.register(userRoutes, { passwordHashCost: security.passwordHashCost })
  await app.register(auditRoutes)
  await app.register(wardReportRoutes, { suppressionThreshold: security.suppressionThreshold })
  await app.register(teamRoutes)
  await app.register(taskRoutes)
  await app.register(visitRoutes)
  await app.register(popRoutes)
  const pdfSettings = { chromiumPath: options.chromiumPath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', clientServed: options.clientDir !== null }
  await app.register(meetingRoutes, pdfSettings)
  await app.register(weeklyReportRoutes, { ...pdfSettings, suppressionThreshold: security.suppressionThreshold, schedule: options.weeklySchedule ?? false, mail: options.mail ?? null })
  await app.register(evaluationRoutes)
  await app.register(cctvRoutes)
  await app.register(cctvAnalysisRoutes, { suppressionThreshold: security.suppressionThreshold })
  await app.register(basemapRoutes)
  await app.register(residentReportRoutes, options.residentReports ?? {})

  await app.register(staticClient, { clientDir: options.clientDir === undefined ? defaultClientDir : options.clientDir })
  return app
}
