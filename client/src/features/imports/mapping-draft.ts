// The column mapping as the import page edits it: every choice a string (empty: not chosen yet), turned into the
// server's ProfileMapping only when complete, with what is still missing said in words. A first guess from the
// header's column names saves the analyst most of the choosing on a typical council export.
import type { ProfileMapping } from '../../../../server/src/features/import-profiles/schemas'
import { DATE_FORMATS, type DateFormat } from '../../../../server/src/features/import/mapped/date-formats'

export { DATE_FORMATS, type DateFormat }

export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  auto: 'Work it out (any of these)',
  'dd/mm/yyyy': 'dd/mm/yyyy (day first, e.g. 14/03/2025 21:37)',
  'dd-Mon-yy': 'dd-Mon-yy (e.g. 14-Mar-25)',
  iso8601: 'ISO 8601 (e.g. 2025-03-14T21:37)',
  'excel-serial': 'Excel serial date (e.g. 45730.9)',
}

export interface MappingDraft {
  source: string
  reference: string[]
  dateColumn: string
  dateFormat: DateFormat
  timeKind: 'in-date' | 'column' | 'hour-minute'
  timeColumn: string
  hourColumn: string
  minuteColumn: string
  positionKind: 'lonlat' | 'bng' | 'unplaced'
  lonColumn: string
  latColumn: string
  eastingColumn: string
  northingColumn: string
  wardColumn: string
  categoryColumn: string
  categoryMap: Record<string, string>
  categoryDefault: string
  descriptionColumn: string
  addressColumn: string
  illustrative: boolean
}

export const EMPTY_DRAFT: MappingDraft = {
  source: '', reference: [], dateColumn: '', dateFormat: 'auto', timeKind: 'in-date', timeColumn: '', hourColumn: '', minuteColumn: '',
  positionKind: 'lonlat', lonColumn: '', latColumn: '', eastingColumn: '', northingColumn: '', wardColumn: '',
  categoryColumn: '', categoryMap: {}, categoryDefault: 'Anti-social behaviour', descriptionColumn: '', addressColumn: '', illustrative: false,
}

/** The first column whose name matches, case and punctuation aside. */
function firstMatching(columns: string[], patterns: RegExp[]): string {
  const plain = (column: string) => column.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()
  for (const pattern of patterns) {
    const found = columns.find((column) => pattern.test(plain(column)))
    if (found !== undefined) return found
  }
  return ''
}

/** A first mapping from the header's names; every guess is shown and can be changed. */
export function guessDraft(columns: string[], fileName: string): MappingDraft {
  const pick = (...patterns: RegExp[]) => firstMatching(columns, patterns)
  const lon = pick(/^(longitude|lon|lng|long|x coord)$/, /longitude/)
  const lat = pick(/^(latitude|lat|y coord)$/, /latitude/)
  const easting = pick(/^(easting|eastings|x)$/, /easting/)
  const northing = pick(/^(northing|northings|y)$/, /northing/)
  const hour = pick(/^(hour|hr)$/, /time hr$/, /\bhour\b/)
  const minute = pick(/^(minute|min)$/, /time min$/, /\bminute\b/)
  const time = pick(/^(time|time reported|reported time|incident time)$/, /\btime\b/)
  const date = pick(/^(date|date reported|reported date|received date|receiveddate|incident date)$/, /\bdate\b/, /date/, /received/, /reported/)
  const reference = pick(/^(ref|reference|case ref|case reference|id|incident id|call id|acc ref)$/, /\bref\b/, /reference/, /\bid$/)
  return {
    ...EMPTY_DRAFT,
    source: fileName.replace(/\.(csv|gz|txt)+$/i, '').replace(/[-_]+/g, ' ').trim().slice(0, 100),
    reference: reference ? [reference] : [],
    dateColumn: date,
    timeKind: hour && minute ? 'hour-minute' : time && time !== date ? 'column' : 'in-date',
    timeColumn: time && time !== date ? time : '',
    hourColumn: hour,
    minuteColumn: minute,
    positionKind: lon && lat ? 'lonlat' : easting && northing ? 'bng' : 'unplaced',
    lonColumn: lon,
    latColumn: lat,
    eastingColumn: easting,
    northingColumn: northing,
    wardColumn: pick(/^(ward|ward code|wardcode|wd\d\dcd)$/),
    categoryColumn: pick(/^type$/, /^category$/, /^(incident type|problem type|asb type|call type)$/, /^kind$/, /\btype\b/, /categor/),
    descriptionColumn: pick(/^(description|details|notes|summary)$/, /descr/),
    addressColumn: pick(/^(location|address|street|postcode|place)$/, /address/, /location/),
  }
}

