import v8 from 'node:v8'
import fastifyUnderPressure from '@fastify/under-pressure'
import fp from 'fastify-plugin'
import { serviceBusy } from '../../lib/errors.js'

export interface PressureOptions {
  /** Mean event-loop delay (ms, over a second) above which requests are refused; 0: not checked. */
  maxEventLoopDelayMs: number
  /** Share of V8's heap limit in use above which requests are refused; 0: not checked. */
  maxHeapUsedFraction: number
}

/**
 * A server too busy to answer in time says so at once, 503 with Retry-After in the API's error shape, rather than
 * queueing requests it will answer late or run out of memory on. `app.isUnderPressure()` and `app.memoryUsage()` tell
 * the health route what it finds.
 */
export default fp<PressureOptions>(async (app, options) => {
  await app.register(fastifyUnderPressure, {
    maxEventLoopDelay: options.maxEventLoopDelayMs,
    maxHeapUsedBytes: Math.floor(options.maxHeapUsedFraction * v8.getHeapStatistics().heap_size_limit),
    pressureHandler: async () => {
      throw serviceBusy('The server is overloaded; try again shortly.')
    },
  })
}, { name: 'under-pressure' })
