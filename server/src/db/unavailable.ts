// Whether an error means the database cannot be reached or is going away, rather than that a query is wrong: the
// request may well succeed when retried in a few seconds, so it is answered 503 with Retry-After, not 500.

/** Socket errors from connecting or from a connection that broke. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01 admin shutdown (pg_terminate_backend, a fast shutdown),
 * 57P02 crash shutdown, 57P03 cannot connect now (starting up, shutting down, recovering), 53300 too many connections.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300'])

/** pg and pg-pool's own errors carry no code, only these messages. */
const DRIVER_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
]

/** Statement timeouts (57014, query_canceled by statement_timeout): load, not a bug; also worth a retry. */
export const QUERY_TIMEOUT = '57014'

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, message, errors, cause } = error as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown }
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08'))) return true
  if (typeof message === 'string' && DRIVER_MESSAGES.some((known) => message.startsWith(known))) return true
  // Connecting to a name with several addresses fails with an AggregateError of each attempt's error.
  if (Array.isArray(errors) && errors.some(isDatabaseUnavailable)) return true
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause)
}
