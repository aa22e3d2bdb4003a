import pg from 'pg'

// Postgres bigint (int8) stays a string by default; counts and ids here fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

export const APP_SCHEMA = 'patrolmap'

/** Pool settings shared by the app's pool (through @fastify/postgres) and the command-line tools. */
export function poolConfig(connectionString: string, options: { max: number; statementTimeoutMs: number }): pg.PoolConfig {
  return {
    connectionString,
    max: options.max,
    // Awaited before a new client is handed out, so every statement sees the app's schema and the timeout.
    onConnect: async (client: pg.ClientBase) => {
      await client.query(`SET search_path TO ${APP_SCHEMA}, public; SET statement_timeout TO ${Math.trunc(options.statementTimeoutMs)}`)
    },
  } as pg.PoolConfig
}

export function createPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config)
  // An idle client dying (a server restart) must not crash the process.
  pool.on('error', () => {})
  return pool
}
