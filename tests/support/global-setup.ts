import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/src/db/embedded-database.js'
import { dropPreparedDatabases } from './prepared-databases.js'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
    databaseEngine: 'embedded' | 'server'
  }
}

/** TEST_DATABASE_URL when set (CI: the real PostGIS server); otherwise one embedded database for the whole run. */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL
  if (url) {
    project.provide('databaseUrl', url)
    project.provide('databaseEngine', 'server')
    // Templates and copies of prepared data (test-app.ts) live for one run: a template left by an earlier run may
    // predate a migration or an importer change, so none is reused.
    await dropPreparedDatabases(url)
    return () => dropPreparedDatabases(url)
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'patrolmap-test-'))
  const embedded: EmbeddedDatabase = await startEmbeddedDatabase(dataDir)
  project.provide('databaseUrl', embedded.url)
  project.provide('databaseEngine', 'embedded')
  return async () => {
    await embedded.stop()
    await fs.rm(dataDir, { recursive: true, force: true })
  }
}

