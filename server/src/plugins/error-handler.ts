import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isDatabaseUnavailable, QUERY_TIMEOUT } from '../db/unavailable.js'
import { ServiceBusyError } from '../lib/errors.js'
import { FINITE } from './request-schemas.js'

interface SchemaError {
  instancePath: string
  keyword: string
  message?: string
  params: Record<string, unknown>
}

/** Seconds a client is asked to wait before retrying when the database is slow or unreachable. */
export const RETRY_AFTER_SECONDS = 5

/**
 * Names the parameter at fault in every validation message: `querystring/res must be <= 10`,
 * `querystring/catgories is not a known parameter`.
 */
export function formatSchemaErrors(errors: SchemaError[], dataVar: string): Error {
  const messages = errors.map((error) => {
    const path = error.instancePath.replace(/^\//, '')
    const name = `${dataVar}${path ? `/${path}` : ''}`
    if (error.keyword === 'additionalProperties') return `${dataVar}/${String(error.params.additionalProperty)} is not a known parameter`
    if (error.keyword === 'required') return `${dataVar}/${String(error.params.missingProperty)} is required`
    // The only `not` in request schemas is the control-character rule (plugins/request-schemas.ts).
    if (error.keyword === 'not') return `${name} must not contain control characters`
    if (error.keyword === FINITE) return `${name} must be a finite number`
    return `${name} ${error.message ?? 'is invalid'}`
  })
  return new Error(messages.join('; '))
}

/** One place maps errors to answers: client errors pass their message through, server errors never leak detail. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ statusCode: status, error: status === 400 ? 'Bad Request' : (error.code ?? 'Client Error'), message: error.message })
    }
    // Load and outages, not bugs: tell the client to retry rather than report an internal error.
    if (error instanceof ServiceBusyError) {
      request.log.warn(error.message)
      return unavailable(reply, error.message, error.retryAfterSeconds)
    }
    if ((error as { code?: string }).code === QUERY_TIMEOUT) {
      request.log.warn({ err: error }, 'query timed out')
      return unavailable(reply, 'The database took too long to answer; try again.')
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable')
      return unavailable(reply, 'The database is unavailable; try again shortly.')
    }
    request.log.error({ err: error }, 'request failed')
    return reply.code(500).send({ statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on the server.' })
  })
}

/**
 * URLs the router refuses before any route or hook runs (bad percent-encoding, a path parameter over the length limit):
 * answered in the API's error shape, uncached like every API answer, where Fastify would write its own bare answer.
 */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 400
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .send({ statusCode: status, error: status === 414 ? 'URI Too Long' : 'Bad Request', message: error.message })
}

function unavailable(reply: FastifyReply, message: string, retryAfterSeconds = RETRY_AFTER_SECONDS) {
  return reply
    .code(503)
    .header('retry-after', String(retryAfterSeconds))
    .send({ statusCode: 503, error: 'Service Unavailable', message })
}
