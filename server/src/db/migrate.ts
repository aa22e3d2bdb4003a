import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type pg from 'pg'
import { projectRoot } from '../config.js'
import { APP_SCHEMA } from './pool.js'

export const migrationsDir = path.join(projectRoot, 'server/migrations')

export class StartupError extends Error {}

/** PostGIS is not optional: every feature measures or joins in space. */
export async function ensurePostgis(pool: pg.Pool): Promise<string> {
  const available = await pool.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'`)
  if (available.rowCount === 0) {
    throw new StartupError(
      'PostGIS is required but is not installed on the database server named by DATABASE_URL ' +
        '(on Debian: apt-get install postgresql-15-postgis-3).',
    )
  }
  await pool.query('CREATE EXTENSION IF NOT EXISTS postgis')
  const version = await pool.query<{ version: string }>('SELECT postgis_lib_version() AS version')
  return version.rows[0].version
}

/**
 * Applies `server/migrations/NNN_name.sql` in order, each in its own transaction, and records it with a checksum.
 * A landed migration is never edited: a changed checksum stops the start. Schema only: what the features need filled
 * in after it is database.ts's prepareSchema.
 */
export async function migrate(pool: pg.Pool): Promise<string[]> {
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${APP_SCHEMA}`)
  await pool.query(`CREATE TABLE IF NOT EXISTS ${APP_SCHEMA}.schema_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
  const files = (await fs.readdir(migrationsDir)).filter((file) => /^\d{3}_.+\.sql$/.test(file)).sort()
  const applied = new Map(
    (await pool.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM ${APP_SCHEMA}.schema_migrations`)).rows.map(
      (row) => [row.name, row.checksum],
    ),
  )
  const appliedNow: string[] = []
  for (const file of files) {
    const sql = await fs.readFile(path.join(migrationsDir, file), 'utf8')
    const checksum = crypto.createHash('sha256').update(sql).digest('hex')
    const landed = applied.get(file)
    if (landed !== undefined) {
      if (landed !== checksum) throw new StartupError(`Migration ${file} was edited after it was applied; add a new migration instead.`)
      continue
    }
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      await client.query(sql)
      await client.query(`INSERT INTO ${APP_SCHEMA}.schema_migrations (name, checksum) VALUES ($1, $2)`, [file, checksum])
      await client.query('COMMIT')
      appliedNow.push(file)
    } catch (error) {
      await client.query('ROLLBACK')
      throw new StartupError(`Migration ${file} failed: ${(error as Error).message}`)
    } finally {
      client.release()
    }
  }
  return appliedNow
}
