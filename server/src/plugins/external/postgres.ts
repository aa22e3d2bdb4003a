import fastifyPostgres from '@fastify/postgres'
import fp from 'fastify-plugin'
import type pg from 'pg'
import { survivePoolErrors } from '../../db/pool.js'

/**
 * The app's one pool (`app.pg`). Losing its connections (a database restart, pg_terminate_backend, a network cut) must
 * not end the process: the pool drops the dead client and opens a new one on the next request.
 */
export default fp<{ connection: pg.PoolConfig }>(async (app, { connection }) => {
  await app.register(fastifyPostgres, connection as Parameters<typeof fastifyPostgres>[1])
  survivePoolErrors(app.pg.pool, (error) => app.log.warn({ err: error }, 'a database connection was lost'))
}, { name: 'postgres' })
