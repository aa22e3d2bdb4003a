import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { projectRoot } from '../../server/src/config.js'

function installedVersion(pkg: string): string {
  const manifest = path.join(projectRoot, 'node_modules', pkg, 'package.json')
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version
}

async function serverVersions(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
    const { rows } = await client.query<{ server: string; postgis: string | null }>(
      `SELECT current_setting('server_version') AS server,
              (SELECT extversion FROM pg_extension WHERE extname = 'postgis') AS postgis`,
    )
    const postgis = rows[0].postgis ?? (await client.query(`SELECT default_version FROM pg_available_extensions WHERE name = 'postgis'`)).rows[0]?.default_version
    return `PostgreSQL ${rows[0].server}, PostGIS ${postgis ?? 'not installed'}`
  } catch (error) {
    return `unreachable (${(error as Error).message})`
  } finally {
    await client.end().catch(() => {})
  }
}

/** What the figures were measured on: they mean little without it. */
export async function describeMachine(url: string): Promise<[string, string][]> {
  const cpus = os.cpus()
  return [
    ['machine', `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}`],
    // Another busy process on the machine skews every figure below; the load at the start says whether one was.
    ['load average', os.loadavg().map((load) => load.toFixed(2)).join(', ') + ' (1, 5, 15 min, at the start)'],
    ['node', process.version],
    ['server db', await serverVersions(url)],
    ['embedded db', `PGlite ${installedVersion('@electric-sql/pglite')}, pglite-postgis ${installedVersion('@electric-sql/pglite-postgis')}`],
  ]
}
