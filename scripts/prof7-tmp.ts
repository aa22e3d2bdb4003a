import { buildApp } from '../server/src/app.js'
import { createPool } from '../server/src/db/pool.js'
import { createUser } from '../server/src/features/users/user-store.js'
import { openBenchDatabase } from './bench/bench-database.js'
const database = await openBenchDatabase('postgres://postgres@127.0.0.1:5432/patrolmap_bench')
const app = await buildApp({ connection: database.connection, engine: database.engine, clientDir: null, logger: false })
await app.ready()
const pool = createPool(database.connection)
const user = { email: 'prof@bench.local', password: 'a bench password 123' }
await createUser(pool, { ...user, name: 'p', role: 'analyst', mustChangePassword: false }).catch(() => {})
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: user })
const cookie = `pm_session=${login.cookies.find((c) => c.name === 'pm_session')!.value}`
const ts: number[] = []
for (let i = 0; i < 40; i++) {
  const a = performance.now()
  const r = await app.inject({ method: 'GET', url: '/api/hotspots/problem-locations?res=9', headers: { cookie } })
  if (r.statusCode !== 200) throw new Error(r.body)
  ts.push(performance.now() - a)
}
ts.sort((x, y) => x - y); console.log('p50', ts[20].toFixed(1), 'p95', ts[38].toFixed(1))
await app.close(); await pool.end(); await database.close()
