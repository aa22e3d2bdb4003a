import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isDatabaseUnavailable, QUERY_TIMEOUT } from '../db/unavailable.js'
import { ServiceBusyError } from '../lib/errors.js'
import { DAY_PATTERN, MONTH_PATTERN } from '../lib/calendar-schemas.js'
import { FINITE } from './request-schemas.js'

interface SchemaError {
  instancePath: string
  keyword: string
  message?: string
  params: Record<string, unknown>
}

/**
 * What a value matching each shared pattern is, in plain words, for the message that refuses one that does not
 * (`querystring/from must be a month, YYYY-MM, from 1900-01 to 2199-12`, rather than the regular expression).
 */
const PATTERN_WORDS = new Map<string, string>([
  [MONTH_PATTERN, 'a month, YYYY-MM, from 1900-01 to 2199-12'],
  [DAY_PATTERN, 'a day, YYYY-MM-DD, from 1900-01-01 to 2199-12-31'],
  ['^[EWSN]\\d{8}$', 'an ONS code: a letter E, W, S or N and 8 digits, e.g. E05014882'],
  ['^[EWSN]\\d{8}(,[EWSN]\\d{8}){0,19}$', 'ONS council codes (a letter and 8 digits each, e.g. E06000004), up to 20, separated by commas'],
])

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
    const words = error.keyword === 'pattern' ? PATTERN_WORDS.get(String(error.params.pattern)) : undefined
    if (words) return `${name} must be ${words}`
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
