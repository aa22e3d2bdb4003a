// Production runs the compiled JavaScript with node, without tsx: the server, the import command, and the worker
// threads each starts (police.uk reader, hotspot analyses), which start from their own compiled .js files.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { freePort } from '../../scripts/bench/server-process.js'
import { projectRoot } from '../../server/src/config.js'
import { APP_SCHEMA } from '../../server/src/db/pool.js'
import { boundaryFiles, policeUkFile } from '../support/test-app.js'

const run = promisify(execFile)
const dist = path.join(projectRoot, 'dist')
const ADMIN = { email: 'admin@built.test', password: 'a built-server password' }
const POLICE_FILE = policeUkFile('2024-01')

/** Every file under `dir`, relative to it. */
const filesUnder = (dir: string) =>
  fs.readdirSync(dir, { recursive: true }).map(String).filter((file) => fs.statSync(path.join(dir, file)).isFile())

// The child processes need a database of their own to connect to; the embedded one serves this process only.
describe.skipIf(inject('databaseEngine') !== 'server')('the compiled server (dist/, run by node)', () => {
  const databaseUrl = inject('databaseUrl')
  let server: ChildProcess | null = null
  const output: string[] = []

  beforeAll(async () => {
    await run(process.execPath, ['scripts/build-server.mjs'], { cwd: projectRoot })
    // A fresh schema: the compiled code applies the migrations itself.
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${APP_SCHEMA} CASCADE`)
    } finally {
      await client.end()
    }
  })

  afterAll(async () => {
    if (server && server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM')
      await once(server, 'exit')
    }
  })

  it('holds every module as .js beside the .sql files it reads, with nothing that needs tsx', () => {
    const built = filesUnder(dist)
    expect(built).toContain(path.join('server', 'src', 'main.js'))
    expect(built).toContain(path.join('scripts', 'import.js'))
    expect(built).toContain(path.join('server', 'src', 'features', 'import', 'police-uk', 'reader-worker.js'))
    expect(built).toContain(path.join('server', 'src', 'features', 'hotspots', 'analysis-worker.js'))
    const sqlFiles = filesUnder(path.join(projectRoot, 'server/src')).filter((file) => file.endsWith('.sql'))
    for (const file of sqlFiles) expect(built).toContain(path.join('server', 'src', file))
    expect(built.filter((file) => !file.endsWith('.js') && !file.endsWith('.sql'))).toEqual([])
    const tsx = built.filter((file) => file.endsWith('.js') && fs.readFileSync(path.join(dist, file), 'utf8').includes('tsx'))
    expect(tsx).toEqual([])
  })

  it('reads a police.uk file on the compiled reader thread', async () => {
    const readerThread = path.join(dist, 'server/src/features/import/police-uk/reader-thread.js')
    const script = `
      const { startReaderThread } = await import(${JSON.stringify(new URL(`file://${readerThread}`).href)})
      const { identifyImportSource } = await import(${JSON.stringify(new URL(`file://${path.join(dist, 'server/src/features/import/sources/import-source.js')}`).href)})
      const thread = await startReaderThread()
      if (!thread) throw new Error('the reader thread did not start')
      const reader = thread.read(await identifyImportSource(${JSON.stringify(POLICE_FILE)}), () => {})
      let rows = 0
      for (;;) {
        const step = await reader.next()
        if (step.done) { console.log(JSON.stringify({ rows, end: step.value })); break }
        rows += step.value.length
      }
      await thread.close()`
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: projectRoot })
    const answer = JSON.parse(stdout)
    expect(answer.end).toMatchObject({ rowsRejected: 0, errors: [] })
    expect(answer.rows).toBe(answer.end.rowsRead)
    expect(answer.rows).toBeGreaterThan(5000)
  })

  it('imports with node dist/scripts/import.js', async () => {
    const { stdout } = await run(process.execPath, ['dist/scripts/import.js', ...boundaryFiles, POLICE_FILE], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    })
    expect(stdout).toMatch(/^committed .*lad-dec2022-cleveland\.geojson: 4 of 4 rows added$/m)
    expect(stdout).toMatch(/^committed .*wards-dec2023-cleveland\.geojson: 83 of 83 rows added$/m)
    expect(stdout).toMatch(/^committed .*2024-01-cleveland-street\.csv\.gz: (\d+) of \1 rows added$/m)
    expect(stdout).toMatch(/; 0 file\(s\) rejected$/m)
  })

  it('serves a hot spot analysis worked out on a compiled analysis thread, with node dist/server/src/main.js', async () => {
    const port = await freePort()
    server = spawn(process.execPath, ['dist/server/src/main.js'], {
      cwd: projectRoot,
      env: {
        ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
        PATROLMAP_ADMIN_EMAIL: ADMIN.email, PATROLMAP_ADMIN_PASSWORD: ADMIN.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    server.stdout!.on('data', (chunk) => output.push(String(chunk)))
    server.stderr!.on('data', (chunk) => output.push(String(chunk)))
    const base = `http://127.0.0.1:${port}`
    const deadline = Date.now() + 60_000
    while ((await fetch(`${base}/api/health`).then((response) => response.status, () => 0)) !== 200) {
      expect(server.exitCode, output.join('')).toBeNull()
      expect(Date.now(), `the server did not answer within 60 s:\n${output.join('')}`).toBeLessThan(deadline)
      await sleep(100)
    }
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })
    expect(login.status, await login.clone().text()).toBe(200)
    const cookie = login.headers.getSetCookie().map((header) => header.split(';')[0]).join('; ')
    const response = await fetch(`${base}/api/hotspots/gistar?res=9`, { headers: { cookie } })
    expect(response.status, await response.clone().text()).toBe(200)
    expect(response.headers.get('patrolmap-analysis')).toBe('computed')
    const body = await response.json()
    expect(body.period).toEqual({ from: '2024-01', to: '2024-01' })
    expect(body.totalValue).toBeGreaterThan(5000)
    expect(body.classCounts['hot-99']).toBeGreaterThan(0)
  })
})
