import { createHash } from 'node:crypto'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import { inject } from 'vitest'
import { buildApp, type LoadLimits, type SecuritySettings } from '../../server/src/app.js'
import type { ResidentReportSettings } from '../../server/src/features/resident-reports/routes.js'
import { projectRoot } from '../../server/src/config.js'
import { prepareSchema } from '../../server/src/db/database.js'
import { ensurePostgis } from '../../server/src/db/migrate.js'
import { APP_SCHEMA, createPool, poolConfig } from '../../server/src/db/pool.js'
import type { Role } from '../../server/src/features/users/roles.js'
import type { MailSettings } from '../../server/src/features/weekly-reports/mailer.js'
import type { ScryptCost } from '../../server/src/features/users/passwords.js'
import { importFiles, type ImportOptions, type ImportSummary } from '../../server/src/features/import/index.js'
import { createUser } from '../../server/src/features/users/user-store.js'
import { preparedDatabasePrefixes, quoteIdent as ident, withMaintenanceConnection as withServer } from './prepared-databases.js'

export const geodata = (...parts: string[]) => path.join(projectRoot, 'geodata', ...parts)
export const boundaryFiles = [geodata('boundaries/lad-dec2022-cleveland.geojson'), geodata('boundaries/wards-dec2023-cleveland.geojson')]
export const policeUkFile = (month: string) => geodata(`police-uk/${month}-cleveland-street.csv.gz`)

/** Test users' hashes are cheap: scrypt at the real cost would spend a second per user on nothing under test. */
export const TEST_HASH_COST: ScryptCost = { N: 2 ** 10, r: 8, p: 1 }
export const TEST_PASSWORD = 'a test password 123'

export interface TestUser {
  email: string
  name?: string
  role: Role
  password?: string
  wards?: string[]
  mustChangePassword?: boolean
}

/** A user made straight in the database (not through the API, so no audit entry); returns the id. */
export async function createTestUser(pool: pg.Pool, user: TestUser): Promise<number> {
  const id = await createUser(pool, {
    email: user.email,
    name: user.name ?? user.email.split('@')[0],
    role: user.role,
    password: user.password ?? TEST_PASSWORD,
    mustChangePassword: user.mustChangePassword ?? false,
    wards: user.wards,
    hashCost: TEST_HASH_COST,
  })
  if (id === null) throw new Error(`${user.email} already exists`)
  return id
}

export interface SignedIn {
  cookie: string
  csrfToken: string
  /** Headers for app.inject: the session cookie, and the CSRF token that writes need. */
  headers: { cookie: string; 'x-csrf-token': string }
  user: { id: number; email: string; role: Role; mustChangePassword: boolean }
}

/** Signs in through POST /api/auth/login, as a browser would. */
export async function signIn(app: FastifyInstance, email: string, password: string = TEST_PASSWORD): Promise<SignedIn> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
  if (response.statusCode !== 200) throw new Error(`sign-in as ${email} answered ${response.statusCode}: ${response.body}`)
  const session = response.cookies.find((cookie) => cookie.name === 'pm_session')
  if (!session) throw new Error('sign-in set no session cookie')
  const body = response.json()
  const cookie = `pm_session=${session.value}`
  return { cookie, csrfToken: body.csrfToken, headers: { cookie, 'x-csrf-token': body.csrfToken }, user: body.user }
}

export interface TestApp {
  app: FastifyInstance
  /** The app's own pool: with the embedded database, the only connection a test should use. */
  pool: pg.Pool
  importFiles(files: string[], options?: ImportOptions): Promise<ImportSummary[]>
  /** Signed in as `<role>@test.local` (made on first use, with `wards` for a councillor). */
  signInAs(role: Role, options?: { wards?: string[] }): Promise<SignedIn>
  close(): Promise<void>
}

/**
 * The event-loop check is off unless a test asks for it: tests run in the app's own process, and their own work (an
 * integer program solved, h3-js over every incident) holds the loop the app would then count as its own.
 */
export const TEST_LIMITS: Partial<LoadLimits> = { maxEventLoopDelayMs: 0 }

/**
 * A private copy of a database holding the migrated schema with `files` imported, made with CREATE DATABASE …
 * TEMPLATE (a fraction of a second) from a template built on first use in this run and kept until the run ends
 * (global-setup.ts drops both). Importing the same demo data again in every file cost seconds each; a copy is the
 * same bytes. Returns the copy's URL.
 */
