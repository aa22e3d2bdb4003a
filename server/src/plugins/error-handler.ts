import { STATUS_CODES } from 'node:http'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isDatabaseUnavailable, QUERY_TIMEOUT } from '../db/unavailable.js'
import { RETRY_AFTER_SECONDS, serviceBusy } from '../lib/errors.js'
import { DAY_PATTERN, MONTH_PATTERN } from '../lib/calendar-schemas.js'
import { FINITE, NO_NUL } from './request-schemas.js'

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

/**
 * Names the parameter at fault in every validation message: `querystring/res must be <= 10`,
 * `querystring/catgories is not a known parameter`.
 */
export function formatSchemaErrors(errors: SchemaError[], dataVar: string): Error {
  const messages = errors.map((error) => {
    const path = error.instancePath.replace(/^\//, '')
    const name = `${dataVar}${path ? `/${path}` : ''}`
    // Inside a nested object the path names it too: `body/dosage/visitsPerWeek is required`.
    if (error.keyword === 'additionalProperties') return `${name}/${String(error.params.additionalProperty)} is not a known parameter`
    if (error.keyword === 'required') return `${name}/${String(error.params.missingProperty)} is required`
    // The only `not` in request schemas is the control-character rule (plugins/request-schemas.ts).
    if (error.keyword === 'not') return `${name} must not contain control characters`
    if (error.keyword === FINITE) return `${name} must be a finite number`
    if (error.keyword === NO_NUL) return `${name} must not contain a NUL character`
    const words = error.keyword === 'pattern' ? PATTERN_WORDS.get(String(error.params.pattern)) : undefined
    if (words) return `${name} must be ${words}`
    return `${name} ${error.message ?? 'is invalid'}`
  })
  return new Error(messages.join('; '))
}

/** What lib/errors.ts's errors carry beyond a status and message: a name for `error`, headers such as Retry-After. */
interface AnswerParts {
  error?: unknown
  headers?: Record<string, string>
}

/**
 * One place maps errors to answers, all as `{ statusCode, error, message }`: client errors pass their message through,
 * 503s (load, outages: lib/errors.ts's serviceBusy, a statement timeout, the database unreachable) ask for a retry, and
 * other server errors never leak detail.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & AnswerParts, request, reply) => {
    let answer: { statusCode?: number; message: string } & AnswerParts = error
    if (error.code === QUERY_TIMEOUT) {
      request.log.warn({ err: error }, 'query timed out')
      answer = serviceBusy('The database took too long to answer; try again.')
    } else if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable')
      answer = serviceBusy('The database is unavailable; try again shortly.')
    }
    const status = answer.statusCode ?? 500
    if (status < 400 || (status >= 500 && status !== 503)) {
      request.log.error({ err: error }, 'request failed')
      return reply.code(500).send({ statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on the server.' })
    }
    if (status === 503 && answer === error) request.log.warn(error.message)
    if (answer.headers) reply.headers(answer.headers)
    // Under-pressure and the rate limit set their own Retry-After before throwing; a 503 always has one.
    if (status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', String(RETRY_AFTER_SECONDS))
    const name = typeof answer.error === 'string' ? answer.error : (STATUS_CODES[status] ?? 'Client Error')
    return reply.code(status).send({ statusCode: status, error: name, message: answer.message })
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
