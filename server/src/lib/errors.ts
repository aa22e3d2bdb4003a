import { httpErrors, type HttpError } from '@fastify/sensible'

// Every error answer the API gives is built here, over @fastify/sensible's httpErrors, and written by the one error
// handler (plugins/error-handler.ts) as `{ statusCode, error, message }`: the status's own name as `error` unless an
// answer names itself (CSRF, Password Change Required), the message in plain words.

/** A request the client can fix: 400, its message naming the parameter at fault (`from: 2030-01 is after …`). */
export type BadRequest = HttpError<400> & { parameter: string }

export function badRequest(parameter: string, message: string): BadRequest {
  return Object.assign(httpErrors.badRequest(`${parameter}: ${message}`), { parameter })
}

export function unauthorized(message: string): HttpError<401> {
  return httpErrors.unauthorized(message)
}

/** 403; `error` names the refusal where the client acts on it (CSRF, Password Change Required). */
export function forbidden(message: string, error = 'Forbidden'): HttpError<403> {
  return Object.assign(httpErrors.forbidden(message), { error })
}

export function notFound(message: string): HttpError<404> {
  return httpErrors.notFound(message)
}

export function conflict(message: string): HttpError<409> {
  return httpErrors.conflict(message)
}

/** 415: the body is not of a kind the route takes (a file upload sent without its file, or as JSON). */
export function unsupportedMediaType(message: string): HttpError<415> {
  return httpErrors.unsupportedMediaType(message)
}

/** 429 with Retry-After: this client has asked too often; the wait is in the answer. */
export function tooManyRequests(message: string, retryAfterSeconds: number): HttpError<429> {
  return Object.assign(httpErrors.tooManyRequests(message), { headers: { 'retry-after': String(retryAfterSeconds) } })
}

/** Seconds a client is asked to wait before retrying when the server or the database is busy or unreachable. */
export const RETRY_AFTER_SECONDS = 5

/**
 * 503 with Retry-After: load or an outage, not a bug (the server busy hashing or analysing, under pressure, the
 * database slow or unreachable); a retry shortly will do.
 */
export function serviceBusy(message: string, retryAfterSeconds = RETRY_AFTER_SECONDS): HttpError<503> {
  return Object.assign(httpErrors.serviceUnavailable(message), { headers: { 'retry-after': String(retryAfterSeconds) } })
}
