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

/** "0.09 km²", "16.4 km²": two decimals below 10 km², so a patrol-sized area never reads as 0. */
export function formatAreaKm2(km2: number): string {
  return `${km2.toLocaleString('en-GB', { maximumFractionDigits: km2 < 10 ? 2 : 1, minimumFractionDigits: km2 < 10 ? 2 : 0 })} km²`
}
