/** Counts as people read them: en-GB grouping, 12,345. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-GB')
}

/**
 * One CSV field (RFC 4180). Text a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe,
 * so an exported report cannot carry a formula into Excel. "<3" is left alone: it is not a formula.
 */
export function csvField(value: string | number): string {
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
