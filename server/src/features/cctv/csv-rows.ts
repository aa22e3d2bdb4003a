/**
 * RFC 4180 CSV for the small files the CCTV imports take (a register, an activity log), with each record's row
 * number as a spreadsheet shows the file: the header is row 1, a blank line is a row too, and a quoted field's line
 * breaks stay inside its row. The police.uk reader (import/police-uk/csv-records.ts) skips blank lines and does not
 * count rows, which a rejection needs to name.
 */
export interface CsvRow {
  row: number
  fields: string[]
}

export function parseCsvRows(text: string): { rows: CsvRow[]; problem: string | null } {
  const rows: CsvRow[] = []
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  let fields: string[] = []
  let field = ''
  let quoted = false
  let row = 1
  let rowStart = 1
  let fieldStarted = false
  const endRecord = () => {
    fields.push(field)
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) rows.push({ row: rowStart, fields })
    fields = []
    field = ''
    fieldStarted = false
  }
  for (let index = 0; index < source.length; index++) {
    const char = source[index]
    if (quoted) {
      if (char === '"') {
        if (source[index + 1] === '"') {
          field += '"'
          index++
        } else quoted = false
      } else {
        if (char === '\n') row++
        field += char
      }
      continue
    }
    if (char === '"' && field === '') {
      quoted = true
      fieldStarted = true
    } else if (char === ',') {
      fields.push(field)
      field = ''
      fieldStarted = true
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index++
      endRecord()
      row++
      rowStart = row
    } else {
      field += char
      fieldStarted = true
    }
  }
  if (quoted) return { rows, problem: `row ${rowStart}: a quoted field is never closed` }
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord()
  return { rows, problem: null }
}

/** A header's names as keys: trimmed, lower case, spaces and hyphens as underscores. */
export function columnKey(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_')
}
