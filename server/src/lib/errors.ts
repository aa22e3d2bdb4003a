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

/** The server is too busy for this request now; answered 503 with Retry-After, since a retry shortly will do. */
export class ServiceBusyError extends Error {
  readonly statusCode = 503
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message)
  }
}
