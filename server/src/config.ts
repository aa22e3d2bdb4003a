import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { envSchema } from 'env-schema'
import { Type, type Static } from 'typebox'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Every setting the server reads from its environment; `.env.example` lists the same names. */
export const ConfigSchema = Type.Object({
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATA_DIR: Type.String({ minLength: 1, default: path.join(projectRoot, 'data') }),
  BASEMAP_STYLE_URL: Type.String({ default: '' }),
  DEMO_DATA: Type.Boolean({ default: true }),
  DB_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  DB_STATEMENT_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600000, default: 15000 }),
  PATROLMAP_ADMIN_EMAIL: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', maxLength: 254 })),
  PATROLMAP_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 10 })),
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 60 }),
  SESSION_ABSOLUTE_HOURS: Type.Integer({ minimum: 1, maximum: 720, default: 12 }),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
  LOGIN_MAX_FAILURES_PER_ADDRESS: Type.Integer({ minimum: 1, maximum: 10000, default: 20 }),
  LOGIN_FAILURE_WINDOW_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  SUPPRESSION_THRESHOLD: Type.Integer({ minimum: 1, maximum: 100, default: 3 }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
})

export type AppConfig = Static<typeof ConfigSchema>

/** Validates the environment at boot so a typo fails loudly at start, not at the first request. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return envSchema<AppConfig>({ schema: ConfigSchema, data: env, dotenv: false })
}
