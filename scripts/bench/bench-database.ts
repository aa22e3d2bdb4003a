import pg from 'pg'
import { loadConfig } from '../../server/src/config.js'
import { openDatabase, type Database } from '../../server/src/db/database.js'
import { APP_SCHEMA } from '../../server/src/db/pool.js'

export const BENCH_DATABASE_NAME = 'patrolmap_bench'
const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

/**
 * BENCH_DATABASE_URL as given; otherwise the database `patrolmap_bench` on the server of DATABASE_URL (or the local
 * default). The bench drops the app schema where it runs, so it never falls back to DATABASE_URL's own database,
 * which holds someone's real data.
 */
export function benchDatabaseUrl(env: NodeJS.ProcessEnv = process.env): { url: string; createIfMissing: boolean } {
  if (env.BENCH_DATABASE_URL) return { url: env.BENCH_DATABASE_URL, createIfMissing: false }
  const url = new URL(env.DATABASE_URL || DEFAULT_SERVER_URL)
  url.pathname = `/${BENCH_DATABASE_NAME}`
  return { url: url.toString(), createIfMissing: true }
}

/** The URL with any password masked, for printing. */
export function printableUrl(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) parsed.password = '***'
  return parsed.toString()
}

/** Creates the bench database through the server's `postgres` database when it does not exist yet. */
export async function ensureBenchDatabase(target: { url: string; createIfMissing: boolean }): Promise<void> {
  if (!target.createIfMissing) return
  const maintenance = new URL(target.url)
  maintenance.pathname = '/postgres'
  const client = new pg.Client({ connectionString: maintenance.toString() })
  await client.connect()
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DATABASE_NAME])
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${BENCH_DATABASE_NAME}`)
  } finally {
    await client.end()
  }
}

/** Drops the app schema (and every table the bench made in it) so the next open migrates from nothing. */
export async function resetAppSchema(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${APP_SCHEMA} CASCADE`)
    await client.query(`CREATE SCHEMA ${APP_SCHEMA}`)
  } finally {
    await client.end()
  }
}

/** Opens the bench database exactly as the server does (PostGIS check, migrations), with the app's default settings. */
export function openBenchDatabase(url: string): Promise<Database> {
  return openDatabase(loadConfig({ DATABASE_URL: url }))
}

/**
 * Flushes dirty pages before a timed stage so one stage's writes are not paid for by the next one's checkpoint.
 * Needs superuser (or pg_checkpoint); without it the stage runs unflushed.
 */
export async function checkpoint(pool: pg.Pool): Promise<void> {
  await pool.query('CHECKPOINT').catch(() => {})
}
