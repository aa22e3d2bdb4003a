import crypto from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { CSRF_HEADER, findSessionUser, SESSION_COOKIE, type SessionUser } from './sessions.js'

export const ROLES = ['admin', 'analyst', 'inspector', 'councillor'] as const
export type Role = (typeof ROLES)[number]
export const RoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('analyst'), Type.Literal('inspector'), Type.Literal('councillor')])

/**
 * Who may call a route: everyone, anyone signed in, or the roles listed. Every route states one in
 * `config.access`; `docs/access.md` is the readable table and the route × role matrix test checks it.
 */
export type Access = 'public' | 'signed-in' | readonly Role[]

/** The roles that work with incident-level data: everyone on staff but councillors, who get ward aggregates. */
export const STAFF: readonly Role[] = ['admin', 'analyst', 'inspector']
export const ADMIN: readonly Role[] = ['admin']
/** Those who load data and tune the analysis (imports, CCTV, harm weights). */
export const ANALYSTS: readonly Role[] = ['admin', 'analyst']

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

function refuse(reply: FastifyReply, statusCode: 401 | 403, error: string, message: string) {
  return reply.code(statusCode).send({ statusCode, error, message })
}

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
      return refuse(reply, 403, 'Forbidden', 'This route declares no access policy, so it is refused to everyone.')
    }
    if (access === 'public') return

    const token = request.cookies[SESSION_COOKIE]
    const found = token ? await findSessionUser(app.pg.pool, token, settings.sessionIdleMinutes) : null
    if (!found) {
      if (token) reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return refuse(reply, 401, 'Unauthorized', token ? 'Your session has ended; sign in again.' : 'Sign in to use this.')
    }
    request.user = found.user
    request.session = { tokenHash: found.tokenHash, csrfToken: found.csrfToken }

    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER]
      if (typeof sent !== 'string' || !sameToken(sent, found.csrfToken)) {
        return refuse(reply, 403, 'CSRF', `Send the session's CSRF token in the ${CSRF_HEADER} header.`)
      }
    }
    if (found.user.mustChangePassword && !request.routeOptions.config.allowDuringPasswordChange) {
      return refuse(reply, 403, 'Password Change Required', 'Change your one-time password before going on.')
    }
    if (access !== 'signed-in' && !access.includes(found.user.role)) {
      return refuse(reply, 403, 'Forbidden', `The ${found.user.role} role may not use this.`)
    }
  })
}

/** For handlers: the signed-in user and session, which the access hook guarantees on any route that is not public. */
export function currentSession(request: FastifyRequest): { user: SessionUser; tokenHash: Buffer; csrfToken: string } {
  if (!request.user || !request.session) throw new Error('currentSession() on a route without a signed-in user')
  return { user: request.user, ...request.session }
}
