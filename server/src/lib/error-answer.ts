import { Type } from 'typebox'

/** Every error body, as the error handler (plugins/error-handler.ts) writes it. */
export const ErrorAnswer = Type.Object({ statusCode: Type.Integer(), error: Type.String(), message: Type.String() })
