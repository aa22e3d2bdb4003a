import type pg from 'pg'
import type { AppConfig } from '../config.js'
import { startEmbeddedDatabase } from './embedded-database.js'
import { ensurePostgis, migrate } from './migrate.js'
import { createPool } from './pool.js'

export interface Database {
  pool: pg.Pool
  engine: 'embedded' | 'server'
  postgisVersion: string
  /** True when the embedded database was created by this start (its data folder was empty). */
  createdNow: boolean
  close(): Promise<void>
}

type DatabaseConfig = Pick<AppConfig, 'DATABASE_URL' | 'DATA_DIR' | 'DB_POOL_SIZE' | 'DB_STATEMENT_TIMEOUT_MS'>

/**
 * The server named by DATABASE_URL, or with none the embedded PGlite database in DATA_DIR; either way PostGIS is
 * checked and migrations applied before anything else runs.
 */
export async function openDatabase(config: DatabaseConfig, log: (message: string) => void = () => {}): Promise<Database> {
  const embedded = config.DATABASE_URL ? null : await startEmbeddedDatabase(config.DATA_DIR)
  if (embedded) log(`embedded PostgreSQL (PGlite) with PostGIS, data in ${config.DATA_DIR}`)
  // PGlite is a single backend shared by every connection; named prepared statements would collide across
  // connections there, so the app keeps one.
  const pool = createPool(embedded?.url ?? config.DATABASE_URL!, {
    max: embedded ? 1 : config.DB_POOL_SIZE,
    statementTimeoutMs: embedded ? Math.max(config.DB_STATEMENT_TIMEOUT_MS, 120_000) : config.DB_STATEMENT_TIMEOUT_MS,
  })
  try {
    const postgisVersion = await ensurePostgis(pool)
    const applied = await migrate(pool)
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`)
    return {
      pool,
      engine: embedded ? 'embedded' : 'server',
      postgisVersion,
      createdNow: embedded?.createdNow ?? false,
      async close() {
        await pool.end()
        await embedded?.stop()
      },
    }
  } catch (error) {
    await pool.end().catch(() => {})
    await embedded?.stop().catch(() => {})
    throw error
  }
}
