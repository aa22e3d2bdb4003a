import fs from 'node:fs'
import path from 'node:path'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import fastifyCookie from '@fastify/cookie'
import fastifyPostgres from '@fastify/postgres'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type pg from 'pg'
import { projectRoot, type AppConfig, type TrustProxy } from './config.js'
import { auditRoutes } from './features/audit/routes.js'
import { installAccessControl } from './features/auth/access.js'
import { DEFAULT_COST } from './features/auth/passwords.js'
import { authRoutes, type AuthSettings } from './features/auth/routes.js'
import { clientConfigRoutes } from './features/health/config-routes.js'
import { harmWeightRoutes } from './features/harm-weights/routes.js'
import { healthRoutes } from './features/health/routes.js'
import { hexRoutes } from './features/hexes/routes.js'
import { hotspotRoutes } from './features/hotspots/routes.js'
import { incidentRoutes } from './features/incidents/routes.js'
import { summaryRoutes } from './features/summary/routes.js'
import { userRoutes } from './features/users/routes.js'
import { wardReportRoutes } from './features/ward-reports/routes.js'
import { wardRoutes } from './features/wards/routes.js'
import { survivePoolErrors } from './db/pool.js'
import { formatSchemaErrors, frameworkErrorHandler, registerErrorHandler } from './plugins/error-handler.js'
import { installRequestSchemaRules, requestSchemaKeywords } from './plugins/request-schemas.js'
import { registerSecurityHeaders } from './plugins/security-headers.js'

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

export interface AppOptions {
  connection: pg.PoolConfig
  engine: 'embedded' | 'server'
  basemapStyleUrl?: string
  /** The built client to serve at /; left out by API-only tests. */
  clientDir?: string | null
  logger?: FastifyServerOptions['logger']
  security?: Partial<SecuritySettings>
}

export const defaultClientDir = path.join(projectRoot, 'client/dist')

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const security = { ...defaultSecurity, ...options.security }
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
  // Cookies are parsed by a hook of their own, which must run before the access hook reads the session cookie.
  await app.register(fastifyCookie)
  // Before any route: the access hook must see every route as it is added (deny by default).
  installAccessControl(app, security)
  // Likewise before any route: no route may take parameters it does not declare, or values no parameter should hold.
  installRequestSchemaRules(app)
  await registerSecurityHeaders(app, { basemapStyleUrl: options.basemapStyleUrl })
  await app.register(fastifyPostgres, options.connection as Parameters<typeof fastifyPostgres>[1])
  survivePoolErrors(app.pg.pool, (error) => app.log.warn({ err: error }, 'a database connection was lost'))
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Patrolmap API', version: '0.1.0', description: 'Incidents, boundaries and H3 aggregates for community safety partnerships.' },
      tags: [{ name: 'auth' }, { name: 'incidents' }, { name: 'boundaries' }, { name: 'reports' }, { name: 'hotspots' }, { name: 'users' }, { name: 'health' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'pm_session', description: 'set by POST /api/auth/login' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'csrfToken from the sign-in answer; required on writes' },
        },
      },
    },
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })

  await app.register(healthRoutes, { engine: options.engine })
  await app.register(clientConfigRoutes, { basemapStyleUrl: options.basemapStyleUrl ?? '' })
  await app.register(summaryRoutes)
  await app.register(wardRoutes)
  await app.register(hexRoutes)
  await app.register(incidentRoutes)
  await app.register(hotspotRoutes)
  await app.register(harmWeightRoutes)
  await app.register(authRoutes, security)
  await app.register(userRoutes, { passwordHashCost: security.passwordHashCost })
  await app.register(auditRoutes)
  await app.register(wardReportRoutes, { suppressionThreshold: security.suppressionThreshold })

  const clientDir = options.clientDir === undefined ? defaultClientDir : options.clientDir
  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt client is served without a restart.
    await app.register(fastifyStatic, { root: clientDir, wildcard: true })
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !clientDir || request.method !== 'GET') {
      return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `${request.method} ${request.url.split('?')[0]} is not a route` })
    }
    if (!fs.existsSync(path.join(clientDir, 'index.html'))) {
      return reply.code(404).type('text/plain').send('The client is not built: run `npm run build:client`.')
    }
    return reply.sendFile('index.html')
  })
  return app
}
