import { Type, type TUnsafe } from 'typebox'

/**
 * A schema accepting one of the strings of a plain `as const` list (roles, hotspot classes, audit actions...), typed as
 * that list's union: the list stays the one place the names are written, in a module the client can import.
 */
export function literalUnion<const Values extends readonly string[]>(values: Values, options: Record<string, unknown> = {}): TUnsafe<Values[number]> {
  return Type.Unsafe<Values[number]>(Type.Union(values.map((value) => Type.Literal(value)), options))
}
