/** Plain-text output: section headings, aligned tables and the PASS/MISS verdicts collected for the closing tally. */

export type Verdict = 'PASS' | 'MISS'

const verdicts: { target: string; verdict: Verdict }[] = []

/** Records a target's outcome for the tally and returns the word to print in the table. */
export function judge(target: string, met: boolean): Verdict {
  const verdict: Verdict = met ? 'PASS' : 'MISS'
  verdicts.push({ target, verdict })
  return verdict
}

export function recordedVerdicts(): readonly { target: string; verdict: Verdict }[] {
  return verdicts
}

export function heading(title: string): void {
  console.log(`\n== ${title} ==`)
}

export function note(text: string): void {
  console.log(`   ${text}`)
}

/** Progress goes to stderr so the printed report (stdout) stays the table alone when redirected. */
export function progress(text: string): void {
  process.stderr.write(`… ${text}\n`)
}

/** First column left-aligned (labels), every other column right-aligned (figures). */
export function table(header: string[], rows: string[][]): void {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: string[]) =>
    '   ' + cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd()
  console.log(line(header))
  for (const row of rows) console.log(line(row))
}

/** Label and value pairs, both left-aligned: the header lines. */
export function keyValues(pairs: [string, string][]): void {
  const width = Math.max(...pairs.map(([key]) => key.length))
  for (const [key, value] of pairs) console.log(`   ${key.padEnd(width)}  ${value}`)
}

export const ms = (value: number) => `${value.toFixed(1)} ms`
export const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`
export const ratio = (value: number) => `${value.toFixed(2)}×`
export const count = (value: number) => Math.round(value).toLocaleString('en-GB')
