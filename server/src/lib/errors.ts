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
