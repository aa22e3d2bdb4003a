// What the route benches share: the bench database holding the demo data, and a signed-in analyst's session.
import type pg from 'pg'
import type { buildApp } from '../../server/src/app.js'
import type { Database } from '../../server/src/db/database.js'
import { createPool } from '../../server/src/db/pool.js'
import { createUser } from '../../server/src/features/users/user-store.js'
import { openBenchDatabase } from './bench-database.js'
import { DEMO_INCIDENT_ROWS, importDemoData } from './import-bench.js'
import { progress } from './report.js'

/** The bench database, opened as the server opens it, with the demo data loaded first (untimed) when it is not there. */
export async function openDemoDatabase(url: string, section: string): Promise<Database> {
  const database = await openBenchDatabase(url)
  const probe = createPool({ ...database.connection, max: 1 })
  const loaded = (await probe.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents')).rows[0].n
  await probe.end()
  if (loaded === DEMO_INCIDENT_ROWS) return database
  progress(`${section}: the bench schema holds ${loaded} incidents; loading the demo data first (untimed)`)
  await database.close()
  await importDemoData(url)
  return openBenchDatabase(url)
}

const BENCH_PASSWORD = 'a bench password 123'

/**
 * A signed-in analyst's session cookie: the routes are for staff, so the API time includes the session check every
 * real request pays. The user is made once in the bench database.
 */
export async function analystCookie(app: Awaited<ReturnType<typeof buildApp>>, pool: pg.Pool, email: string): Promise<string> {
  return (await analystSession(app, pool, email)).cookie
}

/** The same, with the CSRF token a write (or a POST that only reads, as placement does) needs. */
export async function analystSession(app: Awaited<ReturnType<typeof buildApp>>, pool: pg.Pool, email: string): Promise<{ cookie: string; csrfToken: string }> {
  await createUser(pool, { email, password: BENCH_PASSWORD, name: 'Bench analyst', role: 'analyst', mustChangePassword: false })
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: BENCH_PASSWORD } })
  const session = response.cookies.find((cookie) => cookie.name === 'pm_session')
  if (response.statusCode !== 200 || !session) throw new Error(`bench sign-in answered ${response.statusCode}: ${response.body}`)
  return { cookie: `pm_session=${session.value}`, csrfToken: response.json().csrfToken }
}
