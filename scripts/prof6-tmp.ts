import { createPool, poolConfig } from '../server/src/db/pool.js'
import { loadQuery } from '../server/src/lib/sql-file.js'
const u = new URL('../server/src/features/hotspots/routes.ts', import.meta.url).href
const cm = loadQuery(u, 'cell-month-values.sql'), pv = loadQuery(u, 'place-values.sql')
const pool = createPool(poolConfig('postgres://postgres@127.0.0.1:5432/patrolmap_bench', { max: 4, statementTimeoutMs: 60000 }))
const v = ['2023-01', '2025-11', null, null, 9]
const results: Record<string, number[]> = {}
const run = async (name: string, f: () => Promise<unknown>) => { const a = performance.now(); await f(); (results[name] ??= []).push(performance.now() - a) }
for (let round = 0; round < 25; round++) {
  await run('cellmonth', () => pool.query({ ...cm, values: v, rowMode: 'array' }))
  await run('places', () => pool.query({ ...pv, values: v }))
  await run('both', () => Promise.all([pool.query({ ...cm, values: v, rowMode: 'array' }), pool.query({ ...pv, values: v })]))
}
for (const [k, ts] of Object.entries(results)) { ts.sort((x, y) => x - y); console.log(k.padEnd(20), 'min', ts[0].toFixed(1), 'p50', ts[12].toFixed(1), 'p90', ts[22].toFixed(1)) }
await pool.end()