/** The draft as the server's mapping, or the choices still missing, in words. */
export function mappingOfDraft(draft: MappingDraft): { mapping: ProfileMapping; missing: [] } | { mapping: null; missing: string[] } {
  const missing: string[] = []
  if (draft.source.trim() === '') missing.push('a source name')
  if (draft.source.trim().toLowerCase() === 'police.uk') missing.push('a source name other than police.uk')
  if (draft.reference.length === 0) missing.push('the reference column(s)')
  if (!draft.dateColumn) missing.push('the date column')
  if (draft.timeKind === 'column' && !draft.timeColumn) missing.push('the time column')
  if (draft.timeKind === 'hour-minute' && (!draft.hourColumn || !draft.minuteColumn)) missing.push('the hour and minute columns')
  if (draft.positionKind === 'lonlat' && (!draft.lonColumn || !draft.latColumn)) missing.push('the longitude and latitude columns')
  if (draft.positionKind === 'bng' && (!draft.eastingColumn || !draft.northingColumn)) missing.push('the easting and northing columns')
  if (!draft.categoryDefault) missing.push('the category for values not mapped')
  if (missing.length > 0) return { mapping: null, missing }
  const time: ProfileMapping['when']['time'] =
    draft.timeKind === 'column' ? { kind: 'column', column: draft.timeColumn }
      : draft.timeKind === 'hour-minute' ? { kind: 'hour-minute', hourColumn: draft.hourColumn, minuteColumn: draft.minuteColumn }
        : { kind: 'in-date' }
  const position: ProfileMapping['position'] =
    draft.positionKind === 'lonlat' ? { kind: 'lonlat', lon: draft.lonColumn, lat: draft.latColumn }
      : draft.positionKind === 'bng' ? { kind: 'bng', easting: draft.eastingColumn, northing: draft.northingColumn }
        : draft.wardColumn ? { kind: 'unplaced', ward: draft.wardColumn } : { kind: 'unplaced' }
  const map = Object.fromEntries(Object.entries(draft.categoryMap).filter(([, category]) => category !== '' && category !== draft.categoryDefault))
  const mapping: ProfileMapping = {
    source: draft.source.trim(),
    reference: draft.reference,
    when: { date: draft.dateColumn, format: draft.dateFormat, time },
    position,
    category: { ...(draft.categoryColumn ? { column: draft.categoryColumn } : {}), map: draft.categoryColumn ? map : {}, default: draft.categoryDefault },
    ...(draft.descriptionColumn ? { description: draft.descriptionColumn } : {}),
    ...(draft.addressColumn ? { address: draft.addressColumn } : {}),
    illustrative: draft.illustrative,
  }
  return { mapping, missing: [] }
}

/** A saved mapping back as a draft, to edit. */
export function draftOfMapping(mapping: ProfileMapping): MappingDraft {
  const { time } = mapping.when
  const { position } = mapping
  return {
    ...EMPTY_DRAFT,
    source: mapping.source,
    reference: [...mapping.reference],
    dateColumn: mapping.when.date,
    dateFormat: mapping.when.format,
    timeKind: time.kind,
    timeColumn: time.kind === 'column' ? time.column : '',
    hourColumn: time.kind === 'hour-minute' ? time.hourColumn : '',
    minuteColumn: time.kind === 'hour-minute' ? time.minuteColumn : '',
    positionKind: position.kind,
    lonColumn: position.kind === 'lonlat' ? position.lon : '',
    latColumn: position.kind === 'lonlat' ? position.lat : '',
    eastingColumn: position.kind === 'bng' ? position.easting : '',
    northingColumn: position.kind === 'bng' ? position.northing : '',
    wardColumn: position.kind === 'unplaced' ? (position.ward ?? '') : '',
    categoryColumn: mapping.category.column ?? '',
    categoryMap: { ...mapping.category.map },
    categoryDefault: mapping.category.default,
    descriptionColumn: mapping.description ?? '',
    addressColumn: mapping.address ?? '',
    illustrative: mapping.illustrative ?? false,
  }
}

/** A profile name from a title: lower-case letters, digits and hyphens, as the CLI's --profile takes it. */
export function profileNameOf(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || 'log'
}

/** The text of a file's first `maxBytes` (ungzipped when it is gzip), cut back to whole lines unless it all fits. */
export async function firstLines(file: Blob, maxBytes = 64 * 1024): Promise<string> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer())
  const gzip = head[0] === 0x1f && head[1] === 0x8b
  const stream = gzip ? file.stream().pipeThrough(new DecompressionStream('gzip')) : file.stream()
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  let ended = false
  while (size < maxBytes) {
    const { done, value } = await reader.read()
    if (done) {
      ended = true
      break
    }
    chunks.push(value)
    size += value.length
  }
  await reader.cancel().catch(() => undefined)
  const bytes = new Uint8Array(Math.min(size, maxBytes))
  let at = 0
  for (const chunk of chunks) {
    const part = chunk.subarray(0, Math.min(chunk.length, bytes.length - at))
    bytes.set(part, at)
    at += part.length
    if (at >= bytes.length) break
  }
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')
  if (ended && size <= maxBytes) return text
  const lastBreak = text.lastIndexOf('\n')
  return lastBreak >= 0 ? text.slice(0, lastBreak + 1) : text
}

/** Whether two mappings say the same, whatever their keys' order (the database's jsonb keeps its own order). */
export function sameMapping(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)).map(([key, entry]) => [key, canonical(entry)]))
        : value
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))
}
