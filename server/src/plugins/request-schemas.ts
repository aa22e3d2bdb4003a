import type { FastifyInstance, FastifySchema } from 'fastify'
import { Type, type TString } from 'typebox'
import { NoQuery } from '../lib/no-query.js'

/** C0 controls and DEL: PostgreSQL refuses U+0000 in text, and none of them belongs in any parameter here. */
export const CONTROL_CHARACTERS = '[\\u0000-\\u001f\\u007f]'
export const NO_CONTROL_CHARACTERS = { pattern: CONTROL_CHARACTERS, description: 'no control characters (U+0000 to U+001F, U+007F)' }

/**
 * Text written in paragraphs (a task's problem, an outcome, a reason) keeps its line breaks and tabs; every other
 * control character is refused as in any parameter.
 */
const CONTROL_CHARACTERS_BUT_LINES = '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]'
const NO_CONTROL_CHARACTERS_BUT_LINES = { pattern: CONTROL_CHARACTERS_BUT_LINES, description: 'no control characters but line breaks and tabs' }

/** A request string that may hold line breaks and tabs (the shared rules refuse them elsewhere). */
export function multilineText(options: { minLength?: number; maxLength: number; pattern?: string; description?: string }): TString {
  return Type.String({ ...options, not: NO_CONTROL_CHARACTERS_BUT_LINES })
}

/** The keyword that keeps numbers finite; see `requestSchemaKeywords`. */
export const FINITE = 'x-finite'

/**
 * The keyword for text that may hold any character but NUL (a password): set on a string schema, it takes the place
 * of the control-character rule there (`withSharedRules`), and `requestSchemaKeywords` checks it.
 */
export const NO_NUL = 'x-no-nul'

interface AjvLike {
  addKeyword(definition: { keyword: string; schemaType: 'boolean'; errors: false; validate: (schema: boolean, data: unknown) => boolean }): unknown
}

/**
 * ajv plugin. With type coercion on, ajv turns the query text `Infinity`, `1e309` or 400 nines into Infinity, and its
 * own number keywords (minimum, maximum, format) skip non-finite numbers, so `res=Infinity` met every bound and reached
 * SQL. This keyword, set on every number by `installRequestSchemaRules`, checks after coercion.
 */
export function requestSchemaKeywords<Ajv extends AjvLike>(ajv: Ajv): Ajv {
  ajv.addKeyword({
    keyword: FINITE,
    schemaType: 'boolean',
    errors: false,
    validate: (finite, data) => !finite || typeof data !== 'number' || Number.isFinite(data),
  })
  ajv.addKeyword({
    keyword: NO_NUL,
    schemaType: 'boolean',
    errors: false,
    validate: (noNul, data) => !noNul || typeof data !== 'string' || !data.includes('\u0000'),
  })
  return ajv
}

type Schema = Record<string, unknown>
const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value)
const isMultiline = (schema: Schema) => isSchema(schema.not) && schema.not.pattern === CONTROL_CHARACTERS_BUT_LINES

/**
 * A copy of a request schema with the rules every parameter shares: strings refuse control characters (`not` a
 * pattern, so a string's own pattern still applies) unless they are marked NO_NUL or multiline (line breaks and tabs
 * allowed), numbers must be finite. A copy, because TypeBox schemas are shared with response schemas and between routes.
 */
export function withSharedRules(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withSharedRules)
  if (!isSchema(schema)) return schema
  const copy: Schema = { ...schema }
  if (copy.type === 'string' && copy.const === undefined && copy.enum === undefined && copy[NO_NUL] !== true && !isMultiline(copy)) {
    if (copy.not !== undefined && copy.not !== NO_CONTROL_CHARACTERS) {
      throw new Error('a request string schema has its own `not`; combine it with the control-character rule')
    }
    copy.not = NO_CONTROL_CHARACTERS
  }
  if (copy.type === 'number' || copy.type === 'integer') copy[FINITE] = true
  for (const key of ['items', 'additionalProperties'] as const) {
    if (isSchema(copy[key])) copy[key] = withSharedRules(copy[key])
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(copy[key])) copy[key] = withSharedRules(copy[key])
  }
  for (const key of ['properties', 'patternProperties'] as const) {
    if (isSchema(copy[key])) copy[key] = Object.fromEntries(Object.entries(copy[key]).map(([name, value]) => [name, withSharedRules(value)]))
  }
  return copy
}

/**
 * Every API route, as it is added: a route without a query string schema takes none (an unknown parameter is refused
 * by name, not ignored), a route with path parameters must declare them, and every query, path and body schema gets
 * the shared rules above. Installed before any route, so none can forget them.
 */
export function installRequestSchemaRules(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return
    const schema: FastifySchema = { ...(route.schema ?? {}) }
    schema.querystring ??= NoQuery
    if (route.url.includes(':') && !schema.params) throw new Error(`${route.method} ${route.url} takes path parameters but declares no params schema`)
    for (const part of ['querystring', 'params', 'body'] as const) {
      if (schema[part] !== undefined) schema[part] = withSharedRules(schema[part])
    }
    route.schema = schema
  })
}
