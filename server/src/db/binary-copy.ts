/**
 * Rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4):
 * the server stores the bytes as they come instead of parsing text, which is most of what text COPY costs it.
 * Values are written field by field in the column order of the COPY statement.
 */
export class BinaryCopyWriter {
  private buffer: Buffer
  private offset = 0

  constructor(initialBytes = 1 << 16) {
    this.buffer = Buffer.allocUnsafe(Math.max(initialBytes, 64))
  }

  /** A writer over bytes written elsewhere (another thread), positioned after them. */
  static wrap(bytes: Buffer): BinaryCopyWriter {
    const writer = new BinaryCopyWriter(64)
    writer.buffer = bytes
    writer.offset = bytes.length
    return writer
  }

  /** The stream header: signature, flags (no OIDs), header extension length. Once, before the first row. */
  header(): this {
    this.reserve(19)
    this.buffer.write('PGCOPY\n\xff\r\n\0', this.offset, 'latin1')
    this.buffer.writeInt32BE(0, this.offset + 11)
    this.buffer.writeInt32BE(0, this.offset + 15)
    this.offset += 19
    return this
  }

  /** Bytes written so far. */
  get length(): number {
    return this.offset
  }

  row(fieldCount: number): this {
    this.reserve(2)
    this.buffer.writeInt16BE(fieldCount, this.offset)
    this.offset += 2
    return this
  }

  null(): this {
    this.reserve(4)
    this.buffer.writeInt32BE(-1, this.offset)
    this.offset += 4
    return this
  }

  text(value: string | null): this {
    if (value === null) return this.null()
    const length = value.length
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    this.reserve(4 + length * 3)
    const buffer = this.buffer
    const start = this.offset + 4
    // Short ASCII text (nearly every field here) is copied byte by byte: cheaper than a call into the encoder.
    if (length <= 64) {
      let index = 0
      while (index < length) {
        const code = value.charCodeAt(index)
        if (code > 127) break
        buffer[start + index] = code
        index++
      }
      if (index === length) {
        buffer.writeInt32BE(length, this.offset)
        this.offset = start + length
        return this
      }
    }
    const written = buffer.write(value, start, 'utf8')
    this.buffer.writeInt32BE(written, this.offset)
    this.offset += 4 + written
    return this
  }

  bytes(value: Uint8Array): this {
    this.reserve(4 + value.length)
    this.buffer.writeInt32BE(value.length, this.offset)
    this.buffer.set(value, this.offset + 4)
    this.offset += 4 + value.length
    return this
  }

  /** Bytes already in COPY form (fields encoded elsewhere). */
  raw(source: Buffer, start: number, end: number): this {
    this.reserve(end - start)
    source.copy(this.buffer, this.offset, start, end)
    this.offset += end - start
    return this
  }

  /** The bytes written so far, without copying; valid until the next write. */
  view(): Buffer {
    return this.buffer.subarray(0, this.offset)
  }

  /** Whether the fields whose length words are at offsets `a` and `b` hold the same bytes (two nulls are the same). */
  sameField(a: number, b: number): boolean {
    const buffer = this.buffer
    const length = buffer.readInt32BE(a)
    if (length !== buffer.readInt32BE(b)) return false
    if (length <= 0) return true
    for (let index = 4; index < 4 + length; index++) if (buffer[a + index] !== buffer[b + index]) return false
    return true
  }

  /** The text of the field whose length word is at offset `at`; null for a null field. */
  fieldText(at: number): string | null {
    const length = this.buffer.readInt32BE(at)
    return length < 0 ? null : this.buffer.toString('utf8', at + 4, at + 4 + length)
  }

  /** A text field copied from bytes already in UTF-8: source[start, end). */
  textBytes(source: Buffer, start: number, end: number): this {
    const length = end - start
    this.reserve(4 + length)
    const buffer = this.buffer
    buffer.writeInt32BE(length, this.offset)
    const at = this.offset + 4
    // Short fields are copied in a loop: cheaper than a call into native code.
    if (length <= 32) for (let index = 0; index < length; index++) buffer[at + index] = source[start + index]
    else source.copy(buffer, at, start, end)
    this.offset = at + length
    return this
  }

  /** A bytea given as a 'binary' (latin1) string, one byte per character. */
  latin1(value: string): this {
    const length = value.length
    this.reserve(4 + length)
    this.buffer.writeInt32BE(length, this.offset)
    this.buffer.write(value, this.offset + 4, length, 'latin1')
    this.offset += 4 + length
    return this
  }

  /** A bytea given as hex digits. */
  hex(value: string): this {
    const length = value.length >>> 1
    this.reserve(4 + length)
    this.buffer.writeInt32BE(length, this.offset)
    this.buffer.write(value, this.offset + 4, length, 'hex')
    this.offset += 4 + length
    return this
  }

  int2(value: number): this {
    this.reserve(6)
    this.buffer.writeInt32BE(2, this.offset)
    this.buffer.writeInt16BE(value, this.offset + 4)
    this.offset += 6
    return this
  }

  int4(value: number): this {
    this.reserve(8)
    this.buffer.writeInt32BE(4, this.offset)
    this.buffer.writeInt32BE(value, this.offset + 4)
    this.offset += 8
    return this
  }

  /** A bigint column from a safe integer (|value| < 2^53), split into two 32-bit halves to avoid BigInt. */
  int8(value: number): this {
    this.reserve(12)
    const high = Math.floor(value / 4294967296)
    this.buffer.writeInt32BE(8, this.offset)
    this.buffer.writeInt32BE(high, this.offset + 4)
    this.buffer.writeUInt32BE(value - high * 4294967296, this.offset + 8)
    this.offset += 12
    return this
  }

  /** A timestamptz: microseconds since 2000-01-01 00:00 UTC, on the wire as an int8. */
  timestamptz(microsSince2000: number): this {
    return this.int8(microsSince2000)
  }

  /** The bytes written since the last take, to send as one CopyData chunk; the writer starts afresh. */
  take(): Buffer {
    const chunk = Buffer.from(this.buffer.subarray(0, this.offset))
    this.offset = 0
    return chunk
  }

  /** The file trailer; write it once, after the last row. */
  end(): this {
    this.reserve(2)
    this.buffer.writeInt16BE(-1, this.offset)
    this.offset += 2
    return this
  }

  private reserve(bytes: number): void {
    if (this.offset + bytes <= this.buffer.length) return
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.offset + bytes))
    this.buffer.copy(grown, 0, 0, this.offset)
    this.buffer = grown
  }
}

const EPOCH_2000_MS = Date.UTC(2000, 0, 1)

/** A Date as PostgreSQL's binary timestamptz counts it. */
export function microsSince2000(date: Date): number {
  return (date.getTime() - EPOCH_2000_MS) * 1000
}

/** The Date of a binary timestamptz (whole milliseconds). */
export function dateOfMicrosSince2000(micros: number): Date {
  return new Date(EPOCH_2000_MS + micros / 1000)
}
