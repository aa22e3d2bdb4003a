import crypto from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { forbidden, unauthorized } from '../../lib/errors.js'
import type { Role } from '../users/roles.js'
import { CSRF_HEADER, findSessionUser, SESSION_COOKIE, type SessionUser } from './sessions.js'

/**
 * Who may call a route: everyone, anyone signed in, or the roles listed. Every route states one in
 * `config.access`; `docs/access.md` is the readable table and the route × role matrix test checks it.
 */
export type Access = 'public' | 'signed-in' | readonly Role[]

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
    /** Reachable while the user still has to change a one-time password (session, password change, sign-out). */
    allowDuringPasswordChange?: boolean
  }
  interface FastifyRequest {
    user: SessionUser | null
    session: { tokenHash: Buffer; csrfToken: string } | null
  }
}

export interface AccessSettings {
  sessionIdleMinutes: number
}

/** Routes that plugins add for themselves: the API explorer and the built client's files are public by nature. */
function pluginRouteAccess(url: string): Access | undefined {
  if (url === '/docs' || url.startsWith('/docs/')) return 'public'
  if (!url.startsWith('/api/')) return 'public'
  return undefined
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && crypto.timingSafeEqual(a, b)
}

export function describeAccess(access: Access): string {
  if (access === 'public') return 'public'
  if (access === 'signed-in') return 'any signed-in user'
  return `roles: ${access.join(', ')}`
}

/**
 * Deny by default: the hook refuses any route without a declared policy, checks the session, the role and, for
 * writes, the CSRF token before the body is even parsed. Must be installed before any route is registered.
 */
export function installAccessControl(app: FastifyInstance, settings: AccessSettings): void {
  app.decorateRequest('user', null)
  app.decorateRequest('session', null)

  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}) }
    route.config.access ??= pluginRouteAccess(route.url)
    // The OpenAPI document carries the policy, so the matrix test and API readers see the same declaration.
    if (route.config.access !== undefined && route.url.startsWith('/api/')) {
      route.schema = { ...(route.schema ?? {}), 'x-access': route.config.access } as typeof route.schema
    }
  })

  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) return
    const access = request.routeOptions.config.access
    if (access === undefined) {
      request.log.error({ url: request.routeOptions.url }, 'route declares no access policy; refused')
      throw forbidden('This route declares no access policy, so it is refused to everyone.')
    }
    if (access === 'public') return

    const token = request.cookies[SESSION_COOKIE]
    const found = token ? await findSessionUser(app.pg.pool, token, settings.sessionIdleMinutes) : null
    if (!found) {
      if (token) reply.clearCookie(SESSION_COOKIE, { path: '/' })
      throw unauthorized(token ? 'Your session has ended; sign in again.' : 'Sign in to use this.')
    }
    request.user = found.user
    request.session = { tokenHash: found.tokenHash, csrfToken: found.csrfToken }

    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER]
      if (typeof sent !== 'string' || !sameToken(sent, found.csrfToken)) {
        throw forbidden(`Send the session's CSRF token in the ${CSRF_HEADER} header.`, 'CSRF')
      }
    }
    if (found.user.mustChangePassword && !request.routeOptions.config.allowDuringPasswordChange) {
      throw forbidden('Change your one-time password before going on.', 'Password Change Required')
    }
    if (access !== 'signed-in' && !access.includes(found.user.role)) {
      throw forbidden(`The ${found.user.role} role may not use this.`)
    }
  })
}

/** For handlers: the signed-in user and session, which the access hook guarantees on any route that is not public. */
export function currentSession(request: FastifyRequest): { user: SessionUser; tokenHash: Buffer; csrfToken: string } {
  if (!request.user || !request.session) throw new Error('currentSession() on a route without a signed-in user')
  return { user: request.user, ...request.session }
}
