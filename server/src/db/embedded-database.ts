import fs from 'node:fs/promises'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedDatabase {
  url: string
  /** True when the data folder was empty, so the caller knows to load the demo data. */
  createdNow: boolean
  stop(): Promise<void>
}

/**
 * PostgreSQL + PostGIS compiled to WebAssembly, served on a loopback port so the app reaches it with the same
 * `pg` code it uses for a real server. PGlite is one backend: the socket server queues every connection's
 * messages into it, keeping a transaction's messages together.
 */
export async function startEmbeddedDatabase(dataDir: string, options: { port?: number; maxConnections?: number } = {}): Promise<EmbeddedDatabase> {
  const pgDataDir = path.join(dataDir, 'pgdata')
  await fs.mkdir(pgDataDir, { recursive: true })
  const createdNow = (await fs.readdir(pgDataDir)).length === 0
  const db = await PGlite.create(pgDataDir, { extensions: { postgis } })
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: options.maxConnections ?? 4 })
  await server.start()
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    createdNow,
    async stop() {
      await server.stop()
      await db.close()
    },
  }
}
