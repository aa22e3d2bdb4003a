import type { FastifyError, FastifyInstance } from 'fastify'
import { BusyError } from '../lib/errors.js'

interface SchemaError {
  instancePath: string
  keyword: string
  message?: string
  params: Record<string, unknown>
}

/**
 * Names the parameter at fault in every validation message: `querystring/res must be <= 10`,
 * `querystring/catgories is not a known parameter`.
 */
export function formatSchemaErrors(errors: SchemaError[], dataVar: string): Error {
  const messages = errors.map((error) => {
    const path = error.instancePath.replace(/^\//, '')
    if (error.keyword === 'additionalProperties') return `${dataVar}/${String(error.params.additionalProperty)} is not a known parameter`
    if (error.keyword === 'required') return `${dataVar}/${String(error.params.missingProperty)} is required`
    return `${dataVar}${path ? `/${path}` : ''} ${error.message ?? 'is invalid'}`
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
    if (error instanceof BusyError) {
      return reply.code(503).header('retry-after', String(error.retryAfterSeconds)).send({ statusCode: 503, error: 'Service Unavailable', message: error.message })
    }
    // Statement timeouts are load, not a bug: tell the client to retry rather than report an internal error.
    if ((error as { code?: string }).code === '57014') {
      request.log.warn({ err: error }, 'query timed out')
      return reply.code(503).send({ statusCode: 503, error: 'Service Unavailable', message: 'The database took too long to answer; try again.' })
    }
    request.log.error({ err: error }, 'request failed')
    return reply.code(500).send({ statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on the server.' })
  })
}
