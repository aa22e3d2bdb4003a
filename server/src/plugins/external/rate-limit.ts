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
  app.addHook('onRequest', app.rateLimit())
}, { name: 'rate-limit' })
