/**
 * A PostgreSQL array literal of numbers (or decimal integer strings, for bigints), for a query parameter. pg quotes and
 * escapes every element of a JS array it is given, which for the tens of thousands of numbers an import sends cost
 * more than the query; digits need neither.
 */
export function numberArrayLiteral(values: ArrayLike<number | string>): string {
  return `{${Array.prototype.join.call(values, ',')}}`
}
