import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import { inject } from 'vitest'
import { buildApp } from '../../server/src/app.js'
import { projectRoot } from '../../server/src/config.js'
import { ensurePostgis, migrate } from '../../server/src/db/migrate.js'
import { APP_SCHEMA, createPool, poolConfig } from '../../server/src/db/pool.js'
import { importFiles, type ImportSummary } from '../../server/src/features/import/import-files.js'

export const geodata = (...parts: string[]) => path.join(projectRoot, 'geodata', ...parts)
export const boundaryFiles = [geodata('boundaries/lad-dec2022-cleveland.geojson'), geodata('boundaries/wards-dec2023-cleveland.geojson')]
export const policeUkFile = (month: string) => geodata(`police-uk/${month}-cleveland-street.csv.gz`)

export interface TestApp {
  app: FastifyInstance
  /** The app's own pool: with the embedded database, the only connection a test should use. */
  pool: pg.Pool
  importFiles(files: string[], options?: { force?: boolean }): Promise<ImportSummary[]>
  close(): Promise<void>
}

/** The app on an empty, freshly migrated schema of the test database; nothing is shared with other test files. */
export async function startTestApp(options: { clientDir?: string | null } = {}): Promise<TestApp> {
  const engine = inject('databaseEngine')
  const connection = poolConfig(inject('databaseUrl'), { max: engine === 'embedded' ? 1 : 4, statementTimeoutMs: 300_000, sharedBackend: engine === 'embedded' })
  const setupPool = createPool(connection)
  try {
    await setupPool.query(`DROP SCHEMA IF EXISTS ${APP_SCHEMA} CASCADE`)
    await ensurePostgis(setupPool)
    await migrate(setupPool)
  } finally {
    await setupPool.end()
  }
  const app = await buildApp({ connection, engine, clientDir: options.clientDir ?? null })
  await app.ready()
  const pool = app.pg.pool
  return {
    app,
    pool,
    importFiles: (files, importOptions) => importFiles(pool, files, importOptions),
    close: () => app.close(),
  }
}
