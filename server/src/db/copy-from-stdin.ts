import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'

/**
 * What COPY reads: a stream or any (async) iterable of byte chunks, such as a generator encoding rows lazily. A chunk
 * goes to the socket as it is, not copied: its bytes must not change once it has been yielded.
 */
export type CopySource = NodeJS.ReadableStream | AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer | Uint8Array>

/**
 * Runs `copySql` (a `COPY … FROM STDIN`) on `client`, feeding it `source` through pg-copy-streams; resolves with the
 * rows copied. A failing source sends CopyFail, so the statement fails and the transaction with it. A real PostgreSQL
 * server only: the embedded database's socket server does not speak the COPY sub-protocol.
 */
export async function copyFromStdin(client: pg.ClientBase, copySql: string, source: CopySource): Promise<number> {
  const copy = client.query(copyFrom(copySql))
  await pipeline(source, copy)
  return copy.rowCount
}
