import pg from 'pg'

// Postgres bigint (int8) and numeric stay strings by default; counts here fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

export const APP_SCHEMA = 'patrolmap'

export interface PoolOptions {
  max: number
  statementTimeoutMs: number
}

/** A pool whose every connection works in the app's schema, with PostGIS (in public) on the path. */
export function createPool(connectionString: string, options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max,
    // Awaited before the client is handed out, so every statement sees the path and the timeout.
    onConnect: async (client: pg.PoolClient) => {
      await client.query(`SET search_path TO ${APP_SCHEMA}, public; SET statement_timeout TO ${Math.trunc(options.statementTimeoutMs)}`)
    },
  } as pg.PoolConfig)
  // An idle client dying (server restart) must not crash the process.
  pool.on('error', () => {})
  return pool
}
