import pg from 'pg'

// Postgres bigint (int8) stays a string by default; counts and ids here fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

export const APP_SCHEMA = 'patrolmap'

/** Pool settings shared by the app's pool (through @fastify/postgres) and the command-line tools. */
export interface PoolOptions {
  max: number
  statementTimeoutMs: number
  /**
   * The embedded database is one backend behind every connection, so a new connection inherits the prepared
   * statements of closed ones; it clears them, and it is never closed for idling.
   */
  sharedBackend?: boolean
}

export function poolConfig(connectionString: string, options: PoolOptions): pg.PoolConfig {
  // Custom plans always: the queries take optional filters as `$n IS NULL OR …` and a resolution as `CASE $n …`, which a
  // generic plan must keep for every row; the problem-location inputs ran in 540 ms on the generic plan that PostgreSQL
  // switched to after five runs, against 300 ms planned for the values given. Planning costs well under a millisecond.
  // No JIT: at 12× the real data the analyses' count queries pass its cost threshold and spent ~80 ms compiling for
  // less than that back. 32 MB of work memory: their cell × month aggregates spilled to disk at the default 4 MB.
  const setup = `SET search_path TO ${APP_SCHEMA}, public; SET statement_timeout TO ${Math.trunc(options.statementTimeoutMs)}; SET plan_cache_mode TO force_custom_plan; SET jit TO off; SET work_mem TO '32MB'`
  return {
    connectionString,
    max: options.max,
    idleTimeoutMillis: options.sharedBackend ? 0 : 10_000,
    // Awaited before a new client is handed out, so every statement sees the app's schema and the timeout.
    onConnect: async (client: pg.ClientBase) => {
      await client.query(options.sharedBackend ? `DEALLOCATE ALL; ${setup}` : setup)
    },
  } as pg.PoolConfig
}

export function createPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config)
  survivePoolErrors(pool)
  return pool
}

/**
 * A connection the server closes (a restart, pg_terminate_backend, a network cut) emits 'error': through the pool while
 * the client is idle, on the client itself while it is checked out, even when a query was running (that query fails
 * too, and its request answers 503). An 'error' event nobody listens to ends the process; with these, the pool drops
 * the dead client and opens a new one on the next request.
 */
export function survivePoolErrors(pool: pg.Pool, log: (error: Error) => void = () => {}): void {
  pool.on('error', log)
  pool.on('connect', (client) => client.on('error', log))
}
