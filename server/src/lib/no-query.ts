import { Type } from 'typebox'

/** For routes that take no parameters: an unexpected one is refused by name rather than ignored. */
export const NoQuery = Type.Object({}, { additionalProperties: false })
