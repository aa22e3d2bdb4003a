import fastifyRateLimit from '@fastify/rate-limit'
import fp from 'fastify-plugin'
import { tooManyRequests } from '../../lib/errors.js'

export interface RateLimitOptions {
  /** Requests one client address may make in a minute, on every route together. */
  requestsPerMinute: number
}

/**
 * A general per-address limit on every request (API, client files, the explorer, unknown paths), counted in memory.
 * A council's whole team may share one address behind its NAT, so the limit is set for many people at once; the
 * sign-in throttle (features/auth/login-throttle.ts) is the one that stops password guessing.
 */
export default fp<RateLimitOptions>(async (app, { requestsPerMinute }) => {
  await app.register(fastifyRateLimit, {
    global: false,
    max: requestsPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000))
      return tooManyRequests(`Too many requests from your address; try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, seconds)
    },
  })
  // An application hook rather than one per route: it runs before the access hook, so a flood is refused before any
  // session is looked up, and it counts paths that are no route too.
  // The plugin runs one limit per request (a flag on the request), so were this one to run first a route's own
  // `config.rateLimit` (the resident reports' public form: a few an hour) would never be checked. Such a route is left
  // to its own, stricter limit; only public routes set one, and the access hook costs them no database read.
  const general = app.rateLimit()
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.rateLimit) return
    return general.call(app, request, reply)
  })
}, { name: 'rate-limit' })
