import closeWithGrace from 'close-with-grace'
import { buildApp, limitsFromConfig, residentReportsFromConfig, securityFromConfig } from './app.js'
import { bootstrapAdmin } from './features/auth/bootstrap-admin.js'
import { loadConfig } from './config.js'
import { openDatabase } from './db/database.js'
import { StartupError } from './db/migrate.js'
import { loadDemoDataIfEmpty } from './demo-data.js'

const config = loadConfig()
const started = Date.now()
let database
try {
  database = await openDatabase(config, (message) => console.log(message))
} catch (error) {
  console.error(`Patrolmap cannot start: ${error instanceof StartupError ? error.message : (error as Error).message}`)
  process.exit(1)
}
const app = await buildApp({
  connection: database.connection,
  engine: database.engine,
  basemapStyleUrl: config.BASEMAP_STYLE_URL,
  chromiumPath: config.CHROMIUM_PATH,
  weeklySchedule: config.WEEKLY_REPORTS_SCHEDULE,
  mail: config.SMTP_URL ? { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM } : null,
  logger: { level: config.LOG_LEVEL, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'] },
  security: securityFromConfig(config),
  limits: limitsFromConfig(config),
  residentReports: residentReportsFromConfig(config),
})
await app.ready()
const admin = await bootstrapAdmin(app.pg.pool, { email: config.PATROLMAP_ADMIN_EMAIL, password: config.PATROLMAP_ADMIN_PASSWORD })
if (admin?.oneTimePassword) {
  // The one place a password is ever shown: once, on first start, to whoever started the server.
  console.log(
    `\n  First start: sign in as ${admin.email} with the one-time password ${admin.oneTimePassword}\n` +
      '  (you will be asked to choose a new one; set PATROLMAP_ADMIN_EMAIL/PASSWORD to choose them yourself)\n',
  )
} else if (admin) {
  app.log.info(`administrator ${admin.email} created from PATROLMAP_ADMIN_EMAIL`)
}
if (database.engine === 'embedded' && config.DEMO_DATA) {
  await loadDemoDataIfEmpty(app.pg.pool, (message) => app.log.info(message))
}
await app.listen({ port: config.PORT, host: config.HOST })
app.log.info(`Patrolmap ready at http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT} (${database.engine} database, PostGIS ${database.postgisVersion}) after ${((Date.now() - started) / 1000).toFixed(1)} s`)

// SIGINT/SIGTERM (and an uncaught error): stop taking connections, let the requests under way finish, stop the
// embedded database; past the limit the process exits 1 rather than hang a deployment's restart.
closeWithGrace({ delay: config.SHUTDOWN_TIMEOUT_MS, logger: { error: (message: unknown) => app.log.error(message) } }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'stopping after an uncaught error')
  else app.log.info(`${signal ?? 'exit'}: stopping`)
  await app.close()
  await database.close()
})
