import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { envSchema } from 'env-schema'
import { Type, type Static } from 'typebox'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './features/users/password-rules.js'

/**
 * The folder holding package.json, geodata/, server/migrations/ and client/dist/: the nearest one above this module,
 * which is server/src/ in the sources and dist/server/src/ when compiled (npm run build:server).
 */
export const projectRoot = (() => {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`)
  }
})()

/** Every setting the server reads from its environment; `.env.example` lists the same names. */
export const ConfigSchema = Type.Object({
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATA_DIR: Type.String({ minLength: 1, default: path.join(projectRoot, 'data') }),
  BASEMAP_STYLE_URL: Type.String({ default: '' }),
  CHROMIUM_PATH: Type.String({ minLength: 1, default: '/usr/bin/chromium', description: 'the system Chromium that renders task sheets to PDF; none there: the PDF answers 503' }),
  DEMO_DATA: Type.Boolean({ default: true }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://', description: 'e-mail weekly ward reports to councillors through this SMTP server (smtp://user:pass@host:587); none: no e-mail' })),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Patrolmap <patrolmap@localhost>', description: 'the sender of weekly report e-mails' }),
  WEEKLY_REPORTS_SCHEDULE: Type.Boolean({
    default: true,
    description: "publish every ward's weekly report on Mondays at 06:00 UK time, and any missing ones on start; false where cron runs scripts/publish-weekly-reports.ts instead",
  }),
  DB_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  DB_STATEMENT_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 600000, default: 15000 }),
  PATROLMAP_ADMIN_EMAIL: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', maxLength: 254 })),
  PATROLMAP_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH })),
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 60 }),
  SESSION_ABSOLUTE_HOURS: Type.Integer({ minimum: 1, maximum: 720, default: 12 }),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: Type.Integer({ minimum: 1, maximum: 1000, default: 5 }),
  LOGIN_MAX_FAILURES_PER_ADDRESS: Type.Integer({ minimum: 1, maximum: 10000, default: 20 }),
  LOGIN_FAILURE_WINDOW_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 15 }),
  SUPPRESSION_THRESHOLD: Type.Integer({ minimum: 1, maximum: 100, default: 3 }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 3000,
    description: 'requests one client address may make in a minute, every route together; a team behind one NAT shares it',
  }),
  PRESSURE_MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 1000, description: 'refuse requests (503) while the mean event-loop delay is above this; 0: never' }),
  PRESSURE_MAX_HEAP_USED_FRACTION: Type.Number({ minimum: 0, maximum: 1, default: 0.9, description: "refuse requests (503) while this share of V8's heap limit is in use; 0: never" }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 0, maximum: 600_000, default: 10_000, description: 'on SIGTERM/SIGINT, how long requests under way may take to finish before the process exits anyway' }),
  TRUST_PROXY: Type.String({ default: 'false', description: 'false, or the proxies\' addresses: IPs and CIDR ranges, comma-separated' }),
  REPORT_RETENTION_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 365, description: "days a resident report's contact details, photos and the reporter's messages are kept before the daily job erases them" }),
  REPORT_PUBLIC_URL: Type.String({ default: '', pattern: '^(https?://[^\\s/]+)?$', description: "the public address posters' QR codes open (https://report.example.gov.uk); empty: the address the poster was made on" }),
  REPORT_PARTNERSHIP_NAME: Type.String({ minLength: 1, maxLength: 120, default: 'Community Safety Partnership', description: 'the partnership named on the report form posters' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
})

/** `false`, or the addresses and CIDR ranges of the proxies whose X-Forwarded-* headers are believed. */
export type TrustProxy = false | string[]

export type AppConfig = Omit<Static<typeof ConfigSchema>, 'TRUST_PROXY'> & { TRUST_PROXY: TrustProxy }

/** Validates the environment at boot so a typo fails loudly at start, not at the first request. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const config = envSchema<Static<typeof ConfigSchema>>({ schema: ConfigSchema, data: env, dotenv: false })
  return { ...config, TRUST_PROXY: parseTrustProxy(config.TRUST_PROXY) }
}

/** proxy-addr's names for the loopback, link-local and private ranges, which Fastify accepts in the list. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal'])

/**
 * Which peers may speak for the client in X-Forwarded-For/-Proto. Only the proxies' own addresses: the server then
 * walks X-Forwarded-For from the right and takes the first address that is not one of them, so whatever a client
 * writes at the left is ignored. `true` (trust every peer: the client's own leftmost entry wins) and hop counts are
 * refused rather than reinterpreted: Fastify ignores a hop count, since it cannot tell a proxy from a client that
 * reaches the server directly, and either would silently put every client behind one address.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim()
  if (text === '' || text.toLowerCase() === 'false') return false
  const fix = 'give the address of the proxy in front of the server (e.g. TRUST_PROXY=10.0.0.5), or a comma-separated list of addresses and CIDR ranges (e.g. TRUST_PROXY=10.0.0.5,172.18.0.0/16)'
  if (text.toLowerCase() === 'true') {
    throw new Error(`TRUST_PROXY=true would believe the client address any client writes in X-Forwarded-For; ${fix}.`)
  }
  if (/^\d+$/.test(text)) {
    throw new Error(`TRUST_PROXY=${text}: a hop count cannot tell a proxy from a client reaching the server directly; ${fix}.`)
  }
  const entries = text.split(',').map((entry) => entry.trim())
  const bad = entries.filter((entry) => !isProxyAddress(entry))
  if (bad.length) throw new Error(`TRUST_PROXY: ${bad.map((entry) => `'${entry}'`).join(', ')} is not an IP address or CIDR range; ${fix}.`)
  return entries
}

function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true
  const [address, prefix, ...rest] = entry.split('/')
  const family = net.isIP(address)
  if (!family || rest.length) return false
  if (prefix === undefined) return true
  if (family === 4 && net.isIPv4(prefix)) return true // a netmask: 10.0.0.0/255.0.0.0
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)
}
