import { buildApp } from './app.js'
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
  logger: { level: config.LOG_LEVEL },
})
await app.ready()
if (database.engine === 'embedded' && config.DEMO_DATA) {
  await loadDemoDataIfEmpty(app.pg.pool, (message) => app.log.info(message))
}
await app.listen({ port: config.PORT, host: config.HOST })
app.log.info(`Patrolmap ready at http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT} (${database.engine} database, PostGIS ${database.postgisVersion}) after ${((Date.now() - started) / 1000).toFixed(1)} s`)

const shutdown = async () => {
  await app.close()
  await database.close()
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
