import crypto from 'node:crypto'
import fs from 'node:fs'
import zlib from 'node:zlib'
import { pipeline, Transform, type Duplex, type Readable } from 'node:stream'
import { POLICE_UK_COLUMNS } from '../police-uk/row.js'

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

/** A file the run cannot take, with the reason in words (the file's name is kept apart, so a report says it once). */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`)
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

/** A reason a file cannot be read, in words, from the system's error code. */
export function unreadableReason(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return null
  if (code === 'ENOENT') return 'cannot be read: no such file'
  if (code === 'EISDIR') return 'is a directory, not a file'
  if (code === 'ENOTDIR') return 'cannot be read: a part of its path is not a directory'
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied'
  // Only the system's own errors (ENOENT, EIO…): zlib's and Node's (ERR_…) are about the content or the code.
  if (!/^E[A-Z]+$/.test(code)) return null
  return `cannot be read (${code})`
}

export const INVALID_UTF8 = 'ERR_INVALID_UTF8'

/** Passes the bytes on unchanged, failing with code INVALID_UTF8 at the first that is not UTF-8 (decoders replace it). */
export function utf8Check(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const invalid = () => Object.assign(new Error('not valid UTF-8'), { code: INVALID_UTF8 })
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        decoder.decode(chunk, { stream: true })
      } catch {
        return done(invalid())
      }
      done(null, chunk)
    },
    flush(done) {
      try {
        decoder.decode()
      } catch {
        return done(invalid())
      }
      done()
    },
  })
}

/** Recognises a file by its content, not its name: police.uk CSV, ONS ward GeoJSON or ONS council GeoJSON. */
export async function identifyImportSource(filePath: string, displayName = filePath): Promise<ImportSource> {
  try {
    return await identify(filePath, displayName)
  } catch (error) {
    const reason = unreadableReason(error)
    if (reason === null) throw error
    throw new ImportFileError(displayName, reason)
  }
}

async function identify(filePath: string, displayName: string): Promise<ImportSource> {
  const stat = await fs.promises.stat(filePath)
  if (stat.isDirectory()) throw new ImportFileError(displayName, 'is a directory, not a file')
  if (!stat.isFile()) throw new ImportFileError(displayName, 'is not a regular file')
  if (stat.size === 0) throw new ImportFileError(displayName, 'is empty')
  const sizeBytes = stat.size
  const handle = await fs.promises.open(filePath, 'r')
  const magic = Buffer.alloc(2)
  await handle.read(magic, 0, 2, 0)
  await handle.close()
  const gzip = magic[0] === GZIP_MAGIC[0] && magic[1] === GZIP_MAGIC[1]
  const head = await readHead(filePath, gzip)
  const base = { path: filePath, name: displayName, gzip, sizeBytes, contentHash: await hashFile(filePath) }

  if (head.trim() === '') throw new ImportFileError(displayName, 'is empty')
  if (/^\s*\{/.test(head)) {
    const ward = /"(WD\d{2})CD"\s*:/.exec(head)
    if (ward) return { ...base, kind: 'ward-geojson', boundarySet: ward[1] }
    const council = /"(LAD\d{2})CD"\s*:/.exec(head)
    if (council) return { ...base, kind: 'council-geojson', boundarySet: council[1] }
    throw new ImportFileError(displayName, 'is GeoJSON but has neither ONS ward (WDyyCD) nor council (LADyyCD) properties')
  }
  const headerLine = head.split(/\r?\n/, 1)[0] ?? ''
  // Recognised by any three of its columns, so that a file with some renamed is told which are missing, not that it is
  // something else.
  const columns = new Set(headerLine.split(',').map((column) => column.trim().replace(/^"|"$/g, '')))
  if (POLICE_UK_COLUMNS.filter((column) => columns.has(column)).length >= 3) {
    return { ...base, kind: 'police-uk-csv', boundarySet: null }
  }
  throw new ImportFileError(
    displayName,
    'is not a recognised file: expected a police.uk street-level CSV (plain or .gz) or ONS ward/council GeoJSON',
  )
}