async function copyOfPreparedDatabase(testDatabaseUrl: string, files: readonly string[]): Promise<string> {
  const base = new URL(testDatabaseUrl)
  const baseName = decodeURIComponent(base.pathname.slice(1))
  const { template: templatePrefix, copy: copyPrefix } = preparedDatabasePrefixes(baseName)
  const key = createHash('sha256').update(JSON.stringify(files.map((file) => path.relative(projectRoot, file)))).digest('hex').slice(0, 12)
  const template = `${templatePrefix}${key}`
  const urlOf = (name: string) => Object.assign(new URL(base.href), { pathname: `/${encodeURIComponent(name)}` }).href
  const exists = await withServer(testDatabaseUrl, async (client) => (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount === 1)
  if (!exists) {
    // Built under another name and renamed when complete, so a build that failed half-way is never copied.
    const building = `${template}_building`
    await withServer(testDatabaseUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${ident(building)} WITH (FORCE)`)
      await client.query(`CREATE DATABASE ${ident(building)}`)
    })
    const pool = createPool(poolConfig(urlOf(building), { max: 4, statementTimeoutMs: 300_000 }))
    try {
      await ensurePostgis(pool)
      await prepareSchema(pool)
      await importFiles(pool, [...files])
    } finally {
      await pool.end()
    }
    await withServer(testDatabaseUrl, (client) => client.query(`ALTER DATABASE ${ident(building)} RENAME TO ${ident(template)}`))
  }
  const copy = `${copyPrefix}${key}_${process.pid}_${Date.now().toString(36)}`
  // PostgreSQL cuts longer names short, and the template would then never be found by its full name.
  if (Buffer.byteLength(`${template}_building`) > 63 || Buffer.byteLength(copy) > 63) throw new Error(`test database name ${baseName} is too long to name copies after`)
  await withServer(testDatabaseUrl, (client) => client.query(`CREATE DATABASE ${ident(copy)} TEMPLATE ${ident(template)}`))
  return urlOf(copy)
}

/**
 * The app on an empty, freshly migrated schema of the test database; nothing is shared with other test files.
 * Passwords the app hashes itself (a change, a reset, a user made through the API, the stand-in hash an unknown email
 * is checked against) cost TEST_HASH_COST too, unless a test asks for the real cost: at the real cost every later
 * sign-in as that user spends a second on nothing under test.
 * With `data`, those files are imported before the app starts: on a database server the app then runs on its own copy
 * of a database prepared once per run with them (copyOfPreparedDatabase); on the embedded one they are imported.
 */
export async function startTestApp(
  options: { clientDir?: string | null; security?: Partial<SecuritySettings>; limits?: Partial<LoadLimits>; mail?: MailSettings | null; data?: readonly string[]; residentReports?: Partial<ResidentReportSettings> } = {},
): Promise<TestApp> {
  const engine = inject('databaseEngine')
  const copied = options.data && engine === 'server' ? await copyOfPreparedDatabase(inject('databaseUrl'), options.data) : null
  const connection = poolConfig(copied ?? inject('databaseUrl'), { max: engine === 'embedded' ? 1 : 4, statementTimeoutMs: 300_000, sharedBackend: engine === 'embedded' })
  const setupPool = createPool(connection)
  try {
    if (!copied) {
      await setupPool.query(`DROP SCHEMA IF EXISTS ${APP_SCHEMA} CASCADE`)
      await ensurePostgis(setupPool)
      await prepareSchema(setupPool)
      if (options.data) await importFiles(setupPool, [...options.data])
    }
  } finally {
    await setupPool.end()
  }
  const security = { passwordHashCost: TEST_HASH_COST, ...options.security }
  const app = await buildApp({
    connection,
    engine,
    clientDir: options.clientDir ?? null,
    security,
    limits: { ...TEST_LIMITS, ...options.limits },
    mail: options.mail ?? null,
    // No scheduled erasure in tests (no timers left behind): the erasure test calls eraseExpiredReports itself.
    residentReports: { erasureSchedule: null, ...options.residentReports },
  })
  await app.ready()
  const pool = app.pg.pool
  return {
    app,
    pool,
    importFiles: (files, importOptions) => importFiles(pool, files, importOptions),
    signInAs: async (role, signInOptions = {}) => {
      const email = `${role}@test.local`
      const existing = await pool.query('SELECT 1 FROM users WHERE email = $1', [email])
      if (existing.rowCount === 0) await createTestUser(pool, { email, role, wards: signInOptions.wards })
      return signIn(app, email)
    },
    close: () => app.close(),
  }
}
