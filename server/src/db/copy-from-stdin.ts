import { once } from 'node:events'
import type pg from 'pg'

/**
 * What COPY reads: a stream or any (async) iterable of byte chunks, such as a generator encoding rows lazily. A chunk
 * goes to the socket as it is, not copied: its bytes must not change once it has been yielded.
 */
export type CopySource = (AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer | Uint8Array>) & { destroy?(error?: Error): void }

/**
 * The wire-protocol calls pg's Connection has for COPY FROM STDIN; @types/pg does not declare them. They are what
 * pg-copy-streams uses, which this project does not install.
 */
interface CopyConnection {
  stream: NodeJS.WritableStream & { writable: boolean; writableNeedDrain?: boolean; cork(): void; uncork(): void }
  query(text: string): void
  endCopyFrom(): void
  sendCopyFail(message: string): void
}

/**
 * `COPY … FROM STDIN` as a pg Submittable: pg hands the connection to `handleCopyInResponse` once the server is
 * ready for data, and the source's bytes go out as CopyData messages, pausing while the socket buffer is full.
 */
class CopyFromStdin implements pg.Submittable {
  readonly rowCount: Promise<number>
  private copied = 0
  private failed = false
  private settle!: { resolve: (rows: number) => void; reject: (error: Error) => void }

  constructor(
    private readonly text: string,
    private readonly source: CopySource,
  ) {
    this.rowCount = new Promise((resolve, reject) => (this.settle = { resolve, reject }))
  }

  submit(connection: pg.Connection): void {
    ;(connection as unknown as CopyConnection).query(this.text)
  }

  handleCopyInResponse(connection: CopyConnection): void {
    void this.sendSource(connection)
  }

  private async sendSource(connection: CopyConnection): Promise<void> {
    try {
      for await (const chunk of this.source) {
        // After an error the server drops further CopyData; stop producing it.
        if (this.failed) return
        sendCopyData(connection.stream, chunk)
        if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain')
      }
      connection.endCopyFrom()
    } catch (error) {
      // The server answers CopyFail with an error, which arrives through handleError.
      connection.sendCopyFail(`source failed: ${(error as Error).message}`)
    }
  }

  handleCommandComplete(message: { text: string }): void {
    this.copied = Number(/^COPY (\d+)/.exec(message.text)?.[1] ?? 0)
  }

  handleReadyForQuery(): void {
    this.settle.resolve(this.copied)
  }

  // pg clears the active query before passing an error, so no ReadyForQuery reaches this object afterwards.
  handleError(error: Error): void {
    this.failed = true
    this.source.destroy?.()
    this.settle.reject(error)
  }
}

const COPY_DATA = 0x64

/**
 * One CopyData message: its type byte and length, then the chunk itself. pg's sendCopyFromChunk copies every chunk
 * into its serializer's buffer and out again, which cost more than encoding the rows did.
 */
function sendCopyData(stream: CopyConnection['stream'], chunk: Uint8Array): void {
  // As pg's own sends: a closed connection reports its error through the client, not through this write.
  if (!stream.writable) return
  const header = Buffer.allocUnsafe(5)
  header[0] = COPY_DATA
  header.writeInt32BE(chunk.length + 4, 1)
  stream.cork()
  stream.write(header)
  stream.write(chunk)
  stream.uncork()
}

/**
 * Runs `copySql` (a `COPY … FROM STDIN`) on `client`, feeding it `source`; resolves with the rows copied. A real
 * PostgreSQL server only: the embedded database's socket server does not speak the COPY sub-protocol.
 */
export function copyFromStdin(client: pg.ClientBase, copySql: string, source: CopySource): Promise<number> {
  return client.query(new CopyFromStdin(copySql, source)).rowCount
}
