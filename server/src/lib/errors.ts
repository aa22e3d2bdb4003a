/** A request the client can fix; answered 400 with its message, which names the parameter at fault. */
export class BadRequestError extends Error {
  readonly statusCode = 400
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`)
  }
}

/** The server is too busy to take the request now; answered 503 with Retry-After, so a client backs off and retries. */
export class BusyError extends Error {
  readonly statusCode = 503
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message)
  }
}
