import crypto from 'node:crypto'
import fs from 'node:fs'
import zlib from 'node:zlib'
import { pipeline, type Duplex, type Readable } from 'node:stream'

export type ImportKind = 'police-uk-csv' | 'ward-geojson' | 'council-geojson'

export interface ImportSource {
  path: string
  name: string
  kind: ImportKind
  gzip: boolean
  sizeBytes: number
  contentHash: string
  /** ONS boundary set of a boundary file, e.g. WD23 or LAD22. */
  boundarySet: string | null
}

export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`)
  }
}

const GZIP_MAGIC = [0x1f, 0x8b]
const READ_CHUNK_BYTES = 1 << 18
const SNIFF_BYTES = 64 * 1024

async function hashFile(filePath: string): Promise<string> {
  const hash = crypto.createHash('sha256')
  for await (const chunk of fs.createReadStream(filePath)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

async function readHead(filePath: string, gzip: boolean): Promise<string> {
  const chunks: Buffer[] = []
  let length = 0
  const stream = openTextStream(filePath, gzip)
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer)
      length += (chunk as Buffer).length
      if (length >= SNIFF_BYTES) break
    }
  } catch {
    // A truncated gzip still tells its kind from the head; the import itself will report the damage.
  } finally {
    stream.destroy()
  }
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '')
}

/**
 * The file's content, decompressed when it is gzip, through `parsers` in turn; `onBytes` counts the bytes read from
 * disk, for progress. A failure anywhere (a truncated gzip) surfaces as an error of the returned stream.
 */
export function openTextStream(filePath: string, gzip: boolean, onBytes?: (bytes: number) => void, ...parsers: Duplex[]): Readable {
  // Chunks of 256 KiB instead of the 16–64 KiB defaults: decompression then costs less than half as much.
  const file = fs.createReadStream(filePath, { highWaterMark: READ_CHUNK_BYTES })
  if (onBytes) file.on('data', (chunk) => onBytes(chunk.length))
  const stages: (Readable | Duplex)[] = [file, ...(gzip ? [zlib.createGunzip({ chunkSize: READ_CHUNK_BYTES })] : []), ...parsers]
  if (stages.length === 1) return file
  return pipeline(stages as [Readable, ...Duplex[]], () => {}) as unknown as Readable
}

/** Recognises a file by its content, not its name: police.uk CSV, ONS ward GeoJSON or ONS council GeoJSON. */
export async function identifyImportSource(filePath: string, displayName = filePath): Promise<ImportSource> {
  let sizeBytes: number
  try {
    sizeBytes = (await fs.promises.stat(filePath)).size
  } catch {
    throw new ImportFileError(displayName, 'cannot be read (no such file?)')
  }
  const handle = await fs.promises.open(filePath, 'r')
  const magic = Buffer.alloc(2)
  await handle.read(magic, 0, 2, 0)
  await handle.close()
  const gzip = magic[0] === GZIP_MAGIC[0] && magic[1] === GZIP_MAGIC[1]
  const head = await readHead(filePath, gzip)
  const base = { path: filePath, name: displayName, gzip, sizeBytes, contentHash: await hashFile(filePath) }

  if (/^\s*\{/.test(head)) {
    const ward = /"(WD\d{2})CD"\s*:/.exec(head)
    if (ward) return { ...base, kind: 'ward-geojson', boundarySet: ward[1] }
    const council = /"(LAD\d{2})CD"\s*:/.exec(head)
    if (council) return { ...base, kind: 'council-geojson', boundarySet: council[1] }
    throw new ImportFileError(displayName, 'is GeoJSON but has neither ONS ward (WDyyCD) nor council (LADyyCD) properties')
  }
  const headerLine = head.split(/\r?\n/, 1)[0] ?? ''
  if (headerLine.includes('Crime type') && headerLine.includes('Month') && headerLine.includes('Longitude')) {
    return { ...base, kind: 'police-uk-csv', boundarySet: null }
  }
  throw new ImportFileError(
    displayName,
    'is not a recognised file: expected a police.uk street-level CSV (plain or .gz) or ONS ward/council GeoJSON',
  )
}
