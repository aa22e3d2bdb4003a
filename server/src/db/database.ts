import type pg from 'pg'
import type { AppConfig } from '../config.js'
import { startEmbeddedDatabase } from './embedded-database.js'
import { seedHarmWeights } from '../features/harm-weights/harm-weight-store.js'
import { fillLocationCells } from '../features/import/storing/location-cells.js'
import { ensurePostgis, migrate } from './migrate.js'
import { createPool, poolConfig } from './pool.js'

export interface Database {
  /** Settings for any pool that talks to this database (the app's, a CLI's). */
  connection: pg.PoolConfig
  engine: 'embedded' | 'server'
  postgisVersion: string
  /** Stops the embedded database, if this process started one. */
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
  const connection = poolConfig(embedded?.url ?? config.DATABASE_URL!, {
    // PGlite is one backend behind every connection, which the socket server interleaves message by message:
    // the app keeps one connection there.
    max: embedded ? 1 : config.DB_POOL_SIZE,
    sharedBackend: embedded !== null,
    // The WebAssembly database is several times slower than a native server.
    statementTimeoutMs: embedded ? Math.max(config.DB_STATEMENT_TIMEOUT_MS, 120_000) : config.DB_STATEMENT_TIMEOUT_MS,
  })
  const pool = createPool({ ...connection, max: 1 })
  try {
    const postgisVersion = await ensurePostgis(pool)
    const applied = await prepareSchema(pool)
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`)
    return {
      connection,
      engine: embedded ? 'embedded' : 'server',
      postgisVersion,
      close: async () => embedded?.stop(),
    }
  } catch (error) {
    await embedded?.stop().catch(() => {})
    throw error
  } finally {
    await pool.end().catch(() => {})
  }
}

/**
 * The start-up sequence after PostGIS is there: the migrations, then what SQL cannot compute (the H3 cells of points a
 * migration moved) and the reference data the schema is useless without (every category needs a harm weight before
 * any analysis runs). Returns the migrations applied now.
 */
export async function prepareSchema(pool: pg.Pool): Promise<string[]> {
  const applied = await migrate(pool)
  await fillLocationCells(pool)
  await seedHarmWeights(pool)
  return applied
}
